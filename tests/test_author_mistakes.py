"""Every author mistake stops the build with one line: the file, the field, the value and
what to write, in the site's language; nothing is written.

Each build gathers several broken files: errors are collected over the whole content, so
one build checks them all.
"""

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.sitebuild import DEMO, ROOT, build, copy_content

POST_HEAD = "title: Une actualité\ndate: 2026-11-16 10:00\n"


def write(content: Path, name: str, text: str | bytes) -> Path:
    path = content / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def error_lines(site, word="ERREUR") -> list[str]:
    return [line for line in site.stderr.splitlines() if line.startswith(f"{word} ")]


def existing_output(tmp_path: Path) -> dict[str, bytes]:
    """An output folder from an earlier build, which a failed build must leave as it was."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>site publié hier</p>", encoding="utf-8")
    return snapshot(output)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def write_mistakes(content: Path) -> None:
    """One mistake per file, in a copy of the demo content."""
    write(content, "blog/latin.md", "title: Café\ndate: 2026-11-16\n\nDéjà.\n".encode("latin-1"))
    write(content, "blog/fevrier.md", "title: Février\ndate: 2026-02-30\n\nTexte.\n")
    write(content, "blog/heure.md", "title: Heure\ndate: 2026-11-16 25:00\n\nTexte.\n")
    write(content, "blog/barres.md", "title: Barres\ndate: 05/06/2026\n\nTexte.\n")
    write(content, "blog/deux-points.md", "title: Colon\ndate 2026-11-16\ncategory: X\n\nTexte.\n")
    write(content, "blog/sans-titre.md", "date: 2026-11-16\n\nTexte.\n")
    write(content, "blog/yaml.md", "---\ntitle: Portes ouvertes : le programme\n---\n\nTexte.\n")
    write(content, "blog/programe.md", f"{POST_HEAD}programe: lp-photographie-audiovisuel\n\nx\n")
    write(
        content,
        "blog/liens.md",
        f"{POST_HEAD}\n![Affiche]({{static}}/images/affiche.png)\n\n"
        "[Contact]({filename}../pages/contacts.md)\n",
    )
    write(content, "blog/annonce.md.txt", f"{POST_HEAD}\nTexte.\n")
    write(content, "blog/plaquette.docx", b"PK\x03\x04")
    write(content, "pages/nav.md", "title: Plan\nnav: sidebar\n\nTexte.\n")
    write(content, "pages/statut.md", "title: Plan\nstatus: brouillon\n\nTexte.\n")
    write(content, "images/notes.txt", "a static folder holds any file")
    programme = content / "programmes/master-humanites-numeriques.md"
    head = programme.read_text(encoding="utf-8")
    yaml = head.startswith("---\n")  # the typo goes inside the front matter, if it has one
    programme.write_text("---\n" * yaml + "brochur: plaquette.pdf\n" + head[4 * yaml :])
    event = content / "events/portes-ouvertes-2027.md"
    event.write_text("adress: 4 avenue de Varsovie\n" + event.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory):
    """The demo with one mistake per file, built once."""
    tmp_path = tmp_path_factory.mktemp("mistakes")
    content = copy_content(tmp_path / "content")
    before = existing_output(tmp_path)
    write_mistakes(content)
    site = build(tmp_path, content=content)
    return site, content, before


def test_every_mistake_is_one_line_naming_file_field_value_and_what_to_write(broken_site):
    site, content, _ = broken_site
    date_hint = "une date AAAA-MM-JJ, ou AAAA-MM-JJ HH:MM, par exemple 2026-11-16 10:00"
    expected = {
        f"ERREUR {content}/blog/latin.md: champ « encodage » : le fichier n’est pas en UTF-8 "
        "(ligne 1 : « title: Café ») — attendu : un fichier enregistré en UTF-8 (dans l’éditeur "
        ": Enregistrer sous… › Encodage : UTF-8)",
        f"ERREUR {content}/blog/fevrier.md: champ « date » : « 2026-02-30 » : ce jour n’existe "
        "pas — attendu : une date qui existe, AAAA-MM-JJ ou AAAA-MM-JJ HH:MM, par exemple "
        "2026-02-28",
        f"ERREUR {content}/blog/heure.md: champ « date » : « 2026-11-16 25:00 » : cette heure "
        "n’existe pas — attendu : une heure entre 00:00 et 23:59, par exemple 2026-11-16 10:00",
        f"ERREUR {content}/blog/barres.md: champ « date » : « 05/06/2026 » ne convient pas "
        f"— attendu : {date_hint}",
        f"ERREUR {content}/blog/deux-points.md: champ « date » : ligne 2 « date 2026-11-16 » : "
        "il manque « : » après le nom du champ — attendu : date: 2026-11-16",
        f"ERREUR {content}/blog/sans-titre.md: champ « title » : manquant — attendu : une ligne "
        "« title: … » en tête du fichier",
        f"ERREUR {content}/blog/yaml.md: champ « title » : l’en-tête YAML est mal formé, ligne 2 "
        "« title: Portes ouvertes : le programme » (un « : » suivi d’une espace dans la valeur) — "
        "attendu : « champ: valeur » ; entre guillemets une valeur qui contient « : » ou « # », "
        'par exemple title: "Portes ouvertes : le programme"',
        f"ERREUR {content}/blog/programe.md: champ « programe » : champ inconnu pour un article "
        "— vouliez-vous dire « programme » ? — attendu : « programme: … », ou « programe » "
        "ajouté à RELAIS_EXTRA_METADATA dans pelicanconf.py",
        f"ERREUR {content}/blog/liens.md:4: lien « {{static}}/images/affiche.png » : le fichier "
        f"{content}/images/affiche.png n’existe pas — attendu : le chemin d’un fichier rangé "
        "sous content/, par exemple {static}/images/photo.jpg",
        f"ERREUR {content}/blog/liens.md:6: lien « {{filename}}../pages/contacts.md » : le fichier "
        f"{content}/pages/contacts.md n’existe pas — attendu : le chemin d’un fichier du site, "
        "depuis ce fichier ({filename}../pages/contact.md) ou depuis content/ "
        "({filename}/pages/contact.md)",
        f"ERREUR {content}/blog/annonce.md.txt: champ « nom du fichier » : « annonce.md.txt » "
        "n’est pas lu : seuls les fichiers .md sont du contenu — attendu : le fichier renommé "
        "en annonce.md",
        f"ERREUR {content}/blog/plaquette.docx: champ « nom du fichier » : « plaquette.docx » "
        "n’est pas lu : seuls les fichiers .md sont du contenu — attendu : le texte recopié dans "
        "plaquette.md ; un document à télécharger va en PDF dans content/brochures/, une image "
        "dans content/images/",
        f"ERREUR {content}/pages/nav.md: champ « nav » : « sidebar » ne convient pas — attendu "
        ": header (menu du haut) ou footer (pied de page)",
        f"ERREUR {content}/pages/statut.md: champ « status » : « brouillon » ne convient pas — "
        "attendu : l’un de : published, hidden, draft, skip",
        f"ERREUR {content}/programmes/master-humanites-numeriques.md: champ « brochur » : champ "
        "inconnu pour une formation — vouliez-vous dire « brochure » ? — attendu : « brochure: "
        "… », ou « brochur » ajouté à RELAIS_EXTRA_METADATA dans pelicanconf.py",
        f"ERREUR {content}/events/portes-ouvertes-2027.md: champ « adress » : champ inconnu pour "
        "un événement — vouliez-vous dire « address » ? — attendu : « address: … », ou « adress »"
        " ajouté à RELAIS_EXTRA_METADATA dans pelicanconf.py",
    }
    lines = error_lines(site)
    assert set(lines) == expected, "\n".join(sorted(set(lines) ^ expected))
    assert len(lines) == len(expected)  # once each
    assert site.stderr.splitlines()[-1] == (
        f"La construction est arrêtée : {len(expected)} erreur(s) dans le contenu, "
        "rien n’a été écrit."
    )


def test_a_broken_site_fails_without_traceback_or_english_and_leaves_the_output_alone(
    broken_site,
):
    site, _, before = broken_site
    assert site.returncode == 1
    assert "Traceback" not in site.stderr + site.stdout
    assert "Could not process" not in site.stderr + site.stdout
    assert "Cannot get modification stamp" not in site.stderr + site.stdout
    assert snapshot(site.output) == before


def test_a_header_line_missing_its_colon_is_named_at_its_line_without_pelicans_warnings(
    tmp_path,
):
    """`capacity 16` in a YAML block and in `field: value` lines: the error names that line
    and that field (not the next one), and the posts linking to the programme do not add
    Pelican's "Unable to find" (the file exists; its own error says why it was not read)."""
    content = copy_content(tmp_path / "content")
    yaml_file = content / "programmes/master-humanites-numeriques.md"
    lines_file = content / "programmes/lp-photographie-audiovisuel.md"
    for path in (yaml_file, lines_file):
        path.write_text(path.read_text(encoding="utf-8").replace("\ncapacity: ", "\ncapacity ", 1))
    site = build(tmp_path, content=content)
    assert site.returncode == 1
    number = {
        path: next(
            n
            for n, line in enumerate(path.read_text().splitlines(), 1)
            if line.startswith("capacity ")
        )
        for path in (yaml_file, lines_file)
    }
    assert set(error_lines(site)) == {
        f"ERREUR {path}: champ « capacity » : ligne {number[path]} « {line} » : il manque « : » "
        f"après le nom du champ — attendu : {line.replace(' ', ': ', 1)}"
        for path in (yaml_file, lines_file)
        for line in [path.read_text().splitlines()[number[path] - 1]]
    }
    output = site.stderr + site.stdout
    assert "Unable to find" not in output and "WARNING" not in output


def test_pelicans_warnings_about_content_are_in_the_sites_language_at_their_line(tmp_path):
    """An image without alternative text, `{filename}` for a static file: Pelican's English
    warnings, said as one relais line each naming the file and the line."""
    content = copy_content(tmp_path / "content")
    post = write(
        content,
        "blog/avertissements.md",
        f"{POST_HEAD}\nTexte.\n\n![](/images/covers/campus-soir.jpg)\n\n"
        "[L’affiche]({filename}/images/covers/lp-photo-studio.jpg)\n",
    )
    site = build(tmp_path, content=content)
    assert site.returncode == 0, site.stderr
    warnings = error_lines(site, "ATTENTION")
    assert set(warnings) == {
        f"ATTENTION {post}:6: image « campus-soir.jpg » : image sans texte de remplacement "
        "(alt) — attendu : ![ce que montre l’image](…) ; un texte vide seulement pour une "
        "image décorative",
        f"ATTENTION {post}:8: lien « {{filename}}/images/covers/lp-photo-studio.jpg » : mène à "
        "un fichier statique, pas à une page — attendu : "
        "{static}/images/covers/lp-photo-studio.jpg",
    }
    assert "WARNING" not in site.stderr + site.stdout


def test_yaml_front_matter_is_read_in_posts_pages_programmes_and_events(tmp_path):
    content = copy_content(tmp_path / "content")
    write(
        content,
        "blog/yaml-post.md",
        "---\n# Une actualité écrite en YAML\n"
        'title: "Portes ouvertes : le programme"\n'
        "date: 2026-11-18 09:00\n"
        "tags:\n  - orientation\n  - portes ouvertes\n"
        "programme: lp-photographie-audiovisuel\n"
        "video: https://video.example.org/jpo\n"
        "---\n\nNote: le texte commence ici.\n",
    )
    write(content, "pages/yaml-page.md", "---\ntitle: 'Plan : le site'\nnav: footer\n---\nPlan.\n")
    for folder, name in (
        ("programmes", "master-humanites-numeriques.md"),
        ("events", "portes-ouvertes-2027.md"),
    ):
        path = content / folder / name
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):  # already YAML (the demo's master): add the comment
            head, body = text[4:].split("\n---\n", 1)
        else:
            head, body = text.split("\n\n", 1)
        path.write_text(f"---\n{head}\n# relu par la scolarité\n---\n\n{body}", encoding="utf-8")
    site = build(tmp_path, content=content, settings={"RELAIS_EXTRA_METADATA": ["video"]})
    assert site.returncode == 0, site.stderr

    post = BeautifulSoup(site.page("blog/yaml-post/").read_text(encoding="utf-8"), "lxml")
    assert post.h1.get_text(strip=True) == "Portes ouvertes : le programme"
    article = post.select_one("article").get_text(" ", strip=True)
    assert "Note: le texte commence ici." in article
    assert "---" not in article and "# Une actualité" not in article
    assert (site.output / "tags/portes-ouvertes/index.html").is_file()
    programme_page = site.page("programmes/lp-photographie-audiovisuel/").read_text()
    assert "blog/yaml-post/" in programme_page  # the YAML post is linked to its programme

    master = BeautifulSoup(
        site.page("programmes/master-humanites-numeriques/").read_text(encoding="utf-8"), "lxml"
    )
    assert "relu par la scolarité" not in master.get_text()
    assert "Master" in master.h1.get_text()
    event = site.page("events/portes-ouvertes-2027/").read_text(encoding="utf-8")
    assert "---" not in BeautifulSoup(event, "lxml").select_one("main").get_text()
    footer = BeautifulSoup(site.page("").read_text(encoding="utf-8"), "lxml").footer
    assert "Plan : le site" in footer.get_text()


def test_errors_are_in_english_for_an_english_site(tmp_path):
    content = copy_content(tmp_path / "content")
    write(content, "blog/typo.md", f"{POST_HEAD}programe: lp-photographie-audiovisuel\n\nx\n")
    write(content, "blog/slashes.md", "title: Slashes\ndate: 05/06/2026\n\nText.\n")
    before = existing_output(tmp_path)
    site = build(tmp_path, content=content, settings={"DEFAULT_LANG": "en"})
    assert site.returncode == 1
    assert set(error_lines(site, "ERROR")) == {
        f'ERROR {content}/blog/typo.md: field "programe" : unknown field for a post — did you '
        'mean "programme"? — expected: "programme: …", or "programe" added to '
        "RELAIS_EXTRA_METADATA in pelicanconf.py",
        f'ERROR {content}/blog/slashes.md: field "date" : "05/06/2026" is not valid — expected: '
        "a date YYYY-MM-DD, or YYYY-MM-DD HH:MM, for example 2026-11-16 10:00",
    }
    assert site.stderr.splitlines()[-1] == (
        "Build stopped: 2 error(s) in the content, nothing was written."
    )
    assert "ERREUR" not in site.stderr
    assert snapshot(site.output) == before


SETTINGS_FILE = (DEMO / "pelicanconf.py").relative_to(ROOT)


@pytest.mark.parametrize(
    ("settings", "line"),
    [
        (
            {"TIMEZONE": "Europe/Pariss"},
            f"ERREUR {SETTINGS_FILE}: réglage « TIMEZONE » : « Europe/Pariss » n’est pas un "
            "fuseau horaire — vouliez-vous dire « Europe/Paris » ? — attendu : "
            'TIMEZONE = "Europe/Paris"',
        ),
        (
            {"BUILD_DATE": "29/11/2026"},
            f"ERREUR {SETTINGS_FILE}: réglage « BUILD_DATE » : « 29/11/2026 » ne convient pas — "
            "attendu : une date qui existe, AAAA-MM-JJ, par exemple 2026-11-29 (ou vide : la "
            "date du jour)",
        ),
        (
            {"DEFAULT_LANG": 5},
            f"ERREUR {SETTINGS_FILE}: réglage « DEFAULT_LANG » : « 5 » ne convient pas — "
            'attendu : un code de langue entre guillemets, par exemple DEFAULT_LANG = "fr" ou "en"',
        ),
        (
            {"RELAIS_EXTRA_METADATA": "video"},
            f"ERREUR {SETTINGS_FILE}: réglage « RELAIS_EXTRA_METADATA » : « 'video' » ne convient "
            'pas — attendu : une liste de noms de champs, par exemple ["video", "podcast"]',
        ),
        (
            {"DEFAULT_LANG": "en", "TIMEZONE": "America/Montreall"},
            f'ERROR {SETTINGS_FILE}: setting "TIMEZONE" : "America/Montreall" is not a time '
            'zone — did you mean "America/Montreal"? — expected: TIMEZONE = "America/Montreal"',
        ),
    ],
)
def test_a_settings_mistake_is_one_line_naming_the_settings_file(tmp_path, settings, line):
    before = existing_output(tmp_path)
    site = build(tmp_path, settings=settings, build_date="")
    assert site.returncode == 1
    assert site.stderr.splitlines() == [line]
    assert "Traceback" not in site.stdout
    assert snapshot(site.output) == before


def test_a_theme_without_translations_has_the_language_of_its_templates(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("translations"))
    (tmp_path / "fr").mkdir()
    french = build(tmp_path / "fr", settings={"THEME": str(theme)})
    assert french.returncode == 0, french.stderr
    home = BeautifulSoup(french.page("").read_text(encoding="utf-8"), "lxml")
    assert home.select_one("a.skip-link").get_text() == "Aller au contenu"
    site = build(tmp_path, settings={"THEME": str(theme), "DEFAULT_LANG": "en"})
    assert site.returncode == 1
    assert site.stderr.splitlines() == [
        f'ERROR {SETTINGS_FILE}: setting "DEFAULT_LANG" : Language "en": the interface has no '
        f"translation ({theme}/translations/en/LC_MESSAGES/messages.po) — expected: one of: fr"
    ]
    assert "Traceback" not in site.stdout
