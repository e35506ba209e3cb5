"""Writes a synthetic relais site for `make bench`: realistic French posts, programmes, brochures.

Seeded, so every run measures the same content. Brochures are rendered once by
reportlab and reused between runs (they are inputs, not what is measured).
"""

import random
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

WORDS = (
    "formation alternance étudiant·es université licence master candidature rentrée "
    "atelier projet photographie audiovisuel archives numérisation édition données "
    "recherche stage entreprise métier compétences découverte réseau insertion "
    "professionnelle portes ouvertes journée témoignage équipe pédagogique campus "
    "bibliothèque musée patrimoine image son vidéo création numérique médiation "
    "écriture éditoriale cœur été hiver français européen qualité réussite avenir"
).split()
EMOJI = ["🎓", "📸", "🎬", "📚", "✨", "👩‍🎓", "🇫🇷", "🚀"]
CATEGORIES = [
    "Formations",
    "Témoignages",
    "Recherche",
    "Conseils",
    "Vie du campus",
    "Partenariats",
    "International",
    "Événements",
]
TAGS = [f"{w}" for w in WORDS[:30]]


def sentence(rng, words=14):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    if rng.random() < 0.2:
        text += " " + rng.choice(EMOJI)
    return text[0].upper() + text[1:] + "."


def paragraph(rng, sentences=5):
    return " ".join(sentence(rng, rng.randint(8, 20)) for _ in range(sentences))


def write_programme(folder: Path, index: int, rng) -> str:
    slug = f"formation-{index:02d}"
    start = date(2027, 9, 1) + timedelta(days=index % 14)
    deadline = date(2027, 3, 1) + timedelta(days=index * 2)
    (folder / "programmes" / f"{slug}.md").write_text(
        f"title: Licence professionnelle {rng.choice(WORDS)} et {rng.choice(WORDS)} n° {index}\n"
        f"short_title: Licence pro {rng.choice(WORDS)} {index}\n"
        "degree: Licence professionnelle\nlevel: Bac+3\nduration: 1 an\nects: 60\n"
        "location: IUT, Angoulême\n"
        f"start: {start}\ndeadline: {deadline}\n"
        f"apply_url: https://candidature.example.org/{slug}\ncontact: {slug}@example.org\n"
        f"brochure: brochures/{slug}.pdf\ntags: {', '.join(rng.sample(TAGS, 3))}\n"
        f"summary: {sentence(rng)}\n\n## Présentation\n\n{paragraph(rng)}\n\n"
        f"## Organisation\n\n{paragraph(rng)}\n",
        encoding="utf-8",
    )
    return slug


def write_post(folder: Path, index: int, programmes: list[str], rng) -> None:
    published = datetime(2024, 1, 1, 9, 0) + timedelta(hours=17 * index)
    tags = ", ".join(rng.sample(TAGS, 3))
    programme = f"programme: {rng.choice(programmes)}\n" if rng.random() < 0.6 else ""
    body = "\n\n".join(paragraph(rng) for _ in range(rng.randint(3, 7)))
    (folder / "blog" / f"post-{index:04d}.md").write_text(
        f"title: {sentence(rng, 8)[:-1]}\ndate: {published:%Y-%m-%d %H:%M}\n"
        f"category: {rng.choice(CATEGORIES)}\ntags: {tags}\n{programme}"
        f"summary: {sentence(rng)}\n\n## {sentence(rng, 4)[:-1]}\n\n{body}\n",
        encoding="utf-8",
    )


def write_event(folder: Path, index: int, programmes: list[str], rng) -> None:
    """Timed sessions, online sessions and months-long campaigns, some cancelled."""
    day = date(2026, 9, 1) + timedelta(days=3 * index)
    if index % 10 == 0:
        when = f"start: {day}\nend: {day + timedelta(days=90)}\n"
    else:
        when = f"start: {day} {9 + index % 8:02d}:00\nend: {11 + index % 8:02d}:30\n"
    where = (
        f"online_url: https://live.example.org/session-{index}\n"
        if index % 3 == 0
        else f"location: Amphithéâtre {index % 5 + 1}\naddress: 1 rue de l’Université, Angoulême\n"
    )
    status = "status: cancelled\n" if index % 17 == 0 else ""
    (folder / "events" / f"event-{index:03d}.md").write_text(
        f"title: {sentence(rng, 6)[:-1]}\ndate: {day - timedelta(days=30)} 10:00\n{when}{where}"
        f"{status}programme: {rng.choice(programmes)}\nsummary: {sentence(rng)}\n\n"
        f"{paragraph(rng)}\n",
        encoding="utf-8",
    )


def write_brochure(path: Path, title: str, pages: int, rng) -> None:
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    width, height = A4
    for number in range(1, pages + 1):
        canvas.setFillColorRGB(0.04, 0.31, 0.54)
        canvas.rect(0, height - 140, width, 140, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont("Helvetica-Bold", 22)
        canvas.drawString(50, height - 90, f"{title} — page {number}")
        canvas.setFillColorRGB(0.1, 0.1, 0.1)
        text = canvas.beginText(50, height - 190)
        text.setFont("Helvetica", 12)
        for _ in range(30):
            text.textLine(" ".join(rng.choice(WORDS) for _ in range(11)))
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()


def generate(
    root: Path, posts=1000, programmes=50, brochure_pages=12, events=200, seed=2026
) -> Path:
    """Writes root/content (relais); brochures are kept across calls."""
    rng = random.Random(seed)
    content = root / "content"
    brochures = root / "brochures-cache"
    shutil.rmtree(content, ignore_errors=True)
    for sub in ("programmes", "blog", "pages", "brochures", "events"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    brochures.mkdir(parents=True, exist_ok=True)
    slugs = []
    for index in range(1, programmes + 1):
        slug = write_programme(content, index, rng)
        pdf = brochures / f"{slug}-{brochure_pages}.pdf"
        if not pdf.exists():
            write_brochure(pdf, f"Formation {index}", brochure_pages, random.Random(index))
        shutil.copy(pdf, content / "brochures" / f"{slug}.pdf")
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
