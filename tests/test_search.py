"""Site-wide static search (issue 27, part 3; plugins/search).

The demo is built with the issue's brochure (tests/phone_brochure.py: « sténopés » only on
page 12) at the root of a site and under a sub-path, as a GitHub Pages project site is
served; the real Pagefind index `make html` writes is searched with real queries, typed in
headless Chromium, every request outside 127.0.0.1 refused and recorded.
"""

import json
import re
import shutil
import subprocess
import sys
from contextlib import ExitStack
from urllib.parse import quote, urlsplit

import pytest
from bs4 import BeautifulSoup

from relais.checks import accessibility, html_validator, links, tools
from relais.checks.server import serve
from relais.checks.site import Site
from tests.phone_brochure import SEARCH_PAGE, phone_brochure_at
from tests.sitebuild import build, copy_content, free_port, serve_build

LP = "programmes/lp-photographie-audiovisuel/"
MASTER = "programmes/master-humanites-numeriques/"
SHORT_TITLE = "Licence pro photographie et audiovisuel"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
DONE = """() => { const s = document.querySelector('.search-status');
  return s.textContent !== '' && !s.textContent.endsWith('…'); }"""

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    work = tmp_path_factory.mktemp("search")
    phone_brochure_at(
        copy_content(work / "content") / "brochures" / "lp-photographie-audiovisuel.pdf"
    )
    return work


@pytest.fixture(scope="module")
def sites(work):
    """The site at a root address, and under /formations/ (a project site)."""
    root = build(work / "root", content=work / "content")
    assert root.returncode == 0, root.stderr
    sub = build(
        work / "sub",
        content=work / "content",
        siteurl=f"http://127.0.0.1:{free_port()}/formations",
    )
    assert sub.returncode == 0, sub.stderr
    with ExitStack() as stack:
        stack.enter_context(serve_build(root))
        stack.enter_context(serve_build(sub))
        yield root, sub


@pytest.fixture(scope="module")
def site(sites):
    return sites[0]


@pytest.fixture
def open_page(browser):
    """open_page(site, url_path, javascript=True, viewport=DESKTOP): a tab whose requests
    outside 127.0.0.1 are refused and kept in `page.refused`; `page.requested` lists the
    paths it asked for."""
    contexts = []

    def open_(site, url_path, javascript=True, viewport=DESKTOP):
        context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.requested, page.refused, page.errors = [], [], []

        def route(route):
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                page.requested.append(urlsplit(route.request.url).path)
                route.continue_()
            else:
                page.refused.append(route.request.url)
                route.abort()

        page.route("**/*", route)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(f"{site.siteurl}/{url_path}")
        page.wait_for_load_state("load")
        return page

    yield open_
    for context in contexts:
        context.close()


def results(page) -> list[dict]:
    page.wait_for_function(DONE)
    return page.eval_on_selector_all(
        ".search-results li",
        "items => items.map(li => ({href: li.querySelector('a').href,"
        " title: li.querySelector('a').textContent, kind: li.querySelector('.search-kind')"
        ".textContent, marks: [...li.querySelectorAll('mark')].map(m => m.textContent)}))",
    )


def search_for(site, open_page, words: str, **options):
    return open_page(site, f"recherche/?q={quote(words)}", **options)


# --- The index make html writes ----------------------------------------------------------------


def test_make_html_indexes_every_programme_post_event_page_and_brochure_page(site):
    bundle = site.output / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    major, minor = (int(part) for part in entry["version"].split(".")[:2])
    assert (major, minor) >= (1, 5)  # the first to match accents
    assert list(entry["languages"]) == ["fr"]  # one index, French stemming
    output = site.output
    items = {
        "programmes": len(list(output.glob("programmes/*/index.html"))),
        "posts": len(list(output.glob("blog/*/index.html"))),
        "events": len(list(output.glob("events/*/index.html"))),
        "pages": 3,  # à propos, contact, mentions légales (the 404 page is hidden)
    }
    pages = 0
    for programme in output.glob("programmes/*/index.html"):
        html = BeautifulSoup(programme.read_text(encoding="utf-8"), "lxml")
        pages += len(html.select(".brochure-pages > li.brochure-page"))
    assert items["programmes"] == 2 and pages == 20 + 4
    assert entry["languages"]["fr"]["page_count"] == sum(items.values()) + pages
    # What a browser needs, from the site itself; not Pagefind's unused ready-made UIs.
    for name in ("pagefind.js", "pagefind-worker.js", "wasm.fr.pagefind"):
        assert (bundle / name).stat().st_size > 1000
    assert not list(bundle.glob("pagefind-*ui*")) and not list(bundle.glob("*highlight*"))
    # The search page: not for search engines, not in the sitemap.
    page = BeautifulSoup(site.page("recherche/").read_text(encoding="utf-8"), "lxml")
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    assert f"{site.siteurl}/recherche/" not in (output / "sitemap.xml").read_text()
    # Every page has the header's form: plain HTML, no script.
    for url_path in ("", LP, "blog/2026-10-portes-ouvertes/", "404.html"):
        html = BeautifulSoup(site.page(url_path).read_text(encoding="utf-8"), "lxml")
        form = html.select_one("header form[role=search]")
        assert form["action"] == f"{site.siteurl}/recherche/"
        assert (
            form.select_one("input[name=q]")["id"]
            == html.find("label", string="Rechercher sur le site")["for"]
        )


def test_a_rebuild_keeps_the_unchanged_index_and_drops_what_it_no_longer_holds(
    work, site, monkeypatch
):
    """Index files are written through core.files (claimed for the staging folder): an
    unchanged build leaves them as they were without running the indexer, a changed post
    replaces its own fragment and the old one is gone."""
    content = work / "rebuilt-content"
    shutil.copytree(work / "content", content)
    first = build(work / "rebuilt", content=content, siteurl=site.siteurl)
    assert first.returncode == 0, first.stderr
    bundle = first.output / "pagefind"
    before = {p.relative_to(bundle): p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()}
    with monkeypatch.context() as without_indexer:  # an unchanged site needs no Pagefind
        without_indexer.setenv("PAGEFIND_BINARY_PATH", str(work / "no-pagefind"))
        again = build(work / "rebuilt", content=content, siteurl=site.siteurl)
    assert again.returncode == 0, again.stderr
    after = {p.relative_to(bundle): p.stat().st_mtime_ns for p in bundle.rglob("*") if p.is_file()}
    assert after == before
    post = content / "blog" / "2026-10-portes-ouvertes.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nUn mot nouveau : zygopétale.\n")
    changed = build(work / "rebuilt", content=content, siteurl=site.siteurl)
    assert changed.returncode == 0, changed.stderr
    files = {p.relative_to(bundle) for p in bundle.rglob("*") if p.is_file()}
    fragments = {p for p in files if p.parts[0] == "fragment"}
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert len(fragments) == entry["languages"]["fr"]["page_count"]  # no stale fragment
    assert fragments - set(before) and set(before) - files  # one in, one out


@pytest.mark.parametrize(
    ("indexer", "said"),
    [
        (None, "l’indexeur Pagefind est introuvable"),
        ("import sys\nsys.stdout.write('pas du base64,')\n", "l’indexeur Pagefind s’est arrêté"),
    ],
    ids=["missing", "stops-answering"],
)
def test_an_indexer_missing_or_stopping_refuses_the_build_in_one_line(
    tmp_path, monkeypatch, indexer, said
):
    binary = tmp_path / "pagefind"
    if indexer is not None:
        binary.write_text(f"#!{sys.executable}\n{indexer}", encoding="utf-8")
        binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    done = build(tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    lines = [line for line in done.stderr.splitlines() if "recherche :" in line]
    assert len(lines) == 1 and said in lines[0], done.stderr
    assert not (tmp_path / "output" / "index.html").exists()  # nothing half-written


# --- Real queries in Chromium -------------------------------------------------------------------


def test_a_word_only_on_brochure_page_12_finds_page_12_and_opens_the_viewer_there(site, open_page):
    page = open_page(site, "")
    page.get_by_label("Rechercher sur le site").fill("sténopé")
    page.get_by_label("Rechercher sur le site").press("Enter")
    page.wait_for_url("**/recherche/?q=*")
    found = results(page)
    assert page.locator(".search-status").inner_text() == "1 résultat pour « sténopé »."
    assert found == [
        {
            "href": f"{site.siteurl}/{LP}#page={SEARCH_PAGE}",
            "title": f"Brochure — {SHORT_TITLE}, page {SEARCH_PAGE} sur 20",
            "kind": "Brochure",
            "marks": ["sténopés"],
        }
    ]
    page.get_by_role("link", name=f"page {SEARCH_PAGE} sur 20").click()
    page.wait_for_url(f"**/{LP}#page={SEARCH_PAGE}")
    page.wait_for_load_state("load")
    shown = page.eval_on_selector_all(
        ".brochure-page", "els => els.filter(e => !e.hidden).map(e => e.id)"
    )
    assert shown == ["page=12", "page=13"]  # its spread
    heading = page.locator("#brochure-titre").bounding_box()
    assert 0 <= heading["y"] < 800
    assert page.refused == [] and page.errors == []


@pytest.mark.parametrize(
    ("query", "forms", "where"),
    [
        ("stenope", ["sténopés"], f"{LP}#page=12"),  # no accent, singular
        ("etudiante", ["étudiants"], f"{LP}#page=12"),  # accent, gender, number
        ("réaliser", ["réalisations"], f"{LP}#page=12"),  # verb → noun
        ("développer", ["développent"], f"{LP}#page=12"),  # infinitive → conjugated
        ("numerique", ["numériques"], MASTER),
    ],
)
def test_a_french_query_finds_its_accented_and_inflected_forms(
    site, open_page, query, forms, where
):
    page = search_for(site, open_page, query, viewport=PHONE)
    found = {result["href"]: result for result in results(page)}
    result = found[f"{site.siteurl}/{where}"]
    assert set(forms) <= set(result["marks"]) and query not in result["marks"]
    assert page.refused == [] and page.errors == []


def test_search_costs_nothing_where_no_one_searches_and_asks_no_third_party(site, open_page):
    for url_path in ("", LP, "blog/2026-10-portes-ouvertes/"):
        page = open_page(site, url_path)
        assert not [p for p in page.requested if "pagefind" in p or "/search." in p]
    page = open_page(site, "recherche/")
    page.wait_for_timeout(500)
    assert [p for p in page.requested if "/search." in p]  # its own small script
    assert not [p for p in page.requested if "/pagefind/" in p]  # no library, no index yet
    page.get_by_label("Mots à chercher", exact=False).fill("alternance")
    found = results(page)
    assert len(found) >= 3
    bundle = [p for p in page.requested if "/pagefind/" in p]
    assert "/pagefind/pagefind.js" in bundle and "/pagefind/wasm.fr.pagefind" in bundle
    assert page.url.endswith("?q=alternance")
    assert page.refused == [] and page.errors == []


def test_on_a_project_site_under_a_sub_path_results_lead_to_its_pages(sites, open_page):
    _, sub = sites
    page = search_for(sub, open_page, "sténopé")
    assert [r["href"] for r in results(page)] == [f"{sub.siteurl}/{LP}#page={SEARCH_PAGE}"]
    page = search_for(sub, open_page, "Master Humanités numériques")
    hrefs = [r["href"] for r in results(page)]
    assert f"{sub.siteurl}/{MASTER}" in hrefs
    assert all(href.startswith(f"{sub.siteurl}/") for href in hrefs)
    assert not any("/formations/formations/" in href for href in hrefs)
    with page.expect_navigation():
        page.locator(f".search-results a[href='/formations/{MASTER}']").click()
    assert page.locator("h1").inner_text() == "Master Humanités numériques"
    assert page.refused == [] and page.errors == []


def test_without_javascript_the_form_leads_to_the_lists_of_everything(site, open_page):
    page = open_page(site, LP, javascript=False)
    page.get_by_label("Rechercher sur le site").fill("stage")
    page.get_by_label("Rechercher sur le site").press("Enter")
    page.wait_for_url("**/recherche/?q=stage")
    fallback = page.locator(".search-fallback")
    assert fallback.is_visible() and "La recherche a besoin de JavaScript" in fallback.inner_text()
    checked = Site(site.output, site.siteurl)
    hrefs = [a.get_attribute("href") for a in fallback.locator("a").all()]
    assert len(hrefs) == 3
    for href in hrefs:
        assert checked.resolve(href).file is not None
    assert page.locator(".search-results li").count() == 0


# --- The gates --------------------------------------------------------------------------------


def gate(output, siteurl) -> subprocess.CompletedProcess:
    """`python -m relais.checks … --only search`, as `make check` runs it (in its own
    process: Playwright's sync API cannot start beside this module's browser)."""
    command = [sys.executable, "-m", "relais.checks", str(output), "--siteurl", siteurl]
    return subprocess.run(
        [*command, "--only", "search"], capture_output=True, text=True, check=False
    )


def test_the_search_gate_searches_for_real_and_fails_without_a_whole_index(site, tmp_path):
    done = gate(site.output, site.siteurl)
    assert done.returncode == 0, done.stdout + done.stderr
    # Two programmes by their titles, a brochure page by a word of it, a post by its title.
    assert "search ok    4 queries on recherche/index.html" in done.stdout
    no_index = tmp_path / "no-index"
    shutil.copytree(site.output, no_index)
    shutil.rmtree(no_index / "pagefind")
    done = gate(no_index, site.siteurl)
    assert done.returncode == 1 and "search index" in done.stdout
    # An index whose fragments (each page's title, address and text) are missing: the
    # search fails in the browser, and the gate says what it could not find.
    broken = tmp_path / "broken"
    shutil.copytree(site.output, broken)
    shutil.rmtree(broken / "pagefind" / "fragment")
    done = gate(broken, site.siteurl)
    assert done.returncode == 1
    assert re.search(rf"brochure page \d+ « \w+ »: {LP}index.html#page=\d+ not found", done.stdout)
    assert f"{MASTER}index.html not found" in done.stdout


def test_the_search_page_passes_the_links_html_and_axe_gates(site, browser):
    checked = Site(site.output, site.siteurl)
    assert links.run(checked).ok
    html = html_validator.run(checked)
    assert [str(p) for p in html.problems if p.where.startswith("recherche/")] == []
    context = browser.new_context()
    context.add_init_script(path=str(tools.AXE_JS))
    with serve(checked) as server:
        for viewport in (PHONE, DESKTOP):
            page = context.new_page()
            page.set_viewport_size(viewport)
            page.goto(server.base_url + "recherche/?q=photographie", wait_until="load")
            page.wait_for_function(DONE)
            page.evaluate(accessibility.SETTLE)
            found = page.evaluate("o => axe.run(document, o)", accessibility.AXE_OPTIONS)
            failing = [
                accessibility.describe(v)
                for v in found["violations"]
                if v["impact"] in accessibility.FAILING_IMPACTS
            ]
            assert failing == [], viewport
            page.close()
    context.close()
