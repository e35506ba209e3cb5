"""PDFs for brochure tests: real ones with text (reportlab) and each kind of broken one."""

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas


def text_pdf(path: Path, pages: int, encrypt: StandardEncryption | None = None) -> Path:
    """`pages` A4 pages; page n reads "Page de test numéro n" and "Ligne unique n"."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1, encrypt=encrypt)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica-Bold", 24)
        canvas.drawString(72, 760, f"Page de test numéro {number}")
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, 720, f"Ligne unique {number}")
        canvas.showPage()
    canvas.save()
    return path


def encrypted_pdf(path: Path) -> Path:
    """Opens only with the password "secret"."""
    return text_pdf(path, 2, encrypt=StandardEncryption("secret", ownerPassword="owner"))


def corrupt_pdf(path: Path) -> Path:
    """Starts like a PDF, then nothing a reader can use."""
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> \x00\x01\x02 not a pdf\n")
    return path


def zero_page_pdf(path: Path) -> Path:
    """A well-formed PDF whose page tree is empty."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"]
    body, offsets = b"%PDF-1.4\n", []
    for number, text in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n{text}\nendobj\n".encode()
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    body += trailer.encode()
    path.write_bytes(body)
    return path


# What linked_pdf() puts in its PDF, for tests to compare with what the site shows.
LINKED_SITE = "https://formation.example.org"
LINKED_EMAIL = "lp-photo@example.org"
UNSAFE_TARGETS = {
    1: ["javascript:alert(document.cookie)"],
    3: ["data:text/html,<b>x</b>"],
    4: ["file:///C:/Brochures/fiche.pdf"],
}


def linked_pdf(path: Path) -> Path:
    """A 5-page A4 brochure with link annotations and a nested outline, as a designer's
    export has them: web and mailto links, links to other pages, one link over a picture
    (no text under it), unsafe ones (javascript:, data:, a file: launch) the site must drop,
    and a two-column page whose reading order is not top-to-bottom.

    Links are 20 pt high and 56 pt apart or more, so that each is a 24 px target clear of
    the next even on a 320 px phone (a 288 px page, 0.48 px per pt), except on the last page:
    three links 24 pt apart, as in a contact block, too close for 24 px targets on a page
    narrower than 620 px.
    """
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    _cover(canvas)
    _contents(canvas)
    _columns(canvas)
    _contact(canvas)
    _crowded(canvas)
    for title, key, level in [
        ("Présentation", "p1", 0),
        ("Sommaire", "p2", 0),
        ("Programme", "p3", 0),
        ("Premier semestre", "p3-s1", 1),
        ("Second semestre", "p3-s2", 1),
        ("Stage en entreprise", "p3-stage", 2),
        ("Contact", "p4", 0),
        ("Nous trouver", "p5", 0),
    ]:
        canvas.addOutlineEntry(title, key, level=level)
    canvas.showOutline()
    canvas.save()
    return path


def _heading(canvas, text: str, y: float = 770) -> None:
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawString(72, y, text)


def _link_text(canvas, x: float, y: float, text: str, size: float = 14) -> tuple:
    """Draws `text` as a link looks in print (blue, underlined); returns its 20 pt high box."""
    canvas.setFont("Helvetica", size)
    canvas.setFillColorRGB(0.05, 0.25, 0.6)
    width = canvas.stringWidth(text, "Helvetica", size)
    canvas.drawString(x, y, text)
    canvas.line(x, y - 2, x + width, y - 2)
    canvas.setFillColorRGB(0, 0, 0)
    return (x - 2, y - 6, x + width + 2, y + 14)


def _cover(canvas) -> None:
    canvas.bookmarkPage("p1")
    # A picture (a grey box) that links to the virtual tour: no text under the link. Its
    # annotation comes first in the PDF, its place in reading order is after the text.
    canvas.setFillColorRGB(0.6, 0.6, 0.6)
    canvas.rect(72, 250, 451, 240, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.linkURL(f"{LINKED_SITE}/visite-virtuelle", (72, 250, 523, 490))
    _heading(canvas, "Licence pro Photographie")
    canvas.setFont("Helvetica", 14)
    canvas.drawString(72, 730, "Une année pour faire de l’image son métier.")
    canvas.linkURL(f"{LINKED_SITE}/candidater", _link_text(canvas, 72, 680, "Candidater"))
    canvas.linkAbsolute("", "p2", _link_text(canvas, 72, 624, "Voir le sommaire"))
    canvas.linkURL(f"mailto:{LINKED_EMAIL}", _link_text(canvas, 72, 568, "Écrire à l’équipe"))
    unsafe = UNSAFE_TARGETS[1][0]
    canvas.linkURL(unsafe, _link_text(canvas, 72, 512, "Offre spéciale"))
    canvas.showPage()


def _contents(canvas) -> None:
    canvas.bookmarkPage("p2")
    _heading(canvas, "Sommaire")
    for y, text, key in [(700, "Le programme", "p3"), (640, "Nous contacter", "p4")]:
        canvas.linkAbsolute("", key, _link_text(canvas, 72, y, text))
    canvas.showPage()


def _columns(canvas) -> None:
    """Two columns, drawn (so read) left then right; the link annotations are in the PDF
    from top to bottom of the page. Reading order is "Prise de vue", "Le stage", "Montage
    vidéo": neither the annotations' order nor their height on the page."""
    canvas.bookmarkPage("p3")
    canvas.bookmarkPage("p3-s1", fit="XYZ", left=72, top=740)
    canvas.bookmarkPage("p3-s2", fit="XYZ", left=320, top=740)
    canvas.bookmarkPage("p3-stage", fit="XYZ", left=72, top=440)
    _heading(canvas, "Programme")
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(72, 720, "Premier semestre")
    shooting = _link_text(canvas, 72, 680, "Prise de vue")
    internship = _link_text(canvas, 72, 420, "Le stage")
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(320, 720, "Second semestre")
    editing = _link_text(canvas, 320, 600, "Montage vidéo")
    preview = _link_text(canvas, 320, 540, "Aperçu")
    canvas.linkURL(f"{LINKED_SITE}/cours/prise-de-vue", shooting)
    canvas.linkURL(f"{LINKED_SITE}/cours/montage", editing)
    canvas.linkURL(UNSAFE_TARGETS[3][0], preview)
    canvas.linkURL(f"{LINKED_SITE}/stage", internship)
    canvas.showPage()


def _contact(canvas) -> None:
    canvas.bookmarkPage("p4")
    _heading(canvas, "Contact")
    canvas.setFont("Helvetica", 14)
    canvas.drawString(72, 720, "Secrétariat de la licence, bâtiment B.")
    canvas.linkAbsolute("", "p1", _link_text(canvas, 72, 660, "Retour à la couverture"))
    canvas.linkURL(UNSAFE_TARGETS[4][0], _link_text(canvas, 72, 600, "Fiche à imprimer"))
    canvas.showPage()


def _crowded(canvas) -> None:
    canvas.bookmarkPage("p5")
    _heading(canvas, "Nous trouver")
    for y, text, target in [
        (700, "Plan d’accès", f"{LINKED_SITE}/plan"),
        (676, "Horaires du secrétariat", f"{LINKED_SITE}/horaires"),
        (652, "Écrire au secrétariat", f"mailto:{LINKED_EMAIL}?subject=Renseignements"),
    ]:
        canvas.linkURL(target, _link_text(canvas, 72, y, text))
    canvas.showPage()


if __name__ == "__main__":
    import sys

    # python -m tests.brochure_pdfs linked OUT.pdf — the benchmark's brochure with links.
    if sys.argv[1:2] != ["linked"] or len(sys.argv) != 3:
        sys.exit("usage: python -m tests.brochure_pdfs linked OUT.pdf")
    print(linked_pdf(Path(sys.argv[2])))


# (left, bottom, right, top) in PDF points: black boxes with a link each (boxes_pdf).
BOXES = [(100, 420, 220, 460), (300, 120, 340, 400), (150, 90, 450, 110)]


def boxes_pdf(path: Path) -> Path:
    """Black boxes on white pages, each under a link of exactly its size: where a page's
    links land on its image can be checked against the image itself. Page 1 is plain A4,
    page 2 is cropped (CropBox from 50, 80), page 3 is turned a quarter (/Rotate 90; reportlab
    then makes the MediaBox landscape) and cropped, as printers' PDFs are."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    for rotation, crop in [(0, None), (0, (50, 80, 545, 800)), (90, (40, 60, 560, 560))]:
        if crop:
            canvas.setCropBox(crop)
        canvas.setPageRotation(rotation)
        for number, box in enumerate(BOXES, start=1):
            left, bottom, right, top = box
            canvas.rect(left, bottom, right - left, top - bottom, stroke=0, fill=1)
            canvas.linkURL(f"https://example.org/box/{number}", box)
        canvas.showPage()
    canvas.save()
    return path
