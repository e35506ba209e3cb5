"""Small, valid PDFs that cost a naive renderer gigabytes or minutes, written byte by byte.

Each is a few hundred bytes to a few kilobytes: the cost is in what they describe (a page
of 1 x 14400 pt, a page of 200000 pt, form XObjects drawing each other thousands of
times, thousands of pages), not in their size.
"""

from pathlib import Path

# A grey square and a line of text: enough for PDFium to have something to draw.
_DRAWING = b"0.5 g 0 0 1 1 re f BT /F1 1 Tf 0 0 Td (x) Tj ET"
_FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def sized_page_pdf(path: Path, width: float, height: float) -> Path:
    """One page of `width` x `height` pt (MediaBox), its content scaled to fill it."""
    content = f"q {width} 0 0 {height} 0 0 cm ".encode() + _DRAWING + b" Q"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(content),
        _FONT,
    ]
    return _write(path, objects)


def many_pages_pdf(path: Path, pages: int) -> Path:
    """`pages` A4 pages sharing one content stream (about 50 bytes per page)."""
    first_page = 5
    kids = " ".join(f"{first_page + i} 0 R" for i in range(pages))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 4 0 R >> >> >>",
        _stream(b"q 595 0 0 842 0 0 cm " + _DRAWING + b" Q"),
        _FONT,
    ]
    objects += ["<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>"] * pages
    return _write(path, objects)


def fanout_pdf(path: Path, depth: int = 8, fanout: int = 10) -> Path:
    """An A4 page drawing form X`depth`, where each form X(i) draws X(i-1) `fanout` times:
    fanout**depth filled squares and text runs (10**8 by default) from a 2 KB file."""
    leaf = 6  # object number of X0; X(i) is object leaf + i
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        f"/Resources << /XObject << /X {leaf + depth} 0 R >> >> /Contents 4 0 R >>",
        _stream(b"q 595 0 0 842 0 0 cm /X Do Q"),
        _FONT,
        _form(_DRAWING, "/Font << /F1 5 0 R >>"),
    ]
    # Each copy is shrunk and shifted so that every one of them lands on the page.
    step = 1 / fanout
    calls = " ".join(f"q {step} 0 0 1 {i * step} 0 cm /X Do Q" for i in range(fanout))
    for level in range(1, depth + 1):
        objects.append(_form(calls.encode(), f"/XObject << /X {leaf + level - 1} 0 R >>"))
    return _write(path, objects)


def _form(content: bytes, resources: str) -> str:
    head = f"/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << {resources} >>"
    return _stream(content, head)


def _stream(content: bytes, head: str = "") -> str:
    return f"<< {head} /Length {len(content)} >>\nstream\n{content.decode()}\nendstream"


def _write(path: Path, objects: list[str]) -> Path:
    body, offsets = b"%PDF-1.7\n", []
    for number, text in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n{text}\nendobj\n".encode()
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    body += f"startxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(body)
    return path


def looping_pdf(path: Path, count: int = 50) -> Path:
    """A page tree whose only kid is itself (a loop) and that claims `count` pages: PDFium
    counts the pages, then fails to find any ("Failed to get page size by index")."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count {count} >>",
    ]
    return _write(path, objects)
