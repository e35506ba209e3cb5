"""« à préciser »: what a site still has to say, shown while it is written, never published.

`make new` writes what it was not told as a placeholder: a field whose whole value is
« à préciser » (`level: à préciser`), or `[[à préciser]]` in a text. A preview (`make html`,
`make serve`) shows each one as « à préciser » and prints one line per placeholder, naming
the file, the field and the line; a build with REFUSE_PLACEHOLDERS (`make check`, `make
publish`) stops on them, listing every one, so no page published says « à préciser ».
Drafts are left out: they are not published.
"""

import re
import unicodedata
from pathlib import Path

from pelican.contents import Content, Static

from .drafts import is_draft
from .errors import ContentError, report, tr, warn
from .texts import rewrite

SETTING = "REFUSE_PLACEHOLDERS"
# What an author writes for a value nobody knows yet, in either language (compared without
# case, accents or surrounding brackets).
WORDS = frozenset({"a preciser", "to be confirmed"})
# The same, in a text: `[[à préciser]]` (a field's value is the words alone).
MARKER = re.compile(r"\[\[\s*(?:à|a|À|A)\s+pr[ée]ciser\s*\]\]|\[\[\s*to\s+be\s+confirmed\s*\]\]",
                    re.IGNORECASE)  # fmt: skip
_TAGS = re.compile(r"<[^>]+>")


class ToConfirm(str):
    """A field's value that is a placeholder: shown as written, read by no output as a fact."""


def is_placeholder(value) -> bool:
    """Whether a field's value (a text, or a list of texts) is « à préciser »."""
    if isinstance(value, list | tuple):
        return any(is_placeholder(item) for item in value)
    if not isinstance(value, str):
        return False
    return _plain(_TAGS.sub("", value)) in WORDS


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    words = "".join(c for c in decomposed if not unicodedata.combining(c))
    return words.strip(" []«»\"'.")


def shown() -> str:
    return tr("à préciser", "to be confirmed")


def render_markers(contents) -> None:
    """`[[à préciser]]` in a text becomes « à préciser », marked, in the site's language."""
    words = shown()

    def html(text: str) -> str:
        return MARKER.sub(f'<mark class="to-confirm">{words}</mark>', text)

    def plain(text: str) -> str:
        return MARKER.sub(words, text)

    for content in contents:
        rewrite(content, html, plain)


def check(contents, settings) -> None:
    """One line per placeholder in what is published: a warning in a preview, a content
    error when the build refuses them."""
    refuse = bool(settings.get(SETTING))
    for content in contents:
        if is_draft(content) or not getattr(content, "has_page", True):
            continue
        for field, line in found(content):
            error = _error(content.source_path, field, line, refuse)
            if refuse:
                report(error)
            else:
                warn(error)


def found(content) -> list[tuple[str, int | None]]:
    """(field, line) of each placeholder of a content, in the order of its file."""
    lines = _lines(getattr(content, "source_path", None))
    header = _header_length(lines)
    places, named = [], set()
    for name, value in getattr(content, "metadata", {}).items():
        if is_placeholder(value):
            places.append((name, _line_of_field(lines[:header], name)))
            named.add(name.lower())
    for number, line in enumerate(lines, start=1):
        if not MARKER.search(line) or (number <= header and line.lstrip().startswith("#")):
            continue  # a YAML comment is never shown
        field = _FIELD_LINE.match(line) if number <= header else None
        if field is None:
            places.append((tr("texte", "text"), number))
        elif field[1].lower() not in named:
            places.append((field[1], number))
            named.add(field[1].lower())
    return sorted(places, key=lambda place: place[1] or 0)


_FIELD_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*:")


def _lines(path) -> list[str]:
    try:
        return Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, TypeError, UnicodeDecodeError):
        return []


def _header_length(lines: list[str]) -> int:
    """How many lines the header takes: YAML front matter up to its closing line, else the
    `field: value` lines up to the first blank one."""
    if lines and lines[0].strip() == "---":
        for number, line in enumerate(lines[1:], start=2):
            if line.strip() in ("---", "..."):
                return number
        return len(lines)
    return next((n for n, line in enumerate(lines) if not line.strip()), len(lines))


def _line_of_field(lines: list[str], name: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*:", re.IGNORECASE)
    return next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), None)


def _error(path: str, field: str, line: int | None, refused: bool) -> ContentError:
    where = tr(f" (ligne {line})", f" (line {line})") if line else ""
    problem = tr(f"encore « à préciser »{where}", f'still "to be confirmed"{where}')
    if refused:
        expected = tr(
            "la valeur réelle : une page publiée ne dit jamais « à préciser »",
            'the real value: a published page never says "to be confirmed"',
        )
    else:
        expected = tr(
            "la valeur réelle avant de publier (make check et make publish refusent ce site)",
            "the real value before publishing (make check and make publish refuse this site)",
        )
    return ContentError(path, field, problem, expected)


def contents_of(context) -> list:
    """Every content the generators read (posts, pages, drafts, programmes, events), once
    each, from the build's shared context; static files aside."""
    found = {}
    for value in context.values():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, Content) and not isinstance(item, Static):
                    found.setdefault(id(item), item)
    return list(found.values())


def on_every_content(static_generator) -> None:
    """static_generator_finalized: every content generator has read its files."""
    contents = contents_of(static_generator.context)
    check(contents, static_generator.settings)
    render_markers(contents)
