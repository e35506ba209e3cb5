"""Bounds on what one content file may cost the build: its Markdown, its tags.

python-markdown 3.11 spends, on each `[` it cannot close, time in proportion to the rest
of the paragraph: 16 KB of `[` took 30 s here, so 400 KB would take hours; the bound is
on that scan, not on the size alone (bench/bounds_bench.py measures the worst it admits).
Every tag makes a page and two feeds that list the post's tags: thousands of tags on one
post cost minutes. Past a bound, one error line names the file and the setting that
raises the bound; the build stops before writing anything.
"""

import re

from babel.numbers import format_decimal

from .errors import ContentError, report, tr

DEFAULTS = {
    "RELAIS_MAX_TAGS": 50,
    "RELAIS_MARKDOWN_MAX_BYTES": 1_000_000,
    "RELAIS_MARKDOWN_MAX_BRACKET_SPAN": 2_000_000,
}

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# An escaped character (python-markdown never scans it), or a bracket or parenthesis.
_BRACKET = re.compile(r"\\.|[\[\]()]", re.DOTALL)
_CLOSES = {"]": "[", ")": "("}
# A header line, as python-markdown's meta extension reads it.
_META_LINE = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$")


def _setting(settings, name: str) -> int:
    return int(settings.get(name, DEFAULTS[name]))


def _n(number: int) -> str:
    """1000000 → « 1 000 000 » in a French line, "1,000,000" in an English one."""
    return format_decimal(number, locale=tr("fr_FR", "en_US"))


def bracket_span(text: str) -> tuple[int, int]:
    """(total, line): how far python-markdown scans for closing brackets, and where the
    paragraph that costs most starts (1-based).

    Each `[`, and each `(` right after `]`, counts the characters up to its closing one,
    or up to the end of its paragraph when it has none: what python-markdown's link
    pattern reads before it gives up.
    """
    total, worst, worst_line, line = 0, -1, 1, 1
    start = 0
    for separator in [*_BLANK_LINE.finditer(text), None]:
        end = separator.start() if separator else len(text)
        span = _paragraph_span(text, start, end)
        total += span
        if span > worst:
            worst, worst_line = span, line
        if separator:
            line += text.count("\n", start, separator.end())
            start = separator.end()
    return total, worst_line


def _paragraph_span(text: str, start: int, end: int) -> int:
    # A `(` is scanned only as a link's target, right after `]`; others are only matched.
    span, open_at = 0, {"[": [], "(": []}
    for match in _BRACKET.finditer(text, start, end):
        char, at = match.group(), match.start()
        if char in open_at:
            scanned = char == "[" or (at > start and text[at - 1] == "]")
            open_at[char].append((at, scanned))
        elif char in _CLOSES and open_at[_CLOSES[char]]:
            opened, scanned = open_at[_CLOSES[char]].pop()
            span += (at - opened) if scanned else 0
    return span + sum(end - at for stack in open_at.values() for at, scanned in stack if scanned)


def markdown_error(source_path: str, text: str, settings) -> ContentError | None:
    """Why this Markdown is too costly to convert, or None."""
    size, max_bytes = len(text.encode()), _setting(settings, "RELAIS_MARKDOWN_MAX_BYTES")
    if size > max_bytes:
        return ContentError(
            source_path,
            tr("texte", "text"),
            tr(
                f"le fichier fait {_n(size)} octets, au-delà de la limite de {_n(max_bytes)}",
                f"the file is {_n(size)} bytes, over the limit of {_n(max_bytes)}",
            ),
            tr(
                "un texte plus court (découpé en plusieurs articles), ou une limite plus haute "
                "dans RELAIS_MARKDOWN_MAX_BYTES",
                "a shorter text (split into several posts), or a higher limit "
                "in RELAIS_MARKDOWN_MAX_BYTES",
            ),
        )
    span, line = bracket_span(text)
    max_span = _setting(settings, "RELAIS_MARKDOWN_MAX_BRACKET_SPAN")
    if span > max_span:
        return ContentError(
            source_path,
            tr("texte", "text"),
            tr(
                f"des « [ » ou « ( » sans fermeture, surtout dans le paragraphe de la ligne "
                f"{line}, feraient tourner la conversion Markdown pendant des minutes "
                f"({_n(span)} caractères à parcourir, limite {_n(max_span)})",
                f'unclosed "[" or "(", mostly in the paragraph of line {line}, would keep the '
                f"Markdown conversion running for minutes ({_n(span)} characters to scan, "
                f"limit {_n(max_span)})",
            ),
            tr(
                "des crochets et parenthèses fermés, ou échappés (\\[), ou des paragraphes plus "
                "courts ; ou une limite plus haute dans RELAIS_MARKDOWN_MAX_BRACKET_SPAN",
                "closed or escaped (\\[) brackets and parentheses, or shorter paragraphs; "
                "or a higher limit in RELAIS_MARKDOWN_MAX_BRACKET_SPAN",
            ),
        )
    return None


def read_over_bounds(reader, source_path: str, text: str):
    """(content, metadata) of a file over a bound, once its error is reported; None for a
    file within bounds (reading.MarkdownReader then reads it as usual).

    Over a bound, only the `key: value` lines of the header are read, as plain text (no
    Markdown at all, so in linear time), so that the file's other checks still run and add
    no error of their own.
    """
    error = markdown_error(source_path, text, reader.settings)
    if error is None:
        _refused.discard(source_path)
        return None
    _refused.add(source_path)
    report(error)
    header = _BLANK_LINE.split(text, maxsplit=1)[0]
    lines = (_META_LINE.match(line) for line in header.splitlines())
    fields = dict(reversed([m.groups() for m in lines if m]))  # the first one wins
    return "", {k.lower(): reader.process_metadata(k.lower(), v) for k, v in fields.items()}


# Files over a bound in this process: Pelican's content cache must not keep what was read
# of them, or the next build would take it from the cache and never see the error.
_refused: set[str] = set()


def keep_out_of_cache(source_path: str) -> None:
    """A file read with an error of another check (html_safety): not cached either."""
    _refused.add(source_path)


def keep_refused_out_of_cache(readers) -> None:
    """readers_init: refused files stay out of Pelican's content cache."""
    cache_data = readers.cache_data

    def cache_within_bounds(filename, data):
        if filename not in _refused:
            cache_data(filename, data)

    readers.cache_data = cache_within_bounds


def cap_tags(content) -> None:
    """content_object_init: more tags than RELAIS_MAX_TAGS is an error; the content keeps
    the first ones, so the work done before the build stops stays bounded too."""
    tags = getattr(content, "tags", None) or []
    limit = _setting(content.settings, "RELAIS_MAX_TAGS")
    if len(tags) <= limit:
        return
    report(
        ContentError(
            content.source_path,
            "tags",
            tr(
                f"{_n(len(tags))} mots-clés, au-delà de la limite de {_n(limit)} par contenu",
                f"{_n(len(tags))} tags, over the limit of {_n(limit)} per content",
            ),
            tr(
                f"au plus {limit} mots-clés (les plus parlants), ou une limite plus haute "
                "dans RELAIS_MAX_TAGS",
                f"at most {limit} tags (the most telling), or a higher limit in RELAIS_MAX_TAGS",
            ),
        )
    )
    content.tags = tags[:limit]
