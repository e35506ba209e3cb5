"""A team's own site: from a fresh clone of the kit to its programme published, then
upgraded to a newer kit, following the README's « Créer votre site » word for word."""

import hashlib
import re
import shlex
import shutil
import subprocess
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from relais.checks.__main__ import GATES
from relais.plugins.core.dates import format_day
from relais.plugins.programmes.fields import FIELDS
from tests.brochure_pdfs import text_pdf
from tests.kitrepo import (
    kit_repository,
    own_environment,
    run,
    share_local_tools,
    team_environment,
)
from tests.sitebuild import ROOT, free_port

README_KIT_URL = "https://github.com/relais-demo/relais.git"
README_SITE_REMOTE = "https://github.com/compte/mon-site.git"
README_PDF = "~/Documents/brochure.pdf"
PROGRAMME = "Master Humanités numériques"
PROGRAMME_FILE = "content/programmes/master-humanites-numeriques.md"
SITE_URL = "https://compte.github.io/mon-site"
TEAM_FILES = ["content", "pelicanconf.py", "publishconf.py", "site-theme", "retired-urls.txt"]
TEAM_TEXT = "Le texte que l’équipe a écrit."


def readme_steps() -> list[str]:
    """The shell commands of the README's « Créer votre site » section, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Créer votre site", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    return [" ".join(line.split()) for line in lines if line.strip()]


def serve_and_read_home(site: Path) -> str:
    """`make serve` as a person runs it: started, home page read, stopped."""
    port = free_port()
    command = ["make", "serve", f"PORT={port}"]
    server = subprocess.Popen(
        command, cwd=site, env=team_environment(), start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        return _read_when_served(f"http://127.0.0.1:{port}/", server)
    finally:
        subprocess.run(["kill", "--", f"-{server.pid}"], check=False)
        server.wait(timeout=30)


def _read_when_served(url: str, server: subprocess.Popen) -> str:
    for _ in range(600):
        if server.poll() is not None:
            raise AssertionError(f"make serve stopped: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    raise AssertionError("make serve never served the site")


def perform(step: str, cwd: Path, paths: dict[str, Path]) -> subprocess.CompletedProcess | None:
    """Runs one README command in the folder a person would be in."""
    for placeholder, real in paths.items():
        step = step.replace(placeholder, str(real))
    words = shlex.split(step)
    if words[0] == "cd":
        assert cwd.name == words[1]
    elif words[:2] == ["make", "serve"]:
        home = serve_and_read_home(cwd)
        assert PROGRAMME in home and "http://127.0.0.1" in home
    else:
        return run(cwd, *words)
    return None


def readme_dates() -> dict[str, str]:
    """The README's DEADLINE and START, moved a year on whenever they are past: its example
    stays a site made today."""
    text = " ".join(readme_steps())
    moved = {}
    for name in ("DEADLINE", "START"):
        written = re.search(rf"{name}=(\d{{4}}-\d{{2}}-\d{{2}})", text)[1]
        day = date.fromisoformat(written)
        while day <= date.today():
            day = day.replace(year=day.year + 1)
        moved[f"{name}={written}"] = f"{name}={day.isoformat()}"
    return moved


# What a team's editors leave in its folder: `git add -A` must not commit them.
EDITOR_LEFTOVERS = [".env", ".DS_Store", "content/blog/x.md~", "content/blog/.x.md.swp",
                    "content/pages/#a-propos.md#", ".vscode/settings.json"]  # fmt: skip


def leave_editor_files(site: Path) -> None:
    for name in EDITOR_LEFTOVERS:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("SECRET=1\n" if name == ".env" else "x\n", encoding="utf-8")


def complete_what_was_to_confirm(site: Path, refused: str) -> dict[str, str]:
    """README step 3: the team replaces each « à préciser » that make check listed."""
    listed = {}
    for line in refused.splitlines():
        found = re.match(r"ERREUR (\S+): champ « (\w+) » : encore « à préciser »", line)
        if found:
            listed.setdefault(found[1], []).append(found[2])
    for name in listed:
        path = site / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("[[à préciser]]", TEAM_TEXT), encoding="utf-8")
    return {name: ", ".join(fields) for name, fields in listed.items()}


def tree_digest(site: Path, names: list[str]) -> dict[str, str]:
    digests = {}
    for name in names:
        path = site / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digests[file.relative_to(site).as_posix()] = hashlib.sha256(
                file.read_bytes()
            ).hexdigest()
    return digests


@pytest.fixture(scope="module")
def team_site(tmp_path_factory):
    """The README followed from the clone to `make publish`, against local repositories."""
    tmp = tmp_path_factory.mktemp("own-site")
    kit = kit_repository(tmp / "relais.git")
    remote = tmp / "mon-site.git"
    run(tmp, "git", "init", "-q", "--bare", "-b", "main", str(remote))
    pdf = text_pdf(tmp / "brochure.pdf", 20)
    paths = {README_KIT_URL: kit, README_SITE_REMOTE: remote, README_PDF: pdf, **readme_dates()}
    site = tmp / "mon-site"
    told = {}
    for step in readme_steps():
        if step == "make upgrade":
            break  # the upgrade has its own test, against a newer kit
        cloning = step.startswith("git clone")
        if step == "make check":  # README step 3, done as its step 4 says to
            refused = run(site, "make", "check", check=False)
            assert refused.returncode != 0
            told["to_confirm"] = complete_what_was_to_confirm(site, refused.stderr)
        if step == "git add -A":
            leave_editor_files(site)
        done = perform(step, tmp if cloning else site, paths)
        if step.startswith("make new"):
            told["make_new"] = done.stdout
        if cloning:
            share_local_tools(site)
    return site, remote, kit, told


def published(remote: Path, path: str) -> str:
    return run(remote, "git", "show", f"gh-pages:{path}").stdout


def test_the_readme_takes_a_fresh_clone_to_its_own_programme_published(team_site):
    _site, remote, _kit, _told = team_site
    programme = BeautifulSoup(
        published(remote, "programmes/master-humanites-numeriques/index.html"), "lxml"
    )
    assert programme.h1.get_text(strip=True) == PROGRAMME
    assert programme.select_one('link[rel="canonical"]')["href"].startswith(SITE_URL + "/")
    assert len(programme.select("li.brochure-page")) == 20  # the brochure viewer, every page
    files = run(remote, "git", "ls-tree", "-r", "--name-only", "gh-pages").stdout.split()
    assert not any(
        name.startswith(("blog/2026-11-ouverture-lp-photo", "programmes/lp-")) for name in files
    )
    for page in (
        "a-propos/index.html",
        "contact/index.html",
        "mentions-legales/index.html",
        "404.html",
    ):
        assert page in files


def readme_answers() -> dict[str, str]:
    """The variables the README's `make new` gives (SITE, URL… DEADLINE, PLACE)."""
    step = next(step for step in readme_steps() if step.startswith("make new"))
    for written, moved in readme_dates().items():
        step = step.replace(written, moved)
    return dict(word.split("=", 1) for word in shlex.split(step)[2:])


def published_tree(remote: Path, tmp: Path) -> Path:
    """The published branch, as files."""
    archive = subprocess.run(
        ["git", "archive", "gh-pages"], cwd=remote, capture_output=True, check=True
    ).stdout
    folder = tmp / "gh-pages"
    folder.mkdir()
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def test_make_new_writes_what_it_was_told_and_no_page_published_says_to_confirm(
    team_site, tmp_path
):
    site, remote, _kit, told = team_site
    answers = readme_answers()
    # make new said what it could not know; make check refused exactly that, by file and field.
    assert "content/programmes/master-humanites-numeriques.md : texte" in told["make_new"]
    assert "content/pages/mentions-legales.md : texte" in told["make_new"]
    assert told["to_confirm"] == {
        PROGRAMME_FILE: "texte",
        "content/pages/mentions-legales.md": "texte",
    }
    header = (site / PROGRAMME_FILE).read_text(encoding="utf-8").split("---")[1]
    assert f"deadline: {answers['DEADLINE']}\n" in header
    assert f"start: {answers['START']}\n" in header
    assert f'apply_url: "{answers["APPLY"]}"' in header
    assert f'location: "{answers["PLACE"]}"' in header
    page = BeautifulSoup(
        published(remote, "programmes/master-humanites-numeriques/index.html"), "lxml"
    )
    facts = {div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True)
             for div in page.select("dl.facts > div")}  # fmt: skip
    assert facts["Lieu"] == answers["PLACE"] != answers["INSTITUTION"]
    deadline = date.fromisoformat(answers["DEADLINE"])
    assert facts["Date limite de candidature"] == format_day(deadline, "long", "fr")
    assert page.select_one("#candidater ~ p a.button")["href"] == answers["APPLY"]
    assert TEAM_TEXT in page.select_one(".prose").get_text()
    # The starter post and event are drafts: not published until the team edits them.
    tree = published_tree(remote, tmp_path)
    assert not list((tree / "blog").glob("*/index.html"))
    assert not (tree / "events" / "reunion-information-master-humanites-numeriques").exists()
    for path in tree.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".ics", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert "à préciser" not in text and "[[" not in text, path


def test_git_add_all_keeps_secrets_and_editor_files_out_of_the_team_s_repository(team_site):
    site, remote, _kit, _told = team_site
    committed = set(run(remote, "git", "ls-tree", "-r", "--name-only", "main").stdout.split("\n"))
    for name in EDITOR_LEFTOVERS:
        assert (site / name).exists() and name not in committed, name
    assert "content/programmes/master-humanites-numeriques.md" in committed
    assert ".relais-kit" in committed and ".gitignore" in committed


def test_make_publish_refuses_a_page_that_still_says_to_confirm(team_site):
    site, remote, _kit, _told = team_site
    online = run(remote, "git", "rev-parse", "gh-pages").stdout
    programme = site / PROGRAMME_FILE
    written = programme.read_text(encoding="utf-8")
    programme.write_text(written.replace('level: "Bac+5"', 'level: "à préciser"'))
    run(site, "git", "commit", "-q", "-am", "Niveau à vérifier")
    try:
        done = run(site, "make", "publish", check=False)
    finally:
        run(site, "git", "reset", "-q", "--hard", "HEAD~1")
    assert done.returncode != 0
    said = done.stdout + done.stderr
    assert f"{PROGRAMME_FILE}: champ « level » : encore « à préciser » (ligne " in said
    assert "REFUSÉ" in said
    assert run(remote, "git", "rev-parse", "gh-pages").stdout == online


def test_the_starter_post_once_edited_follows_the_programme_s_dates(team_site):
    site, _remote, _kit, _told = team_site
    answers = readme_answers()
    [post] = (site / "content" / "blog").glob("*.md")
    programme = site / PROGRAMME_FILE
    originals = {path: path.read_text(encoding="utf-8") for path in (post, programme)}
    try:
        # The team publishes the post, and writes a date by hand that is not the start.
        edited = originals[post].replace("status: draft\n", "")
        post.write_text(edited + "\nLa rentrée a lieu le 1er octobre.\n", encoding="utf-8")
        # …and lists the jobs the programme leads to: the page's « Après la formation ».
        programme.write_text(originals[programme].replace("# jobs: ", "jobs: "), encoding="utf-8")
        done = run(site, "make", "html")
        line = len((edited + "\nLa rentrée a lieu le 1er octobre.\n").splitlines())
        assert f"{post.relative_to(site)}:{line} : « 1er octobre » : la rentrée de " in done.stderr
        deadline = date.fromisoformat(answers["DEADLINE"])
        page = (site / "output" / "blog" / post.stem / "index.html").read_text(encoding="utf-8")
        assert f'jusqu’au <time datetime="{deadline}">{format_day(deadline, "long", "fr")}' in page
        home = (site / "output" / "index.html").read_text(encoding="utf-8")
        assert format_day(deadline, "long", "fr") in home  # its summary, on the home page
        built = BeautifulSoup(
            (site / "output" / "programmes" / "master-humanites-numeriques" / "index.html")
            .read_text(encoding="utf-8"), "lxml",
        )  # fmt: skip
        headings = [h.get_text(strip=True) for h in built.select("h2")]
        assert headings.count("Après la formation") == 1
        # The deadline moves: the post says the new one at the next build.
        earlier = deadline.replace(day=1)
        programme.write_text(
            programme.read_text(encoding="utf-8").replace(
                f"deadline: {deadline}", f"deadline: {earlier}"
            ),
            encoding="utf-8",
        )
        run(site, "make", "html")
        page = (site / "output" / "blog" / post.stem / "index.html").read_text(encoding="utf-8")
        assert format_day(earlier, "long", "fr") in page
        assert format_day(deadline, "long", "fr") not in page
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")


def test_the_new_site_reads_naturally_in_french_and_keeps_the_demo_apart(team_site):
    site, _remote, _kit, _told = team_site
    text = (site / PROGRAMME_FILE).read_text(encoding="utf-8")
    assert 'title: "Master Humanités numériques"' in text and 'degree: "Master"' in text
    assert 'ects: "120"' in text and "brochure: brochures/master-humanites-numeriques.pdf" in text
    header = text.split("---")[1].strip().splitlines()
    fields = [n for n, line in enumerate(header) if re.match(r"^[a-z_]+:", line)]
    names = {header[n].split(":")[0] for n in fields}
    assert names == {field.name for field in FIELDS if field.name != "cover"} | {"tags"}
    for n in fields:  # every field is explained by the comment lines just above it
        assert header[n - 1].startswith("#") or re.match(r"^[a-z_]+:", header[n - 1])
    assert sorted(p.name for p in (site / "content" / "programmes").iterdir()) == [
        "master-humanites-numeriques.md"
    ]
    assert (site / "demo" / "content" / "programmes" / "lp-photographie-audiovisuel.md").is_file()


def test_make_new_refuses_a_checkout_that_holds_a_teams_site(team_site):
    site, _remote, _kit, _told = team_site
    before = tree_digest(site, TEAM_FILES)
    done = run(site, "make", "new", "SITE=x", check=False)
    assert done.returncode != 0
    assert "contient déjà votre site" in done.stderr and "content/" in done.stderr
    assert tree_digest(site, TEAM_FILES) == before


def test_make_new_without_a_terminal_names_what_is_missing(tmp_path):
    kit = kit_repository(tmp_path / "relais.git")
    run(tmp_path, "git", "clone", "-q", str(kit), "site")
    site = tmp_path / "site"
    share_local_tools(site)
    done = run(site, "make", "new", "SITE=Mon site", "DEADLINE=2099-03-13", check=False)
    assert done.returncode != 0
    # Every missing variable, in one message, with what each one is.
    [named] = [line for line in done.stderr.splitlines() if "il manque" in line]
    assert named.endswith("il manque URL, INSTITUTION, EMAIL, PROGRAMME, PDF, START, APPLY, PLACE "
                          "; donnez-les à la commande, par exemple :")  # fmt: skip
    assert "  PLACE : Lieu des cours" in done.stderr
    assert run(site, "git", "status", "--porcelain").stdout == ""


def newer_kit(kit: Path, tmp: Path) -> str:
    """The kit's maintainers release a new version: a template, a stylesheet and a
    plugin change, a file goes, a file comes, the version and changelog move on."""
    work = tmp / "kit-next"
    run(tmp, "git", "clone", "-q", str(kit), str(work))
    pyproject = work / "pyproject.toml"
    version = re.search(r'^version = "(\d+)\.(\d+)\.(\d+)"', pyproject.read_text(), re.M)
    new = f"{version[1]}.{int(version[2]) + 1}.0"
    pyproject.write_text(pyproject.read_text().replace(version[0], f'version = "{new}"'))
    changelog = work / "CHANGELOG.md"
    changelog.write_text(changelog.read_text().replace("## ", f"## {new}\n\n- Test.\n\n## ", 1))
    with (work / "theme" / "static" / "css" / "site.css").open("a") as css:
        css.write(".kit-next { color: inherit; }\n")
    run(work, "git", "rm", "-q", "docs/customising.md")
    (work / "docs" / "kit-next.md").write_text("# Nouveauté\n")
    run(work, "git", "add", "-A")
    run(work, "git", "commit", "-q", "-m", f"relais {new}")
    run(work, "git", "push", "-q", "origin", "main")
    return new


def team_edits(site: Path) -> None:
    """Settings, content and one template override, as a team would change them."""
    conf = site / "pelicanconf.py"
    conf.write_text(
        conf.read_text().replace(
            'FEEDS_SOCIAL_CALL_TO_ACTION = ""', 'FEEDS_SOCIAL_CALL_TO_ACTION = "Partagez !"'
        )
    )
    with (site / PROGRAMME_FILE).open("a") as programme:
        programme.write("\nLes cours ont lieu sur le campus Nord.\n")
    override = site / "site-theme" / "templates" / "partials" / "analytics.html"
    override.parent.mkdir(parents=True)
    kit_template = site / "theme" / "templates" / "partials" / "analytics.html"
    override.write_text(kit_template.read_text() + "<!-- gabarit de l’équipe -->\n")
    run(site, "git", "add", "-A")
    run(site, "git", "commit", "-q", "-m", "Nos modifications")


def test_make_upgrade_takes_a_newer_kit_without_touching_the_teams_files(team_site, tmp_path):
    site, _remote, kit, _told = team_site
    own_environment(site)  # the newer kit is installed: not into the other tests' one
    team_edits(site)
    before = tree_digest(site, TEAM_FILES)
    old = (site / ".relais-kit").read_text().split()[1]
    new = newer_kit(kit, tmp_path)
    done = run(site, "make", "upgrade")
    assert f"relais {old} → {new}" in done.stdout
    # It names each kit file it changed, and says it committed them.
    assert "modifié : theme/static/css/site.css" in done.stdout
    assert "supprimé : docs/customising.md" in done.stdout
    assert "ajouté : docs/kit-next.md" in done.stdout
    assert f"Mise à jour enregistrée dans un commit (« relais {old} → {new} »)" in done.stdout
    assert run(site, "git", "log", "-1", "--format=%s").stdout.strip() == f"relais {old} → {new}"
    assert tree_digest(site, TEAM_FILES) == before
    kit_side = [".", *(f":(exclude){name}" for name in [*TEAM_FILES, ".relais-kit"])]
    assert (
        run(site, "git", "diff", "--name-only", "relais/main", "HEAD", "--", *kit_side).stdout == ""
    )
    assert not (site / "docs" / "customising.md").exists()
    assert run(site, "git", "status", "--porcelain").stdout == ""
    home = (site / "output" / "index.html").read_text(encoding="utf-8")
    assert f'<meta name="generator" content="relais {new}">' in home
    assert "gabarit de l’équipe" in home
    sheet = BeautifulSoup(home, "lxml").select_one('link[rel="stylesheet"]')["href"]
    css = site / "output" / "theme" / "css" / sheet.rsplit("/", 1)[1]
    assert ".kit-next" in css.read_text(encoding="utf-8")


def test_make_upgrade_refuses_when_a_kit_file_was_edited_in_the_site(tmp_path):
    kit = kit_repository(tmp_path / "relais.git")
    run(tmp_path, "git", "clone", "-q", "--origin", "relais", str(kit), "site")
    site = tmp_path / "site"
    share_local_tools(site)
    own_environment(site)  # a kit file is edited, then installed: not into the shared one
    pdf = text_pdf(tmp_path / "b.pdf", 2)
    answers = [f"URL={SITE_URL}", "INSTITUTION=Université", "EMAIL=a@example.org"]
    answers += ["SITE=Site", "PROGRAMME=Licence", f"PDF={pdf}", "DEADLINE=2099-03-13"]
    answers += ["START=2099-09-06", "APPLY=https://candidature.example.org/", "PLACE=Campus"]
    run(site, "make", "new", *answers)
    edited = site / "theme" / "static" / "css" / "site.css"
    with edited.open("a") as css:
        css.write("body { color: red; }\n")
    run(site, "git", "add", "-A")
    run(site, "git", "commit", "-q", "-m", "Edit the kit")
    newer_kit(kit, tmp_path)
    head = run(site, "git", "rev-parse", "HEAD").stdout
    done = run(site, "make", "upgrade", check=False)
    assert done.returncode != 0
    assert "theme/static/css/site.css" in done.stderr and "site-theme/" in done.stderr
    assert run(site, "git", "rev-parse", "HEAD").stdout == head


def test_an_empty_site_builds_and_passes_make_check(tmp_path):
    """No programme, no post, no event, no page: the site still builds and every gate
    passes (a team may empty the demo before writing its own)."""
    kit = kit_repository(tmp_path / "relais.git")
    run(tmp_path, "git", "clone", "-q", str(kit), "site")
    site = tmp_path / "site"
    share_local_tools(site)
    shutil.rmtree(site / "content")
    (site / "content").mkdir()
    done = run(site, "make", "check")
    assert f"checks: all {len(GATES)} gates passed" in done.stdout
    home = BeautifulSoup((site / "output" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert home.h1 is not None and home.select("main")
