"""Reading a brochure on every screen (issue 14, part 3): spreads, zoom, pinch, the page's text.

The demo is built once with a 20-page brochure (tests/brochure_pdfs.py) and the default
renders: 480, 800 and 1200 px for `srcset`, and a 2400 px zoom image per page that only a
zooming reader fetches. Checked in headless Chromium at a phone's 390 px and a desktop's
1280 px, at device scale factors 1 to 3, with the page's own requests recorded.
"""

from collections import Counter

import pytest
from bs4 import BeautifulSoup

from relais.checks import accessibility, html_validator, tools
from relais.checks.server import serve
from relais.checks.site import Site
from tests.brochure_pdfs import text_pdf
from tests.sitebuild import build, copy_content, serve_build
from tests.viewer import counter, shown

LP = "programmes/lp-photographie-audiovisuel/"
EMBED = f"{LP}brochure/embed/"
PAGES = 20
PHONE, DESKTOP = 390, 1280

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("reading")
    content = copy_content(work / "content")
    text_pdf(content / "brochures" / "lp-photographie-audiovisuel.pdf", PAGES)
    done = build(work / "site", content=content, settings={"BROCHURE_CACHE_PATH": str(work / "c")})
    assert done.returncode == 0, done.stderr
    with serve_build(done):
        yield done


@pytest.fixture
def open_page(browser, site):
    """open_page(url_path, width, dpr=1, javascript=True): a fresh tab; `page.images` lists
    the page images it requested (file names), in order."""
    contexts = []

    def open_(url_path, width, dpr=1, javascript=True, **options):
        phone = width < 600
        context = browser.new_context(
            viewport={"width": width, "height": 800},
            device_scale_factor=dpr,
            is_mobile=phone,
            has_touch=phone,
            java_script_enabled=javascript,
            **options,
        )
        contexts.append(context)
        page = context.new_page()
        page.images, page.errors = [], []
        page.on(
            "request",
            lambda r: (
                page.images.append(r.url.rsplit("/", 1)[1])
                if r.url.endswith(".webp") and "/brochure/" in r.url and "-thumb" not in r.url
                else None
            ),
        )
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(f"{site.siteurl}/{url_path}")
        page.wait_for_load_state("load")
        return page

    yield open_
    for context in contexts:
        context.close()


def box(page, number: int) -> dict:
    return page.locator(f"#page\\={number} img").bounding_box()


def zoom_images(page) -> list[str]:
    return [name for name in page.images if name.endswith("-zoom.webp")]


# --- Spreads on wide screens, single pages on phones -------------------------------------------


def test_a_wide_screen_shows_printed_spreads_the_cover_alone_then_pairs(open_page):
    page = open_page(LP, DESKTOP)
    assert shown(page) == [1] and counter(page) == f"Page 1 sur {PAGES}"
    page.get_by_role("button", name="Page suivante").click()
    assert shown(page) == [2, 3] and counter(page) == f"Pages 2–3 sur {PAGES}"
    left, right = box(page, 2), box(page, 3)
    assert left["y"] == right["y"] and left["x"] + left["width"] == pytest.approx(right["x"], abs=1)
    assert page.url.endswith("#page=2")
    marked = page.eval_on_selector_all(
        "nav.brochure-thumbs [aria-current=page]", "els => els.map(a => a.hash)"
    )
    assert marked == ["#page=2", "#page=3"]
    page.keyboard.press("ArrowRight")  # ←/→ move by spread
    assert shown(page) == [4, 5] and counter(page) == f"Pages 4–5 sur {PAGES}"
    page.keyboard.press("ArrowLeft")
    assert shown(page) == [2, 3]
    page.keyboard.press("End")  # 20 pages: the back cover alone
    assert shown(page) == [20] and counter(page) == f"Page 20 sur {PAGES}"
    page.keyboard.press("ArrowLeft")
    assert shown(page) == [18, 19]
    page.keyboard.press("Home")
    assert shown(page) == [1]
    page.evaluate("location.hash = '#page=7'")  # a link to a page opens its spread
    page.wait_for_function("!document.getElementById('page=6').hidden")
    assert shown(page) == [6, 7] and counter(page) == f"Pages 6–7 sur {PAGES}"
    assert page.errors == []


def test_the_spreads_button_switches_to_single_pages_and_the_choice_is_remembered(open_page):
    page = open_page(f"{LP}#page=3", DESKTOP)
    assert shown(page) == [2, 3]
    spread_width = box(page, 2)["width"]
    button = page.get_by_role("button", name="Double page")
    assert button.get_attribute("aria-pressed") == "true"
    button.click()
    assert button.get_attribute("aria-pressed") == "false"
    # The page the reader asked for (#page=3), alone now.
    assert shown(page) == [3] and counter(page) == f"Page 3 sur {PAGES}"
    assert page.url.endswith("#page=3")
    # 60rem; a spread's page is 30rem at most, less when the screen is not high enough.
    assert box(page, 3)["width"] == pytest.approx(960, abs=1) and spread_width <= 480
    page.keyboard.press("ArrowRight")
    assert shown(page) == [4]
    page.reload()
    page.wait_for_load_state("load")
    assert (
        shown(page) == [4]
        and page.get_by_role("button", name="Double page").get_attribute("aria-pressed") == "false"
    )
    page.get_by_role("button", name="Double page").click()
    assert shown(page) == [4, 5] and page.url.endswith("#page=4")


def test_a_phone_shows_one_page_at_a_time_across_its_width(open_page):
    page = open_page(LP, PHONE, dpr=3)
    assert not page.get_by_role("button", name="Double page").is_visible()
    page.get_by_role("button", name="Page suivante").click()
    assert shown(page) == [2] and counter(page) == f"Page 2 sur {PAGES}"
    assert box(page, 2)["width"] == pytest.approx(PHONE - 32, abs=1)  # the page's padding
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE
    page.keyboard.press("ArrowRight")
    assert shown(page) == [3]


@pytest.mark.parametrize(
    ("width", "mode", "css_width", "render"),
    [
        # 30rem at most at 1 device px per CSS px, less to fit the 800 px screen under the
        # viewer's heading and controls (brochure.css): the 480 px render.
        (DESKTOP, "spreads", None, "480"),
        (DESKTOP, "single", 960, "1200"),  # 60rem
        (PHONE, "single", 358, "1200"),  # at 3 device px per CSS px: 1074 px
    ],
)
def test_pages_use_the_width_and_sizes_picks_the_render_they_are_drawn_at(
    open_page, width, mode, css_width, render
):
    page = open_page(LP, width, dpr=3 if width == PHONE else 1)
    if mode == "single" and width == DESKTOP:
        page.get_by_role("button", name="Double page").click()
        page.wait_for_function(
            "document.querySelector('#page\\\\=1 img').currentSrc.endsWith('1200.webp')"
        )
    if css_width is None:
        page.locator("[data-brochure]").evaluate("e => e.scrollIntoView()")
        drawn = box(page, 1)
        assert 400 < drawn["width"] <= 480 and drawn["y"] + drawn["height"] <= 800
    else:
        assert box(page, 1)["width"] == pytest.approx(css_width, abs=1)
    src = page.locator("#page\\=1 img").evaluate("img => img.currentSrc")
    assert src.endswith(f"p001-{render}.webp")


def test_without_javascript_the_pages_are_a_list_drawn_up_to_60rem_from_the_1200_render(open_page):
    page = open_page(LP, DESKTOP, javascript=False)
    assert shown(page) == list(range(1, PAGES + 1))
    assert page.locator(".brochure-page:visible").count() == PAGES
    assert not page.locator(".brochure-toolbar").is_visible()
    assert box(page, 1)["width"] == pytest.approx(960, abs=1)
    # `sizes` says 60rem to a browser without scripting: it picks 1200 px, not 480.
    assert page.images[0] == "p001-1200.webp"
    assert zoom_images(page) == []
    for n in (1, 20):
        assert page.get_by_text(f"Texte de la page {n}", exact=True).is_visible()


# --- Zoom -----------------------------------------------------------------------------------


def test_on_a_phone_the_zoom_buttons_give_way_to_the_text_and_keys_still_zoom(open_page):
    """One row of controls on a phone: two fingers zoom (the browser's own, never blocked)
    and « Texte » reads; the keys + / - / 0 still zoom (a keyboard on a tablet)."""
    page = open_page(f"{LP}#page=2", PHONE, dpr=2)
    assert not page.locator(".brochure-zoom").is_visible()
    assert page.get_by_role("button", name="Texte").is_visible()
    base = box(page, 2)["width"]
    page.get_by_role("button", name="Page suivante").focus()
    page.keyboard.press("+")
    assert box(page, 2)["width"] == pytest.approx(base * 1.5, rel=0.01)
    page.keyboard.press("0")
    assert box(page, 2)["width"] == pytest.approx(base, rel=0.01)
    assert page.errors == []


@pytest.mark.parametrize(("width", "dpr"), [(DESKTOP, 2)])
def test_zoom_by_keys_and_buttons_draws_the_pages_larger_and_fetches_the_zoom_image_only_then(
    open_page, width, dpr
):
    page = open_page(f"{LP}#page=2", width, dpr=dpr)
    first = shown(page)
    page.wait_for_timeout(300)
    assert zoom_images(page) == []  # nothing larger before a reader zooms
    base = box(page, 2)["width"]
    level = page.locator(".brochure-zoom-level")
    page.get_by_role("button", name="Zoom avant").focus()
    for key, zoom, text in (("+", 1.5, "150 %"), ("+", 2, "200 %"), ("-", 1.5, "150 %")):
        page.keyboard.press(key)
        assert box(page, 2)["width"] == pytest.approx(base * zoom, rel=0.01)
        assert level.inner_text() == text
    page.get_by_role("button", name="Zoom avant").click()
    assert box(page, 2)["width"] == pytest.approx(base * 2, rel=0.01)
    # Drawn at 2 × the page's width on a 2 × screen: its zoom render, for the shown pages only.
    wanted = [f"p{n:03d}-zoom.webp" for n in first]
    for name in wanted:
        page.wait_for_function(
            "n => performance.getEntriesByType('resource').some(e => e.name.endsWith(n))", arg=name
        )
    assert sorted(set(zoom_images(page))) == wanted
    assert page.locator("#page\\=2 img").evaluate("img => img.currentSrc").endswith("-zoom.webp")
    # The pages pan inside the viewer; the page itself never scrolls sideways.
    stage = page.locator(".brochure-pages")
    assert stage.evaluate("e => e.scrollWidth > e.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") == width
    page.get_by_role("button", name="Zoom arrière").click()
    page.keyboard.press("0")
    assert box(page, 2)["width"] == pytest.approx(base, rel=0.01) and level.inner_text() == "100 %"
    reset = page.get_by_role("button", name="Taille normale")
    assert reset.get_attribute("aria-disabled") == "true"
    assert page.errors == []


def test_turning_pages_keeps_the_zoom_and_zooms_the_new_pages(open_page):
    page = open_page(f"{LP}#page=2", DESKTOP, dpr=2)
    base = box(page, 2)["width"]
    page.get_by_role("button", name="Zoom avant").click()
    page.keyboard.press("ArrowRight")
    assert shown(page) == [4, 5] and box(page, 4)["width"] == pytest.approx(base * 1.5, rel=0.01)
    assert page.locator(".brochure-pages").evaluate("e => e.scrollTop") == 0  # its top first


def test_a_zoomed_spread_pans_by_dragging_with_the_mouse(open_page):
    page = open_page(f"{LP}#page=2", DESKTOP)
    page.get_by_role("button", name="Zoom avant").click()
    page.get_by_role("button", name="Zoom avant").click()
    stage = page.locator(".brochure-pages")
    before = stage.evaluate("e => [e.scrollLeft, e.scrollTop]")
    middle = stage.bounding_box()
    x, y = middle["x"] + middle["width"] / 2, middle["y"] + 200
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 100, y - 150, steps=5)
    page.mouse.up()
    after = stage.evaluate("e => [e.scrollLeft, e.scrollTop]")
    assert after == [before[0] + 100, before[1] + 150]


def test_zoomed_pages_are_a_tab_stop_whose_arrow_keys_pan_them_instead_of_turning(open_page):
    page = open_page(f"{LP}#page=2", DESKTOP)
    stage = page.locator(".brochure-pages")
    assert stage.get_attribute("tabindex") is None  # not a Tab stop at 100 %
    page.get_by_role("button", name="Zoom avant").click()
    page.get_by_role("button", name="Zoom avant").click()
    stage.focus()
    left = stage.evaluate("e => e.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"document.querySelector('.brochure-pages').scrollLeft > {left}")
    assert shown(page) == [2, 3]
    page.keyboard.press("0")  # the zoom keys still work there
    assert stage.get_attribute("tabindex") is None


def pinch(page, x, y, apart):
    """Two touch points centred on (x, y), moved from apart[0] to apart[1] px each side."""
    cdp = page.context.new_cdp_session(page)

    def fingers(d):
        return {"touchPoints": [{"x": x - d, "y": y, "id": 0}, {"x": x + d, "y": y, "id": 1}]}

    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", **fingers(apart[0])})
    for d in range(apart[0], apart[1] + 1, 2):
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", **fingers(d)})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_pinch_zoom_is_never_blocked_and_a_pinched_page_gets_its_zoom_render(open_page, site):
    html = BeautifulSoup(site.page(LP).read_text(encoding="utf-8"), "lxml")
    viewport = html.select_one("meta[name=viewport]")["content"].replace(" ", "").split(",")
    assert viewport == ["width=device-width", "initial-scale=1"]  # no user-scalable=no, no max
    page = open_page(LP, PHONE, dpr=2)
    # Every element under a finger on the page lets the browser pinch.
    actions = page.locator("#page\\=1 img").evaluate(
        """img => { const out = [];
          for (let e = img; e; e = e.parentElement) out.push(getComputedStyle(e).touchAction);
          return out; }"""
    )
    assert all(a == "auto" or "pinch-zoom" in a or a == "manipulation" for a in actions), actions
    assert "pan-y pinch-zoom" in actions  # horizontal swipes still turn pages
    # Two fingers on the page spread apart, as raw touch events: the browser's own gesture
    # recognition makes the pinch, as on a phone.
    page.locator(".brochure-pages").scroll_into_view_if_needed()
    at = box(page, 1)
    pinch(page, at["x"] + 150, at["y"] + 200, apart=(30, 120))
    page.wait_for_function("visualViewport.scale > 2")
    page.wait_for_function(
        "performance.getEntriesByType('resource').some(e => e.name.endsWith('p001-zoom.webp'))"
    )
    assert page.locator(".brochure").evaluate("e => e.classList.contains('is-pinched')")


# --- The page's text on a phone -----------------------------------------------------------------


def test_on_a_phone_the_page_text_is_one_tap_away_and_readable(open_page):
    page = open_page(f"{LP}#page=5", PHONE, dpr=3)
    control = page.get_by_text("Texte de la page 5", exact=True)
    assert control.is_visible()
    image, button = box(page, 5), control.bounding_box()
    assert 0 <= button["y"] - (image["y"] + image["height"]) <= 24  # right under the page
    assert button["height"] >= 44 and button["width"] >= 44
    control.tap()
    text = page.locator("#page\\=5 details.brochure-text p")
    assert text.is_visible() and "Page de test numéro 5" in text.inner_text()
    assert float(text.evaluate("p => getComputedStyle(p).fontSize").removesuffix("px")) >= 16
    assert text.bounding_box()["x"] + text.bounding_box()["width"] <= PHONE
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE


# --- The gates at both widths -----------------------------------------------------------------


def test_axe_passes_at_390_and_1280_px_and_the_nu_checker_too(browser, site, monkeypatch):
    assert html_validator.run(Site(site.output / LP)).problems == []
    widths = {f"{w}px": {"width": w, "height": 800} for w in (PHONE, DESKTOP)}
    monkeypatch.setattr(accessibility, "VIEWPORTS", {**accessibility.VIEWPORTS, **widths})
    checked = Site(site.output, site.siteurl)
    context = browser.new_context()
    context.add_init_script(path=str(tools.AXE_JS))
    with serve(checked) as server:
        for rel in (f"{LP}index.html", f"{EMBED}index.html"):
            page = context.new_page()
            problems = accessibility.check_page(page, server, rel, ["light"], Counter())
            page.close()
            assert problems == [], [str(p) for p in problems]
    context.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_axe_passes_on_zoomed_spreads_and_pages(open_page, width):
    page = open_page(f"{LP}#page=2", width)
    page.get_by_role("button", name="Page précédente").focus()
    page.keyboard.press("+")  # the buttons' way; on a phone, where they are not shown
    page.get_by_text("Texte de la page 2", exact=True).click()
    page.add_script_tag(path=str(tools.AXE_JS))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})"
    )
    assert [(v["id"], v["impact"]) for v in result["violations"]] == []
