"""The metadata of a programme file: which fields exist, which are required, how each is read.

Each parser takes the raw text an author wrote and returns a typed value, or
raises ValueError with what to write instead, in the site's language (core.tr).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from relais.plugins.core import tr
from relais.plugins.core.parsers import email, iso_date, text, web_url

https_url = web_url("https://candidature.example.org/lp", "https://apply.example.org/lp")

_DURATION = re.compile(
    r"^(?P<n>\d+)\s*(?P<unit>ans?|années?|years?|mois|months?|semestres?|semesters?)$",
    re.IGNORECASE,
)
_ISO_UNIT = {"a": "Y", "y": "Y", "m": "M"}  # an(s)/année(s)/year(s), mois/month(s)


def short_text(value: str) -> str:
    value = text(value)
    if len(value) > 70:
        raise ValueError(
            tr(
                f"un titre court de 70 caractères au plus (ici {len(value)})",
                f"a short title of 70 characters at most (here {len(value)})",
            )
        )
    return value


def ects(value: str) -> int:
    value = str(value).strip()
    if not value.isdigit() or not 1 <= int(value) <= 360:
        raise ValueError(
            tr(
                "un nombre entier de crédits entre 1 et 360, par exemple 60",
                "a whole number of credits between 1 and 360, for example 60",
            )
        )
    return int(value)


def duration(value: str) -> str:
    """Keeps the author's words for display; `duration_iso` gives schema.org its form."""
    value = text(value)
    if not _DURATION.match(value):
        raise ValueError(
            tr(
                "un nombre suivi de « an(s) », « mois » ou « semestre(s) », ex. « 1 an »",
                'a number followed by "year(s)", "month(s)" or "semester(s)", e.g. "1 year"',
            )
        )
    return value


def duration_iso(value: str) -> str | None:
    """None for a duration still « à préciser »."""
    match = _DURATION.match(value)
    if match is None:
        return None
    n, unit = int(match["n"]), match["unit"].lower()
    if unit.startswith("sem"):
        return f"P{n * 6}M"
    return f"P{n}{_ISO_UNIT[unit[0]]}"


def content_file(*suffixes: str) -> Callable[[str], str]:
    """A path relative to content/; existence is checked by the plugin, which knows the root."""

    def parse(value: str) -> str:
        value = str(value).strip().removeprefix("{static}").lstrip("/")
        if not value.lower().endswith(suffixes):
            kinds = tr(" ou ", " or ").join(suffixes)
            raise ValueError(
                tr(
                    f"un fichier {kinds} rangé sous content/, "
                    f"par exemple brochures/ma-formation{suffixes[0]}",
                    f"a {kinds} file kept under content/, "
                    f"for example brochures/ma-formation{suffixes[0]}",
                )
            )
        return value

    return parse


@dataclass(frozen=True)
class Field:
    name: str
    parse: Callable[[str], object]
    required: bool = True
    # The parser takes the value as written (a text, a list, a mapping) rather than a text.
    nested: bool = False


FIELDS = (
    Field("title", text),
    Field("short_title", short_text),
    Field("degree", text),
    Field("level", text),
    Field("duration", duration),
    Field("ects", ects),
    Field("location", text),
    Field("start", iso_date),
    Field("deadline", iso_date),
    Field("apply_url", https_url),
    Field("contact", email),
    Field("summary", text),
    Field("brochure", content_file(".pdf"), required=False),
    Field("cover", content_file(".jpg", ".jpeg", ".png", ".webp"), required=False),
)
