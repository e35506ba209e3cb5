"""The brochure viewer as an applicant on a phone and a programme director on a laptop use it
(issue 27): links on a phone, reading on a phone, shared pages that land right, what a deep
link downloads, fullscreen, without JavaScript, the embed, and the page's script budget.

The demo is built once with the issue's brochure (tests/phone_brochure.py: 20 pages of
photographs, a printed table of contents on page 2, the apply link with two others on page
15, an outline) and checked in headless Chromium at 360, 390, 414 and 1280 px, every request
outside 127.0.0.1 blocked, and with JavaScript off.
"""

import gzip
import itertools
import json
import re

import pytest
from bs4 import BeautifulSoup

from relais.checks import accessibility, html_validator, tools
from relais.checks.server import serve
from relais.checks.site import Site
from tests.phone_brochure import APPLY_PAGE, APPLY_URL, EMAIL, PAGES, phone_brochure_at
from tests.sitebuild import build, copy_content, serve_build
from tests.viewer import shown

LP = "programmes/lp-photographie-audiovisuel/"
EMBED = f"{LP}brochure/embed/"
SHORT_TITLE = "Licence pro photographie et audiovisuel"
DESKTOP = (1280, 800)
PHONES = [(360, 800), (390, 844), (414, 896)]
JS_BUDGET = 8000  # bytes, gzipped: every script of the programme page together

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("phone-viewer")
    content = copy_content(work / "content")
    phone_brochure_at(content / "brochures" / "lp-photographie-audiovisuel.pdf")
    done = build(work / "site", content=content)
    assert done.returncode == 0, done.stderr
    with serve_build(done):
        yield done


@pytest.fixture
def open_page(browser, site):
    """open_page(url_path, (width, height), dpr=1, javascript=True, clipboard=False): a tab
    whose requests outside the site are refused; `page.fetched` lists the brochure images it
    received, in order (file name, bytes); `page.scripts` the scripts."""
    contexts = []

    def open_(url_path, size=DESKTOP, dpr=1, javascript=True, clipboard=False):
        phone = size[0] < 600
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]},
            device_scale_factor=dpr,
            is_mobile=phone,
            has_touch=phone,
            java_script_enabled=javascript,
        )
        contexts.append(context)
        if clipboard:  # the desktop case: no share sheet, the address is copied
            context.grant_permissions(["clipboard-read", "clipboard-write"])
            context.add_init_script("delete Navigator.prototype.share")
        local = site.siteurl + "/"
        context.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith(local)
            else route.abort()
        )  # fmt: skip
        page = context.new_page()
        page.fetched, page.scripts, page.errors = [], [], []

        def finished(request):
            name = request.url.rsplit("/", 1)[1]
            if "/brochure/" in request.url and name.endswith(".webp"):
                page.fetched.append((name, request.sizes()["responseBodySize"]))
            elif request.resource_type == "script":
                page.scripts.append(request.url)

        page.on("requestfinished", finished)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(f"{site.siteurl}/{url_path}")
        page.wait_for_load_state("load")
        return page

    yield open_
    for context in contexts:
        context.close()


def rect(locator) -> dict:
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }"
    )


def on_screen(box: dict, page) -> bool:
    width, height = page.viewport_size["width"], page.viewport_size["height"]
    return box["top"] >= -0.5 and box["bottom"] <= height + 0.5 and box["right"] <= width + 0.5


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"] - 0.5
        and b["left"] < a["right"] - 0.5
        and a["top"] < b["bottom"] - 0.5
        and b["top"] < a["bottom"] - 0.5
    )


TARGETS = """page => [...page.querySelectorAll('a')].filter(a => a.offsetParent !== null
  && getComputedStyle(a).visibility !== 'hidden').map(a => {
  const r = a.getBoundingClientRect();
  return {href: a.getAttribute('href'), top: r.top, bottom: r.bottom, left: r.left,
          right: r.right, width: r.width, height: r.height}; })"""


# --- 1. Links and reading on a phone ----------------------------------------------------------


@pytest.mark.parametrize("size", PHONES, ids=lambda size: f"{size[0]}px")
def test_on_a_phone_the_apply_link_is_tapped_on_the_page_and_every_link_is_listed_under_it(
    open_page, size
):
    page = open_page(f"{LP}#page={APPLY_PAGE}", size, dpr=2)
    targets = page.locator(f"li[id='page={APPLY_PAGE}']").evaluate(TARGETS)
    sheet = page.locator(f"li[id='page={APPLY_PAGE}'] .brochure-sheet").evaluate(TARGETS)
    # Printed 12 pt lines 40 pt apart: on a 328 to 382 px page, not all three can be 24 px
    # targets; the apply link (the first web link) stays over its printed address.
    assert APPLY_URL in [t["href"] for t in sheet]
    for target in sheet:
        assert target["width"] >= 24 and target["height"] >= 24
    listed = page.locator(f"#liens-page-{APPLY_PAGE} a")
    assert [listed.nth(i).get_attribute("href") for i in range(3)] == [
        APPLY_URL,
        "https://www.univ-exemple.fr/lp-photo/calendrier",
        f"mailto:{EMAIL}",
    ]
    for i in range(3):
        box = listed.nth(i).bounding_box()
        assert listed.nth(i).is_visible() and box["height"] >= 44 and box["width"] >= 44
    # No tap target of the page overlaps another: on it, under it.
    for a, b in itertools.combinations(targets, 2):
        assert not overlap(a, b), (a["href"], b["href"])
    assert page.evaluate("document.documentElement.scrollWidth") == size[0]
    # Tapping the printed address follows the link.
    page.context.route(
        APPLY_URL + "**", lambda route: route.fulfill(body="<title>Mon Master</title>")
    )
    with page.expect_navigation():
        page.locator(f"li[id='page={APPLY_PAGE}'] a.brochure-link[href='{APPLY_URL}']").tap()
    assert page.url == APPLY_URL
    assert page.errors == []


def test_on_a_laptop_the_printed_contents_are_listed_under_their_page_and_lead_there(open_page):
    page = open_page(f"{LP}#page=2", DESKTOP)
    assert shown(page) == [2, 3]
    sheet = page.locator("li[id='page=2'] .brochure-sheet").evaluate(TARGETS)
    # Eight lines 22 pt apart on a page about 410 px wide: the first stays, the others wait
    # for a larger page (zoom, single page); all eight are listed under it.
    assert [t["href"] for t in sheet] == ["#page=3"]
    listed = page.locator("#liens-page-2 a")
    assert listed.count() == 8
    targets = page.locator("li[id='page=2']").evaluate(TARGETS)
    for a, b in itertools.combinations(targets, 2):
        assert not overlap(a, b), (a["href"], b["href"])
    listed.filter(has_text="Candidater").click()
    page.wait_for_function(f"location.hash === '#page={APPLY_PAGE}'")
    assert shown(page) == [14, 15]
    assert page.errors == []


@pytest.mark.parametrize("size", [*PHONES, DESKTOP], ids=lambda size: f"{size[0]}px")
def test_the_toolbar_is_one_row(open_page, size):
    page = open_page(LP, size, dpr=2)
    controls = page.locator(".brochure-toolbar").evaluate(
        "t => [...t.querySelectorAll('button, .brochure-counter')]"
        ".filter(e => e.offsetParent !== null).map(e => { const r = e.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, right: r.right}; })"
    )
    assert max(c["top"] for c in controls) < min(c["bottom"] for c in controls)  # one row
    assert max(c["right"] for c in controls) <= size[0] - 16  # within the page's margin
    height = page.locator(".brochure-toolbar").bounding_box()["height"]
    assert height < 60
    assert page.evaluate("document.documentElement.scrollWidth") == size[0]
    assert page.get_by_role("button", name="Texte").is_visible()
    assert page.get_by_role("button", name="Plein écran").is_visible()


def test_texte_shows_the_pages_text_at_the_sites_size_without_panning(open_page):
    page = open_page(f"{LP}#page=12", (390, 844), dpr=3)
    button = page.get_by_role("button", name="Texte")
    assert button.get_attribute("aria-pressed") == "false"
    button.tap()
    assert button.get_attribute("aria-pressed") == "true"
    assert not page.locator("li[id='page=12'] .brochure-sheet").is_visible()
    text = page.locator("li[id='page=12'] .brochure-text p")
    assert text.is_visible() and "sténopés" in text.inner_text()
    assert text.evaluate("p => parseFloat(getComputedStyle(p).fontSize)") >= 16
    box = text.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    page.get_by_role("button", name="Page suivante").tap()  # the text follows the pages
    assert shown(page) == [13]
    assert page.locator("li[id='page=13'] .brochure-text p").is_visible()
    button.tap()
    assert page.locator("li[id='page=13'] .brochure-sheet").is_visible()
    assert not page.locator("li[id='page=13'] .brochure-text p").is_visible()
    assert page.errors == []


def test_texte_on_a_laptop_shows_a_spreads_text_side_by_side(open_page):
    page = open_page(f"{LP}#page=12", DESKTOP)
    page.get_by_role("button", name="Texte").click()
    columns = [rect(page.locator(f"li[id='page={n}'] .brochure-text")) for n in (12, 13)]
    assert all(c["right"] - c["left"] >= 400 for c in columns)  # readable lines
    assert columns[0]["right"] <= columns[1]["left"]  # side by side, as the spread is
    assert "sténopés" in page.locator("li[id='page=12'] .brochure-text p").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") == DESKTOP[0]


# --- 2. Shared pages that land right ----------------------------------------------------------


@pytest.mark.parametrize(
    ("layout", "size", "spread"),
    [("spreads", DESKTOP, [14, 15]), ("single", DESKTOP, [15]), ("phone", (390, 844), [15])],
)
def test_the_address_and_share_name_the_page_chosen_in_every_layout(
    open_page, site, layout, size, spread
):
    page = open_page(LP, size, clipboard=True)
    if layout == "single":
        page.get_by_role("button", name="Double page").click()
    page.get_by_text("Sommaire de la brochure").click()
    page.locator("nav.brochure-toc a", has_text="Candidater").click()
    page.wait_for_function("location.hash === '#page=15'")
    assert shown(page) == spread
    page.wait_for_timeout(100)
    assert page.url.endswith("#page=15")
    page.get_by_role("button", name="Partager cette page").click()
    page.wait_for_function("document.querySelector('.brochure-meta [role=status]').textContent")
    assert (
        page.evaluate("navigator.clipboard.readText()") == f"{site.siteurl}/{LP}brochure/page-15/"
    )
    # A thumbnail, then the address itself.
    page.locator(".brochure-thumbs a[href='#page=17']").click()
    assert page.url.endswith("#page=17")
    page.goto(f"{site.siteurl}/{LP}#page=15")
    page.reload()
    page.wait_for_load_state("load")
    assert page.url.endswith("#page=15") and shown(page) == spread
    assert page.errors == []


@pytest.mark.parametrize("size", [*PHONES, DESKTOP], ids=lambda size: f"{size[0]}px")
@pytest.mark.parametrize("how", ["share page", "deep link"])
def test_a_shared_page_lands_with_the_title_the_controls_and_the_page_on_screen(
    open_page, site, size, how
):
    if how == "share page":
        page = open_page(f"{LP}brochure/page-{APPLY_PAGE}/", size, dpr=2)
        page.wait_for_url(f"**/{LP}#page={APPLY_PAGE}")
        page.wait_for_load_state("load")
    else:
        page = open_page(f"{LP}#page={APPLY_PAGE}", size, dpr=2)
    page.wait_for_timeout(300)  # the browser's own late scroll to the fragment, if any
    heading = page.locator("#brochure-titre")
    assert SHORT_TITLE in heading.inner_text()  # the programme's name, with the viewer
    assert on_screen(rect(heading), page)
    assert on_screen(rect(page.locator(".brochure-toolbar")), page)
    assert on_screen(rect(page.locator(f"li[id='page={APPLY_PAGE}'] img")), page)
    assert page.errors == []


@pytest.mark.parametrize(("size", "dpr"), [((390, 844), 3), (DESKTOP, 1)], ids=["phone", "desktop"])
def test_a_deep_link_fetches_the_chosen_page_first_and_thumbnails_only_once_shown(
    open_page, size, dpr
):
    page = open_page(f"{LP}#page={APPLY_PAGE}", size, dpr=dpr)
    page.wait_for_timeout(1000)
    pages = [name for name, _ in page.fetched if "-thumb" not in name]
    # The chosen page first; on a wide screen, the pages of its spread arrive in either order.
    chosen = {f"p{number:03d}" for number in shown(page)}
    assert f"p{APPLY_PAGE:03d}" in chosen
    assert {name[:4] for name in pages[: len(chosen)]} == chosen, pages
    assert not any(name.startswith("p001-") for name, _ in page.fetched)
    # Then the next page or spread, nothing else.
    ahead = {name[:4] for name in pages}
    assert ahead <= {"p014", "p015", "p016", "p017"}
    visible = page.locator(".brochure-thumbs").evaluate(
        "s => { const v = s.getBoundingClientRect();"
        " return [...s.querySelectorAll('img')].filter(i => { const r = i.getBoundingClientRect();"
        " return r.right > v.left && r.left < v.right && r.bottom > 0 && r.top < innerHeight; })"
        ".map(i => i.dataset.src.split('/').pop()); }"
    )
    thumbs = {name for name, _ in page.fetched if "-thumb" in name}
    assert thumbs <= set(visible)
    total = sum(size for _, size in page.fetched)
    print(f"\n{size}: {len(page.fetched)} images, {total} bytes: {page.fetched}")
    if size[0] < 600:
        assert thumbs == set()  # the strip is below the screen
        page.locator(".brochure-thumbs").scroll_into_view_if_needed()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.brochure-thumbs img')]"
            ".some(i => i.src.endsWith('p015-thumb.webp') && i.complete)"
        )
        page.wait_for_timeout(300)  # the last "requestfinished" events
        thumbs = {name for name, _ in page.fetched if "-thumb" in name}
        assert "p015-thumb.webp" in thumbs and len(thumbs) < PAGES
    assert page.errors == []


@pytest.mark.parametrize(
    ("size", "url"), [(DESKTOP, f"{LP}#page=14"), ((390, 844), f"{LP}#page={APPLY_PAGE}")]
)
def test_fullscreen_fits_the_page_or_spread_to_the_screen(open_page, size, url):
    page = open_page(url, size)
    page.get_by_role("button", name="Plein écran").click()
    page.wait_for_function("document.fullscreenElement !== null")
    page.wait_for_timeout(300)
    boxes = [
        rect(img) for img in page.locator(".brochure-page:not([hidden]) .brochure-sheet img").all()
    ]
    assert len(boxes) == (2 if size == DESKTOP else 1)
    for box in boxes:
        assert on_screen(box, page) and box["left"] >= 0
    width, height = size
    if size == DESKTOP:  # the spread as high as the screen allows, under the toolbar
        assert all(box["bottom"] - box["top"] >= height - 90 for box in boxes)
    else:  # the page across the phone
        assert boxes[0]["right"] - boxes[0]["left"] >= width - 40
    page.get_by_role("button", name="Quitter le plein écran").click()
    page.wait_for_function("document.fullscreenElement === null")
    assert page.errors == []


# --- 4. The rest -----------------------------------------------------------------------------


def _luminance(rgb: str) -> float:
    def channel(value):
        value = int(value) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


COLOURS = "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"


@pytest.mark.parametrize("hovered", [False, True], ids=["at rest", "hovered"])
def test_a_pressed_toggle_keeps_its_contrast(open_page, hovered):
    page = open_page(LP, DESKTOP)
    for name in ("Double page", "Texte"):
        button = page.get_by_role("button", name=name)
        if button.get_attribute("aria-pressed") == "false":
            button.click()
        assert button.get_attribute("aria-pressed") == "true"
        if hovered:
            button.hover()
        else:
            page.mouse.move(0, 0)
        page.wait_for_timeout(50)
        assert contrast(*button.evaluate(COLOURS)) >= 4.5, name


@pytest.mark.parametrize(("size", "dpr", "render"), [(DESKTOP, 1, 1200), ((390, 844), 2, 800)])
def test_without_javascript_pages_load_as_they_come_near_and_their_links_work(
    open_page, size, dpr, render
):
    page = open_page(LP, size, dpr=dpr, javascript=False)
    page.wait_for_timeout(500)
    assert page.fetched == []  # the viewer is far down the page: nothing yet
    page.evaluate(f"location.hash = '#page={APPLY_PAGE}'")
    wanted = f"p{APPLY_PAGE:03d}-{render}.webp"
    for _ in range(100):  # polled from here: no script of the page's runs without JavaScript
        if wanted in [name for name, _ in page.fetched]:
            break
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    names = [name for name, _ in page.fetched]
    assert wanted in names
    # The pages near the screen (a few above and below), not all 20; no thumbnail.
    assert len(names) <= 8 and not any("-thumb" in name for name in names)
    img = page.locator(f"li[id='page={APPLY_PAGE}'] img")
    assert img.evaluate("i => i.currentSrc").startswith("data:image/svg+xml")  # no request
    assert f"p{APPLY_PAGE:03d}-{render}.webp" in img.evaluate(
        "i => getComputedStyle(i).backgroundImage"
    )
    sheet = page.locator(f"li[id='page={APPLY_PAGE}'] .brochure-sheet")
    assert sheet.locator(f"a[href='{APPLY_URL}']").count() == 1
    # The e-mail address, never whole in the HTML, is written in the list under the page.
    sheet.locator("a[data-user]").click(force=True)  # under the page, whatever shows
    assert page.url.endswith(f"#liens-page-{APPLY_PAGE}")
    listed = page.locator(f"#liens-page-{APPLY_PAGE}")
    assert on_screen(rect(listed), page)
    assert "photo-av [arobase] univ-exemple.fr" in listed.inner_text()


def test_the_oembed_iframe_fits_an_800px_screen(site):
    data = json.loads(site.page(f"{LP}brochure/oembed.json").read_text(encoding="utf-8"))
    iframe = BeautifulSoup(data["html"], "lxml").iframe
    assert data["width"] == 640 and data["height"] <= 600
    assert (int(iframe["width"]), int(iframe["height"])) == (data["width"], data["height"])


@pytest.mark.parametrize("size", [(640, 600), (360, 600), (390, 844)], ids=str)
def test_the_embed_shows_a_whole_page_without_scrolling(open_page, size):
    page = open_page(EMBED, size)
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollHeight") <= size[1]
    assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
    assert on_screen(rect(page.locator("li[id='page=1'] img")), page)
    assert on_screen(rect(page.locator(".brochure-toolbar")), page)
    assert page.get_by_text("Texte de la page 1", exact=True).is_visible()
    page.evaluate(f"location.hash = '#page={APPLY_PAGE}'")
    link = page.locator(f"li[id='page={APPLY_PAGE}'] a.brochure-link[href='{APPLY_URL}']")
    link.wait_for()
    assert on_screen(rect(link), page) and link.get_attribute("target") == "_blank"
    assert page.errors == []


def test_the_programme_pages_scripts_weigh_at_most_8_kb_gzipped_in_all(open_page, site):
    html = BeautifulSoup(site.page(LP).read_text(encoding="utf-8"), "lxml")
    sources = [script["src"] for script in html.select("script[src]")]
    assert not [src for src in sources if not src.startswith(site.siteurl + "/")]
    sizes = {}
    for src in sources:
        data = (site.output / src.removeprefix(site.siteurl + "/")).read_bytes()
        sizes[src.rsplit("/", 1)[1]] = (len(data), len(gzip.compress(data, 9)))
    print(f"\nprogramme page scripts (bytes, gzipped): {sizes}")
    assert sum(gz for _, gz in sizes.values()) <= JS_BUDGET
    assert not any(name.startswith(("search", "pagefind")) for name in sizes)
    # Used as a reader uses it, the page loads no other script.
    page = open_page(f"{LP}#page=3", DESKTOP, clipboard=True)
    page.get_by_role("button", name="Page suivante").click()
    page.get_by_role("button", name="Zoom avant").click()
    page.get_by_role("button", name="Texte").click()
    page.get_by_role("button", name="Partager cette page").click()
    assert sorted(page.scripts) == sorted(sources)


def test_axe_and_the_nu_checker_pass_with_the_new_controls(browser, site):
    problems = html_validator.run(Site(site.output, site.siteurl)).problems
    assert [str(p) for p in problems if LP in p.where] == []
    context = browser.new_context()
    context.add_init_script(path=str(tools.AXE_JS))
    with serve(Site(site.output, site.siteurl)) as server:
        for url, width, reading in [
            (f"{LP}#page={APPLY_PAGE}", 360, False),
            (f"{LP}#page={APPLY_PAGE}", 390, True),
            (f"{LP}#page=2", 1280, False),
            (f"{EMBED}#page={APPLY_PAGE}", 360, False),
        ]:
            page = context.new_page()
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(server.base_url + url, wait_until="load")
            if reading:
                page.get_by_role("button", name="Texte").click()
            page.evaluate(accessibility.SETTLE)
            found = page.evaluate("o => axe.run(document, o)", accessibility.AXE_OPTIONS)
            failing = [
                accessibility.describe(v)
                for v in found["violations"]
                if v["impact"] in accessibility.FAILING_IMPACTS
            ]
            assert failing == [], (url, width)
            page.close()
    context.close()
