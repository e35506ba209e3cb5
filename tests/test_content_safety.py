"""Nothing outside content/, nothing private, no draft, no clash — and a failed build
leaves the previous output/ exactly as it was.

Every refused build here starts from a copy of a good build's folder: its output/ is
hashed before and after, byte for byte.
"""

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.brochure_pdfs import text_pdf
from tests.sitebuild import build, copy_content

PROGRAMME = "programmes/lp-photographie-audiovisuel.md"
POST = "blog/2026-11-ouverture-lp-photo.md"
PAGE = "pages/a-propos.md"
EVENT = "events/portes-ouvertes-2027.md"
IMAGE = "images/events/portes-ouvertes-2027.jpg"
SECRET = "ghp_SECRETTOKEN0123456789"


def add_metadata(file: Path, *lines: str) -> None:
    """Adds metadata lines (a line already there for the same field is replaced), to the
    `field: value` header or the YAML front matter (`---`)."""
    text = file.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.index("\n---\n", 3)
        opening, head, closing, body = "---\n", text[4:end], "\n---\n", text[end + 5 :]
    else:
        head, body = text.split("\n\n", 1)
        opening, closing = "", "\n\n"
    fields = {line.split(":", 1)[0] for line in lines}
    kept = [line for line in head.splitlines() if line.split(":", 1)[0] not in fields]
    file.write_text(opening + "\n".join([*kept, *lines]) + closing + body, encoding="utf-8")


def tree_hash(folder: Path) -> dict[str, str]:
    """Every file, folder and link under folder, with its bytes' hash."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = "link:" + os.readlink(path)
        elif path.is_dir():
            found[key] = "dir"
        else:
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """A good build of the demo: output/ and caches, to copy into each test."""
    workdir = tmp_path_factory.mktemp("good")
    site = build(workdir)
    assert site.returncode == 0, site.stderr
    return workdir


@pytest.fixture
def site(tmp_path, good_build):
    """A private copy of the demo content beside a copy of a good build's output."""
    shutil.copytree(good_build, tmp_path, dirs_exist_ok=True, symlinks=True)
    copy_content(tmp_path / "content")
    return tmp_path


def refused(workdir: Path) -> list[str]:
    """Builds workdir/content, which must fail cleanly and leave output/ as it was."""
    before = tree_hash(workdir / "output")
    done = build(workdir, content=workdir / "content")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert tree_hash(workdir / "output") == before
    return [line for line in done.stderr.splitlines() if line.startswith("ERREUR")]


def one_error(workdir: Path, *expected: str) -> str:
    errors = refused(workdir)
    assert len(errors) == 1, errors
    for part in expected:
        assert part in errors[0], errors[0]
    return errors[0]


# --- Nothing outside content/, nothing private -------------------------------------------


def test_a_brochure_path_leading_out_of_content_is_refused(site):
    text_pdf(site / "private.pdf", 1)
    add_metadata(site / "content" / PROGRAMME, "brochure: ../private.pdf")
    one_error(site, f"content/{PROGRAMME}", "« brochure »", "../private.pdf", "hors du dossier")


def test_a_brochure_symlinked_to_a_file_outside_is_refused_before_reading(site):
    brochure = site / "content/brochures/lp-photographie-audiovisuel.pdf"
    brochure.unlink()
    brochure.symlink_to(text_pdf(site / "elsewhere.pdf", 1))
    one_error(site, "content/brochures/lp-photographie-audiovisuel.pdf", "lien symbolique")


def test_an_image_symlinked_to_a_repository_config_is_refused(site):
    repository = site / "repo"
    (repository / ".git").mkdir(parents=True)
    (repository / ".git/config").write_text(f"[http]\n\textraheader = token {SECRET}\n")
    (site / "content/images/config.jpg").symlink_to(repository / ".git/config")
    one_error(site, "content/images/config.jpg", "lien symbolique", "hors du dossier content/")


def test_a_folder_symlinked_outside_content_is_refused(site):
    outside = site / "outside"
    outside.mkdir()
    (outside / "notes.md").write_text("title: Privé\ndate: 2026-01-01\n\nSecret.\n")
    (site / "content/blog/private").symlink_to(outside, target_is_directory=True)
    one_error(site, "content/blog/private", "lien symbolique")


def test_a_post_cover_outside_content_is_refused(site):
    shutil.copyfile(site / "content" / IMAGE, site / "outside.jpg")
    add_metadata(site / "content" / POST, "cover: ../outside.jpg")
    one_error(site, f"content/{POST}", "« cover »", "../outside.jpg", "hors du dossier")


def test_an_image_climbing_out_of_the_images_folder_is_refused(site):
    shutil.copyfile(site / "content" / IMAGE, site / "outside.jpg")
    add_metadata(site / "content" / EVENT, "image: images/../../outside.jpg")
    one_error(site, f"content/{EVENT}", "« image »", "hors du dossier")


@pytest.mark.parametrize("target", ["../../private.pdf", "../images/.env"])
def test_a_static_link_to_a_private_file_is_refused(site, target):
    text_pdf(site / "private.pdf", 1)
    (site / "content/images/.env").write_text(f"TOKEN={SECRET}\n")
    post = site / "content" / POST
    post.write_text(post.read_text() + f"\n[Plaquette]({{static}}{target})\n")
    one_error(site, f"content/{POST}", "lien « {static} »", "jamais publié")


def test_hidden_files_backups_and_nested_repositories_are_never_published(tmp_path):
    content = copy_content(tmp_path / "content")
    private = {
        "images/.env": f"TOKEN={SECRET}",
        "images/.htaccess": "Deny from all",
        "images/.DS_Store": "x",
        "brochures/.git/config": f"token = {SECRET}",
        "blog/2026-10-portes-ouvertes.md~": "title: Sauvegarde\ndate: 2026-01-01\n\nold",
        "blog/#brouillon.md#": "title: Autosave\ndate: 2026-01-01\n\nx",
        "blog/.2026-10-portes-ouvertes.md.swp": "swap",
    }
    for name, text in private.items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text)
    # A link that stays inside content/ is fine.
    (content / "images/alias.jpg").symlink_to("events/portes-ouvertes-2027.jpg")
    done = build(tmp_path, content=content)
    assert done.returncode == 0, done.stderr
    names = {path.name for path in done.output.rglob("*")}
    for name in private:
        assert Path(name).name not in names
    assert ".git" not in names
    assert not [p for p in done.output.rglob("*") if p.is_file() and SECRET in _text(p)]
    assert (done.output / "images/alias.jpg").is_file()
    assert "Sauvegarde" not in (done.output / "archives/index.html").read_text()


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "replace")


# --- Drafts ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def drafts_content(tmp_path_factory):
    content = copy_content(tmp_path_factory.mktemp("drafts") / "content")
    add_metadata(content / POST, "status: draft")
    add_metadata(content / PAGE, "status: draft")
    add_metadata(content / "programmes/master-humanites-numeriques.md", "status: draft")
    return content


def listing_pages(output: Path) -> str:
    lists = ["index.html", "programmes/index.html", "archives/index.html", "sitemap.xml"]
    lists += ["programmes/index.json"]  # the programmes' data (plugins/seo_meta/data.py)
    lists += [str(p.relative_to(output)) for p in output.glob("categories/**/*.html")]
    lists += [str(p.relative_to(output)) for p in output.glob("tags/**/*.html")]
    lists += [str(p.relative_to(output)) for p in output.glob("feeds/**/*.xml")]
    lists += [str(p.relative_to(output)) for p in output.glob("**/*.ics")]
    return "\n".join((output / name).read_text(encoding="utf-8") for name in lists)


DRAFT_URLS = (
    "/blog/2026-11-ouverture-lp-photo/",
    "/a-propos/",
    "/programmes/master-humanites-numeriques/",
    "/drafts/",
)


def test_make_html_writes_no_draft_and_lists_none(tmp_path, drafts_content):
    done = build(tmp_path, content=drafts_content)
    assert done.returncode == 0, done.stderr
    assert not (done.output / "drafts").exists()
    assert not (done.output / "programmes/master-humanites-numeriques").exists()
    assert not (done.output / "programmes/master-humanites-numeriques.json").exists()
    assert not (done.output / "blog/2026-11-ouverture-lp-photo").exists()
    listed = listing_pages(done.output)
    for url in DRAFT_URLS:
        assert url not in listed, url


def test_a_preview_shows_drafts_with_a_banner_but_lists_none(tmp_path, drafts_content):
    done = build(tmp_path, content=drafts_content, settings={"DRAFTS_PREVIEW": True})
    assert done.returncode == 0, done.stderr
    for folder in ("blog/2026-11-ouverture-lp-photo", "pages/a-propos"):
        page = (done.output / "drafts" / folder / "index.html").read_text(encoding="utf-8")
        assert 'class="draft-banner"' in page and "Brouillon" in page
    programme = done.output / "drafts/pages/master-humanites-numeriques/index.html"
    assert 'class="draft-banner"' in programme.read_text(encoding="utf-8")
    # A draft has no published data file to point to.
    head = BeautifulSoup(programme.read_text(encoding="utf-8"), "lxml").head
    assert head.select('link[rel=alternate][type="application/ld+json"]') == []
    published = (done.output / "programmes/lp-photographie-audiovisuel/index.html").read_text()
    assert "draft-banner" not in published
    listed = listing_pages(done.output)
    for url in DRAFT_URLS:
        assert url not in listed, url


# --- Slugs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "slug"),
    [(PROGRAMME, "../../evil"), (POST, "../evil"), (PAGE, "Majuscules"), (EVENT, "a/b")],
)
def test_a_slug_must_be_lowercase_letters_digits_and_hyphens(site, file, slug):
    add_metadata(site / "content" / file, f"slug: {slug}")
    one_error(site, f"content/{file}", "« slug »", f"« {slug} »", "des minuscules")
    assert not (site.parent / "evil").exists() and not (site / "evil").exists()


def test_a_save_as_leading_out_of_the_site_folder_is_refused(site):
    """Pelican refuses it itself; relais makes that a build error."""
    add_metadata(site / "content" / PAGE, "save_as: ../../ailleurs.html")
    one_error(site, f"content/{PAGE}", "would be written outside output path")
    assert not (site.parent / "ailleurs.html").exists()


# --- Two outputs for one address --------------------------------------------------------


@pytest.mark.parametrize(
    ("new_file", "lines", "address", "owner"),
    [
        ("pages/events.md", (), "« /events/ »", "EVENTS_SAVE_AS"),
        ("pages/accueil.md", ("save_as: index.html",), "« / »", "INDEX_SAVE_AS"),
        ("pages/robots.md", ("save_as: robots.txt",), "« /robots.txt »", "robots.txt"),
        ("pages/flux.md", ("save_as: feeds/all.atom.xml",), "/feeds/all.atom.xml", "FEEDS_ALL"),
        ("pages/formations.md", ("slug: programmes",), "« /programmes/ »", "PROGRAMMES_SAVE_AS"),
        ("pages/plan.md", ("save_as: sitemap.xml",), "« /sitemap.xml »", "plan du site"),
        ("pages/carte.md", ("save_as: cards/x.jpg",), "« /cards/x.jpg »", "cartes de partage"),
        (
            "pages/copie.md",
            ("save_as: blog/2026-10-portes-ouvertes/index.html",),
            "« /blog/2026-10-portes-ouvertes/ »",
            "content/blog/2026-10-portes-ouvertes.md",
        ),
        (
            "pages/agenda-lp.md",
            ("save_as: programmes/lp-photographie-audiovisuel/agenda.ics",),
            "agenda.ics",
            f"content/{PROGRAMME}",
        ),
    ],
)
def test_a_page_on_an_address_already_taken_stops_before_writing(
    site, new_file, lines, address, owner
):
    page = site / "content" / new_file
    page.write_text("title: Collision\n" + "".join(f"{line}\n" for line in lines) + "\nTexte.\n")
    one_error(site, f"content/{new_file}", address, "adresse déjà prise par", owner)


def test_a_redirect_onto_a_brochure_embed_page_names_both_files(site):
    embed = "/programmes/lp-photographie-audiovisuel/brochure/embed/"
    add_metadata(site / "content" / POST, f"redirect_from: {embed}")
    line = one_error(site, f"content/{POST}", "« redirect_from »", embed, "la brochure de")
    assert line.endswith(f"content/{PROGRAMME}", 0, line.index(" — attendu"))


def test_two_posts_with_one_slug_name_both_files(site):
    add_metadata(site / "content/blog/2026-10-portes-ouvertes.md", "slug: ouverture")
    add_metadata(site / "content" / POST, "slug: ouverture")
    line = one_error(site, "« /blog/ouverture/ »", "adresse déjà prise par")
    assert "2026-10-portes-ouvertes.md" in line and "2026-11-ouverture-lp-photo.md" in line


# --- A failure while writing ------------------------------------------------------------


def test_a_build_failing_halfway_through_writing_leaves_output_as_it_was(site):
    """Pages are written before the one whose template is missing; the previous output
    (pages, static files changed since, theme files) is kept, byte for byte."""
    content = site / "content"
    add_metadata(content / POST, "title: Un titre changé partout")
    image = content / IMAGE
    image.write_bytes(image.read_bytes() + b"changed")
    page = content / "pages/zz-derniere.md"
    page.write_text("title: Dernière\ntemplate: introuvable\n\nTexte.\n")
    before = tree_hash(site / "output")
    done = build(site, content=content)
    assert done.returncode == 1
    assert tree_hash(site / "output") == before


def test_a_good_build_replaces_output_and_leaves_no_staging_folder(site):
    add_metadata(site / "content" / POST, "title: Un titre changé partout")
    done = build(site, content=site / "content")
    assert done.returncode == 0, done.stderr
    assert "Un titre changé partout" in (done.output / "index.html").read_text()
    # The output it replaced is kept, for the next build's staging folder (core/staging.py).
    assert sorted(p.name for p in site.iterdir() if p.name.startswith(".")) == [".output.previous"]
