"""The PDF's own links and outline on the site (issue 14, part 2).

The demo is built with a brochure that has web, mailto and page links, unsafe ones
(javascript:, data:, file:) and a nested outline (tests/brochure_pdfs.linked_pdf). The output
is read with an HTML parser, the Nu checker and axe, and used in headless Chromium with the
keyboard and the mouse, with and without JavaScript.
"""

import itertools
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from relais.checks import accessibility, html_validator, tools
from relais.checks import links as links_gate
from relais.checks.server import serve
from relais.checks.site import Site
from tests.brochure_pdfs import LINKED_EMAIL, LINKED_SITE, UNSAFE_TARGETS, linked_pdf
from tests.sitebuild import build, copy_content, serve_build
from tests.viewer import counter

LP = "programmes/lp-photographie-audiovisuel/"
EMBED = f"{LP}brochure/embed/"
PDF = "brochures/lp-photographie-audiovisuel.pdf"
PHONE, DESKTOP = 320, 1280

# What the brochure's pages link to, in reading order: (accessible name, href).
EXPECTED = {
    1: [
        ("Candidater", f"{LINKED_SITE}/candidater"),
        ("Voir le sommaire", "#page=2"),
        ("Écrire à l’équipe", None),  # the mailto: is assembled by the script (until then:
        # the list of the page's links, where the address is)
        ("formation.example.org/visite-virtuelle", f"{LINKED_SITE}/visite-virtuelle"),
    ],
    2: [("Le programme", "#page=3"), ("Nous contacter", "#page=4")],
    3: [
        ("Prise de vue", f"{LINKED_SITE}/cours/prise-de-vue"),
        ("Le stage", f"{LINKED_SITE}/stage"),
        ("Montage vidéo", f"{LINKED_SITE}/cours/montage"),
    ],
    4: [("Retour à la couverture", "#page=1")],
    # 24 pt apart: laid over the page only when it is 621 px wide or more.
    5: [
        ("Plan d’accès", f"{LINKED_SITE}/plan"),
        ("Horaires du secrétariat", f"{LINKED_SITE}/horaires"),
        ("Écrire au secrétariat", None),
    ],
}
CROWDED = 5
OUTLINE = [
    ("Présentation", 1, []),
    ("Sommaire", 2, []),
    (
        "Programme",
        3,
        [("Premier semestre", 3, []), ("Second semestre", 3, [("Stage en entreprise", 3, [])])],
    ),
    ("Contact", 4, []),
    ("Nous trouver", 5, []),
]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The demo with the linked brochure, built twice with one brochure cache."""
    work = tmp_path_factory.mktemp("brochure-links")
    content = copy_content(work / "content")
    linked_pdf(content / PDF)
    settings = {"BROCHURE_CACHE_PATH": str(work / "brochure-cache")}
    first = build(work / "first", content=content, settings=settings)
    assert first.returncode == 0, first.stderr
    second = build(work / "second", content=content, settings=settings)
    assert second.returncode == 0, second.stderr
    return first, second


@pytest.fixture(scope="module")
def site(builds):
    return builds[0]


def soup(site, url_path):
    return BeautifulSoup(site.page(url_path).read_text(encoding="utf-8"), "lxml")


def name_of(element) -> str:
    return " ".join(element.get_text(" ").split())


# --- The HTML ---------------------------------------------------------------------------------


def test_each_page_has_its_links_over_its_image_in_reading_order(site):
    html = soup(site, LP)
    for number, expected in EXPECTED.items():
        sheet = html.select_one(f"li[id='page={number}'] .brochure-sheet")
        assert sheet.img is not None and sheet.img["alt"] == f"Page {number}"
        links = sheet.select("a.brochure-link")
        listed = f"#liens-page-{number}"  # the e-mail link, until the script makes a mailto:
        assert [(name_of(a), a.get("href")) for a in links] == [
            (name, href or listed) for name, href in expected
        ]
        for link in links:
            # Placed in percentages of the page box, so the link follows the image's size.
            box = dict(re.findall(r"--(\w)\s*:\s*([\d.]+)%", link["style"]))
            x, y, w, h = (float(box[k]) for k in "xywh")
            assert min(x, y) >= 0 and x + w <= 100 and y + h <= 100 and min(w, h) > 0
            assert not link.get("target")  # the programme page: links open in place


def test_the_cover_link_positions_are_where_the_pdf_puts_them(site):
    """Candidater: drawn at x = 72 pt (link box from 70 pt), 680 pt from the bottom of an A4
    page (box 674 to 694 pt): left 70/595.28, top (841.89 − 694)/841.89, 20 pt high."""
    html = soup(site, LP)
    link = html.select_one("li[id='page=1'] a.brochure-link")
    box = {k: float(v) for k, v in re.findall(r"--(\w)\s*:\s*([\d.]+)%", link["style"])}
    assert box["x"] == pytest.approx(100 * 70 / 595.28, abs=0.01)
    assert box["y"] == pytest.approx(100 * (841.89 - 694) / 841.89, abs=0.01)
    assert box["h"] == pytest.approx(100 * 20 / 841.89, abs=0.01)


def test_unsafe_links_are_dropped_with_one_warning_line_naming_the_pdf_and_page(builds):
    for done in builds:  # also when the second build takes the brochure from the cache
        lines = [line for line in done.stderr.splitlines() if "lp-photographie" in line]
        assert len(lines) == sum(map(len, UNSAFE_TARGETS.values())), done.stderr
        for line, (page, target) in zip(
            lines, ((p, t) for p, targets in UNSAFE_TARGETS.items() for t in targets), strict=True
        ):
            assert line.startswith("ATTENTION ")
            assert "content/programmes/lp-photographie-audiovisuel.md: champ « brochure »" in line
            assert f"« {PDF} », page {page} : lien « {target} » ignoré" in line
            assert "attendu :" in line
    assert "Brochures : 0 rendue(s)" in builds[1].stdout  # the cache served the second one
    for done in builds:
        for url_path in (LP, EMBED):
            page = done.page(url_path).read_text(encoding="utf-8")
            assert "javascript:" not in page and "data:text" not in page and "file:" not in page
            assert "Offre spéciale" in page  # the text under the dropped link stays


def test_the_second_build_from_the_cache_writes_the_same_links(builds):
    first, second = (
        soup(done, LP).select(".brochure-sheet a, nav.brochure-toc") for done in builds
    )
    assert [str(e) for e in first] == [str(e) for e in second]


def test_the_links_of_a_page_are_listed_under_it_before_its_text(site):
    html = soup(site, LP)
    for number, expected in EXPECTED.items():
        caption = html.select_one(f"li[id='page={number}'] figcaption")
        links, details = caption.select(":scope > .brochure-page-links, :scope > details")
        assert links["id"] == f"liens-page-{number}"
        assert details.summary.get_text(strip=True) == f"Texte de la page {number}"
        listed = links.select("ul > li")
        assert len(listed) == len(expected)
        for item, (name, href) in zip(listed, expected, strict=True):
            if href is None:  # the e-mail: its name, then the harvester-proof address
                assert name_of(item) == f"{name} — lp-photo [arobase] example.org"
                assert item.select_one(".contact-email")["data-user"] == "lp-photo"
                continue
            assert item.a["href"] == href and name_of(item.a) == name
            if href.startswith("#page="):  # where it leads, in words
                assert name_of(item) == f"{name} (page {href[6:]})"


def test_no_email_address_is_written_whole_for_harvesters(site):
    for url_path in (LP, EMBED):
        html = site.page(url_path).read_text(encoding="utf-8")
        assert LINKED_EMAIL not in html and "mailto:" not in html
        assert not re.search(r"[\w.+-]+@[\w-]+\.\w", html)
    link = soup(site, LP).select("li[id='page=1'] a.brochure-link")[2]
    # No address: the link leads to the list under the page, where it is (harvester-proof);
    # the script makes a mailto: of it.
    assert link["href"] == "#liens-page-1"
    assert (link["data-user"], link["data-domain"][::-1]) == ("lp-photo", "example.org")


def test_the_outline_is_a_nested_list_of_plain_links_to_pages(site):
    nav = soup(site, LP).select_one("nav.brochure-toc")
    assert nav["aria-labelledby"] == "brochure-toc-titre"
    assert nav.select_one("#brochure-toc-titre").name == "summary"

    def tree(ol):
        return [
            (
                name_of(li.a),
                int(li.a["href"].removeprefix("#page=")),
                tree(li.ol) if li.ol else [],
            )
            for li in ol.find_all("li", recursive=False)
        ]

    assert tree(nav.details.ol) == OUTLINE
    # Before the pages: a reader finds it with the viewer's heading.
    assert nav.find_next("ol", class_="brochure-pages") is not None


def test_the_embed_page_has_the_links_opening_a_new_tab_and_no_outline(site):
    html = soup(site, EMBED)
    assert html.select_one("nav.brochure-toc") is None  # the iframe's height is counted
    web = [a for a in html.select("a.brochure-link") if a.get("href", "").startswith("http")]
    assert web and all(a["target"] == "_blank" and a["rel"] == ["noopener"] for a in web)
    assert all(name_of(a).endswith("(nouvel onglet)") for a in web)
    internal = html.select("a.brochure-link[href^='#page=']")
    assert internal and not any(a.has_attr("target") for a in internal)


@pytest.mark.skipif(not tools.VNU_JAR.exists(), reason="needs `make tools`")
def test_the_site_passes_the_html_and_links_gates(site):
    assert html_validator.run(Site(site.output / LP)).problems == []  # programme and embed
    assert links_gate.run(Site(site.output, site.siteurl)).problems == []  # every #page=N exists


# --- In a browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site):
    with serve_build(site):
        yield site


@pytest.fixture
def open_page(browser, served):
    contexts = []

    def open_(url_path, width=DESKTOP, javascript=True, height=800):
        context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript
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
        page.goto(f"{served.siteurl}/{url_path}")
        page.wait_for_load_state("load")
        return page

    yield open_
    for context in contexts:
        context.close()


FOCUSED = """() => { const e = document.activeElement;
  return [e.getAttribute('aria-label') || e.innerText.trim() || e.textContent.trim(),
          e.getAttribute('href')]; }"""


def tab_to(page, name: str, presses: int = 6) -> None:
    """Presses Tab from the "next page" button until `name` has the focus."""
    page.get_by_role("button", name="Page suivante").focus()
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED)[0] == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("number", "width", "shown"),
    [(1, DESKTOP, [1]), (3, DESKTOP, [2, 3]), (3, 390, [3])],
    ids=["cover", "spread", "phone"],
)
def test_tab_reaches_the_shown_pages_links_in_reading_order_after_the_toolbar(
    open_page, number, width, shown
):
    page = open_page(f"{LP}#page={number}", width=width)
    page.get_by_role("button", name="Page suivante").focus()
    seen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(FOCUSED))
        if seen[-1][0] == f"Texte de la page {shown[-1]}":
            break
    links = [s for s in seen if s[1] is not None or s[0] == "Écrire à l’équipe"]
    # Each page's links over it, then the same listed under it (an address by itself),
    # then its text.
    names = [
        name
        for n in shown
        for name in (
            *(name for name, _ in EXPECTED[n]),
            *(name if href else LINKED_EMAIL for name, href in EXPECTED[n]),
        )
    ]
    assert [name for name, _ in links] == names
    texts = [name for name, _ in seen if name.startswith("Texte de la page")]
    assert texts == [f"Texte de la page {n}" for n in shown]
    if number == 1:  # the e-mail link got its address from the script
        assert links[2][1] == f"mailto:{LINKED_EMAIL}"
    assert page.errors == []


@pytest.mark.browser
@pytest.mark.parametrize(
    ("how", "width", "shows"),
    [
        ("click", 390, "Page 2 sur 5"),
        ("Enter", 390, "Page 2 sur 5"),
        ("click", DESKTOP, "Pages 2–3 sur 5"),
    ],
)
def test_a_link_to_another_page_turns_the_viewer_there_and_moves_the_focus(
    open_page, how, width, shows
):
    page = open_page(LP, width=width)
    link = page.locator("li[id='page=1'] a.brochure-link[href='#page=2']")
    if how == "click":
        link.click()
    else:
        tab_to(page, "Voir le sommaire", presses=12)
        page.keyboard.press("Enter")
    page.wait_for_function("location.hash === '#page=2'")
    assert counter(page) == shows
    assert page.locator("li[id='page=2']").is_visible()
    assert not page.locator("li[id='page=1']").is_visible()
    # The link is now hidden: the focus goes to the page it led to, and Tab goes on from there.
    assert page.evaluate("document.activeElement.closest('.brochure-page').id") == "page=2"
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == ["Le programme", "#page=3"]
    page.go_back()  # a link is a step in the history, as anywhere on the web
    page.wait_for_function("location.hash !== '#page=2'")
    assert counter(page) == "Page 1 sur 5"
    assert page.errors == []


@pytest.mark.browser
def test_a_contents_entry_turns_the_viewer_to_its_page_and_brings_it_into_view(open_page):
    page = open_page(LP, width=PHONE)
    page.get_by_text("Sommaire de la brochure").click()
    page.locator("nav.brochure-toc a", has_text="Stage en entreprise").click()
    page.wait_for_function("location.hash === '#page=3'")
    assert counter(page) == "Page 3 sur 5"
    top = page.locator("li[id='page=3'] .brochure-sheet").evaluate(
        "e => e.getBoundingClientRect().top"
    )
    assert -1 < top < 800 / 2  # scrolled to its top (sub-pixel layout)
    assert page.evaluate("document.activeElement.closest('.brochure-page').id") == "page=3"
    assert page.errors == []


@pytest.mark.browser
def test_without_javascript_the_outline_and_page_links_lead_to_their_page_in_the_list(
    open_page,
):
    page = open_page(LP, width=PHONE, javascript=False)
    page.get_by_text("Sommaire de la brochure").click()
    page.locator("nav.brochure-toc a", has_text="Contact").click()
    assert page.url.endswith("#page=4")
    assert page.locator("#page\\=4").evaluate("e => e.getBoundingClientRect().top") < 1
    page.locator("li[id='page=4'] a.brochure-link").click()  # "Retour à la couverture"
    assert page.url.endswith("#page=1")
    assert page.locator("#page\\=1").evaluate("e => e.getBoundingClientRect().top") < 1
    # The e-mail link has no address without the script: it leads to the list of the page's
    # links, where the address is written (harvester-proof).
    mail = page.locator("li[id='page=1'] a.brochure-link").nth(2)
    mail.click()
    assert page.url.endswith("#liens-page-1")
    listed = page.locator("#liens-page-1")
    assert listed.is_visible() and "lp-photo [arobase] example.org" in listed.inner_text()
    top = listed.evaluate("e => e.getBoundingClientRect().top")
    assert -1 < top < 800 / 2


GEOMETRY = """sheet => {
  const box = r => [r.left, r.top, r.width, r.height];
  return {sheet: box(sheet.getBoundingClientRect()),
    img: box(sheet.querySelector('img').getBoundingClientRect()),
    links: [...sheet.querySelectorAll('a.brochure-link')].map(a => {
      const r = a.getBoundingClientRect(), st = a.style;
      return {rect: box(r),
              box: ['--x', '--y', '--w', '--h'].map(k => parseFloat(st.getPropertyValue(k)))};
    })};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("width", [PHONE, 390, DESKTOP])
def test_links_sit_on_their_place_of_the_image_and_are_24px_targets(open_page, width, javascript):
    page = open_page(f"{LP}#page=1", width=width, javascript=javascript)
    seen = page.locator("li[id='page=1'] .brochure-sheet").evaluate(GEOMETRY)
    assert seen["sheet"] == pytest.approx(seen["img"], abs=0.5)  # the sheet is the image
    left, top, width_, height = seen["img"]
    assert len(seen["links"]) == len(EXPECTED[1])
    for link in seen["links"]:
        x, y, w, h = link["box"]
        rect_left, rect_top, rect_w, rect_h = link["rect"]
        # Centred on the PDF's rectangle, as large as it is or 24 px, whichever is more.
        assert rect_left + rect_w / 2 == pytest.approx(left + (x + w / 2) * width_ / 100, abs=1)
        assert rect_top + rect_h / 2 == pytest.approx(top + (y + h / 2) * height / 100, abs=1)
        assert rect_w == pytest.approx(max(24, w * width_ / 100), abs=1)
        assert rect_h == pytest.approx(max(24, h * height / 100), abs=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= width


SHOWN = """sheet => [sheet.getBoundingClientRect().width,
  [...sheet.querySelectorAll('a.brochure-link')].filter(a => a.offsetParent !== null).length]"""


@pytest.mark.browser
def test_links_too_close_for_24px_targets_wait_for_the_page_to_be_zoomed(open_page):
    page = open_page(f"{LP}#page={CROWDED}", width=DESKTOP)
    sheet = page.locator(f"li[id='page={CROWDED}'] .brochure-sheet")
    width, shown = sheet.evaluate(SHOWN)
    # 24 px targets 24 pt apart would overlap: the first web link stays, the others wait.
    assert width < 621 and shown == 1
    assert sheet.locator("a.brochure-link:visible").get_attribute("href") == f"{LINKED_SITE}/plan"
    listed = page.locator(f"li[id='page={CROWDED}'] .brochure-page-links a")
    assert listed.count() == 3 and all(listed.nth(i).is_visible() for i in range(3))
    assert listed.nth(2).get_attribute("href").startswith(f"mailto:{LINKED_EMAIL}")
    # A spread fits the 800 px screen: a page 410 px wide. 200 %: 820 px.
    page.get_by_role("button", name="Zoom avant").click()
    page.get_by_role("button", name="Zoom avant").click()
    page.wait_for_function(
        "s => (" + SHOWN + ")(document.querySelector(s))[1] === 3",
        arg=f"li[id='page={CROWDED}'] .brochure-sheet",
    )
    assert sheet.evaluate(SHOWN)[0] >= 621
    seen = sheet.evaluate(GEOMETRY)
    tops = [(link["rect"][1], link["rect"][1] + link["rect"][3]) for link in seen["links"]]
    assert all(bottom <= below for (_, bottom), (below, _) in itertools.pairwise(tops))
    assert page.errors == []


@pytest.mark.browser
def test_a_focused_link_shows_a_ring(open_page):
    page = open_page(LP)
    link = page.locator("li[id='page=1'] a.brochure-link").first
    tab_to(page, "Candidater", presses=12)  # keyboard focus: :focus-visible
    ring = link.evaluate("a => [getComputedStyle(a).outlineStyle, getComputedStyle(a).boxShadow]")
    assert ring[0] == "solid" and ring[1] != "none"


OPEN_EVERYTHING = "() => document.querySelectorAll('details').forEach(d => d.open = true)"


@pytest.mark.browser
@pytest.mark.parametrize("url_path", [LP, EMBED], ids=["programme", "embed"])
def test_axe_passes_at_phone_and_desktop_widths_with_the_links_and_outline_shown(
    site, browser, monkeypatch, url_path
):
    """As the gate runs it (page 1 shown), then with every page's links, text alternative and
    the outline open, with the site's scripts and without them (axe itself needs JavaScript:
    the page's own scripts are blocked instead), at 320 px, 412 px and 1280 px."""
    viewports = {**accessibility.VIEWPORTS, "320px": {"width": PHONE, "height": 800}}
    monkeypatch.setattr(accessibility, "VIEWPORTS", viewports)
    checked = Site(site.output, site.siteurl)
    context = browser.new_context()
    context.add_init_script(path=str(tools.AXE_JS))
    with serve(checked) as server:
        gate = context.new_page()
        problems = accessibility.check_page(
            gate, server, f"{url_path}index.html", ["light"], Counter()
        )
        assert [str(p) for p in problems] == []
        for scripts, hash_ in [(True, ""), (True, "#page=3"), (False, "")]:
            page = context.new_page()
            page.set_default_timeout(60_000)
            page.route("**/*", lambda route, scripts=scripts: _local(route, server, scripts))
            page.goto(server.base_url + "/" + url_path + hash_, wait_until="load")
            page.evaluate(OPEN_EVERYTHING)
            for size in viewports.values():
                page.set_viewport_size(size)
                page.evaluate(accessibility.SETTLE)
                found = page.evaluate("o => axe.run(document, o)", accessibility.AXE_OPTIONS)
                failing = [
                    accessibility.describe(v)
                    for v in found["violations"]
                    if v["impact"] in accessibility.FAILING_IMPACTS
                ]
                assert failing == [], (scripts, hash_, size)
            page.close()
    context.close()


def _local(route, server, scripts: bool):
    local = server.local_url(route.request.url)
    if local is None or (not scripts and urlsplit(local).path.endswith(".js")):
        route.abort()
    elif local == route.request.url:
        route.continue_()
    else:
        route.fulfill(response=route.fetch(url=local))
