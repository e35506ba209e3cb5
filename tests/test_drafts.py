"""Drafts: a draft programme's preview is complete, and a half-written draft kept in git
never stops the build.

`make serve` builds with DRAFTS_PREVIEW = true (relais/serve.py); these builds pass the
same setting. Listing and banner rules are in test_content_safety.py.
"""

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.sitebuild import build, copy_content
from tests.test_content_safety import add_metadata, listing_pages

MASTER = "programmes/master-humanites-numeriques.md"
SECRET = "ghp_SECRETTOKEN0123456789"
DRAFT_PAGE = "drafts/pages/master-humanites-numeriques/"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def site_paths(page: BeautifulSoup, selector: str, attribute: str, siteurl: str) -> set[str]:
    """The site paths an element attribute points to (absolute URLs made relative)."""
    return {
        element[attribute].removeprefix(siteurl).split("#")[0]
        for element in page.select(selector)
        if element.get(attribute, "").startswith(siteurl)
    }


# --- A draft programme's preview ---------------------------------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The demo as published: the programme page the preview must match."""
    done = build(tmp_path_factory.mktemp("published"))
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """The demo with the master in draft, built like `make serve` builds it."""
    workdir = tmp_path_factory.mktemp("preview")
    content = copy_content(workdir / "content")
    add_metadata(content / MASTER, "status: draft")
    done = build(workdir, content=content, settings={"DRAFTS_PREVIEW": True})
    assert done.returncode == 0, done.stderr
    return done


def test_a_draft_programme_preview_shows_its_brochure_viewer(preview):
    page = soup(preview.page(DRAFT_PAGE))
    assert page.select_one(".draft-banner")
    images = page.select(".brochure img")
    assert len(images) >= 4  # the demo brochure's four pages
    for image in images:
        source = image.get("data-src") or image["src"]  # thumbnails: a placeholder src
        path = source.removeprefix(preview.siteurl + "/")
        assert path.startswith("drafts/programmes/master-humanites-numeriques/brochure/"), path
        assert (preview.output / path).is_file(), path
    embed = preview.page("drafts/programmes/master-humanites-numeriques/brochure/embed/")
    assert soup(embed).select_one(".brochure")
    pdf = page.select_one('a[href$=".pdf"]')["href"].removeprefix(preview.siteurl + "/")
    assert (preview.output / pdf).is_file()


def test_a_draft_programme_preview_lists_its_events_and_posts_like_a_published_one(
    preview, published
):
    draft = soup(preview.page(DRAFT_PAGE))
    live = soup(published.page("programmes/master-humanites-numeriques/"))
    for section in ("#agenda-formation", "#actualites-formation"):
        heading = f"section:has(> h2{section}) h3 a"
        shown = site_paths(draft, heading, "href", preview.siteurl)
        expected = site_paths(live, heading, "href", published.siteurl)
        assert shown == expected and shown, section
    # No calendar of its own until it is published: no subscription link to a missing file.
    assert not draft.select('a[type="text/calendar"]')
    assert not (preview.output / "programmes/master-humanites-numeriques").exists()


def test_a_draft_programme_preview_is_still_listed_nowhere(preview):
    listed = listing_pages(preview.output)
    assert "drafts/" not in listed
    assert "master-humanites-numeriques/" not in listed.replace("brochures/master", "")
    event = soup(preview.page("events/reunion-information-master-hn/"))
    assert not event.select(f'a[href*="{DRAFT_PAGE}"]')


# --- Half-written drafts -----------------------------------------------------------

# Each draft, the fields its warnings name, and (for the published version) its errors.
HALF_WRITTEN = {
    "blog/2026-12-a-moitie.md": (
        "title: À moitié écrit\nstatus: draft\ndate: 05/12/2026\n\nÀ finir.\n",
        ["date"],
    ),
    "blog/2026-12-latin.md": (
        "title: Été\nstatus: draft\n\nÉté.\n".encode("latin-1"),
        ["encodage"],
    ),
    "blog/2026-12-yaml.md": (
        '---\ntitle: "Journée : programme"\nstatus: draft\ndate: 2026-02-30\n---\n\nTexte.\n',
        ["date"],
    ),
    "blog/2026-12-liens.md": (
        "title: Liens\nstatus: draft\ndate: 2026-12-01\nprograme: master-humanites-numeriques\n"
        "\nVoir [ceci]({filename}absent.md).\n",
        ["programe", "{filename}absent.md"],
    ),
    "pages/plan.md": ("status: draft\nnav: sidebar\n\nSans titre.\n", ["nav", "title"]),
    "programmes/licence-nouvelle.md": (
        "title: Licence nouvelle\nstatus: draft\ndegree: Licence pro\nstart: 13/09/2027\n"
        "\nÀ écrire.\n",
        ["start", "deadline", "apply_url"],
    ),
    "events/forum.md": ("title: Forum\nstatus: brouillon\n\nÀ préciser.\n", ["start"]),
}


def half_written_content(workdir: Path) -> Path:
    content = copy_content(workdir / "content")
    for name, (text, _fields) in HALF_WRITTEN.items():
        path = content / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return content


def lines_about(stderr: str, word: str, name: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(f"{word} ") and name in line]


def field_of(line: str) -> str:
    return re.search(r"(?:champ|lien) « ([^»]+) »", line)[1]


def test_errors_in_drafts_are_warnings_and_make_html_goes_on(tmp_path):
    done = build(tmp_path, content=half_written_content(tmp_path))
    assert done.returncode == 0, done.stderr
    assert "ERREUR" not in done.stderr
    for name, (_text, fields) in HALF_WRITTEN.items():
        warnings = lines_about(done.stderr, "ATTENTION", f"content/{name}")
        assert {field_of(line) for line in warnings} >= set(fields), (name, warnings)
        for line in warnings:
            assert "attendu :" in line and "brouillon : il n’est pas publié" in line, line
    assert done.page("").is_file() and done.page("programmes/lp-photographie-audiovisuel/")
    assert not (done.output / "drafts").exists()
    assert not (done.output / "blog/2026-12-liens").exists()


def test_the_same_errors_stop_the_build_once_the_file_is_no_longer_a_draft(tmp_path):
    content = half_written_content(tmp_path)
    for name in HALF_WRITTEN:
        path = content / name
        lines = path.read_bytes().splitlines(keepends=True)
        path.write_bytes(b"".join(line for line in lines if not line.startswith(b"status:")))
    done = build(tmp_path, content=content)
    assert done.returncode == 1
    assert "ATTENTION" not in done.stderr
    assert not (done.output / "index.html").exists()
    for name, (_text, fields) in HALF_WRITTEN.items():
        errors = lines_about(done.stderr, "ERREUR", f"content/{name}")
        assert {field_of(line) for line in errors} >= set(fields), (name, errors)


def test_a_preview_warns_about_broken_drafts_skips_them_and_shows_the_good_one(tmp_path):
    content = half_written_content(tmp_path)
    add_metadata(content / MASTER, "status: draft")
    done = build(tmp_path, content=content, settings={"DRAFTS_PREVIEW": True})
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("ATTENTION ")]
    assert warnings and all("brouillon : pas d’aperçu" in line for line in warnings)
    previews = {str(p.relative_to(done.output)) for p in (done.output / "drafts").rglob("*.html")}
    assert previews == {
        f"{DRAFT_PAGE}index.html",
        "drafts/programmes/master-humanites-numeriques/brochure/embed/index.html",
    }


def test_a_draft_is_recognised_by_its_own_status_line_only(tmp_path):
    """A post that mentions `status: draft` in its text is not a draft: its errors stop
    the build."""
    content = copy_content(tmp_path / "content")
    (content / "blog/2026-12-texte.md").write_text(
        "title: Texte\ndate: 12/01/2026\n\nÉcrire `status: draft` pour un brouillon.\n",
        encoding="utf-8",
    )
    done = build(tmp_path, content=content)
    assert done.returncode == 1
    assert lines_about(done.stderr, "ERREUR", "content/blog/2026-12-texte.md")


def test_make_html_after_make_serve_leaves_no_preview_in_output(tmp_path):
    content = copy_content(tmp_path / "content")
    add_metadata(content / MASTER, "status: draft")
    served = build(tmp_path, content=content, settings={"DRAFTS_PREVIEW": True})
    assert served.returncode == 0, served.stderr
    assert (served.output / DRAFT_PAGE / "index.html").is_file()
    done = build(tmp_path, content=content)
    assert done.returncode == 0, done.stderr
    assert not (done.output / "drafts").exists()
    assert done.page("programmes/lp-photographie-audiovisuel/").is_file()


def test_files_only_drafts_use_are_not_published(tmp_path):
    """A draft programme's brochure, a draft post's image: not copied by `make html`; a
    file a published page uses too is."""
    content = copy_content(tmp_path / "content")
    add_metadata(content / MASTER, "status: draft")
    published_pdf = "brochures/lp-photographie-audiovisuel.pdf"
    shutil.copy(content / published_pdf, content / "brochures/x.pdf")
    (content / "blog/2026-12-plan.md").write_text(
        "title: Plan\nstatus: draft\ndate: 2026-12-01\n\n"
        f"[Plan]({{static}}/brochures/x.pdf), [LP]({{static}}/{published_pdf})\n",
        encoding="utf-8",
    )
    done = build(tmp_path, content=content)
    assert done.returncode == 0, done.stderr
    brochures = {path.name for path in (done.output / "brochures").iterdir()}
    assert brochures == {"lp-photographie-audiovisuel.pdf"}
    assert (done.output / "images/events/portes-ouvertes-2027.jpg").is_file()


def test_a_published_page_linking_to_a_draft_stops_the_build_a_draft_may(tmp_path):
    content = copy_content(tmp_path / "content")
    add_metadata(content / MASTER, "status: draft")
    (content / "blog/2026-12-annonce.md").write_text(
        "title: Annonce\ndate: 2026-12-01\n\nVoir [le master]({filename}../" + MASTER + ").\n",
        encoding="utf-8",
    )
    (content / "blog/2026-12-brouillon.md").write_text(
        "title: Brouillon\nstatus: draft\ndate: 2026-12-01\n\n[Master]({filename}/"
        + MASTER
        + ")\n",
        encoding="utf-8",
    )
    done = build(tmp_path, content=content)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERREUR ")]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith(f"ERREUR {content}/blog/2026-12-annonce.md:4: lien ")  # line 4
    assert f"mène au brouillon {content}/{MASTER}, qui n’est pas publié" in errors[0]


@pytest.mark.parametrize("preview", [False, True], ids=["make html", "make serve"])
def test_a_draft_linking_private_files_is_skipped_and_they_are_never_copied(tmp_path, preview):
    content = copy_content(tmp_path / "content")
    (content / ".env").write_text(SECRET, encoding="utf-8")
    (tmp_path / "private.txt").write_text(SECRET, encoding="utf-8")
    (content / "blog/2026-12-prive.md").write_text(
        "title: Privé\nstatus: draft\ndate: 2026-12-01\n\n"
        "[env]({static}/.env), [privé]({static}../../private.txt)\n",
        encoding="utf-8",
    )
    done = build(tmp_path, content=content, settings={"DRAFTS_PREVIEW": preview})
    assert done.returncode == 0, done.stderr
    assert "ERREUR" not in done.stderr
    for path in done.output.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    assert not (done.output / "drafts/blog/2026-12-prive").exists()


def test_a_draft_programme_that_cannot_be_read_leaves_the_posts_naming_it_alone(tmp_path):
    """A published post may name a programme still in draft, even a broken one (here saved
    as Latin-1): only the draft's own warning is printed."""
    content = copy_content(tmp_path / "content")
    add_metadata(content / MASTER, "status: draft")
    text = (content / MASTER).read_text(encoding="utf-8")
    (content / MASTER).write_bytes(text.encode("latin-1", "replace"))
    done = build(tmp_path, content=content)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("ATTENTION ")]
    assert len(warnings) == 1 and f"{content}/{MASTER}: champ « encodage »" in warnings[0]
    assert done.page("blog/2026-11-master-hn-journee-etude/").is_file()
