"""Sharing one brochure page, and counting how deep readers go (issue 14, part 4).

Each page of a brochure has its own address whose link preview shows that page; readers
land on the viewer at that page; `make share SLUG=… PAGE=N` prints its messages. With
ANALYTICS set, each page seen in the viewer sends one cookie-free event to the provider;
without it, nothing leaves the site. Read with extruct, lxml and Pillow, the quality gates'
own code, and headless Chromium (provider endpoints answered by Playwright's route, so
nothing reaches the network).
"""

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import extruct
import lxml.etree
import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageChops, ImageStat

from relais.checks import accessibility, html_validator, links, tools
from relais.checks.server import serve
from relais.checks.site import Site
from tests.sitebuild import DEMO, ROOT, build, copy_content, free_port, kit_environment, serve_build

LP = "programmes/lp-photographie-audiovisuel/"
LP_TITLE = "Licence professionnelle Gestion et édition de fonds photographiques et audiovisuels"
PAGES = 6
# The viewer shows one page at a time on a phone, printed spreads on a desktop.
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
PROVIDERS = {
    "plausible": {"provider": "plausible", "domain": "formations.example.org"},
    "matomo": {"provider": "matomo", "url": "https://stats.example.org/", "site_id": 3},
    "goatcounter": {"provider": "goatcounter", "code": "relais"},
}


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("brochure-share")


def built(work: Path, name: str, **settings):
    site = build(
        work / name,
        siteurl=f"http://127.0.0.1:{free_port()}",
        settings={"BROCHURE_CACHE_PATH": str(work / "brochure-cache"), **settings},
    )
    assert site.returncode == 0, site.stderr
    return site


@pytest.fixture(scope="module")
def site(work):
    """The demo, analytics off (its own setting)."""
    return built(work, "off")


def soup(site, url_path: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(url_path).read_text(encoding="utf-8"), "lxml")


def share_path(number: int) -> str:
    return f"{LP}brochure/page-{number}/"


def open_graph(site, url_path: str) -> dict:
    html = site.page(url_path).read_text(encoding="utf-8")
    [found] = extruct.extract(html, base_url=site.siteurl, syntaxes=["opengraph"])["opengraph"]
    return dict(found["properties"])


def twitter(page: BeautifulSoup) -> dict:
    return {m["name"]: m["content"] for m in page.select("meta[name^='twitter:']")}


def local(site, url: str) -> Path:
    assert url.startswith(site.siteurl + "/"), url
    return site.page(urlsplit(url).path)


# --- Each page's own address and its preview ------------------------------------------------


def test_every_page_has_an_address_whose_preview_names_that_page(site):
    for number in range(1, PAGES + 1):
        url = f"{site.siteurl}/{share_path(number)}"
        og = open_graph(site, share_path(number))
        assert og["og:title"] == f"Brochure — {LP_TITLE} · Page {number} sur {PAGES}"
        assert og["og:url"] == url
        assert og["og:type"] == "website"
        page = soup(site, share_path(number))
        assert page.select_one("link[rel=canonical]")["href"] == url  # itself, not the programme
        assert page.title.get_text().startswith(og["og:title"])
        assert page.h1.get_text() == og["og:title"]
        card = twitter(page)
        assert card["twitter:card"] == "summary_large_image"
        assert card["twitter:title"] == og["og:title"]
        assert card["twitter:image"] == og["og:image"]
        # No meta refresh: crawlers that follow one would preview the programme instead.
        assert page.select("meta[http-equiv]") == []


def test_the_preview_image_is_a_1200_by_630_jpeg_as_declared(site):
    for number in range(1, PAGES + 1):
        og = open_graph(site, share_path(number))
        with Image.open(local(site, og["og:image"])) as image:
            assert image.format == "JPEG"
            assert image.size == (int(og["og:image:width"]), int(og["og:image:height"]))
        assert image.size == (1200, 630)
        assert og["og:image:type"] == "image/jpeg"
        assert og["og:image:alt"] == f"Page {number} — {LP_TITLE}"
        assert local(site, og["og:image"]).stat().st_size < 1_000_000  # Bluesky's thumb limit


def page_in_preview(site, number: int) -> Image.Image:
    """The middle of the preview image, inside the page drawn there."""
    og = open_graph(site, share_path(number))
    with Image.open(local(site, og["og:image"])) as preview:
        return preview.convert("L").crop((500, 150, 700, 480))


def rendered_page(site, number: int) -> Image.Image:
    """The same area of the viewer's image of that page, scaled as the preview scales it."""
    img = soup(site, LP).select(".brochure-pages img")[number - 1]
    with Image.open(local(site, img["src"])) as page:
        scale = (630 - 2 * 32) / page.height  # the page fills the height, 32 px margins
        fitted = page.convert("L").resize((round(page.width * scale), 630 - 2 * 32))
    left = (1200 - fitted.width) // 2
    return fitted.crop((500 - left, 150 - 32, 700 - left, 480 - 32))


def difference(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b)).mean[0]


def test_the_preview_image_shows_that_page_and_no_other(site):
    for number in range(1, PAGES + 1):
        shown = page_in_preview(site, number)
        own = difference(shown, rendered_page(site, number))
        others = [difference(shown, rendered_page(site, n)) for n in range(1, PAGES + 1)]
        assert own < 3, (number, own)  # JPEG and resampling noise only
        assert own == min(others)
        assert sorted(others)[1] > own + 1, (number, others)  # another page is told apart


def test_page_addresses_are_permanent_folders_under_the_brochure(site):
    folder = site.output / LP / "brochure"
    pages = sorted(p.name for p in folder.glob("page-*") if (p / "index.html").is_file())
    assert pages == sorted(f"page-{n}" for n in range(1, PAGES + 1))
    # The preview images carry a content hash in their name: out of make publish's baseline.
    from relais.publish.permanence import FINGERPRINTED

    og = open_graph(site, share_path(1))
    image = urlsplit(og["og:image"]).path.lstrip("/")
    assert FINGERPRINTED.search(image)
    assert not FINGERPRINTED.search(f"{share_path(1)}index.html")


def test_page_addresses_are_in_the_sitemap_dated_like_the_programme(site):
    """Public pages with a card and a canonical URL of their own: listed (plugins/robots)."""
    tree = lxml.etree.parse(str(site.output / "sitemap.xml"))
    ns = {"s": tree.getroot().nsmap[None]}
    listed = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in tree.iterfind("s:url", ns)
    }
    programme = listed[f"{site.siteurl}/{LP}"]
    pages = {url: date for url, date in listed.items() if f"{LP}brochure/page-" in url}
    assert sorted(pages) == sorted(f"{site.siteurl}/{share_path(n)}" for n in range(1, PAGES + 1))
    assert set(pages.values()) == {programme}
    assert f"{site.siteurl}/{LP}brochure/embed/" not in listed  # canonical: the programme


def test_without_javascript_the_page_shows_its_image_text_and_the_way_to_the_viewer(site):
    page = soup(site, share_path(3))
    img = page.select_one("main figure img")
    assert img["alt"] == "Page 3"
    with Image.open(local(site, img["src"])) as image:
        assert (image.width, image.height) == (int(img["width"]), int(img["height"]))
    assert "Droit de l’image et des archives" in page.select_one("main figcaption").get_text()
    hrefs = [a["href"] for a in page.select("main a, footer a")]
    assert f"{site.siteurl}/{LP}#page=3" in hrefs and f"{site.siteurl}/{LP}" in hrefs


# --- The gates ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gate_site(site):
    return Site(site.output, site.siteurl)


def test_page_addresses_pass_the_link_checker(gate_site):
    result = links.run(gate_site)
    assert result.ok, [str(p) for p in result.problems]


@pytest.mark.skipif(not tools.VNU_JAR.exists(), reason="needs `make tools`")
def test_page_addresses_pass_the_nu_html_checker(gate_site):
    result = html_validator.run(gate_site)
    assert result.ok, [str(p) for p in result.problems]


@pytest.mark.browser
def test_page_addresses_pass_axe_at_phone_and_desktop_widths(site, gate_site):
    if not tools.CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium (make tools)")
    from playwright.sync_api import sync_playwright

    rel = f"{share_path(2)}index.html"
    with serve(gate_site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(tools.CHROMIUM), args=tools.CHROMIUM_ARGS
        )
        context = browser.new_context()
        context.add_init_script(path=str(tools.AXE_JS))
        page = context.new_page()
        # The gate's own check: both widths, and the page stays put (its second navigation,
        # the move to the viewer, is answered 204) so axe reads the page itself.
        problems = accessibility.check_page(page, server, rel, ["light"], Counter())
        assert page.url.endswith(share_path(2))
        browser.close()
    assert problems == []


# --- In a browser ---------------------------------------------------------------------------


class Visit:
    """A browser context on a served site: requests for the site go to its server; every
    other request is recorded and answered here (an empty 200), never sent."""

    def __init__(self, browser, site, viewport):
        self.site = site
        self.outside = []  # (method, url, post data, headers)
        self.context = browser.new_context(viewport=viewport)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route, request):
        if urlsplit(request.url).hostname == "127.0.0.1":
            route.continue_()
            return
        self.outside.append((request.method, request.url, request.post_data, request.headers))
        route.fulfill(status=200, body="", content_type="text/javascript")

    def open(self, url_path: str):
        self.page.goto(f"{self.site.siteurl}/{url_path}")
        self.page.wait_for_load_state("load")
        return self.page


@pytest.fixture
def visit(browser):
    visits = []

    def open_(site, viewport=PHONE):
        with_server = serve_build(site)
        with_server.__enter__()
        one = Visit(browser, site, viewport)
        visits.append((one, with_server))
        return one

    yield open_
    for one, with_server in visits:
        one.context.close()
        with_server.__exit__(None, None, None)


def shown_page(page) -> str:
    return page.eval_on_selector_all(
        ".brochure-page", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
    )


@pytest.mark.browser
def test_following_a_page_address_lands_on_the_viewer_at_that_page(site, visit):
    one = visit(site)
    campaign = "?utm_source=mastodon&utm_medium=social&utm_campaign=lp"
    page = one.open(f"{share_path(4)}{campaign}")
    page.wait_for_url(f"**/{LP}{campaign}#page=4")
    assert page.url == f"{site.siteurl}/{LP}{campaign}#page=4"  # the campaign is kept
    page.wait_for_function("document.querySelector('.brochure-counter').textContent.includes('4')")
    assert shown_page(page) == ["page=4"]
    assert page.locator(".brochure-counter").inner_text() == "Page 4 sur 6"
    assert one.errors == []


@pytest.mark.browser
def test_on_a_desktop_the_page_followed_is_on_screen_in_its_spread(site, visit):
    one = visit(site, DESKTOP)
    page = one.open(share_path(5))
    page.wait_for_url(f"**/{LP}#page=*")
    page.wait_for_function("document.querySelector('.brochure-counter').textContent.includes('5')")
    assert shown_page(page) == ["page=4", "page=5"]
    assert page.locator(".brochure-counter").inner_text() == "Pages 4–5 sur 6"
    assert one.errors == []


def turn_pages(page):
    """On a phone: pages 1 (opening), 2, 3, back to 2, forward to 3 again, the same page
    re-shown through its address, then the last page with End: pages 1, 2, 3 and 6 are seen."""
    page.locator("[data-action=next]").click()
    page.locator("[data-action=next]").click()
    page.locator("[data-action=prev]").click()
    page.locator("[data-action=next]").click()
    page.evaluate("location.hash = '#page=3'")
    page.locator("[data-action=next]").focus()
    page.keyboard.press("End")
    page.wait_for_function("document.querySelector('.brochure-counter').textContent.includes('6')")
    page.wait_for_timeout(300)  # let the last request leave


@pytest.mark.browser
def test_with_analytics_off_no_request_leaves_the_site(site, visit):
    assert soup(site, LP).select("script[src*='brochure-stats']") == []
    one = visit(site)
    page = one.open(LP)
    turn_pages(page)
    assert one.outside == []
    assert one.errors == []


def seen_pages(provider: str, siteurl: str, requests) -> list[int]:
    """The page number of each brochure event the provider received, in order."""
    pages = []
    for method, url, body, _headers in requests:
        parts = urlsplit(url)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if provider == "plausible" and parts.path == "/api/event":
            assert method == "POST" and parts.hostname == "plausible.io"
            event = json.loads(body)
            assert event["name"] == "Brochure page"
            assert event["domain"] == "formations.example.org"
            assert event["props"]["brochure"] == f"Brochure — {LP_TITLE}"
            assert event["url"].startswith(f"{siteurl}/{LP}")
            pages.append(int(event["props"]["page"]))
        elif provider == "matomo" and parts.path == "/matomo.php":
            assert parts.hostname == "stats.example.org"
            assert (query["idsite"], query["rec"], query["e_c"]) == ("3", "1", "Brochure")
            assert query["e_a"] == f"Brochure — {LP_TITLE}"
            assert query["e_n"] == f"Page {query['e_v']}"
            pages.append(int(query["e_v"]))
        elif provider == "goatcounter" and parts.path == "/count":
            assert parts.hostname == "relais.goatcounter.com"
            assert query["e"] == "true"
            pages.append(int(query["p"].removeprefix("brochure-page-")))
    return pages


@pytest.fixture(scope="module", params=sorted(PROVIDERS))
def tracked(request, work):
    name = request.param
    return name, built(work, f"with-{name}", ANALYTICS=PROVIDERS[name])


@pytest.mark.browser
def test_with_analytics_each_page_seen_sends_one_cookie_free_event(tracked, visit):
    provider, site = tracked
    one = visit(site)
    page = one.open(LP)
    turn_pages(page)
    # Once each, whatever the order the requests left in.
    assert sorted(seen_pages(provider, site.siteurl, one.outside)) == [1, 2, 3, 6]
    for _method, url, _body, headers in one.outside:
        assert "cookie" not in {name.lower() for name in headers}, url
    assert one.context.cookies() == []
    assert one.errors == []


def turn_spreads(page):
    """On a desktop: the cover, spreads 2–3 and 4–5, back to 2–3, a switch to single pages (page
    2 shown again), then the last page with End: every page is seen once."""
    page.locator("[data-action=next]").click()
    page.locator("[data-action=next]").click()
    page.locator("[data-action=prev]").click()
    page.locator("[data-action=spreads]").click()
    page.locator("[data-action=next]").focus()
    page.keyboard.press("End")
    page.wait_for_function("document.querySelector('.brochure-counter').textContent.includes('6')")
    page.wait_for_timeout(300)


@pytest.mark.browser
def test_with_analytics_both_pages_of_a_spread_count_once_each(tracked, visit):
    provider, site = tracked
    one = visit(site, DESKTOP)
    page = one.open(LP)
    assert page.locator(".brochure-counter").inner_text() == "Page 1 sur 6"
    turn_spreads(page)
    assert sorted(seen_pages(provider, site.siteurl, one.outside)) == [1, 2, 3, 4, 5, 6]
    assert one.errors == []


@pytest.mark.browser
def test_a_reader_without_javascript_sends_nothing(tracked, browser):
    _provider, site = tracked
    assert soup(site, LP).select("script[src*='brochure-stats']")  # on the page, not run
    context = browser.new_context(java_script_enabled=False)
    outside = []

    def route(route, request):
        if urlsplit(request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    context.route("**/*", route)
    with serve_build(site):
        page = context.new_page()
        page.goto(f"{site.siteurl}/{LP}")
        page.click("a[href='#page=3']")
    context.close()
    assert outside == []


# --- make share ------------------------------------------------------------------------------


def share(tmp_path, *arguments):
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(DEMO)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(DEMO / 'content')!r}\nSITEURL = 'https://formations.example.org'\n"
        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n"
    )
    env = {**kit_environment(), "RELAIS_BUILD_DATE": "2026-12-01"}
    command = [
        sys.executable,
        "-m",
        "relais.plugins.feeds.share",
        *arguments,
        "--settings",
        str(conf),
    ]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def test_make_share_prints_each_networks_message_for_one_page_with_its_campaign_link(tmp_path):
    done = share(tmp_path, "lp-photographie-audiovisuel", "--page", "3")
    assert done.returncode == 0, done.stderr
    address = (
        "https://formations.example.org/programmes/lp-photographie-audiovisuel/brochure/page-3/"
    )
    assert f"Adresse : {address}\n" in done.stdout
    assert f"Brochure — {LP_TITLE} · Page 3 sur 6\n" in done.stdout
    blocks = re.findall(r"^── (.+?) : (\d+)/(\d+).*\n(.+)\nLien de campagne : (\S+)$",
                        done.stdout, re.M)  # fmt: skip
    assert [b[0] for b in blocks] == ["X (Twitter)", "Mastodon", "Bluesky", "LinkedIn"]
    for label, length, limit, text, link in blocks:
        key = {"X (Twitter)": "x"}.get(label, label.lower())
        assert link == f"{address}?utm_source={key}&utm_medium=social" \
            "&utm_campaign=lp-photographie-audiovisuel"  # fmt: skip
        assert text.startswith("Brochure — Licence pro photographie et audiovisuel · Page 3 sur 6")
        assert text.endswith(link) and int(length) <= int(limit)


def test_make_share_says_which_pages_a_brochure_has(tmp_path):
    done = share(tmp_path, "lp-photographie-audiovisuel", "--page", "9")
    assert done.returncode == 1
    assert "a 6 page(s) : indiquez PAGE=1 à 6." in done.stdout


# --- A brochure that loses pages ----------------------------------------------------------


def test_a_page_address_a_shorter_brochure_lost_is_kept_by_redirect_from(work):
    content = copy_content(work / "shorter-content")
    programme = content / "programmes" / "lp-photographie-audiovisuel.md"
    lost = f"/{LP}brochure/page-7/"  # the brochure has 6 pages now
    programme.write_text(
        programme.read_text(encoding="utf-8").replace(
            "summary:", f"redirect_from: {lost}\nsummary:", 1
        ),
        encoding="utf-8",
    )
    site = build(
        work / "shorter",
        content=content,
        settings={"BROCHURE_CACHE_PATH": str(work / "brochure-cache")},
    )
    assert site.returncode == 0, site.stderr
    stub = soup(site, lost)
    assert stub.select_one("link[rel=canonical]")["href"] == f"{site.siteurl}/{LP}"
    assert stub.select_one("meta[http-equiv=refresh]")["content"] == f"0; url={site.siteurl}/{LP}"


def test_redirecting_an_address_the_brochure_still_has_stops_the_build(work):
    content = copy_content(work / "clash-content")
    programme = content / "programmes" / "lp-photographie-audiovisuel.md"
    taken = f"/{LP}brochure/page-3/"
    programme.write_text(
        programme.read_text(encoding="utf-8").replace(
            "summary:", f"redirect_from: {taken}\nsummary:", 1
        ),
        encoding="utf-8",
    )
    site = build(
        work / "clash",
        content=content,
        settings={"BROCHURE_CACHE_PATH": str(work / "brochure-cache")},
    )
    assert site.returncode == 1
    assert f"« {taken} » : adresse déjà prise par la brochure de" in site.stderr
    assert not (site.output / LP).exists()  # nothing written


# --- The viewer's "share this page" button ------------------------------------------------


@pytest.mark.browser
def test_the_viewer_copies_the_address_of_the_page_on_screen(site, visit):
    one = visit(site)
    one.context.grant_permissions(["clipboard-read", "clipboard-write"])
    # The desktop case: no share sheet, so the address is copied (phones open their sheet).
    one.context.add_init_script("delete Navigator.prototype.share")
    page = one.open(LP)
    page.locator("[data-action=next]").click()
    page.locator("[data-action=next]").click()
    share = page.get_by_role("button", name="Partager cette page")
    share.click()
    page.wait_for_function("document.querySelector('.brochure-meta [role=status]').textContent")
    assert page.evaluate("navigator.clipboard.readText()") == f"{site.siteurl}/{share_path(3)}"
    assert page.locator(".brochure-meta [role=status]").inner_text() == (
        "Adresse de la page copiée."
    )
    assert one.errors == []


def test_without_javascript_there_is_no_share_button(site):
    assert soup(site, LP).select("button[data-action=share]") == []
