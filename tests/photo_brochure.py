"""A designed photo brochure, like the ones teams print: full-bleed photographs, text panels.

    .venv/bin/python -m tests.photo_brochure OUT.pdf [--pages 24]

The photographs are drawn here (smooth colour fields, soft shapes and film grain, seeded), so
no image is downloaded and the file is the same on every machine. They are stored as JPEG at
about 200 dpi, as a print-ready brochure exported for the web would be: a 24-page brochure
weighs several megabytes, and its pages compress the way photographs do, not the way flat
test pages do.
"""

import argparse
import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

DPI = 200
PAGE_W, PAGE_H = A4
PHOTO_SIZE = (round(PAGE_W / 72 * DPI), round(PAGE_H / 72 * DPI))
TITLE = "Licence professionnelle Photographie et audiovisuel"
SECTIONS = (
    "Le programme",
    "Les ateliers",
    "Les stages",
    "Le matériel",
    "Les intervenants",
    "Les débouchés",
    "Témoignages",
    "Candidater",
)
PARAGRAPH = (
    "Une année pour apprendre la prise de vue, la lumière et le montage avec des "
    "professionnels, en studio et sur le terrain. Chaque semaine alterne cours, ateliers "
    "et projets tutorés ; le stage de seize semaines ouvre sur les métiers de l'image."
)


def photograph(seed: int, size: tuple[int, int] = PHOTO_SIZE) -> Image.Image:
    """A photo-like RGB image: colour field, blurred subjects, grain."""
    rng = random.Random(seed)
    field = Image.new("RGB", (6, 8))
    field.putdata([tuple(rng.randrange(30, 230) for _ in range(3)) for _ in range(48)])
    image = field.resize(size, Image.Resampling.BICUBIC)
    shapes = ImageDraw.Draw(image)
    for _ in range(5):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        radius = rng.randrange(size[0] // 10, size[0] // 3)
        colour = tuple(rng.randrange(256) for _ in range(3))
        shapes.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    image = image.filter(ImageFilter.GaussianBlur(size[0] // 60))
    # Grain at half resolution, like a sensor's noise after demosaicing: enough that pages
    # compress as photographs do, not so much that a page is pure noise.
    small = (size[0] // 2, size[1] // 2)
    grain = Image.frombytes("L", small, rng.randbytes(small[0] * small[1])).resize(size)
    return Image.blend(image, Image.merge("RGB", (grain, grain, grain)), 0.05)


def _jpeg(image: Image.Image) -> ImageReader:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80, optimize=True)
    buffer.seek(0)
    return ImageReader(buffer)


def text_panel(canvas: Canvas, heading: str, top: float, number: int, lead: str = "") -> None:
    """A white panel with a heading, `lead` then the paragraph, and the page number."""
    canvas.setFillColorRGB(1, 1, 1, alpha=0.88)
    canvas.rect(36, top - 190, PAGE_W - 72, 190, stroke=0, fill=1)
    canvas.setFillColorRGB(0.1, 0.1, 0.15)
    canvas.setFont("Helvetica-Bold", 22)
    canvas.drawString(56, top - 40, heading)
    text = canvas.beginText(56, top - 70)
    text.setFont("Helvetica", 11)
    line = ""
    for word in f"{lead}{PARAGRAPH}".split():
        if canvas.stringWidth(f"{line} {word}", "Helvetica", 11) > PAGE_W - 112:
            text.textLine(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    text.textLine(line)
    canvas.drawText(text)
    canvas.setFont("Helvetica", 9)
    canvas.drawRightString(PAGE_W - 56, top - 176, f"{number}")


def _cover(canvas: Canvas) -> None:
    canvas.drawImage(_jpeg(photograph(0)), 0, 0, PAGE_W, PAGE_H)
    canvas.setFillColorRGB(0.05, 0.1, 0.25, alpha=0.8)
    canvas.rect(0, PAGE_H * 0.62, PAGE_W, 150, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawString(40, PAGE_H * 0.62 + 95, "Licence professionnelle")
    canvas.drawString(40, PAGE_H * 0.62 + 60, "Photographie et audiovisuel")
    canvas.setFont("Helvetica", 14)
    canvas.drawString(40, PAGE_H * 0.62 + 25, "Rentrée 2027 · Brochure")


def _inner(canvas: Canvas, number: int) -> None:
    heading = SECTIONS[(number - 2) % len(SECTIONS)]
    if number % 3:
        canvas.drawImage(_jpeg(photograph(number)), 0, 0, PAGE_W, PAGE_H)
        text_panel(canvas, heading, 260 if number % 2 else PAGE_H - 40, number)
        return
    half = (PHOTO_SIZE[0], PHOTO_SIZE[1] // 2)
    canvas.drawImage(_jpeg(photograph(number, half)), 0, PAGE_H / 2, PAGE_W, PAGE_H / 2)
    text_panel(canvas, heading, PAGE_H / 2 - 20, number)


def _apply_links(canvas: Canvas) -> None:
    """The call to action a designer puts on the last page: a web link and an e-mail."""
    canvas.setFillColorRGB(0.05, 0.1, 0.25)
    canvas.rect(36, 36, PAGE_W - 72, 60, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(56, 70, "Candidater sur monmaster.gouv.fr")
    canvas.linkURL("https://www.monmaster.gouv.fr/", (56, 62, 330, 86), relative=0)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(56, 46, "photo-av@univ-exemple.fr")
    canvas.linkURL("mailto:photo-av@univ-exemple.fr", (56, 40, 230, 58), relative=0)


def photo_brochure(path: Path, pages: int = 24) -> Path:
    """Writes a `pages`-page A4 brochure of photographs and text to `path`, with an outline
    (one entry per section's first page) and links on its last page."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(TITLE)
    _cover(canvas)
    canvas.bookmarkPage("p1")
    canvas.addOutlineEntry("Couverture", "p1", level=0)
    canvas.showPage()
    for number in range(2, pages + 1):
        _inner(canvas, number)
        if number - 2 < len(SECTIONS):
            canvas.bookmarkPage(f"p{number}")
            canvas.addOutlineEntry(SECTIONS[number - 2], f"p{number}", level=0)
        if number == pages:
            _apply_links(canvas)
        canvas.showPage()
    canvas.save()
    return path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=24)
    args = parser.parse_args(argv)
    photo_brochure(args.out, args.pages)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB, {args.pages} pages")


if __name__ == "__main__":
    main()
