"""Writes the demo site's PDF brochures (real multi-page PDFs with a text layer).

Run once with `.venv/bin/python scripts/make_demo_brochures.py`; the PDFs are committed.
reportlab's invariant mode keeps the files byte-identical from run to run.
"""

from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

OUT = Path(__file__).resolve().parent.parent / "content" / "brochures"
BRAND = HexColor("#0b4f8a")

BROCHURES = {
    "lp-photographie-audiovisuel.pdf": (
        "Licence professionnelle Gestion et édition de fonds photographiques et audiovisuels",
        [
            (
                "Présentation",
                "Une année pour apprendre à conserver, documenter, numériser et "
                "valoriser des fonds photographiques et audiovisuels, en alternance avec une "
                "institution culturelle, une agence ou une entreprise de médias.",
            ),
            (
                "Public visé",
                "Titulaires d’un bac+2 (BTS, BUT, L2) en photographie, audiovisuel, "
                "documentation, histoire de l’art ou information-communication ; professionnels "
                "en reprise d’études par la validation des acquis.",
            ),
            (
                "Programme",
                "Droit de l’image et des archives ; catalogage et indexation ; "
                "numérisation et restauration ; gestion de bases de données iconographiques ; "
                "édition imprimée et numérique ; projet tuteuré avec un fonds réel.",
            ),
            (
                "Alternance",
                "Rythme : deux semaines à l’IUT, deux semaines en structure d’accueil. "
                "Contrat d’apprentissage ou de professionnalisation, "
                "formation gratuite et rémunérée.",
            ),
            (
                "Débouchés",
                "Iconographe, documentaliste audiovisuel, chargé de numérisation, "
                "gestionnaire de photothèque, assistant d’édition.",
            ),
            (
                "Candidater",
                "Dossier en ligne jusqu’au 15 mai 2027. Entretiens en juin. "
                "Contact : lp-photo@example.org",
            ),
        ],
    ),
    "master-humanites-numeriques.pdf": (
        "Master Humanités numériques",
        [
            (
                "Présentation",
                "Deux années pour concevoir des éditions, des corpus et des "
                "visualisations numériques au service des sciences humaines.",
            ),
            (
                "Parcours",
                "Édition numérique et TEI ; données de la recherche ; "
                "médiation culturelle en ligne.",
            ),
            (
                "Stages",
                "Un stage de trois mois en première année et de six mois en seconde année, "
                "en bibliothèque, musée, laboratoire ou entreprise.",
            ),
            ("Candidater", "Sur la plateforme nationale « Mon Master » jusqu’au 30 mars 2027."),
        ],
    ),
}


def write(name, title, sections):
    canvas = Canvas(str(OUT / name), pagesize=A4, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("Université de démonstration — IUT")
    width, height = A4
    for number, (heading, body) in enumerate(sections, start=1):
        canvas.setFillColor(BRAND)
        canvas.rect(0, height - 5 * cm, width, 5 * cm, stroke=0, fill=1)
        canvas.setFillColor(HexColor("#ffffff"))
        canvas.setFont("Helvetica-Bold", 14)
        canvas.drawString(2 * cm, height - 2 * cm, title[:70])
        canvas.setFont("Helvetica-Bold", 28)
        canvas.drawString(2 * cm, height - 3.8 * cm, heading)
        canvas.setFillColor(HexColor("#1b1f24"))
        text = canvas.beginText(2 * cm, height - 7 * cm)
        text.setFont("Helvetica", 13)
        text.setLeading(19)
        for line in _wrap(body, 80):
            text.textLine(line)
        canvas.drawText(text)
        canvas.setFont("Helvetica", 10)
        canvas.drawRightString(width - 2 * cm, 1.5 * cm, f"{number} / {len(sections)}")
        canvas.showPage()
    canvas.save()


def _wrap(text, width):
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            yield line
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        yield line


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (title, sections) in BROCHURES.items():
        write(name, title, sections)
        print(OUT / name)
