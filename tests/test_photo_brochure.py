"""The benchmark's designed brochure is like a real one: photographs on every page, text,
an outline and links, several megabytes, and the viewer's renderer shows all of it."""

import pypdfium2 as pdfium
import pytest

from relais.plugins.brochure.generator import limits
from relais.plugins.brochure.pdf import RenderParams
from relais.plugins.brochure.plugin import DEFAULTS
from relais.plugins.brochure.renderer import prepare
from tests.photo_brochure import photo_brochure


@pytest.fixture(scope="module")
def brochure(tmp_path_factory):
    return photo_brochure(tmp_path_factory.mktemp("photo") / "brochure.pdf")


def test_it_has_24_a4_pages_and_weighs_several_megabytes(brochure):
    document = pdfium.PdfDocument(brochure)
    assert len(document) == 24
    assert [round(x) for x in document[0].get_size()] == [595, 842]
    assert 4_000_000 < brochure.stat().st_size < 20_000_000


def test_every_page_carries_a_photograph_covering_at_least_half_of_it(brochure):
    document = pdfium.PdfDocument(brochure)
    for page in document:
        images = list(page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]))
        assert images, "a page without a photograph"
        left, bottom, right, top = images[0].get_bounds()
        assert (right - left) * (top - bottom) >= 0.5 * page.get_width() * page.get_height()


def test_every_page_has_text_a_reader_can_select(brochure):
    document = pdfium.PdfDocument(brochure)
    texts = [page.get_textpage().get_text_range() for page in document]
    assert "Photographie et audiovisuel" in texts[0]
    assert all("Une année pour apprendre" in text for text in texts[1:])


def test_it_has_an_outline_and_a_call_to_action_with_links(brochure):
    document = pdfium.PdfDocument(brochure)
    outline = [(b.get_title(), b.get_dest().get_index()) for b in document.get_toc()]
    assert outline[:3] == [("Couverture", 0), ("Le programme", 1), ("Les ateliers", 2)]
    assert len(outline) == 9
    last = document[len(document) - 1]
    assert pdfium.raw.FPDFPage_GetAnnotCount(last) == 2


def test_the_viewer_shows_its_outline_and_its_links(brochure, tmp_path):
    params = RenderParams(widths=(480,), thumb_width=160, quality=75)
    outcomes, _ = prepare([brochure], tmp_path, params, limits(DEFAULTS), workers=2)
    manifest = outcomes[brochure].manifest
    assert [entry["title"] for entry in manifest["outline"]][:2] == ["Couverture", "Le programme"]
    targets = {link["target"] for link in manifest["pages"][-1]["links"]}
    assert targets == {"https://www.monmaster.gouv.fr/", "mailto:photo-av@univ-exemple.fr"}


def test_the_viewer_renders_it_in_pages_much_lighter_than_the_pdf(brochure, tmp_path):
    params = RenderParams(widths=(480, 800), thumb_width=160, quality=75)
    outcomes, _ = prepare([brochure], tmp_path, params, limits(DEFAULTS), workers=2)
    manifest = outcomes[brochure].manifest
    assert len(manifest["pages"]) == 24
    images = list(tmp_path.rglob("*.webp"))
    assert len(images) >= 24 * 3
    assert sum(p.stat().st_size for p in images) < brochure.stat().st_size / 4
