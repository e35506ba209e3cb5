"""Likely facts of a French degree, from the words its title starts with.

They only pre-fill a new site's first programme file: the team checks them.
"""

import unicodedata

TO_CHECK = "à préciser"
# (first words of the title, lowercase without accents) → degree, level, duration, ECTS.
KNOWN = [
    ("licence pro", ("Licence professionnelle", "Bac+3", "1 an", "60")),
    ("bachelor universitaire de technologie", ("BUT", "Bac+3", "3 ans", "180")),
    ("but ", ("BUT", "Bac+3", "3 ans", "180")),
    ("licence", ("Licence", "Bac+3", "3 ans", "180")),
    ("master", ("Master", "Bac+5", "2 ans", "120")),
    ("bts", ("BTS", "Bac+2", "2 ans", "120")),
    ("diplome universitaire", ("Diplôme universitaire", TO_CHECK, "1 an", "60")),
]


def degree_facts(title: str) -> dict[str, str]:
    words = _plain(title)
    for start, (degree, level, duration, ects) in KNOWN:
        if words.startswith(start):
            return {"degree": degree, "level": level, "duration": duration, "ects": ects}
    return {"degree": "Diplôme", "level": TO_CHECK, "duration": "1 an", "ects": "60"}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip() + " "
