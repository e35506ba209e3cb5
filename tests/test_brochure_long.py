"""A brochure of any length publishes: 1 to 300 pages pass every gate (issue 14).

Printed brochures have 16, 20 or 24 pages. From 16 pages on, the old row of thumbnails
squeezed its links below 24 px, axe's target-size rule (serious) failed and `make publish`
refused the whole site. The demo gets one more programme per size, the demo's photography
licence with a real PDF of that many pages (tests/brochure_pdfs.py); the site is built once
with one page-image width (the 300-page render is the slow part), then goes through the
gates' own code and is measured in headless Chromium at phone widths (320 and 390 px) and on
a desktop.
"""

import time
from collections import Counter
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from coloraide import Color

from relais.checks import accessibility, html_validator, links, tools
from relais.checks.server import serve
from relais.checks.site import Site
from tests.brochure_pdfs import text_pdf
from tests.sitebuild import build, copy_content, serve_build
from tests.viewer import counter

SIZES = [1, 16, 20, 24, 60, 300]
PHONES = [320, 390]
DESKTOP = 1280
THUMBS = "nav.brochure-thumbs a"
MODEL = "programmes/lp-photographie-audiovisuel.md"


def lp(pages: int) -> str:
    """The programme page whose brochure has `pages` pages."""
    return f"programmes/lp-{pages}-pages/"


def embed(pages: int) -> str:
    """Its brochure's embed page."""
    return f"{lp(pages)}brochure/embed/"


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo plus a programme for each size of brochure, built and served at its
    SITEURL."""
    work = tmp_path_factory.mktemp("long-brochures")
    content = copy_content(work / "content")
    model = (content / MODEL).read_text(encoding="utf-8").split("\n", 1)[1]
    for pages in SIZES:
        text_pdf(content / "brochures" / f"lp-{pages}-pages.pdf", pages)
        programme = f"title: Licence pro, brochure de {pages} pages\n" + model.replace(
            "brochures/lp-photographie-audiovisuel.pdf", f"brochures/lp-{pages}-pages.pdf"
        )
        (content / "programmes" / f"lp-{pages}-pages.md").write_text(programme, encoding="utf-8")
    # One page width instead of three: the viewer's layout does not depend on it, and the
    # 300-page brochure renders in about 30 s instead of 90.
    # No zoom image either (tests/test_viewer_reading.py tests them).
    settings = {
        "BROCHURE_CACHE_PATH": str(work / "cache"),
        "BROCHURE_WIDTHS": [480],
        "BROCHURE_ZOOM_WIDTH": 0,
    }
    done = build(work / "site", content=content, settings=settings)
    assert done.returncode == 0, done.stderr
    with serve_build(done):
        yield done


@pytest.fixture
def open_page(browser):
    """open_page(site, url_path, width, ...): a fresh tab on the local site, nothing else."""
    contexts = []

    def open_(site, url_path, width, javascript=True, **options):
        context = browser.new_context(
            viewport={"width": width, "height": 800}, java_script_enabled=javascript, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if urlsplit(route.request.url).hostname == "127.0.0.1"
                else route.abort()
            ),
        )
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        page.goto(f"{site.siteurl}/{url_path}")
        page.wait_for_load_state("load")
        return page

    yield open_
    for context in contexts:
        context.close()


# Geometry of the strip and of every thumbnail link, in CSS px.
MEASURE = """() => {
  const strip = document.querySelector('nav.brochure-thumbs');
  const box = e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; };
  return {
    viewport: innerWidth,
    page: document.documentElement.scrollWidth,
    strip: strip && {scroll: strip.scrollWidth, client: strip.clientWidth,
                     overflowX: getComputedStyle(strip).overflowX},
    links: strip ? [...strip.querySelectorAll('a')].map(box) : [],
    images: strip ? [...strip.querySelectorAll('img')].map(img => [
      ...box(img), +img.getAttribute('width'), +img.getAttribute('height')]) : [],
  };
}"""

# Without JavaScript the strip is laid out once near the screen (content-visibility: auto):
# whether its thumbnails are, at last (a loaded machine may take more than a frame).
LAID_OUT = """() => document.querySelector('nav.brochure-thumbs li')
  .checkVisibility({contentVisibilityAuto: true})"""


def laid_out(page, patience_s: float = 30) -> None:
    """Waits for LAID_OUT, asking from here: without JavaScript the page runs no polling."""
    deadline = time.monotonic() + patience_s
    while not page.evaluate(LAID_OUT):
        assert time.monotonic() < deadline, "the thumbnail strip is never laid out"
        page.wait_for_timeout(20)


# Whether the thumbnail of page n is wholly inside the strip's visible part.
IN_STRIP = """n => {
  const strip = document.querySelector('nav.brochure-thumbs');
  const link = strip.querySelector(`a[href="#page=${n}"]`);
  const a = link.getBoundingClientRect(), s = strip.getBoundingClientRect();
  return a.left >= s.left - 0.5 && a.right <= s.right + 0.5;
}"""


def current_thumb(page) -> list[str]:
    return page.eval_on_selector_all(
        f"{THUMBS}[aria-current]", "els => els.map(a => a.getAttribute('href'))"
    )


# --- The gates, as `make publish` runs them ---------------------------------------------------


def test_the_site_passes_the_links_and_html_gates(site):
    assert links.run(Site(site.output, site.siteurl)).problems == []
    # The Nu checker on every programme page and its embed page.
    assert html_validator.run(Site(site.output / "programmes")).problems == []


@pytest.mark.browser
@pytest.mark.parametrize("pages", SIZES)
def test_each_size_passes_the_axe_gate(site, browser, monkeypatch, pages):
    # The axe gate's own page check, at its phone and desktop widths and at 320 and 390 px.
    widths = {f"{w}px": {"width": w, "height": 800} for w in PHONES}
    monkeypatch.setattr(accessibility, "VIEWPORTS", {**accessibility.VIEWPORTS, **widths})
    context = browser.new_context()
    context.add_init_script(path=str(tools.AXE_JS))
    with serve(Site(site.output, site.siteurl)) as server:
        for rel in (f"{lp(pages)}index.html", f"{embed(pages)}index.html"):
            page = context.new_page()
            problems = accessibility.check_page(page, server, rel, ["light"], Counter())
            page.close()
            assert problems == [], [str(p) for p in problems]
    context.close()


# --- The strip ----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("url_path", [lp, embed], ids=["programme", "embed"])
@pytest.mark.parametrize("pages", SIZES)
def test_thumbnails_are_24px_targets_in_a_strip_that_scrolls_instead_of_the_page(
    site, open_page, pages, url_path, javascript
):
    page = open_page(site, url_path(pages), PHONES[0], javascript=javascript)
    for width in [*PHONES, DESKTOP]:
        page.set_viewport_size({"width": width, "height": 800})
        if pages > 1:  # without JavaScript, the strip is laid out once near the screen
            page.locator("nav.brochure-thumbs").scroll_into_view_if_needed()
            laid_out(page)
        seen = page.evaluate(MEASURE)
        assert seen["page"] <= seen["viewport"] == width  # no sideways scroll of the page
        if pages == 1:
            assert seen["strip"] is None  # nothing to choose from
            continue
        assert len(seen["links"]) == pages
        assert min(w for w, _ in seen["links"]) >= 24 and min(h for _, h in seen["links"]) >= 24
        for shown_w, shown_h, w, h in seen["images"]:  # each page keeps its ratio
            assert shown_w / shown_h == pytest.approx(w / h, rel=0.02)
        assert seen["strip"]["overflowX"] == "auto"
        if width in PHONES:
            assert seen["strip"]["scroll"] > seen["strip"]["client"]  # it scrolls sideways
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("pages", [16, 20, 24, 60, 300])
def test_turning_to_page_18_marks_its_thumbnail_and_brings_it_into_the_strip(
    site, open_page, pages
):
    target = min(18, pages)
    page = open_page(site, lp(pages), 390)
    next_button = page.get_by_role("button", name="Page suivante")
    next_button.scroll_into_view_if_needed()
    scrolled = page.evaluate("[scrollX, scrollY]")
    for _ in range(target - 1):
        next_button.click()
    assert counter(page) == f"Page {target} sur {pages}"
    assert current_thumb(page) == [f"#page={target}"]
    assert page.locator(f"{THUMBS}[aria-current]").get_attribute("aria-current") == "page"
    page.wait_for_function(IN_STRIP, arg=target)  # glides there, then stays
    assert page.evaluate("[scrollX, scrollY]") == scrolled  # the strip moved, not the page
    page.keyboard.press("End")
    assert current_thumb(page) == [f"#page={pages}"]
    page.wait_for_function(IN_STRIP, arg=pages)
    assert page.evaluate("[scrollX, scrollY]") == scrolled
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("pages", [20, 300])
def test_a_deep_link_shows_its_thumbnail_at_once_on_a_phone_embed(site, open_page, pages):
    page = open_page(site, f"{embed(pages)}#page=18", 320)
    assert counter(page) == f"Page 18 sur {pages}" and current_thumb(page) == ["#page=18"]
    assert page.evaluate(IN_STRIP, 18)  # no glide on arrival
    page.evaluate("location.hash = '#page=2'")
    page.wait_for_function("document.querySelector('nav [aria-current]').hash === '#page=2'")
    assert page.evaluate(IN_STRIP, 2)  # a long jump does not glide either


# Turns to the first page whose thumbnail is not wholly in view (the buttons call show()
# synchronously) and tells how far the strip has scrolled at that very moment.
STEP_OUT_OF_VIEW = """() => {
  const strip = document.querySelector('nav.brochure-thumbs');
  const edge = strip.getBoundingClientRect().right;
  const links = [...strip.querySelectorAll('a')];
  const hidden = links.findIndex(a => a.getBoundingClientRect().right > edge) + 1;
  for (let n = 1; n < hidden; n++) document.querySelector('[data-action=next]').click();
  return [hidden, strip.scrollLeft];
}"""


@pytest.mark.browser
@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_the_strip_glides_to_the_next_thumbnail_unless_motion_is_reduced(site, open_page, motion):
    page = open_page(site, embed(20), 390, reduced_motion=motion)
    hidden, scrolled = page.evaluate(STEP_OUT_OF_VIEW)
    assert current_thumb(page) == [f"#page={hidden}"] and hidden > 2
    assert (scrolled > 0) == (motion == "reduce")  # there at once, or on its way
    page.wait_for_function(IN_STRIP, arg=hidden)


@pytest.mark.browser
@pytest.mark.parametrize("url_path", [lp, embed], ids=["programme", "embed"])
def test_the_current_thumbnail_is_marked_by_more_than_colour(site, open_page, url_path):
    page = open_page(site, f"{url_path(20)}#page=5", 390)
    style = """a => { const img = getComputedStyle(a.querySelector('img'));
      const number = a.querySelector('span');
      return [img.boxShadow, getComputedStyle(number).fontWeight, number.textContent,
              number.getAttribute('aria-hidden')]; }"""
    current = page.locator(f"{THUMBS}[href='#page=5']").evaluate(style)
    other = page.locator(f"{THUMBS}[href='#page=6']").evaluate(style)
    assert current_thumb(page) == ["#page=5"]
    assert current[0] != "none" and other[0] == "none"  # a 3 px ring around the current page
    assert (current[1], other[1]) == ("700", "400")  # its number in bold
    assert (current[2], other[2]) == ("5", "6") and current[3] == "true"  # seen, not read twice


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("url_path", [lp, embed], ids=["programme", "embed"])
def test_every_thumbnail_is_outlined_at_3_to_1_against_the_page(
    site, open_page, url_path, javascript
):
    page = open_page(site, url_path(16), 390, javascript=javascript)
    border, backgrounds = page.locator(f"{THUMBS}[href='#page=2'] img").evaluate(
        """img => {
          const s = getComputedStyle(img);
          const sides = ['Top', 'Right', 'Bottom', 'Left'];
          const behind = [];  // background colours from the thumbnail's link up to <html>
          for (let e = img.parentElement; e; e = e.parentElement)
            behind.push(getComputedStyle(e).backgroundColor);
          return [sides.map(k => [s['border' + k + 'Width'], s['border' + k + 'Style'],
                                  s['border' + k + 'Color']]), behind];
        }"""
    )
    assert {(w, s) for w, s, _ in border} == {("1px", "solid")}
    # What shows around the thumbnail: the first opaque background behind it (else the canvas).
    opaque = [Color(c) for c in backgrounds if Color(c).alpha() == 1]
    behind = opaque[0] if opaque else Color("white")
    for _, _, colour in border:
        assert Color(colour).contrast(behind, method="wcag21") >= 3  # WCAG 1.4.11


# --- Keyboard ------------------------------------------------------------------------------


@pytest.mark.browser
def test_the_strip_is_one_tab_stop_and_the_arrow_keys_move_along_it(site, open_page):
    page = open_page(site, lp(300), 390)
    in_strip = "() => !!document.activeElement.closest('nav.brochure-thumbs')"
    page.get_by_role("button", name="Page suivante").focus()
    for _ in range(6):  # past the zoom and fullscreen buttons and the page's text
        page.keyboard.press("Tab")
        if page.evaluate(in_strip):
            break
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#page=1"
    page.keyboard.press("ArrowRight")
    assert counter(page) == "Page 2 sur 300" and current_thumb(page) == ["#page=2"]
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#page=2"
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#page=300"
    page.wait_for_function(IN_STRIP, arg=300)
    page.keyboard.press("Tab")  # one press leaves the strip, not 300
    assert not page.evaluate(in_strip)
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#page=300"


@pytest.mark.browser
def test_without_javascript_the_strip_is_a_scrollable_list_of_links_to_each_page(site, open_page):
    html = BeautifulSoup(site.page(lp(24)).read_text(encoding="utf-8"), "lxml")
    nav = html.select_one("nav.brochure-thumbs")
    assert not nav.has_attr("hidden") and nav["aria-label"] == "Pages de la brochure"
    assert [a["href"] for a in nav.select("ol > li > a")] == [f"#page={n}" for n in range(1, 25)]
    # No request until the strip nears the screen: each thumbnail is then its background.
    assert all(img["src"].startswith("data:image/svg+xml,") for img in nav.select("img"))
    assert all(img["style"] == f"--s: url('{img['data-src']}')" for img in nav.select("img"))
    page = open_page(site, lp(24), 320, javascript=False)
    strip = page.locator("nav.brochure-thumbs")
    assert strip.is_visible()
    link = page.locator(f"{THUMBS}[href='#page=20']")
    link.focus()  # Tab reaches every link, and the strip scrolls to show it
    assert page.evaluate(IN_STRIP, 20)
    link.press("Enter")
    assert page.url.endswith("#page=20")
    assert page.locator("#page\\=20").evaluate("e => e.getBoundingClientRect().top") < 1


# The pages whose thumbnails the strip shows, wholly or in part, at this moment.
SHOWN = """() => {
  const s = document.querySelector('nav.brochure-thumbs').getBoundingClientRect();
  return [...document.querySelectorAll('nav.brochure-thumbs a')].filter(a => {
    const r = a.getBoundingClientRect();
    return r.right > s.left && r.left < s.right && r.bottom > s.top && r.top < s.bottom;
  }).map(a => +a.hash.split('=')[1]);
}"""
# Whether the thumbnails of these pages have arrived (decoded, not merely requested).
ARRIVED = """pages => pages.every(n => {
  const img = document.querySelector(`nav.brochure-thumbs a[href="#page=${n}"] img`);
  return img.complete && img.naturalWidth > 0 && img.currentSrc.endsWith('.webp');
})"""


@pytest.mark.browser
def test_a_300_page_strip_fetches_only_the_thumbnails_near_the_view(site, open_page):
    """Thumbnails fetched as they show (brochure.js): those in the strip's view arrive, the
    rest never do, and End jumps to the last ones without fetching the 250 on the way.

    Every thumbnail request counts (cache off: a reload from the memory cache fires no
    request). The test waits for thumbnails to arrive, never for the load event: Chromium
    requests the lazy ones in view at its first rendering after layout, a few milliseconds
    around `load`, and how many `request` events Playwright has delivered when reload()
    returns varies from run to run (0 to all 21 measured)."""
    html = BeautifulSoup(site.page(embed(300)).read_text(encoding="utf-8"), "lxml")
    page_of = {
        a.img["data-src"]: int(a["href"].removeprefix("#page=")) for a in html.select(THUMBS)
    }
    fetched = set()
    page = open_page(site, embed(300), 390)
    page.on("request", lambda request: fetched.add(page_of.get(request.url)))
    page.context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
    page.reload()
    page.locator("nav.brochure-thumbs").scroll_into_view_if_needed()

    at_start = page.evaluate(SHOWN)
    page.wait_for_function(ARRIVED, arg=at_start)
    page.keyboard.press("End")
    page.wait_for_function(IN_STRIP, arg=300)
    at_end = page.evaluate(SHOWN)
    page.wait_for_function(ARRIVED, arg=at_end)

    assert at_start[0] == 1 and len(at_start) >= 5 and at_end[-1] == 300 and len(at_end) >= 5
    fetched.discard(None)  # not a thumbnail
    assert set(at_start) | set(at_end) <= fetched
    # Only those shown (none of Chromium's lazy-loading margin: brochure.js asks for each).
    assert all(n <= 40 or n > 260 for n in fetched), sorted(fetched)
