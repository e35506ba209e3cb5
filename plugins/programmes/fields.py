"""The metadata of a programme file: which fields exist, which are required, how each is read.

Each parser takes the raw text an author wrote and returns a typed value, or
raises ValueError with what to write instead (in French, for the author).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

_DURATION = re.compile(
    r"^(?P<n>\d+)\s*(?P<unit>ans?|années?|years?|mois|months?|semestres?|semesters?)$",
    re.IGNORECASE,
)
_ISO_UNIT = {"a": "Y", "y": "Y", "m": "M"}  # an(s)/année(s)/year(s), mois/month(s)
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[a-z]{2,}$", re.IGNORECASE)


def text(value: str) -> str:
    value = " ".join(str(value).split())
    if not value:
        raise ValueError("un texte non vide")
    return value


def short_text(value: str) -> str:
    value = text(value)
    if len(value) > 70:
        raise ValueError(f"un titre court de 70 caractères au plus (ici {len(value)})")
    return value


def iso_date(value: str) -> date:
    value = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("une date au format AAAA-MM-JJ, par exemple 2027-09-01")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            "une date qui existe, au format AAAA-MM-JJ, par exemple 2027-09-01"
        ) from None


def ects(value: str) -> int:
    value = str(value).strip()
    if not value.isdigit() or not 1 <= int(value) <= 360:
        raise ValueError("un nombre entier de crédits entre 1 et 360, par exemple 60")
    return int(value)


def duration(value: str) -> str:
    """Keeps the author's words for display; `duration_iso` gives schema.org its form."""
    value = text(value)
    if not _DURATION.match(value):
        raise ValueError("un nombre suivi de « an(s) », « mois » ou « semestre(s) », ex. « 1 an »")
    return value


def duration_iso(value: str) -> str:
    match = _DURATION.match(value)
    n, unit = int(match["n"]), match["unit"].lower()
    if unit.startswith("sem"):
        return f"P{n * 6}M"
    return f"P{n}{_ISO_UNIT[unit[0]]}"


def https_url(value: str) -> str:
    value = str(value).strip()
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc or " " in value:
        raise ValueError("une adresse web complète, par exemple https://candidature.example.org/lp")
    return value


def email(value: str) -> str:
    value = str(value).strip()
    if not _EMAIL.match(value):
        raise ValueError("une adresse électronique, par exemple scolarite@example.org")
    return value


def content_file(*suffixes: str) -> Callable[[str], str]:
    """A path relative to content/; existence is checked by the plugin, which knows the root."""

    def parse(value: str) -> str:
        value = str(value).strip().removeprefix("{static}").lstrip("/")
        if not value.lower().endswith(suffixes):
            raise ValueError(
                f"un fichier {' ou '.join(suffixes)} rangé sous content/, "
                f"par exemple brochures/ma-formation{suffixes[0]}"
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
