"""The facts a French national degree's title fixes, from the words it starts with.

A Master is Bac+5, two years, 120 ECTS credits, whatever the university: the national rules
say so, and `make new` writes them in a new site's first programme file. What the title
does not fix (a university diploma's level and length, an unknown title's degree) is
written « à préciser », never guessed: a preview shows it, `make check` and `make
publish` refuse it until the team writes the real value.
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
    ("diplome universitaire", ("Diplôme universitaire", TO_CHECK, TO_CHECK, TO_CHECK)),
    ("diplome d'universite", ("Diplôme d’université", TO_CHECK, TO_CHECK, TO_CHECK)),
]


def degree_facts(title: str) -> dict[str, str]:
    words = _plain(title)
    for start, (degree, level, duration, ects) in KNOWN:
        if words.startswith(start):
            return {"degree": degree, "level": level, "duration": duration, "ects": ects}
    return {"degree": TO_CHECK, "level": TO_CHECK, "duration": TO_CHECK, "ects": TO_CHECK}


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip() + " "
