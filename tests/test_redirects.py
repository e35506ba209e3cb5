"""Moved content keeps its old addresses, short links lead to the hub, and the site's
hygiene files (sitemap, robots.txt, fingerprinted CSS) work under a /<repo>/ prefix."""

import hashlib
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from relais.checks import accessibility, html_validator, links, tools
from relais.checks.server import serve
from relais.checks.site import Site
from tests.sitebuild import ROOT, build, copy_content

SITEURL = "https://relais-demo.github.io/relais"  # a project site: every URL has /relais/
POST_FROM = "blog/2026-11-ouverture-lp-photo.md"
POST_TO = "blog/2026-11-ouverture-licence-photo.md"
POST_URL = "blog/2026-11-ouverture-licence-photo/"


def add_metadata(file: Path, *lines: str) -> None:
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("\n", "\n" + "\n".join(lines) + "\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory):
    """The demo with a renamed post, a page, a programme and an event that moved."""
    work = tmp_path_factory.mktemp("moved")
    content = copy_content(work / "content")
    (content / POST_FROM).rename(content / POST_TO)
    add_metadata(
        content / POST_TO,
        "redirect_from: /blog/2026-11-ouverture-lp-photo/, /vieux-billet.html",
        "shortlink: ouverture-lp",
    )
    add_metadata(content / "pages/a-propos.md", "redirect_from: /qui-sommes-nous/")
    add_metadata(
        content / "programmes/lp-photographie-audiovisuel.md",
        "redirect_from: /formations/lp-photo",
        "shortlink: lp-photo",
    )
    add_metadata(
        content / "events/atelier-portfolio-janvier-2027.md",
        "redirect_from: https://relais-demo.github.io/relais/agenda/atelier-portfolio/",
    )
    site = build(work, content=content, siteurl=SITEURL)
    assert site.returncode == 0, site.stderr
    return site


def stub(site, url_path):
    return BeautifulSoup(site.page(url_path).read_text(encoding="utf-8"), "lxml")


def served_file(site, url: str) -> Path:
    """The file GitHub Pages serves for an absolute URL of this site."""
    assert url.startswith(SITEURL + "/"), url
    path = url.removeprefix(SITEURL + "/")
    return site.output / (path + "index.html" if path.endswith("/") or not path else path)


def refresh_target(soup) -> str:
    content = soup.find("meta", attrs={"http-equiv": "refresh"})["content"]
    match = re.fullmatch(r"0; url=(\S+)", content)
    assert match, content
    return match.group(1)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("blog/2026-11-ouverture-lp-photo/", POST_URL),
        ("vieux-billet.html", POST_URL),
        ("qui-sommes-nous/", "a-propos/"),
        ("formations/lp-photo/", "programmes/lp-photographie-audiovisuel/"),
        ("agenda/atelier-portfolio/", "events/atelier-portfolio-janvier-2027/"),
        ("go/lp-photo/", "programmes/lp-photographie-audiovisuel/"),
        ("go/ouverture-lp/", POST_URL),
    ],
)
def test_each_old_url_is_a_real_page_pointing_to_the_content(moved_site, old, new):
    soup = stub(moved_site, old)
    target = f"{SITEURL}/{new}"

    assert refresh_target(soup) == target
    assert soup.find("link", rel="canonical")["href"] == target
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert soup.html["lang"] == "fr"
    assert soup.title.get_text(strip=True)
    link = soup.main.find("a", href=target)
    assert link.get_text(strip=True)  # a visible, named link for anyone the refresh skips
    page = BeautifulSoup(served_file(moved_site, target).read_text(encoding="utf-8"), "lxml")
    assert page.find("meta", attrs={"http-equiv": "refresh"}) is None  # a real page
    assert page.h1.get_text(strip=True) == link.get_text(strip=True)


def test_redirect_pages_stay_out_of_the_sitemap_which_lists_the_content(moved_site):
    tree = etree.parse(str(moved_site.output / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in tree.findall(".//s:loc", ns)]
    assert f"{SITEURL}/" in locs
    assert f"{SITEURL}/{POST_URL}" in locs
    assert f"{SITEURL}/programmes/lp-photographie-audiovisuel/" in locs
    assert not [loc for loc in locs if "/go/" in loc or "qui-sommes-nous" in loc]
    assert not [loc for loc in locs if "404" in loc]
    assert all(served_file(moved_site, loc).is_file() for loc in locs)


def test_robots_txt_points_to_the_sitemap(moved_site):
    robots = (moved_site.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in robots
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots


def test_pages_use_a_content_hashed_stylesheet_with_the_theme_bytes(moved_site):
    source = (ROOT / "theme/static/css/site.css").read_bytes()
    for page in ("", POST_URL, "404.html", "programmes/lp-photographie-audiovisuel/"):
        soup = stub(moved_site, page)
        hrefs = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        site_css = [h for h in hrefs if "/css/site." in h]
        assert len(site_css) == 1, hrefs
        name = site_css[0].rsplit("/", 1)[1]
        assert name == f"site.{hashlib.sha256(source).hexdigest()[:10]}.css"
        assert served_file(moved_site, site_css[0]).read_bytes() == source


def test_no_page_requests_anything_from_another_site_by_default(moved_site):
    """Analytics is off by default; fonts, scripts, styles, images are all the site's own."""
    fetched = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "video": "src",
        "audio": "src",
        "embed": "src",
    }
    outside = []
    for file in moved_site.output.rglob("*.html"):
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "lxml")
        urls = [tag.get(attr) for name, attr in fetched.items() for tag in soup.find_all(name)]
        urls += [link.get("href") for link in soup.find_all("link", rel=["stylesheet", "icon"])]
        urls += [u for tag in soup.find_all(srcset=True) for u in tag["srcset"].split()[::2]]
        outside += [f"{file}: {u}" for u in urls if u and u.startswith(("http:", "https:", "//"))]
    assert [u for u in outside if not u.split(": ", 1)[1].startswith(SITEURL + "/")] == []


def test_a_custom_domain_build_keeps_every_asset_on_that_domain(tmp_path):
    site = build(tmp_path, siteurl="https://formations.example.org")
    assert site.returncode == 0, site.stderr
    soup = BeautifulSoup(site.page("404.html").read_text(encoding="utf-8"), "lxml")
    css = soup.find("link", rel="stylesheet")["href"]
    assert re.fullmatch(r"https://formations\.example\.org/theme/css/site\.[0-9a-f]{10}\.css", css)
    assert (site.output / urlsplit(css).path.lstrip("/")).is_file()
    robots = (site.output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://formations.example.org/sitemap.xml" in robots


@pytest.mark.slow
@pytest.mark.browser
def test_redirect_pages_pass_the_html_validator_and_axe(moved_site, browser):
    """The gates' own code: links and the Nu checker on the whole site, axe on a short link
    and an old address (a refresh stub stays put while axe runs: accessibility._route)."""
    site = Site(moved_site.output, SITEURL)
    assert links.run(site).problems == []
    assert html_validator.run(site).problems == []
    context = browser.new_context()
    context.add_init_script(path=str(tools.AXE_JS))
    with serve(site) as server:
        for rel in ("go/lp-photo/index.html", "vieux-billet.html"):
            page = context.new_page()
            problems = accessibility.check_page(page, server, rel, ["light"], Counter())
            assert problems == [], [str(problem) for problem in problems]
    context.close()


def broken_build(tmp_path, edits: dict[str, tuple[str, ...]]):
    content = copy_content(tmp_path / "content")
    for name, lines in edits.items():
        add_metadata(content / name, *lines)
    site = build(tmp_path, content=content, siteurl=SITEURL)
    assert site.returncode == 1
    assert "Traceback" not in site.stderr
    assert not (tmp_path / "output" / "index.html").exists()  # nothing half-written
    return [line for line in site.stderr.splitlines() if line.startswith("ERREUR")]


def test_a_redirect_onto_an_existing_page_is_an_error_naming_both(tmp_path):
    errors = broken_build(tmp_path, {"pages/a-propos.md": ("redirect_from: /contact/",)})
    assert len(errors) == 1, errors
    assert "content/pages/a-propos.md: champ « redirect_from » : « /contact/ »" in errors[0]
    assert "adresse déjà prise par " in errors[0] and "content/pages/contact.md" in errors[0]


def test_two_contents_claiming_one_short_link_is_an_error_naming_both_files(tmp_path):
    errors = broken_build(
        tmp_path,
        {
            "programmes/lp-photographie-audiovisuel.md": ("shortlink: photo",),
            POST_FROM: ("shortlink: photo",),
        },
    )
    assert len(errors) == 1, errors
    assert "« shortlink »" in errors[0] and "« photo »" in errors[0]
    assert "lp-photographie-audiovisuel.md" in errors[0] and "ouverture-lp-photo.md" in errors[0]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("redirect_from: https://ailleurs.example.org/page/", "n’est pas sur ce site"),
        ("redirect_from: /flux.xml", "seule une page"),
        ("redirect_from: /a/../b/", "« .. »"),
        ("redirect_from: /programmes/", "PROGRAMMES_SAVE_AS"),
        ("shortlink: Lien Court", "n’est pas permis"),
    ],
)
def test_bad_redirect_metadata_gets_one_line_naming_file_field_and_value(tmp_path, line, problem):
    errors = broken_build(tmp_path, {POST_FROM: (line,)})
    assert len(errors) == 1, errors
    field, value = line.split(": ", 1)
    assert errors[0].startswith("ERREUR ")
    assert f"content/{POST_FROM}: champ « {field} » : « {value} »" in errors[0]
    assert problem in errors[0]
    assert "attendu" in errors[0]
