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
