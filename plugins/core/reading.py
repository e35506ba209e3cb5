"""Reads Markdown content files, turning every author mistake into a ContentError.

Pelican's own Markdown reader fails on a non-UTF-8 file with a bare "Could not process",
reads `date: 05/06/2026` as whatever dateutil guesses, and stops reading metadata at
the first line without a colon (the rest of the header then shows on the page). This
reader says what is wrong instead, accepts a YAML front matter block (`---`), and first
refuses a file over the bounds of bounds.py.
"""

import re
from datetime import date
from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader as PelicanMarkdownReader

from .bounds import read_over_bounds
from .build import current
from .errors import ContentError, tr, tr_later
from .html_safety import check_and_clean
from .pelican_api import parse_metadata

# The Markdown "meta" extension's own patterns: a field line and a continuation line.
_FIELD_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_CONTINUATION = re.compile(r"^[ ]{4,}")
# `date 2026-11-16`: field names are lowercase, so "Le texte…" is text, not a field.
_WORD_THEN_VALUE = re.compile(r"^(?P<key>[a-z_][a-z0-9_-]*)\s+(?P<value>\S.*)$")
_YAML_FENCE = re.compile(r"^---\s*$")
_YAML_END = re.compile(r"^(---|\.\.\.)\s*$")
_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
)
DATE_FIELDS = ("date", "modified")


def accept_nested(*names: str) -> None:
    """Lets these fields keep a YAML list or mapping as written, in this build: a plugin
    reads them (a programme's `faq:` is a list of question/answer pairs). Any other field
    takes a text or a list of texts."""
    current().nested_fields.update(name.lower() for name in names)


def date_expected() -> str:
    return tr(
        "une date AAAA-MM-JJ, ou AAAA-MM-JJ HH:MM, par exemple 2026-11-16 10:00",
        "a date YYYY-MM-DD, or YYYY-MM-DD HH:MM, for example 2026-11-16 10:00",
    )


class MarkdownReader(PelicanMarkdownReader):
    """Pelican's Markdown reader with checked input (same name: metadata["reader"] stays
    "markdown" for the plugins that look at it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The file being read, while read() runs. Pelican also calls process_metadata()
        # outside read(), for metadata taken from the file name (FILENAME_METADATA), and
        # may do so before any read() when every other file comes from its content cache.
        self._checking = None

    def read(self, source_path):
        self._checking = source_path
        try:
            return self._read(source_path)
        finally:
            # Pelican also processes metadata taken from file names outside read().
            self._checking = None

    def _read(self, source_path):
        text = _decode(source_path)
        refused = read_over_bounds(self, source_path, text)
        if refused is not None:
            return refused
        lines = text.splitlines()
        if lines and _YAML_FENCE.match(lines[0]):
            meta, body = _front_matter(source_path, lines)
        else:
            _check_header(source_path, lines)
            meta, body = None, text
        markdown = Markdown(**self.settings["MARKDOWN"])
        # A blank first line keeps the meta extension from reading the body of a YAML file.
        content = markdown.convert(body if meta is None else "\n" + body)
        if meta is None:
            meta = getattr(markdown, "Meta", {})
        metadata = parse_metadata(self, markdown, meta) if meta else {}
        # Raw HTML is held to the allow-list, in the text and in the summary shown on lists.
        content = check_and_clean(source_path, tr("texte", "text"), content)
        if isinstance(metadata.get("summary"), str):
            metadata["summary"] = check_and_clean(source_path, "summary", metadata["summary"])
        return content, metadata

    def process_metadata(self, name, value):
        if name in DATE_FIELDS and isinstance(value, str) and self._checking:
            _check_date(self._checking, name, value)
        return super().process_metadata(name, value)


def _decode(path: str) -> str:
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line_number = data[: error.start].count(b"\n") + 1
        line = data.splitlines()[line_number - 1].decode("cp1252", errors="replace").strip()
        raise ContentError(
            path,
            tr("encodage", "encoding"),
            tr(
                f"le fichier n’est pas en UTF-8 (ligne {line_number} : « {line} »)",
                f'the file is not UTF-8 (line {line_number}: "{line}")',
            ),
            tr(
                "un fichier enregistré en UTF-8 (dans l’éditeur : Enregistrer sous… › "
                "Encodage : UTF-8)",
                "a file saved as UTF-8 (in the editor: Save As… › Encoding: UTF-8)",
            ),
        ) from None


def _check_header(path: str, lines: list[str]) -> None:
    """Every line of the header (up to the first blank line) must be `field: value`.

    Without this, a line missing its colon ends the header silently: the fields below
    it become text on the page and the post loses its date or its programme.
    """
    header = []
    for line in lines:
        if not line.strip():
            break
        header.append(line)
    if not header:
        return
    starts_with_field = _FIELD_LINE.match(header[0])
    seen: dict[str, int] = {}
    for number, line in enumerate(header, start=1):
        field = _FIELD_LINE.match(line)
        if field:
            _check_once(path, field["key"].lower(), number, seen)
            continue
        if number > 1 and _CONTINUATION.match(line):
            continue
        word = _WORD_THEN_VALUE.match(line)
        if not starts_with_field and (number > 1 or not word):
            return  # no header: the file starts with its text
        _missing_colon(path, number, line, word)


def _check_once(path: str, key: str, number: int, seen: dict[str, int]) -> None:
    """A field written twice: Pelican keeps one (or makes a list of a title) silently."""
    if key in seen:
        raise ContentError(
            path,
            key,
            tr(
                f"écrit deux fois (lignes {seen[key]} et {number})",
                f"written twice (lines {seen[key]} and {number})",
            ),
            tr(
                f"une seule ligne « {key}: … » (plusieurs valeurs : séparées par des virgules)",
                f'a single line "{key}: …" (several values: separated by commas)',
            ),
        )
    seen[key] = number


def _missing_colon(path, number, line, word):
    if word:
        key, value = word["key"], word["value"]
        raise ContentError(
            path,
            key,
            tr(
                f"ligne {number} « {line.strip()} » : il manque « : » après le nom du champ",
                f'line {number} "{line.strip()}": the colon after the field name is missing',
            ),
            f"{key}: {value}",
        )
    raise ContentError(
        path,
        line.strip()[:40],
        tr(
            f"la ligne {number} n’est pas de la forme « champ: valeur »",
            f'line {number} is not of the form "field: value"',
        ),
        tr(
            "des lignes « champ: valeur », puis une ligne vide, puis le texte",
            'lines "field: value", then a blank line, then the text',
        ),
    )


def _front_matter(path: str, lines: list[str]):
    """A YAML block between `---` lines: quotes, `# comments`, lists (tags)."""
    end = next((i for i, line in enumerate(lines[1:], 1) if _YAML_END.match(line)), None)
    if end is None:
        raise ContentError(
            path,
            "---",
            tr("l’en-tête YAML n’est pas fermé", "the YAML header is not closed"),
            tr("une ligne « --- » après le dernier champ", 'a line "---" after the last field'),
        )
    block = "\n".join(lines[1:end])
    import yaml  # a YAML header is rare, and a rebuild reads from Pelican's cache

    try:
        # BaseLoader: every value stays the text the author wrote (no dates, no numbers),
        # so each field is read by the same rules as without YAML.
        data = yaml.load(block, Loader=yaml.BaseLoader) or {}
    except yaml.YAMLError as error:
        raise _yaml_error(path, lines, error) from None
    if not isinstance(data, dict):
        raise ContentError(
            path,
            "---",
            tr("l’en-tête YAML n’est pas une liste de champs", "the YAML header holds no fields"),
            tr("des lignes « champ: valeur »", 'lines "field: value"'),
        )
    meta = {str(key).lower(): [_yaml_value(path, str(key), value)] for key, value in data.items()}
    return meta, "\n".join(lines[end + 1 :])


def _yaml_value(path, key, value):
    if key.lower() in current().nested_fields:
        return value  # read and checked by the plugin that declared it
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(value)  # tags, authors: Pelican reads them comma-separated
    if isinstance(value, str):
        return value
    raise ContentError(
        path,
        key,
        tr("une valeur composée n’est pas prise en charge", "a nested value is not supported"),
        tr(
            "un texte, ou une liste (« - élément » sur chaque ligne)",
            'a text, or a list ("- item" on each line)',
        ),
    )


# PyYAML's contexts whose mark is where the mistake starts (a key without its colon, an
# unclosed quote or bracket), rather than where PyYAML noticed it (the next line).
_STARTS_AT_CONTEXT = (
    "while scanning a simple key",
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
)
# PyYAML's problems an author meets, said in the site's language: (its start, the text).
_YAML_PROBLEMS = (
    (
        "mapping values are not allowed",
        tr_later(
            "un « : » suivi d’une espace dans la valeur",
            'a ":" followed by a space inside the value',
        ),
    ),
    ("found character '\\t'", tr_later("une tabulation", "a tab")),
    (
        "found character",
        tr_later(
            "la valeur commence par un caractère réservé (@, `, %…)",
            "the value starts with a reserved character (@, `, %…)",
        ),
    ),
    ("found unexpected end of stream", tr_later("un guillemet non fermé", "an unclosed quote")),
    ("expected ',' or ']'", tr_later("un « [ » non fermé", 'an unclosed "["')),
    # Doubled: these texts are read as format strings (a bracket shows as one).
    ("expected ',' or '}'", tr_later("un « {{ » non fermé", 'an unclosed "{{"')),
)


def _yaml_error(path, lines, error) -> ContentError:
    mark = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    if context is not None and getattr(error, "context", None) in _STARTS_AT_CONTEXT:
        mark = context
    number = mark.line + 2 if mark else 1  # +1: 0-based, +1: the opening `---`
    line = lines[number - 1].strip() if number <= len(lines) else ""
    word = _WORD_THEN_VALUE.match(line)
    if word and ":" not in line:
        _missing_colon(path, number, line, word)  # `capacity 56`: the same line as without YAML
    key = line.split(":", 1)[0].strip() if ":" in line else "---"
    return ContentError(
        path,
        key,
        tr(
            f"l’en-tête YAML est mal formé, ligne {number} « {line} » ({_yaml_problem(error)})",
            f'the YAML header is malformed, line {number} "{line}" ({_yaml_problem(error)})',
        ),
        tr(
            "« champ: valeur » ; entre guillemets une valeur qui contient « : » ou « # », "
            'par exemple title: "Portes ouvertes : le programme"',
            '"field: value"; quote a value that holds ":" or "#", '
            'for example title: "Open day: the programme"',
        ),
    )


def _yaml_problem(error) -> str:
    problem = getattr(error, "problem", None) or str(error)
    for start, said in _YAML_PROBLEMS:
        if problem.startswith(start):
            return str(said).format()
    return problem


def _check_date(path: str, name: str, value: str) -> None:
    written = value.strip().replace("_", " ")
    match = _ISO.match(written)
    if not match:
        raise ContentError(
            path,
            name,
            tr(f"« {value} » ne convient pas", f'"{value}" is not valid'),
            date_expected(),
        )
    try:
        date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise ContentError(
            path,
            name,
            tr(f"« {value} » : ce jour n’existe pas", f'"{value}": this day does not exist'),
            tr(
                "une date qui existe, AAAA-MM-JJ ou AAAA-MM-JJ HH:MM, par exemple 2026-02-28",
                "a date that exists, YYYY-MM-DD or YYYY-MM-DD HH:MM, for example 2026-02-28",
            ),
        ) from None
    if match["H"] and (int(match["H"]) > 23 or int(match["M"]) > 59):
        raise ContentError(
            path,
            name,
            tr(f"« {value} » : cette heure n’existe pas", f'"{value}": this time does not exist'),
            tr(
                "une heure entre 00:00 et 23:59, par exemple 2026-11-16 10:00",
                "a time between 00:00 and 23:59, for example 2026-11-16 10:00",
            ),
        )


def use_checked_reader(readers) -> None:
    """readers_init: Markdown files are read by this reader (a site that set its own reader
    in READERS, or disabled one, keeps it)."""
    for extension in PelicanMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is PelicanMarkdownReader:
            readers.reader_classes[extension] = MarkdownReader
