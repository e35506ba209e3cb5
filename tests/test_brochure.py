"""The brochure viewer, end to end: a programme's PDF becomes pages, text, an embed and oEmbed.

Builds the demo site (whose brochures are real multi-page PDFs with a text layer, see
scripts/make_demo_brochures.py) with a private brochure cache, then reads the output with
independent parsers (lxml, Pillow, extruct, the Nu checker) and headless Chromium.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import extruct
import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup
from PIL import Image

from tests.brochure_pdfs import corrupt_pdf, encrypted_pdf, zero_page_pdf
from tests.hostile_pdfs import fanout_pdf, looping_pdf, many_pages_pdf, sized_page_pdf
from tests.sitebuild import DEMO, ROOT, build, copy_content, serve_build
from tests.viewer import counter

LP = "programmes/lp-photographie-audiovisuel/"
LP_PDF = DEMO / "content" / "brochures" / "lp-photographie-audiovisuel.pdf"
LP_FILE = "content/programmes/lp-photographie-audiovisuel.md"


def cache_snapshot(root: Path) -> dict:
    """Every file of the brochure cache with its modification time and inode."""
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The demo site built twice with the same, initially empty, brochure cache."""
    work = tmp_path_factory.mktemp("brochure")
    settings = {"BROCHURE_CACHE_PATH": str(work / "brochure-cache")}
    cold = build(work / "cold", settings=settings)
    assert cold.returncode == 0, cold.stderr
    after_cold = cache_snapshot(work / "brochure-cache")
    warm = build(work / "warm", settings=settings)
    assert warm.returncode == 0, warm.stderr
    return cold, warm, after_cold, cache_snapshot(work / "brochure-cache")


@pytest.fixture(scope="module")
def site(builds):
    return builds[0]


@pytest.fixture(scope="module")
def soup(site):
    def parse(url_path):
        return BeautifulSoup(site.page(url_path).read_text(encoding="utf-8"), "lxml")

    return parse


def local(site, url: str) -> Path:
    """The output file an absolute site URL points to."""
    assert url.startswith(site.siteurl + "/"), url
    return site.page(urlsplit(url).path)


def pdf_page_texts(path: Path) -> list[str]:
    document = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_bounded() for page in document]
    finally:
        document.close()


# --- The viewer's HTML, without JavaScript -------------------------------------------


def test_every_pdf_page_is_in_the_page_in_order_with_its_text(site, soup):
    texts = pdf_page_texts(LP_PDF)
    pages = soup(LP).select(".brochure-pages > li.brochure-page")
    assert len(pages) == len(texts) == 6
    for number, (page, text) in enumerate(zip(pages, texts, strict=True), start=1):
        assert page["id"] == f"page={number}"
        img = page.select_one("figure .brochure-sheet picture img")
        assert img["alt"] == f"Page {number}"
        transcript = page.select_one("figure > figcaption details.brochure-text")
        assert transcript.summary.get_text(strip=True) == f"Texte de la page {number}"
        words = " ".join(transcript.p.get_text().split())
        expected = " ".join(text.split()).replace("@", " [arobase] ")  # harvester-proof address
        assert words == expected  # the page's whole text, nothing else
    assert "Droit de l’image et des archives" in pages[2].get_text()


def test_each_page_image_comes_in_three_widths_of_real_webp_at_the_stated_size(site, soup):
    for img in soup(LP).select(".brochure-pages img"):
        candidates = [c.strip().split(" ") for c in img["srcset"].split(",")]
        assert [int(w.removesuffix("w")) for _, w in candidates] == [480, 800, 1200]
        for url, descriptor in candidates:
            with Image.open(local(site, url)) as image:
                assert image.format == "WEBP"
                assert image.width == int(descriptor.removesuffix("w"))
                assert abs(image.height / image.width - 841.89 / 595.28) < 0.01  # A4
        with Image.open(local(site, img["src"])) as image:
            assert (image.width, image.height) == (int(img["width"]), int(img["height"]))


def test_pages_load_lazily_without_layout_shift_and_without_scripting_as_backgrounds(soup):
    """The viewer is far down the programme page, and a reader sent to page N must get page
    N first: no page is fetched eagerly. Without scripting (where browsers load every
    image, lazy or not) the <img> shows an empty picture of the page's shape, no request,
    and the page is its background in three sizes (brochure.css)."""
    images = soup(LP).select(".brochure-pages img")
    assert all(img["loading"] == "lazy" and not img.has_attr("fetchpriority") for img in images)
    assert all(img.get("width") and img.get("height") for img in images)
    for img in images:
        source = img.find_parent("picture").find("source")
        assert source["media"] == "(scripting: none)"
        assert source["srcset"].startswith("data:image/svg+xml,")
        assert f"viewBox='0%200%20{img['width']}%20{img['height']}'" in source["srcset"]
        renders = re.findall(r"--([sml]): url\('([^']+)'\)", img["style"])
        assert [size for size, _ in renders] == ["s", "m", "l"]
        assert [url for _, url in renders] == [c.split()[0] for c in img["srcset"].split(", ")]


def test_thumbnails_link_to_each_page(site, soup):
    links = soup(LP).select("nav.brochure-thumbs a")
    assert [a["href"] for a in links] == [f"#page={n}" for n in range(1, 7)]
    for n, a in enumerate(links, start=1):
        # Fetched by the script once it shows in the strip; without it, a background.
        assert a.img["alt"] == f"Page {n}" and a.img["src"].startswith("data:image/svg+xml,")
        assert a.img["style"] == f"--s: url('{a.img['data-src']}')"
        with Image.open(local(site, a.img["data-src"])) as image:
            assert image.width == int(a.img["width"]) == 160


def test_the_original_pdf_is_offered_with_its_size(site, soup):
    link = soup(LP).select_one(".brochure-meta a[download]")
    published = local(site, link["href"])
    # The PDF's pages, without its author's metadata (core.published_files): its own size.
    document = pdfium.PdfDocument(published)
    assert len(document) == len(pdfium.PdfDocument(LP_PDF))
    assert document.get_metadata_dict()["Author"] == ""
    assert link["type"] == "application/pdf"
    size = max(1, round(published.stat().st_size / 1000))
    assert re.search(rf"\(PDF, {size}\s?ko\)$", link.get_text(" ", strip=True))
    assert "6 pages" in soup(LP).select_one(".brochure-meta").get_text()


def test_the_viewer_is_a_labelled_region_under_the_programme_heading(soup):
    page = soup(LP)
    section = page.select_one("section.brochure")
    heading = page.find(id=section["aria-labelledby"])
    # The programme's name too: a reader sent to a page lands here, far below the <h1>.
    assert heading.name == "h2"
    assert heading.get_text(strip=True) == "La brochure — Licence pro photographie et audiovisuel"
    assert section.select_one("[aria-live=polite]").get_text(strip=True) == "Page 1 sur 6"


# --- Embedding: the embed page, the snippet, oEmbed ---------------------------------------


def test_oembed_is_discoverable_and_a_valid_rich_response(site, soup):
    links = soup(LP).head.select('link[rel="alternate"][type="application/json+oembed"]')
    assert len(links) == 1
    data = json.loads(local(site, links[0]["href"]).read_text(encoding="utf-8"))
    assert data["version"] == "1.0" and data["type"] == "rich"
    for field in ("html", "width", "height"):  # required for type rich
        assert data[field]
    assert data["provider_url"] == f"{site.siteurl}/"
    assert data["author_url"] == f"{site.siteurl}/{LP}"
    assert data["title"].startswith("Brochure — Licence professionnelle")
    iframe = BeautifulSoup(data["html"], "lxml").iframe
    assert iframe["src"] == f"{site.siteurl}/{LP}brochure/embed/"
    assert (int(iframe["width"]), int(iframe["height"])) == (data["width"], data["height"])
    assert iframe["title"] and iframe.has_attr("allowfullscreen")
    with Image.open(local(site, data["thumbnail_url"])) as thumb:
        assert thumb.size == (data["thumbnail_width"], data["thumbnail_height"])


def test_the_copyable_snippet_is_the_oembed_iframe(site, soup):
    data = json.loads(site.page(f"{LP}brochure/oembed.json").read_text(encoding="utf-8"))
    textarea = soup(LP).select_one(".brochure-embed textarea")
    label = soup(LP).find("label", attrs={"for": textarea["id"]})
    assert textarea.has_attr("readonly") and label.get_text(strip=True)
    assert textarea.get_text() == data["html"]


def test_the_embed_page_is_the_viewer_alone_linking_back_to_the_programme(site, soup):
    embed = soup(f"{LP}brochure/embed/")
    assert embed.html["lang"] == "fr"
    assert embed.select_one("main h1").get_text(strip=True).startswith("Brochure — ")
    assert len(embed.select(".brochure-pages > li")) == 6
    assert embed.select_one("section.brochure")["data-keys"] == "document"
    assert not embed.select(".site-header, nav[aria-label='Navigation principale']")
    back = [a for a in embed.select("a") if a["href"] == f"{site.siteurl}/{LP}"]
    assert back and back[0]["target"] == "_blank" and "noopener" in back[0]["rel"]
    assert embed.select_one("link[rel=canonical]")["href"] == f"{site.siteurl}/{LP}"
    oembed = embed.select_one('link[type="application/json+oembed"]')["href"]
    assert oembed == f"{site.siteurl}/{LP}brochure/oembed.json"


# --- The rest of the programme page ---------------------------------------------------------


def test_json_ld_describes_the_programme(site):
    html = site.page(LP).read_text(encoding="utf-8")
    items = extruct.extract(html, base_url=site.siteurl, syntaxes=["json-ld"])["json-ld"]
    [program] = [i for i in items if i.get("@type") == "EducationalOccupationalProgram"]
    assert program["name"].startswith("Licence professionnelle Gestion")
    assert program["description"].startswith("Conserver, documenter")
    assert program["url"] == f"{site.siteurl}/{LP}"
    assert program["provider"]["name"] == "Université de démonstration — IUT"
    assert program["educationalCredentialAwarded"]["credentialCategory"] == (
        "Licence professionnelle"
    )
    assert program["timeToComplete"] == "P1Y"
    assert program["applicationDeadline"] == "2027-05-15"
    assert program["startDate"] == "2027-09-06"
    assert [offer["url"] for offer in program["offers"]] == [
        "https://candidature.example.org/lp-photo"
    ]
    assert (
        program["subjectOf"]["url"] == f"{site.siteurl}/brochures/lp-photographie-audiovisuel.pdf"
    )
    # schema.org defines numberOfPages for a Book only, not for a DigitalDocument.
    assert program["subjectOf"]["@type"] == "DigitalDocument"
    assert program["subjectOf"]["encodingFormat"] == "application/pdf"


def test_the_contact_address_is_not_in_the_html_for_harvesters(site, soup):
    html = site.page(LP).read_text(encoding="utf-8")
    assert "mailto:" not in html
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w", html)  # not in the facts, nor the brochure text
    contacts = soup(LP).select(".contact-email")
    shown = [c.get_text(" ", strip=True) for c in contacts]
    # The programme's contact (facts, then the brochure's text) and its disability contact.
    assert sorted(shown) == sorted(
        ["lp-photo [arobase] example.org"] * 2 + ["handicap-iut [arobase] example.org"]
    )
    in_brochure = [c for c in contacts if c.find_parent("details", class_="brochure-text")]
    assert [c.get_text(" ", strip=True) for c in in_brochure] == ["lp-photo [arobase] example.org"]


def test_apply_call_to_action_is_open_before_the_deadline(soup):
    apply = soup(LP).select_one("section.apply")
    assert "apply-open" in apply["class"]
    assert apply.select_one("a.button")["href"] == "https://candidature.example.org/lp-photo"
    assert apply.select_one("time")["datetime"] == "2027-05-15"


def test_apply_call_to_action_is_closed_after_the_deadline(tmp_path, builds):
    cache = Path(builds[0].output).parent.parent / "brochure-cache"
    late = build(tmp_path, settings={"BROCHURE_CACHE_PATH": str(cache)}, build_date="2027-05-16")
    assert late.returncode == 0, late.stderr
    page = BeautifulSoup(late.page(LP).read_text(encoding="utf-8"), "lxml")
    apply = page.select_one("section.apply")
    assert "apply-closed" in apply["class"] and apply.select_one("a.button") is None
    assert "Candidatures closes" in apply.get_text()


def test_related_posts_and_the_events_hook_remain(soup):
    page = soup(LP)
    news = page.find(id="actualites-formation").parent
    assert news.select("li.card a[href*='/blog/']")
    template = (ROOT / "theme/templates/programme.html").read_text(encoding="utf-8")
    assert '{% include "partials/programme_events.html" ignore missing %}' in template


# --- Cache -----------------------------------------------------------------------------


def test_a_second_build_renders_nothing(builds):
    cold, warm, after_cold, after_warm = builds
    assert "Brochures : 2 rendue(s) (10 pages), 0 reprise(s) du cache" in cold.stdout
    assert "Brochures : 0 rendue(s) (0 pages), 2 reprise(s) du cache" in warm.stdout
    assert after_warm == after_cold  # not one cache file written or replaced
    # 3 widths, the thumbnail and the zoom image of each of the 10 pages.
    assert sum(1 for name in after_cold if name.endswith(".webp")) == 10 * 5
    for image in cold.output.glob("programmes/*/brochure/*/*.webp"):
        same = warm.output / image.relative_to(cold.output)
        assert same.read_bytes() == image.read_bytes()


# --- Bad input -------------------------------------------------------------------------

BROKEN = {
    "corrupt": (
        corrupt_pdf,
        "champ « brochure » : « brochures/lp-photographie-audiovisuel.pdf » n’est pas un PDF "
        "lisible",
    ),
    "encrypted": (
        encrypted_pdf,
        "champ « brochure » : « brochures/lp-photographie-audiovisuel.pdf » est protégé par un "
        "mot de passe",
    ),
    "zero pages": (
        zero_page_pdf,
        "champ « brochure » : « brochures/lp-photographie-audiovisuel.pdf » ne contient aucune "
        "page",
    ),
    "looping": (  # a "zip bomb": its page tree loops, PDFium finds no page it counted
        looping_pdf,
        "champ « brochure » : « brochures/lp-photographie-audiovisuel.pdf » n’est pas un PDF "
        "lisible",
    ),
    "missing": (
        lambda path: path.unlink(),
        "champ « brochure » : le fichier « brochures/lp-photographie-audiovisuel.pdf » est "
        "introuvable",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_an_unusable_brochure_stops_the_build_with_one_line_and_writes_nothing(tmp_path, case):
    make, message = BROKEN[case]
    content = copy_content(tmp_path / "content")
    make(content / "brochures" / "lp-photographie-audiovisuel.pdf")
    broken = build(
        tmp_path, content=content, settings={"BROCHURE_CACHE_PATH": str(tmp_path / "brochures")}
    )
    assert broken.returncode == 1
    errors = [line for line in broken.stderr.splitlines() if line.startswith("ERREUR")]
    # A missing file drops the programme, so items linked to it report errors of their own.
    assert len(errors) == 1 or case == "missing", broken.stderr
    assert errors[0].startswith("ERREUR ") and errors[0].split(":")[0].endswith(LP_FILE[8:])
    assert sum("« brochure »" in line for line in errors) == 1
    assert message in errors[0] and " — attendu : " in errors[0]
    assert "Traceback" not in broken.stderr
    assert not broken.output.exists()
    # The other programme's brochure was fine: it alone is cached, with no half-written entry.
    [entry] = (tmp_path / "brochures").iterdir()
    assert (entry / "manifest.json").is_file()


# One programme per hostile PDF: (make the PDF, the end of its error line).
HOSTILE = {
    "narrow": (
        lambda p: sized_page_pdf(p, 1, 14400),
        "la page 1 mesure 1 × 14\u202f400 pt ; à 480 px de large, son image ferait "
        "480 × 6\u202f912\u202f000 px, hors des limites du format WebP",
    ),
    "tall": (
        lambda p: sized_page_pdf(p, 595, 200_000),
        "la page 1 mesure 595 × 200\u202f000 pt ; à 480 px de large, son image ferait "
        "480 × 161\u202f345 px, hors des limites du format WebP",
    ),
    "thin": (
        lambda p: sized_page_pdf(p, 0.01, 842),
        "la page 1 mesure 0,01 × 842 pt ; à 480 px de large, son image ferait 480 × 40",
    ),
    "long": (
        lambda p: many_pages_pdf(p, 2000),
        "a 2\u202f000 pages, au-delà de la limite de 500 pages par brochure — attendu : une "
        "brochure plus courte, ou une limite plus haute dans BROCHURE_MAX_PAGES",
    ),
    "fanout": (
        fanout_pdf,
        "le rendu de la page 1 a dépassé la mémoire permise (200 Mo par processus de rendu) ou "
        "a fait échouer le moteur PDF — attendu : un PDF plus simple (images moins lourdes, "
        "dessins aplatis), ou une limite plus haute dans BROCHURE_WORKER_MEMORY_MB",
    ),
}


def test_each_pdf_over_a_limit_stops_the_build_with_its_own_line(tmp_path):
    content = copy_content(tmp_path / "content")
    model = (content / "programmes" / "master-humanites-numeriques.md").read_text()
    for name, (make, _) in HOSTILE.items():
        make(content / "brochures" / f"{name}.pdf")
        text = model.replace("brochures/master-humanites-numeriques.pdf", f"brochures/{name}.pdf")
        text = text.replace("title: Master Humanités numériques", f"title: Master {name}")
        (content / "programmes" / f"master-{name}.md").write_text(text)
    settings = {"BROCHURE_CACHE_PATH": str(tmp_path / "c"), "BROCHURE_WORKER_MEMORY_MB": 200}
    broken = build(tmp_path, content=content, settings=settings)
    assert broken.returncode == 1
    errors = [line for line in broken.stderr.splitlines() if line.startswith("ERREUR")]
    assert len(errors) == len(HOSTILE), broken.stderr
    for name, (_, message) in HOSTILE.items():
        where = f"/programmes/master-{name}.md: champ « brochure » : « brochures/{name}.pdf »"
        [line] = [e for e in errors if where in e]
        assert message in line, line
    assert "Traceback" not in broken.stderr
    assert not broken.output.exists()


# --- Validity and accessibility --------------------------------------------------------------

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


@pytest.mark.skipif(not (shutil.which("java") and VNU.exists()), reason="needs `make tools`")
def test_programme_and_embed_pages_are_valid_html(site):
    pages = [site.page(LP), site.page(f"{LP}brochure/embed/")]
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


# --- In a browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site):
    """Serves the built site at its SITEURL while the module's browser tests run."""
    with serve_build(site):
        yield site.siteurl


@pytest.fixture
def open_page(browser, served):
    contexts = []

    def open_(url_path, javascript=True, site_scripts=True, **options):
        context = browser.new_context(java_script_enabled=javascript, **options)
        contexts.append(context)
        page = context.new_page()

        def allowed(url):
            parts = urlsplit(url)
            return parts.hostname == "127.0.0.1" and (
                site_scripts or not parts.path.endswith(".js")
            )

        page.route(
            "**/*", lambda route: route.continue_() if allowed(route.request.url) else route.abort()
        )
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.errors = errors
        page.goto(f"{served}/{url_path}")
        page.wait_for_load_state("load")
        return page

    yield open_
    for context in contexts:
        context.close()


# One page at a time: below 60rem (spreads on wider screens: tests/test_viewer_reading.py).
SINGLE = {"viewport": {"width": 800, "height": 720}}


def visible_pages(page) -> list[str]:
    return page.eval_on_selector_all(
        ".brochure-page", "els => els.filter(e => e.offsetParent !== null).map(e => e.id)"
    )


@pytest.mark.browser
def test_without_javascript_the_pages_are_a_plain_readable_list(open_page):
    page = open_page(LP, javascript=False)
    assert visible_pages(page) == [f"page={n}" for n in range(1, 7)]
    assert not page.locator(".brochure-toolbar").is_visible()
    # The thumbnails stay: a row of links to each page of the list.
    assert page.locator(".brochure-thumbs").is_visible()
    marked = page.locator(".brochure-thumbs a[tabindex], .brochure-thumbs [aria-current]")
    assert marked.count() == 0
    first = page.locator("#page\\=1 img")
    assert first.evaluate("img => img.complete && img.naturalWidth") > 0
    contact = page.locator(".facts .contact-email", has_text="lp-photo")
    assert contact.inner_text() == "lp-photo [arobase] example.org"


@pytest.mark.browser
def test_keys_buttons_and_thumbnails_turn_pages_and_the_url_follows(open_page):
    page = open_page(LP, **SINGLE)
    assert page.errors == []
    assert visible_pages(page) == ["page=1"] and counter(page) == "Page 1 sur 6"
    assert page.url.endswith(LP)  # no fragment until the reader moves
    page.get_by_role("button", name="Page suivante").focus()
    page.keyboard.press("ArrowRight")
    assert visible_pages(page) == ["page=2"] and counter(page) == "Page 2 sur 6"
    assert page.url.endswith("#page=2")
    page.keyboard.press("End")
    assert visible_pages(page) == ["page=6"] and page.url.endswith("#page=6")
    next_button = page.get_by_role("button", name="Page suivante")
    assert next_button.get_attribute("aria-disabled") == "true"
    page.keyboard.press("ArrowLeft")
    assert counter(page) == "Page 5 sur 6"
    page.keyboard.press("Home")
    assert visible_pages(page) == ["page=1"] and page.url.endswith("#page=1")
    page.get_by_role("button", name="Page suivante").click()
    assert counter(page) == "Page 2 sur 6"
    page.locator("nav.brochure-thumbs a[href='#page=4']").click()
    assert visible_pages(page) == ["page=4"] and page.url.endswith("#page=4")
    assert page.locator("nav.brochure-thumbs a[aria-current=page]").get_attribute("href") == (
        "#page=4"
    )
    assert page.locator("#page\\=4 img").evaluate("img => img.complete && img.naturalWidth") > 0


@pytest.mark.browser
def test_a_deep_link_opens_its_page(open_page):
    page = open_page(f"{LP}#page=3", **SINGLE)
    assert visible_pages(page) == ["page=3"] and counter(page) == "Page 3 sur 6"
    page.evaluate("location.hash = '#page=5'")
    page.wait_for_function("document.querySelector('.brochure-counter').textContent.includes('5')")
    assert visible_pages(page) == ["page=5"]


@pytest.mark.browser
def test_a_horizontal_swipe_turns_the_page(open_page):
    page = open_page(LP, has_touch=True, **SINGLE)
    stage = page.locator(".brochure-pages")
    for kind, x in (("pointerdown", 300), ("pointerup", 150)):
        stage.dispatch_event(kind, {"pointerType": "touch", "clientX": x, "clientY": 400})
    assert counter(page) == "Page 2 sur 6"
    for kind, x in (("pointerdown", 150), ("pointerup", 300)):
        stage.dispatch_event(kind, {"pointerType": "touch", "clientX": x, "clientY": 400})
    assert counter(page) == "Page 1 sur 6"


@pytest.mark.browser
def test_the_fullscreen_button_puts_the_viewer_in_fullscreen(open_page):
    page = open_page(LP)
    button = page.get_by_role("button", name="Plein écran")
    assert button.is_visible()
    button.click()
    page.wait_for_function("document.fullscreenElement !== null")
    assert page.evaluate("document.fullscreenElement.matches('section.brochure')")
    page.wait_for_function(
        "document.querySelector('[data-action=fullscreen]').textContent === "
        "'Quitter le plein écran'"
    )
    page.get_by_role("button", name="Quitter le plein écran").click()
    page.wait_for_function("document.fullscreenElement === null")


@pytest.mark.browser
def test_the_embed_page_turns_pages_with_the_keys_wherever_the_focus_is(open_page):
    page = open_page(f"{LP}brochure/embed/", viewport={"width": 640, "height": 1000})
    page.keyboard.press("ArrowRight")
    assert counter(page) == "Page 2 sur 6"
    box = page.locator("#page\\=2 img").bounding_box()
    assert box["y"] + box["height"] <= 1000  # a whole page fits the iframe's height


@pytest.mark.browser
def test_the_contact_becomes_a_mailto_link_with_javascript(open_page):
    page = open_page(LP)
    link = page.locator(".facts a[href^='mailto:']", has_text="lp-photo")
    assert link.get_attribute("href") == "mailto:lp-photo@example.org"
    assert link.inner_text() == "lp-photo@example.org"
    in_brochure = page.locator("#page\\=6 details a[href^='mailto:']")
    assert in_brochure.get_attribute("href") == "mailto:lp-photo@example.org"


@pytest.mark.browser
def test_no_serious_accessibility_violation_with_and_without_javascript(open_page):
    axe = (ROOT / "node_modules/axe-core/axe.min.js").read_text(encoding="utf-8")
    # Without the site's scripts (axe itself needs JavaScript), then with them.
    for url_path, site_scripts in ((LP, False), (LP, True), (f"{LP}brochure/embed/", True)):
        page = open_page(url_path, site_scripts=site_scripts)
        page.add_script_tag(content=axe)
        result = page.evaluate(
            "axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})"
        )
        serious = [
            (v["id"], [n["target"] for n in v["nodes"]])
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], (url_path, site_scripts, serious)
