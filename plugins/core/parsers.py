"""Field parsers shared by the content plugins (programmes, events): each takes the raw text
an author wrote and returns a typed value, or raises ValueError saying what to write instead,
in the site's language. One parser per kind of value, so that a date or a web address is
read, and refused, the same way in every file."""

import re
from collections.abc import Callable
from datetime import date
from urllib.parse import urlsplit

from .errors import tr

_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[a-z]{2,}$", re.IGNORECASE)


def text(value: str) -> str:
    """Any non-empty text, its runs of spaces and line breaks made single spaces."""
    value = " ".join(str(value).split())
    if not value:
        raise ValueError(tr("un texte non vide", "a non-empty text"))
    return value


def iso_date(value: str) -> date:
    value = str(value).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(
            tr(
                "une date au format AAAA-MM-JJ, par exemple 2027-09-01",
                "a date written YYYY-MM-DD, for example 2027-09-01",
            )
        )
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            tr(
                "une date qui existe, au format AAAA-MM-JJ, par exemple 2027-09-01",
                "a date that exists, written YYYY-MM-DD, for example 2027-09-01",
            )
        ) from None


def web_url(example_fr: str, example_en: str) -> Callable[[str], str]:
    """A parser of full http(s) addresses whose error shows the example fitting the field."""

    def parse(value: str) -> str:
        value = str(value).strip()
        parts = urlsplit(value)
        if parts.scheme not in ("https", "http") or not parts.netloc or " " in value:
            raise ValueError(
                tr(
                    f"une adresse web complète, par exemple {example_fr}",
                    f"a full web address, for example {example_en}",
                )
            )
        return value

    return parse


def email(value: str) -> str:
    value = str(value).strip()
    if not _EMAIL.match(value):
        raise ValueError(
            tr(
                "une adresse électronique, par exemple scolarite@example.org",
                "an email address, for example registrar@example.org",
            )
        )
    return value
