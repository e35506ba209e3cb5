"""Dates in words, as people write them in the site's language.

Babel's CLDR patterns give "1 septembre 2026"; French writes the first of the month as an
ordinal, "1er septembre 2026" (and "lundi 1er septembre"), which CLDR does not carry. The
ordinal is added to the pattern (a quoted literal after the day field), never to the text,
so no year, hour or number of the text can be mistaken for the day.
"""

from datetime import date, datetime

from babel.core import Locale
from babel.dates import (
    format_time,
    get_date_format,
    get_datetime_format,
    match_skeleton,
    parse_pattern,
)

# Language → what follows the day number on the first of the month.
FIRST_DAY_SUFFIX = {"fr": "er"}
WIDTHS = ("short", "medium", "long", "full")


def format_day(day: date | datetime, format: str = "long", lang: str = "fr") -> str:
    """`day` with a CLDR width ("long", "full"…) or pattern ("d MMMM"), in `lang`."""
    pattern = get_date_format(format, lang).pattern if format in WIDTHS else format
    return _apply(pattern, day, lang)


def format_day_skeleton(skeleton: str, day: date, lang: str = "fr") -> str:
    """`day` with the locale's pattern for a skeleton ("MMMMd" → "1er septembre")."""
    patterns = Locale.parse(lang).datetime_skeletons
    if skeleton not in patterns:
        skeleton = match_skeleton(skeleton, patterns) or skeleton
    return _apply(patterns[skeleton].pattern, day, lang)


def format_moment(moment: datetime, format: str = "full", lang: str = "fr") -> str:
    """Day and time of `moment` on its own clock, as Babel's format_datetime joins them."""
    joined = get_datetime_format(format, locale=lang).replace("'", "")
    clock = format_time(moment, format, tzinfo=moment.tzinfo, locale=lang)
    return joined.replace("{0}", clock).replace("{1}", format_day(moment, format, lang))


def _apply(pattern: str, day: date | datetime, lang: str) -> str:
    suffix = FIRST_DAY_SUFFIX.get(Locale.parse(lang).language)
    if suffix and day.day == 1:
        pattern = _after_day_field(pattern, suffix)
    return parse_pattern(pattern).apply(day, lang)


def _after_day_field(pattern: str, literal: str) -> str:
    """`pattern` with `literal` quoted after its single-letter day field ("d", not "dd":
    "01/09" stays as it is)."""
    out, quoted, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "'":
            quoted = not quoted
        elif not quoted and char == "d":
            run = len(pattern) - i - len(pattern[i:].lstrip("d"))
            out.append("d" * run + (f"'{literal}'" if run == 1 else ""))
            i += run
            continue
        out.append(char)
        i += 1
    return "".join(out)
