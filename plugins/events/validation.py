"""Checks an event file's metadata and types it in place (see README.md for the fields)."""

import re
from datetime import datetime
from html import unescape
from pathlib import Path
from zoneinfo import ZoneInfo

from relais.plugins.core import (
    ContentError,
    missing,
    not_valid,
    one_of,
    parsers,
    tr,
    tr_later,
)

from . import fields, streams


def validate(
    event, content_root: Path, default_tz: str, programmes: dict, broken: set[str] = frozenset()
) -> list[ContentError]:
    """Every problem of one file, so an author fixes them in one go.

    `broken`: slugs of programme files that have errors of their own; naming one is not
    reported again here.
    """
    errors: list[ContentError] = []

    def parse(name, parser, raw, *args):
        try:
            return parser(_plain(raw), *args)
        except ValueError as expected:
            errors.append(_wrong(event, name, raw, expected))
            return None

    for name in ("title", "date"):
        if not _given(event.metadata.get(name)):
            errors.append(_missing(event, name, _EXAMPLES[name]))
    raw_tz = event.raw_timezone
    tz = parse("timezone", fields.timezone, raw_tz) if _given(raw_tz) else ZoneInfo(default_tz)
    event.status = (
        parse("status", fields.status, event.raw_status) if _given(event.raw_status) else None
    ) or "scheduled"
    _read_place(event, parse, errors)
    event.sequence = _optional(event, "sequence", parse, fields.sequence) or 0
    event.uid = _optional(event, "uid", parse, fields.uid)
    event.image = _optional(event, "image", parse, fields.image)
    event.programme = _programme(event, programmes, broken, errors)
    event.summary_text = _plain(event.summary) if event.summary else ""
    if tz is not None:
        event.timezone = tz
        _read_dates(event, tz, parse, errors)
        _read_replay_date(event, tz, parse, errors)
    errors += _check_files(event, content_root)
    return errors


def _read_place(event, parse, errors):
    event.location = _optional(event, "location", parse, parsers.text)
    event.address = _optional(event, "address", parse, parsers.text)
    event.online_url = _optional(event, "online_url", parse, fields.web_url)
    event.stream = _optional(event, "stream", parse, streams.stream)
    event.replay = _optional(event, "replay", parse, streams.stream)
    if event.stream and not event.online_url:
        event.online_url = event.stream.url  # a stream is where the session is followed
    places = ("location", "online_url", "stream")
    if not any(_given(event.metadata.get(name)) for name in places):
        errors.append(
            ContentError(
                event.source_path,
                "location",
                tr("ni lieu ni lien en ligne", "neither a place nor an online link"),
                tr(
                    "« location: » (le lieu) et/ou « online_url: » (le lien du direct)",
                    '"location:" (the place) and/or "online_url:" (the live stream link)',
                ),
            )
        )


def _read_replay_date(event, tz, parse, errors):
    """`replay_date:` publishes a "replay available" message; it needs the replay."""
    raw = event.metadata.get("replay_date")
    event.replay_date = None
    if not _given(raw):
        return
    if not _given(event.metadata.get("replay")):
        errors.append(
            ContentError(
                event.source_path,
                "replay_date",
                tr("donné sans « replay: »", 'given without "replay:"'),
                tr(
                    "l’adresse de l’enregistrement dans « replay: »",
                    'the recording’s address in "replay:"',
                ),
            )
        )
        return
    moment = parse("replay_date", fields.when, raw, tz)
    if moment is None:
        return
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, datetime.min.time(), tz)
    start = getattr(event, "start", None)
    if isinstance(start, datetime) and moment < start:
        errors.append(
            ContentError(
                event.source_path,
                "replay_date",
                tr(
                    f"{moment:%Y-%m-%d %H:%M} précède le début de l’événement",
                    f"{moment:%Y-%m-%d %H:%M} is before the event starts",
                ),
                tr(
                    "le jour et l’heure où le replay est annoncé, après la séance",
                    "when the replay is announced, after the session",
                ),
            )
        )
        return
    event.replay_date = moment


def _read_dates(event, tz, parse, errors):
    raw_start, raw_end = event.metadata.get("start"), event.metadata.get("end")
    if not _given(raw_start):
        errors.append(_missing(event, "start", _EXAMPLES["start"]))
        return
    start = parse("start", fields.when, raw_start, tz)
    if start is None:
        if _given(raw_end) and not fields.is_bare_time(raw_end):
            parse("end", fields.when, raw_end, tz)  # report both fields in one go
        return
    event.all_day = not isinstance(start, datetime)
    day = None if event.all_day else start.date()
    if _given(raw_end):
        end = parse("end", fields.when, raw_end, tz, day)
    elif event.all_day:
        end = start  # a single day
    else:
        end_hint = tr("une heure de fin, ex. « end: 17:00 »", 'an end time, e.g. "end: 17:00"')
        errors.append(_missing(event, "end", end_hint))
        return
    previous = event.metadata.get("previous_start")
    event.previous_start = parse("previous_start", fields.when, previous, tz) if previous else None
    if end is None:
        return
    problem = _order_problem(start, end)
    if problem:
        errors.append(ContentError(event.source_path, "end", problem[0], problem[1]))
        return
    event.start, event.end = start, end


def _order_problem(start, end) -> tuple[str, str] | None:
    timed = isinstance(start, datetime)
    if timed != isinstance(end, datetime):
        return (
            tr(
                f"« {_show(end)} » mélange journée entière et heure précise avec « start »",
                f'"{_show(end)}" mixes an all-day date and a precise time with "start"',
            ),
            tr(
                "deux dates AAAA-MM-JJ, ou deux dates avec heure AAAA-MM-JJ HH:MM",
                "two dates YYYY-MM-DD, or two dates with a time YYYY-MM-DD HH:MM",
            ),
        )
    # An all-day event may end on its first day; a timed one must last some time.
    if end < start or (timed and end == start):
        return (
            tr(
                f"la fin ({_show(end)}) ne vient pas après le début ({_show(start)})",
                f"the end ({_show(end)}) does not come after the start ({_show(start)})",
            ),
            tr("une fin postérieure au début", "an end after the start"),
        )
    return None


def _programme(event, programmes, broken, errors):
    slug = event.metadata.get("programme")
    if not _given(slug):
        return None
    slug = str(slug).strip()
    if slug not in programmes and slug not in broken:
        if programmes:
            known = one_of(sorted(programmes))
        else:
            known = tr("aucune formation n’existe encore", "no programme exists yet")
        errors.append(
            ContentError(
                event.source_path,
                "programme",
                tr(
                    f"« {slug} » n’est pas une formation connue",
                    f'"{slug}" is not a known programme',
                ),
                known,
            )
        )
        return None
    return programmes.get(slug)


def _check_files(event, content_root: Path) -> list[ContentError]:
    errors = []
    if event.image and not (content_root / event.image).is_file():
        errors.append(
            ContentError(
                event.source_path,
                "image",
                tr(
                    f"le fichier « {event.image} » est introuvable",
                    f'the file "{event.image}" is not found',
                ),
                tr(
                    "un chemin relatif au dossier content/ (fichier attendu : "
                    f"content/{event.image})",
                    "a path relative to the content/ folder (expected file: "
                    f"content/{event.image})",
                ),
            )
        )
    modified = getattr(event, "modified", None)
    if modified and getattr(event, "date", None) and modified < event.date:
        errors.append(
            ContentError(
                event.source_path,
                "modified",
                tr(
                    f"{modified:%Y-%m-%d %H:%M} précède « date: » ({event.date:%Y-%m-%d %H:%M})",
                    f'{modified:%Y-%m-%d %H:%M} comes before "date:" ({event.date:%Y-%m-%d %H:%M})',
                ),
                tr(
                    "la date de la dernière modification, postérieure à « date: »",
                    'the date of the last change, after "date:"',
                ),
            )
        )
    return errors


def _optional(event, name, parse, parser):
    raw = event.metadata.get(name)
    return parse(name, parser, raw) if _given(raw) else None


_EXAMPLES = {
    "title": tr_later(
        "une ligne « title: … » en tête du fichier", 'a line "title: …" at the top of the file'
    ),
    "date": tr_later(
        "le jour où l’événement est annoncé, ex. « date: 2026-11-20 »",
        'the day the event is announced, e.g. "date: 2026-11-20"',
    ),
    "start": fields.WHEN_EXAMPLE,
}


def _given(raw) -> bool:
    return raw is not None and str(raw).strip() != ""


def _missing(event, name, expected):
    return ContentError(event.source_path, name, missing(), str(expected))


def _wrong(event, name, raw, expected):
    return ContentError(event.source_path, name, not_valid(_plain(raw)), str(expected))


def _show(value) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if isinstance(value, datetime) else value.isoformat()


def _plain(raw) -> str:
    """Pelican renders `summary` to HTML; validation reads the text the author wrote."""
    return unescape(re.sub(r"<[^>]+>", "", str(raw))).strip()
