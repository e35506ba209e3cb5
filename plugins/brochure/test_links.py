"""The PDF's links and outline as the renderer reads them (site-level tests: tests/).

Facts are checked against pypdfium2's own reading of the PDF by another road: the page's
annotations (FPDFPage_GetAnnot) rather than FPDFLink_Enumerate, pypdfium2's bookmark helpers
rather than the raw calls, and the rendered page image itself for where links land.
"""

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageStat
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from relais.plugins.brochure import cache, renderer
from relais.plugins.brochure.limits import Limits
from relais.plugins.brochure.links import (
    MAX_LINKS_PER_PAGE,
    MAX_OUTLINE_DEPTH,
    MAX_OUTLINE_ENTRIES,
    NEVER,
    classify,
    clear_from,
)
from relais.plugins.brochure.pdf import RenderParams
from tests.brochure_pdfs import (
    BOXES,
    LINKED_EMAIL,
    LINKED_SITE,
    UNSAFE_TARGETS,
    boxes_pdf,
    linked_pdf,
    text_pdf,
)

PARAMS = RenderParams(widths=(600,), thumb_width=100, quality=90)
LIMITS = Limits(max_pages=500, max_page_pixels=12_000_000, worker_memory_mb=1024, page_timeout_s=30)


def render(pdf, root):
    outcomes, stats = renderer.prepare([pdf], root, PARAMS, LIMITS, workers=2)
    return outcomes[pdf], stats


def annotations(path) -> dict[int, list[dict]]:
    """Every link annotation of each page, read from the page's annotation list: its
    rectangle in % of the (unrotated, uncropped A4) page, the text under it, its target."""
    document = pdfium.PdfDocument(path)
    found = {}
    for index in range(len(document)):
        page, found[index + 1] = document[index], []
        width, height = page.get_size()
        text = page.get_textpage()
        for i in range(pdfium_c.FPDFPage_GetAnnotCount(page)):
            annot = pdfium_c.FPDFPage_GetAnnot(page, i)
            if pdfium_c.FPDFAnnot_GetSubtype(annot) == pdfium_c.FPDF_ANNOT_LINK:
                rect = pdfium_c.FS_RECTF()
                pdfium_c.FPDFAnnot_GetRect(annot, rect)
                box = [
                    100 * rect.left / width,
                    100 * (height - rect.top) / height,
                    100 * (rect.right - rect.left) / width,
                    100 * (rect.top - rect.bottom) / height,
                ]
                name = text.get_text_bounded(rect.left, rect.bottom, rect.right, rect.top)
                link = pdfium_c.FPDFAnnot_GetLink(annot)
                target = _target(document, link)
                found[index + 1].append({"box": box, "name": " ".join(name.split()), **target})
            pdfium_c.FPDFPage_CloseAnnot(annot)
    return found


def _target(document, link) -> dict:
    dest = pdfium_c.FPDFLink_GetDest(document, link)
    if dest:
        return {"page": pdfium_c.FPDFDest_GetDestPageIndex(document, dest) + 1}
    action = pdfium_c.FPDFLink_GetAction(link)
    size = pdfium_c.FPDFAction_GetURIPath(document, action, None, 0)
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFAction_GetURIPath(document, action, buffer, size)
    return {"uri": buffer.value.decode()}


def test_each_safe_link_is_kept_with_its_place_name_and_target_and_each_unsafe_one_dropped(
    tmp_path,
):
    pdf = linked_pdf(tmp_path / "linked.pdf")
    outcome, _ = render(pdf, tmp_path / "cache")
    pages = outcome.manifest["pages"]
    for number, expected in annotations(pdf).items():
        page = pages[number - 1]
        unsafe = [a["uri"] for a in expected if a.get("uri") in UNSAFE_TARGETS.get(number, [])]
        assert unsafe == UNSAFE_TARGETS.get(number, [])  # the PDF has them
        assert [d["target"] for d in page["dropped"]] == unsafe
        kept = [a for a in expected if a.get("uri") not in unsafe]
        assert sorted(link["target"] for link in page["links"]) == sorted(
            a["uri"] if "uri" in a else f"#page={a['page']}" for a in kept
        )
        for link in page["links"]:
            [annotation] = [
                a for a in kept if link["target"] in (a.get("uri"), f"#page={a.get('page')}")
            ]
            assert link["name"] == annotation["name"]
            assert link["box"] == pytest.approx(annotation["box"], abs=0.01)
    assert {link["target"] for page in pages for link in page["links"]} >= {
        f"{LINKED_SITE}/candidater",
        f"mailto:{LINKED_EMAIL}",
        "#page=2",
        "#page=1",
    }


def test_the_outline_is_the_pdfs_bookmark_tree_with_the_page_each_opens(tmp_path):
    pdf = linked_pdf(tmp_path / "linked.pdf")
    outcome, _ = render(pdf, tmp_path / "cache")

    def flat(entries, level=0):
        for entry in entries:
            yield level, entry["title"], entry["page"]
            yield from flat(entry["children"], level + 1)

    document = pdfium.PdfDocument(pdf)
    own = [(b.level, b.get_title(), b.get_dest().get_index() + 1) for b in document.get_toc()]
    assert list(flat(outcome.manifest["outline"])) == own
    assert [level for level, _, _ in own] == [0, 0, 0, 1, 1, 2, 0, 0]  # nested, three deep
    assert outcome.manifest["outline_dropped"] == []


def test_a_pdf_without_bookmarks_has_no_outline_and_no_links(tmp_path):
    outcome, _ = render(text_pdf(tmp_path / "plain.pdf", 2), tmp_path / "cache")
    assert outcome.manifest["outline"] == []
    assert all(p["links"] == [] and p["dropped"] == [] for p in outcome.manifest["pages"])


def test_links_come_in_the_pages_reading_order(tmp_path):
    outcome, _ = render(linked_pdf(tmp_path / "linked.pdf"), tmp_path / "cache")
    pages = outcome.manifest["pages"]
    cover, _, columns, *_ = ([link["name"] for link in page["links"]] for page in pages)
    # The link over a picture has no text: it comes where the picture is, after the text.
    assert cover == ["Candidater", "Voir le sommaire", "Écrire à l’équipe", ""]
    # Left column, then right column, although the right one's link is higher on the page.
    assert columns == ["Prise de vue", "Le stage", "Montage vidéo"]


@pytest.mark.parametrize("number", [1, 2, 3], ids=["a4", "cropped", "cropped-and-turned"])
def test_each_link_lies_exactly_over_what_it_covers_on_the_page_image(tmp_path, number):
    outcome, _ = render(boxes_pdf(tmp_path / "boxes.pdf"), tmp_path / "cache")
    page = outcome.manifest["pages"][number - 1]
    name, width, height = page["images"]["600"]
    image = Image.open(tmp_path / "cache" / outcome.key / name).convert("L")
    assert len(page["links"]) == len(BOXES)
    for link in page["links"]:
        x, y, w, h = link["box"]
        left, top = x * width / 100, y * height / 100
        right, bottom = left + w * width / 100, top + h * height / 100

        def mean(*box):
            return ImageStat.Stat(image.crop(tuple(round(v) for v in box))).mean[0]

        assert mean(left + 2, top + 2, right - 2, bottom - 2) < 10  # all black inside
        for ring in [
            (left - 4, top - 4, right + 4, top - 2),
            (left - 4, bottom + 2, right + 4, bottom + 4),
            (left - 4, top, left - 2, bottom),
            (right + 2, top, right + 4, bottom),
        ]:
            assert mean(*ring) > 245  # white 2 px outside: within 2 px of the black box


@pytest.mark.parametrize(
    "uri",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "vbscript:msgbox",
        "ftp://example.org/a",
        "www.example.org",  # no scheme: the browser would read it as a path on the site
        "https://",
        "https:\\\\example.org",
        "mailto:nobody",
    ],
)
def test_unsafe_or_unusable_addresses_are_dropped(uri):
    target, problem = classify(("uri", uri), 4)
    assert target is None and problem["why"] in ("scheme", "relative")


@pytest.mark.parametrize(
    "uri",
    ["https://example.org/a?b=c#d", "HTTP://EXAMPLE.ORG", "mailto:a@example.org?subject=Info"],
)
def test_web_and_mailto_addresses_are_kept_as_they_are(uri):
    assert classify(("uri", uri), 4) == (uri, None)


def test_page_links_must_lead_to_a_page_of_the_pdf_and_files_are_dropped():
    assert classify(("page", 3), 4) == ("#page=4", None)
    assert classify(("page", 4), 4) == (None, {"why": "missing_page"})
    assert classify(("page", None), 4) == (None, {"why": "missing_page"})
    assert classify(("file", "C:/a.pdf"), 4) == (None, {"why": "file", "target": "C:/a.pdf"})
    assert classify(("other", None), 4) == (None, {"why": "unsupported"})


def test_a_page_with_too_many_links_keeps_the_first_and_says_how_many_it_dropped(tmp_path):
    pdf, extra = tmp_path / "many.pdf", 7
    canvas = Canvas(str(pdf), pagesize=A4)
    for i in range(MAX_LINKS_PER_PAGE + extra):
        canvas.linkURL(f"https://example.org/{i}", (10, 10 + i * 3, 20, 12 + i * 3))
    canvas.addOutlineEntry("Seule page", "p", level=0)
    canvas.bookmarkPage("p")
    for i in range(MAX_OUTLINE_ENTRIES):
        canvas.addOutlineEntry(f"Entrée {i}", "p", level=0)
    canvas.showPage()
    canvas.save()
    outcome, _ = render(pdf, tmp_path / "cache")
    [page] = outcome.manifest["pages"]
    assert len(page["links"]) == MAX_LINKS_PER_PAGE
    assert page["dropped"] == [{"why": "too_many", "count": extra}]
    assert len(outcome.manifest["outline"]) == MAX_OUTLINE_ENTRIES
    assert outcome.manifest["outline_dropped"] == [
        {"why": "too_many_entries", "count": MAX_OUTLINE_ENTRIES}
    ]


def test_links_and_outline_are_cached_and_an_entry_from_before_them_is_not_reused(
    tmp_path, monkeypatch
):
    pdf, root = linked_pdf(tmp_path / "linked.pdf"), tmp_path / "cache"
    monkeypatch.setattr(cache, "FORMAT", 1)  # the cache format before links were read
    old, _ = render(pdf, root)
    monkeypatch.undo()
    fresh, stats = render(pdf, root)
    assert fresh.key != old.key and not fresh.from_cache and stats.rendered_pages == 5
    again, stats = render(pdf, root)
    assert again.from_cache and stats.rendered_pages == 0
    assert again.manifest["outline"] == fresh.manifest["outline"] != []
    assert [p["links"] for p in again.manifest["pages"]] == [
        p["links"] for p in fresh.manifest["pages"]
    ]
    assert [p["dropped"] for p in again.manifest["pages"]] == [
        p["dropped"] for p in fresh.manifest["pages"]
    ]


def test_a_link_is_laid_over_the_page_from_the_width_where_24px_targets_do_not_touch():
    """Two links 10 % of an A4 page's width apart side by side (centres 60 px apart at 600 px),
    one far below: grown to 24 px, the pair is clear from (24 + 1) / 0.1 = 250 px wide."""
    a, b = (10.0, 10.0, 5.0, 1.0), (20.0, 10.0, 5.0, 1.0)
    far = (10.0, 80.0, 5.0, 1.0)
    boxes = [a, b, far]
    assert clear_from(a, boxes, 1.414) == clear_from(b, boxes, 1.414) == 250
    # Far below: clear as soon as its 70 % × 1.414 gap is more than 25 px.
    assert clear_from(far, [far, a], 1.414) == 26
    assert clear_from(a, [a], 1.414) == 0  # alone on its page: always
    overlapping = (12.0, 10.5, 5.0, 1.0)  # the PDF's rectangles overlap: never clear
    assert clear_from(a, [a, overlapping], 1.414) == NEVER


def test_an_outline_deeper_than_six_levels_is_cut_there_and_says_so(tmp_path):
    pdf = tmp_path / "deep.pdf"
    canvas = Canvas(str(pdf), pagesize=A4)
    canvas.bookmarkPage("p")
    for level in range(MAX_OUTLINE_DEPTH + 2):
        canvas.addOutlineEntry(f"Niveau {level}", "p", level=level)
    canvas.showPage()
    canvas.save()
    outcome, _ = render(pdf, tmp_path / "cache")
    depth, entries = 0, outcome.manifest["outline"]
    while entries:
        depth, entries = depth + 1, entries[0]["children"]
    assert depth == MAX_OUTLINE_DEPTH
    assert [d["why"] for d in outcome.manifest["outline_dropped"]] == ["too_deep"]
