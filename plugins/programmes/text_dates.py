"""Dates in texts that follow the programme's fields, and dates in texts that do not.

An author writes `[[date limite]]`, `[[rentrée]]` or `[[prochaine séance]]` (in English
`[[deadline]]`, `[[start]]`, `[[next session]]`) in a post, a page, an event or a programme
— its body, `title:`, `summary:` or `social:` texts — and the build writes the programme's
date there, in the site's language and date style (« 13 mars 2027 »; the next session with
its time). `[[date limite: master-x]]` names the programme; without a name it is the one
of the file's `programme:` field (the programme itself in a programme file), or the site's
only programme. Change `deadline:` and every text says the new date at the next build.

A date written by hand for a programme's deadline or start (« candidatures jusqu’au 15
mai ») that differs from the programme's field is a warning naming the file and the line.
"""

import re
import unicodedata
from pathlib import Path

from relais.plugins.core import ContentError, report, tr
from relais.plugins.core.date_mentions import stated_dates
from relais.plugins.core.dates import format_day
from relais.plugins.core.errors import quoted, relative_path, warn
from relais.plugins.core.placeholders import MARKER as PLACEHOLDER
from relais.plugins.core.placeholders import contents_of
from relais.plugins.core.texts import rewrite

# What an author writes between [[ ]], compared without accents or case → what it says.
KEYS = {
    "date limite": "deadline",
    "date limite de candidature": "deadline",
    "deadline": "deadline",
    "rentree": "start",
    "start": "start",
    "start date": "start",
    "prochaine seance": "next_session",
    "next session": "next_session",
}
MARKER = re.compile(r"\[\[\s*(?P<key>[^\[\]:|]{2,40}?)\s*(?::\s*(?P<slug>[\w-]+)\s*)?\]\]")
FIELD = {"deadline": "deadline", "start": "start"}

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADER_TEXT = re.compile(r"^\s*(title|summary|social\w*)\s*:", re.IGNORECASE)


def key_of(written: str) -> str | None:
    words = unicodedata.normalize("NFKD", " ".join(written.replace("_", " ").split()).lower())
    return KEYS.get("".join(c for c in words if not unicodedata.combining(c)))


def follow_the_facts(static_generator) -> None:
    """static_generator_finalized: every content is read, programmes and events included."""
    context, settings = static_generator.context, static_generator.settings
    programmes = {p.slug: p for p in context.get("programmes", [])}
    programmes |= {p.slug: p for p in context.get("previewed_programmes", [])}
    lang = settings.get("DEFAULT_LANG") or "fr"
    for content in contents_of(context):
        _state_the_facts(content, programmes, settings, lang)
        _check_written_dates(content, programmes, lang)


# --- [[date limite]] ------------------------------------------------------------------


def _state_the_facts(content, programmes: dict, settings, lang: str) -> None:
    siteurl = settings.get("SITEURL", "")

    def replace(match: re.Match, html: bool) -> str:
        if PLACEHOLDER.fullmatch(match.group(0)):
            return match.group(0)  # core.placeholders shows it
        key = key_of(match["key"])
        if key is None:
            return match.group(0)
        programme = _programme_for(content, match, programmes)
        if programme is None:
            return match.group(0)
        return _said(key, programme, html, lang, siteurl, content)

    rewrite(
        content,
        lambda text: MARKER.sub(lambda m: replace(m, True), text),
        lambda text: MARKER.sub(lambda m: replace(m, False), text),
    )


def _programme_for(content, match: re.Match, programmes: dict):
    """The programme a marker speaks of, or None after reporting why there is none."""
    slug = match["slug"]
    if slug:
        found = programmes.get(slug)
        if found is None:
            _report(content, match, tr(f"« {slug} » n’est pas une formation connue",
                                       f'"{slug}" is not a known programme'),
                    _one_of(programmes))  # fmt: skip
        return found
    if hasattr(content, "facts"):  # a programme's own text
        return content
    own = getattr(content, "programme", None)
    if own is not None:
        return own
    if len(programmes) == 1:
        return next(iter(programmes.values()))
    _report(
        content,
        match,
        tr("de quelle formation ? ce fichier n’a pas de « programme: »",
           'which programme? this file has no "programme:"'),
        tr(f"[[{match['key']}: nom-de-la-formation]], avec l’un de : ",
           f"[[{match['key']}: programme-name]], with one of: ") + _names(programmes),
    )  # fmt: skip
    return None


def _said(key: str, programme, html: bool, lang: str, siteurl: str, content) -> str:
    if key == "next_session":
        return _next_session(programme, html, siteurl, content)
    day = getattr(programme.facts, FIELD[key])
    words = format_day(day, "long", lang)
    return f'<time datetime="{day.isoformat()}">{words}</time>' if html else words


def _next_session(programme, html: bool, siteurl: str, content) -> str:
    upcoming = [e for e in getattr(programme, "upcoming_events", ()) or () if e.has_page]
    if not upcoming:
        warn(
            tr(
                f"{relative_path(content.source_path)} : « [[prochaine séance]] » : "
                f"{programme.facts.short_title} n’a pas d’événement à venir ; le texte dit "
                "« date à venir »",
                f'{relative_path(content.source_path)}: "[[next session]]": '
                f"{programme.facts.short_title} has no upcoming event; the text says "
                '"date to come"',
            )
        )
        return tr("date à venir", "date to come")
    event = upcoming[0]
    words = event.starts_text or format_day(event.first_day, "full")
    if not html:
        return words
    return (
        f'<a href="{siteurl}/{event.url}"><time datetime="{event.start.isoformat()}">'
        f"{words}</time></a>"
    )


def _report(content, match, problem: str, expected: str) -> None:
    report(ContentError(content.source_path, tr("texte", "text"),
                        f"{quoted(match.group(0))} : {problem}", expected))  # fmt: skip


def _names(programmes: dict) -> str:
    return ", ".join(sorted(programmes)) or tr("aucune formation", "no programme")


def _one_of(programmes: dict) -> str:
    return tr("l’un de : ", "one of: ") + _names(programmes)


# --- Dates written by hand ------------------------------------------------------------


def _check_written_dates(content, programmes: dict, lang: str) -> None:
    """A warning for each date that a text gives as a programme's deadline or start and
    that is not that programme's."""
    if not programmes or not getattr(content, "has_page", True):
        return
    own = content if hasattr(content, "facts") else getattr(content, "programme", None)
    candidates = [own] if own is not None else list(programmes.values())
    for number, text, starts in _texts(getattr(content, "source_path", None)):
        for stated, key in stated_dates(text):
            days = [getattr(p.facts, FIELD[key]) for p in candidates]
            if not any(stated.is_day(day) for day in days):
                line = number + sum(1 for at in starts if at <= stated.start) - 1
                _warn_date(content, line, stated, key, candidates, lang)


def _texts(path) -> list[tuple[int, str, list[int]]]:
    """The texts of a file an applicant reads — its title, summary and social texts, and
    each paragraph of its body, code blocks and [[…]] markers aside — as (first line,
    text, where each of its lines starts in the text)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, TypeError, UnicodeDecodeError):
        return []
    yaml = bool(lines) and lines[0].strip() == "---"
    in_header, in_code, found, paragraph = True, False, [], []

    def close():
        if paragraph:
            starts, text = [], ""
            for _number, line in paragraph:
                starts.append(len(text))
                text += MARKER.sub(" ", line) + " "
            found.append((paragraph[0][0], text, starts))
            paragraph.clear()

    for number, line in enumerate(lines, start=1):
        if in_header:
            if (yaml and number > 1 and line.strip() in ("---", "...")) or (
                not yaml and not line.strip()
            ):
                in_header = False
            elif _HEADER_TEXT.match(line):
                found.append((number, MARKER.sub(" ", line.split(":", 1)[1]), [0]))
            continue
        if _FENCE.match(line):
            close()
            in_code = not in_code
        elif in_code or not line.strip():
            close()
        else:
            paragraph.append((number, line))
    close()
    return found


def _warn_date(content, number, stated, key, candidates, lang) -> None:
    where = f"{relative_path(content.source_path)}:{number}"
    if len(candidates) == 1:
        programme = candidates[0]
        day = format_day(getattr(programme.facts, FIELD[key]), "long", lang)
        name = programme.facts.short_title
        facts = tr(
            f"la {_what(key)} de {name} est le {day} (champ « {FIELD[key]} » de "
            f"{relative_path(programme.source_path)})",
            f'the {_what(key)} of {name} is {day} (field "{FIELD[key]}" of '
            f"{relative_path(programme.source_path)})",
        )
    else:
        facts = tr(
            f"aucune formation n’a cette {_what(key)}", f"no programme has this {_what(key)}"
        )
    if key == "deadline":
        marker = tr("[[date limite]]", "[[deadline]]")
    else:
        marker = tr("[[rentrée]]", "[[start]]")
    warn(
        tr(
            f"{where} : « {stated.text} » : {facts} — attendu : {marker}, qui écrit la date "
            "de la fiche de la formation et la suit quand elle change",
            f'{where}: "{stated.text}": {facts} — expected: {marker}, which writes the '
            "programme's date and follows it when it changes",
        )
    )


def _what(key: str) -> str:
    if key == "deadline":
        return tr("date limite de candidature", "application deadline")
    return tr("rentrée", "start date")
