"""Writes a faculty-size relais site for `make bench-faculty`: 300 programmes, each with a
20-page photo brochure, 3,000 posts and 500 events.

Posts, programmes and events are written as bench/synthetic_site.py writes them (seeded).
Brochures are designed photo brochures like tests/photo_brochure.py's (full-page and
half-page photographs as JPEG at about 200 dpi, text panels, an outline, links on the last
page), each one different: its own title, its own photographs picked and ordered from a
seeded pool, so that no two PDFs are the same file (relais renders identical files once).
Drawing a photograph costs a second, so the pool (bench/work/faculty-photos/) is drawn once
and each brochure is written once and kept (bench/work/faculty-brochures/): a run that was
stopped goes on where it was.
"""

import io
import random
import shutil
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic_site import write_event, write_post, write_programme  # noqa: E402
from tests.photo_brochure import PAGE_H, PAGE_W, PHOTO_SIZE, SECTIONS, text_panel  # noqa: E402

PROGRAMMES, POSTS, EVENTS, PAGES = 300, 3000, 500, 20
POOL = 48  # full-page photographs; as many half-page ones


def photo_pool(folder: Path, count: int = POOL) -> list[tuple[bytes, bytes]]:
    """(full page, half page) JPEG bytes, drawn once (seeded) and kept in `folder`."""
    from tests.photo_brochure import photograph

    folder.mkdir(parents=True, exist_ok=True)
    pool = []
    half = (PHOTO_SIZE[0], PHOTO_SIZE[1] // 2)
    for number in range(count):
        pair = []
        for kind, size in (("full", PHOTO_SIZE), ("half", half)):
            path = folder / f"{kind}-{number:03d}.jpg"
            if not path.exists():
                buffer = io.BytesIO()
                photograph(1000 + number, size).save(buffer, "JPEG", quality=80, optimize=True)
                temporary = path.with_suffix(".tmp")
                temporary.write_bytes(buffer.getvalue())
                temporary.replace(path)
            pair.append(path.read_bytes())
        pool.append(tuple(pair))
    return pool


def photo_brochure(path: Path, title: str, pages: int, pool, rng: random.Random) -> None:
    """A `pages`-page A4 brochure: a cover, then photographs with text panels, an outline
    and the call to action with its links on the last page."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(title)
    picks = rng.sample(range(len(pool)), min(pages, len(pool)))
    canvas.drawImage(ImageReader(io.BytesIO(pool[picks[0]][0])), 0, 0, PAGE_W, PAGE_H)
    canvas.setFillColorRGB(0.05, 0.1, 0.25, alpha=0.8)
    canvas.rect(0, PAGE_H * 0.62, PAGE_W, 150, stroke=0, fill=1)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.setFont("Helvetica-Bold", 22)
    canvas.drawString(40, PAGE_H * 0.62 + 80, title[:48])
    canvas.setFont("Helvetica", 14)
    canvas.drawString(40, PAGE_H * 0.62 + 25, "Rentrée 2027 · Brochure")
    canvas.bookmarkPage("p1")
    canvas.addOutlineEntry("Couverture", "p1", level=0)
    canvas.showPage()
    for number in range(2, pages + 1):
        full, half = pool[picks[(number - 1) % len(picks)]]
        heading = SECTIONS[(number - 2) % len(SECTIONS)]
        if number % 3:
            canvas.drawImage(ImageReader(io.BytesIO(full)), 0, 0, PAGE_W, PAGE_H)
            text_panel(canvas, heading, 260 if number % 2 else PAGE_H - 40, number, f"{title}. ")
        else:
            canvas.drawImage(ImageReader(io.BytesIO(half)), 0, PAGE_H / 2, PAGE_W, PAGE_H / 2)
            text_panel(canvas, heading, PAGE_H / 2 - 20, number, f"{title}. ")
        if number - 2 < len(SECTIONS):
            canvas.bookmarkPage(f"p{number}")
            canvas.addOutlineEntry(SECTIONS[number - 2], f"p{number}", level=0)
        if number == pages:
            canvas.setFillColorRGB(0.05, 0.1, 0.25)
            canvas.rect(36, 36, PAGE_W - 72, 60, stroke=0, fill=1)
            canvas.setFillColorRGB(1, 1, 1)
            canvas.setFont("Helvetica-Bold", 16)
            canvas.drawString(56, 70, "Candidater sur monmaster.gouv.fr")
            canvas.linkURL("https://www.monmaster.gouv.fr/", (56, 62, 330, 86), relative=0)
        canvas.showPage()
    canvas.save()


def generate(
    root: Path,
    programmes: int = PROGRAMMES,
    posts: int = POSTS,
    events: int = EVENTS,
    pages: int = PAGES,
    seed: int = 2026,
) -> Path:
    """Writes root/content; brochures (and the photographs) are kept across calls."""
    rng = random.Random(seed)
    content = root / "content"
    kept = root / "faculty-brochures"
    shutil.rmtree(content, ignore_errors=True)
    for sub in ("programmes", "blog", "pages", "brochures", "events"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    kept.mkdir(parents=True, exist_ok=True)
    pool = None
    slugs = []
    for index in range(1, programmes + 1):
        slug = write_programme(content, index, rng)
        pdf = kept / f"{slug}-{pages}.pdf"
        if not pdf.exists():
            pool = pool or photo_pool(root / "faculty-photos")
            title = (content / "programmes" / f"{slug}.md").read_text().split("\n")[0][7:]
            temporary = pdf.with_suffix(".tmp")
            photo_brochure(temporary, title, pages, pool, random.Random(index))
            temporary.replace(pdf)
        # A hard link: the content keeps the kept file's date, so Pelican's cache holds.
        target = content / "brochures" / f"{slug}.pdf"
        try:
            target.hardlink_to(pdf)
        except OSError:
            shutil.copy2(pdf, target)
        slugs.append(slug)
    for index in range(1, posts + 1):
        write_post(content, index, slugs, rng)
    for index in range(1, events + 1):
        write_event(content, index, slugs, rng)
    (content / "pages" / "404.md").write_text(
        "title: Page introuvable\nstatus: hidden\nsave_as: 404.html\ntemplate: 404\n"
        "summary: Introuvable.\n\nCette page n’existe pas.\n",
        encoding="utf-8",
    )
    return content


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "work" / "faculty"
    print(generate(target))
