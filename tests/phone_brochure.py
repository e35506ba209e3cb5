"""The brochure of issue 27: 20 A4 pages of photographs (7.5 MB), as teams print them.

    .venv/bin/python -m tests.phone_brochure OUT.pdf

Like tests/photo_brochure.py (whose photographs it reuses: drawn here, seeded, nothing
downloaded), plus what the issue was found with:

- page 2, a printed table of contents: eight lines of 12 pt text, 22 pt apart, each a link
  to its page, as designers export them (too close for 24 px targets on a 480 px page);
- page 12, the only page with the word « sténopé » (in « sténopés »), for the search;
- page 15, « Candidater »: the apply link, a web link and an e-mail address, 12 pt lines
  40 pt apart (too close for 24 px targets on a phone's 358 px page, clear at 373 px);
- an outline, « Candidater » leading to page 15.
"""

import argparse
import hashlib
import shutil
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from tests import photo_brochure
from tests.photo_brochure import PAGE_H, PAGE_W, PHOTO_SIZE, _cover, _inner, _jpeg, photograph
from tests.sitebuild import RENDER_CACHE

PAGES = 20
APPLY_PAGE = 15
SEARCH_PAGE = 12
SEARCH_WORD = "sténopés"
APPLY_URL = "https://www.monmaster.gouv.fr/"
INFO_URL = "https://www.univ-exemple.fr/lp-photo/calendrier"
EMAIL = "photo-av@univ-exemple.fr"
# The printed contents (page 2) and the outline: (title, page).
CONTENTS = [
    ("Le programme", 3),
    ("Les ateliers", 5),
    ("Les stages", 7),
    ("Le matériel", 9),
    ("Les intervenants", 11),
    ("Le laboratoire", 12),
    ("Les débouchés", 13),
    ("Candidater", APPLY_PAGE),
]


def _contents(canvas: Canvas) -> None:
    canvas.setFillColorRGB(0.1, 0.1, 0.15)
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawString(56, PAGE_H - 90, "Sommaire")
    y = PAGE_H - 140
    for title, page in CONTENTS:
        canvas.setFont("Helvetica", 12)
        canvas.drawString(56, y, title)
        canvas.drawRightString(PAGE_W - 56, y, str(page))
        canvas.linkAbsolute("", f"p{page}", (54, y - 4, PAGE_W - 54, y + 12))
        y -= 22


def _laboratory(canvas: Canvas) -> None:
    """Page 12: a photograph and the one paragraph that names the pinhole cameras."""
    canvas.drawImage(_jpeg(photograph(12)), 0, 0, PAGE_W, PAGE_H)
    canvas.setFillColorRGB(1, 1, 1, alpha=0.9)
    canvas.rect(36, 60, PAGE_W - 72, 170, stroke=0, fill=1)
    canvas.setFillColorRGB(0.1, 0.1, 0.15)
    canvas.setFont("Helvetica-Bold", 22)
    canvas.drawString(56, 196, "Le laboratoire")
    text = canvas.beginText(56, 166)
    text.setFont("Helvetica", 12)
    for line in (
        f"Au laboratoire argentique, les étudiants fabriquent des {SEARCH_WORD}",
        "et développent leurs tirages ; les réalisations sont exposées",
        "chaque printemps à la médiathèque.",
    ):
        text.textLine(line)
    canvas.drawText(text)


def _apply(canvas: Canvas) -> None:
    """Page 15: the call to action, three links on consecutive lines of body text."""
    half = (PHOTO_SIZE[0], PHOTO_SIZE[1] // 2)
    canvas.drawImage(_jpeg(photograph(APPLY_PAGE, half)), 0, PAGE_H / 2, PAGE_W, PAGE_H / 2)
    canvas.setFillColorRGB(0.1, 0.1, 0.15)
    canvas.setFont("Helvetica-Bold", 26)
    canvas.drawString(56, PAGE_H / 2 - 60, "Candidater")
    canvas.setFont("Helvetica", 12)
    canvas.drawString(56, PAGE_H / 2 - 95, "Dépôt des candidatures du 1er mars au 15 mai.")
    y = PAGE_H / 2 - 130
    for label, target in (
        ("Candidater sur www.monmaster.gouv.fr", APPLY_URL),
        ("Calendrier : www.univ-exemple.fr/lp-photo/calendrier", INFO_URL),
        (f"Contact : {EMAIL}", f"mailto:{EMAIL}"),
    ):
        canvas.setFont("Helvetica", 12)
        width = canvas.stringWidth(label, "Helvetica", 12)
        canvas.drawString(56, y, label)
        canvas.linkURL(target, (54, y - 3, 58 + width, y + 11), relative=0)
        y -= 40


def phone_brochure(path: Path) -> Path:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle("Licence professionnelle Photographie et audiovisuel")
    for number in range(1, PAGES + 1):
        canvas.bookmarkPage(f"p{number}")
        if number == 1:
            _cover(canvas)
        elif number == 2:
            _contents(canvas)
        elif number == SEARCH_PAGE:
            _laboratory(canvas)
        elif number == APPLY_PAGE:
            _apply(canvas)
        else:
            _inner(canvas, number)
        canvas.showPage()
    for title, key in [("Couverture", "p1"), ("Sommaire", "p2")]:
        canvas.addOutlineEntry(title, key, level=0)
    for title, page in CONTENTS:
        canvas.addOutlineEntry(title, f"p{page}", level=0)
    canvas.save()
    return path


def phone_brochure_at(path: Path) -> Path:
    """The brochure at `path`, drawn once for all test modules (14 s): kept beside the
    tests' render cache under the hash of the code that draws it."""
    code = Path(__file__).read_bytes() + Path(photo_brochure.__file__).read_bytes()
    kept = RENDER_CACHE.parent / "test-pdfs" / f"phone-{hashlib.sha256(code).hexdigest()[:12]}.pdf"
    if not kept.exists():
        kept.parent.mkdir(parents=True, exist_ok=True)
        drawn = phone_brochure(kept.with_suffix(f".{id(path)}.tmp"))
        drawn.replace(kept)  # whole or not at all: another test module may be reading it
    shutil.copyfile(kept, path)
    return path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    phone_brochure(args.out)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB, {PAGES} pages")


if __name__ == "__main__":
    main()
