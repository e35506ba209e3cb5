"""Everything that touches PDFium: open a PDF, count its pages, render and extract text.

Runs in worker processes only, so the build process never loads PDFium before forking.
"""

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import pdf_links
from .limits import oversized, zoom_size
from .params import RenderParams, UnreadablePdf

__all__ = ["RenderParams", "UnreadablePdf", "open_pdf", "render_range", "survey"]


def open_pdf(path: str) -> pdfium.PdfDocument:
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise UnreadablePdf("encrypted") from None
        if code == pdfium_c.FPDF_ERR_SUCCESS:
            # PDFium refuses a well-formed document without pages yet reports no error (measured).
            raise UnreadablePdf("empty") from None
        raise UnreadablePdf("corrupt", str(error)) from None
    if len(document) == 0:
        document.close()
        raise UnreadablePdf("empty")
    return document


def survey(path: str, params: RenderParams, max_pages: int, max_pixels: int) -> tuple:
    """(pages, outline): the number of pages, once it and every page's size are known to be
    within limits, and the outline (pdf_links.outline: "outline" and "outline_dropped").

    Reads page sizes without loading pages, so a hostile page costs nothing here.
    """
    document = open_pdf(path)
    try:
        pages = len(document)
        if pages > max_pages:
            raise UnreadablePdf("pages", facts={"pages": pages})
        for index in range(pages):
            _check_size(index + 1, *document.get_page_size(index), params, max_pixels)
        entries, dropped = pdf_links.outline(document)
        return pages, {"outline": entries, "outline_dropped": dropped}
    except pdfium.PdfiumError as error:
        # A page tree that loops or lies about its pages (a "zip bomb"): counted, not found.
        raise UnreadablePdf("corrupt", str(error)) from None
    finally:
        document.close()


def render_range(
    path: str, first: int, last: int, folder: str, params: RenderParams, max_pixels: int
) -> list:
    """Renders pages first..last (1-based, inclusive) into `folder`; returns one dict per page."""
    document = open_pdf(path)
    try:
        pages = range(first, last + 1)
        return [_render_page(document[n - 1], n, Path(folder), params, max_pixels) for n in pages]
    except pdfium.PdfiumError as error:  # a page PDFium opens but cannot draw
        raise UnreadablePdf("corrupt", str(error)) from None
    finally:
        document.close()


def _check_size(number: int, width_pt: float, height_pt: float, params, max_pixels: int):
    too_large = oversized(width_pt, height_pt, params.all_widths, max_pixels)
    if too_large:
        facts = {"page": number, "width_pt": width_pt, "height_pt": height_pt, **too_large}
        raise UnreadablePdf("page_size", facts=facts)


def _render_page(page, number: int, folder: Path, params: RenderParams, max_pixels) -> dict:
    width_pt, height_pt = page.get_size()
    # Checked again on the loaded page: the size is what the render is scaled from.
    _check_size(number, width_pt, height_pt, params, max_pixels)
    images = {}
    # Rendering each width from the PDF (not downscaling one bitmap) keeps small text crisp.
    for width in params.all_widths:
        bitmap = page.render(scale=width / width_pt)
        image = bitmap.to_pil()
        name = params.name(number, "thumb" if width == params.thumb_width else width)
        # method=2: a quarter faster than the default for ~3 % more bytes (measured).
        image.save(folder / name, "WEBP", quality=params.quality, method=2)
        images["thumb" if width == params.thumb_width else str(width)] = [name, *image.size]
    zoom = _render_zoom(page, number, folder, params, max_pixels)
    if zoom:
        images["zoom"] = zoom
    textpage = page.get_textpage()
    text = textpage.get_text_bounded()
    links, dropped = pdf_links.page_links(page.pdf, page, textpage)
    textpage.close()
    page.close()
    return {
        "number": number,
        "images": images,
        "text": _tidy(text),
        "links": links,
        "dropped": dropped,
    }


def _render_zoom(page, number: int, folder: Path, params: RenderParams, max_pixels) -> list:
    """The zoom image [name, width, height], or [] when none is asked for or it would be no
    larger than the widest image (a page so tall that the pixel budget caps it)."""
    width_pt, height_pt = page.get_size()
    size = zoom_size(width_pt, height_pt, params.zoom_width, max_pixels)
    if not size or size[0] <= max(params.widths):
        return []
    # pypdfium2 rounds the bitmap's sides up: a hair under the exact scale gives `size`.
    image = page.render(scale=(size[0] - 0.01) / width_pt).to_pil()
    name = params.name(number, "zoom")
    image.save(folder / name, "WEBP", quality=params.quality, method=2)
    return [name, *image.size]


def _tidy(text: str) -> str:
    """One line per PDF text line, without the blank runs PDF layouts leave."""
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)
