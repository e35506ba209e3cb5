"""Parsers for the metadata of an event file.

Each takes the raw text an author wrote and returns a typed value, or raises
ValueError with what to write instead, in the site's language (core.tr).
"""

import re
from datetime import date, datetime, time
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from relais.plugins.core import parsers, tr, tr_later

web_url = parsers.web_url("https://live.example.org/direct", "https://live.example.org/direct")

_DATE = r"(?P<date>\d{4}-\d{2}-\d{2})"
_TIME = r"(?P<time>\d{1,2}[:h]\d{2})"
_WHEN = re.compile(rf"^{_DATE}(?:[ T]{_TIME})?$")
_TIME_ONLY = re.compile(rf"^{_TIME}$")
_UID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]*$")

# The fields of an event file (README.md); core reports any other as a typo.
FIELDS = frozenset(
    "title date start end timezone location address online_url programme status "
    "previous_start modified sequence uid image summary stream replay replay_date".split()
)

WHEN_EXAMPLE = tr_later(
    "une date AAAA-MM-JJ (journée entière) ou AAAA-MM-JJ HH:MM, ex. 2027-02-06 09:00",
    "a date YYYY-MM-DD (all day) or YYYY-MM-DD HH:MM, e.g. 2027-02-06 09:00",
)

# What authors may write (English or French) → the canonical status.
STATUSES = {
    "scheduled": "scheduled",
    "prévu": "scheduled",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "annulé": "cancelled",
    "postponed": "postponed",
    "reporté": "postponed",
    "rescheduled": "rescheduled",
    "reprogrammé": "rescheduled",
    "draft": "draft",
    "brouillon": "draft",
}


def when(value: str, tz: ZoneInfo, day: date | None = None) -> date | datetime:
    """A date (all-day) or a local wall time in `tz`.

    `day` allows a bare time ("17:00") meaning that time on the start day.
    Explicit UTC offsets are refused: the zone comes from `timezone:`, so one
    event file cannot disagree with itself about the offset.
    """
    value = str(value).strip()
    bare_time = _TIME_ONLY.match(value)
    if bare_time and day is not None:
        return _local(datetime.combine(day, _clock(bare_time["time"])), tz)
    match = _WHEN.match(value)
    if not match:
        if re.search(r"(?:Z|[+-]\d{2}:?\d{2})$", value):
            raise ValueError(
                tr(
                    "une heure locale sans décalage horaire (le fuseau se règle avec "
                    "« timezone: »)",
                    'a local time without a UTC offset (the zone is set with "timezone:")',
                )
            )
        raise ValueError(str(WHEN_EXAMPLE))
    try:
        day_value = date.fromisoformat(match["date"])
    except ValueError:
        raise ValueError(
            tr(f"une date qui existe, {WHEN_EXAMPLE}", f"a date that exists, {WHEN_EXAMPLE}")
        ) from None
    if match["time"] is None:
        return day_value
    return _local(datetime.combine(day_value, _clock(match["time"])), tz)


def is_bare_time(value: str) -> bool:
    return bool(_TIME_ONLY.match(str(value).strip()))


def _clock(value: str) -> time:
    hours, minutes = (int(part) for part in re.split(r"[:h]", value))
    if hours > 23 or minutes > 59:
        raise ValueError(
            tr(
                "une heure entre 00:00 et 23:59, par exemple 09:30",
                "a time between 00:00 and 23:59, for example 09:30",
            )
        )
    return time(hours, minutes)


def _local(naive: datetime, tz: ZoneInfo) -> datetime:
    """Attaches the zone, refusing wall times skipped by a DST change (2:30 on the spring day)."""
    aware = naive.replace(tzinfo=tz)
    round_trip = aware.astimezone(ZoneInfo("UTC")).astimezone(tz)
    if round_trip.replace(tzinfo=None) != naive:
        raise ValueError(
            tr(
                f"une heure qui existe : le {naive:%Y-%m-%d} à {naive:%H:%M}, on change "
                f"d’heure ({tz.key}) ; choisissez une heure avant ou après le changement",
                f"a time that exists: on {naive:%Y-%m-%d} at {naive:%H:%M} the clocks change "
                f"({tz.key}); choose a time before or after the change",
            )
        )
    return aware


def timezone(value: str) -> ZoneInfo:
    value = str(value).strip()
    if value not in _known_zones():
        raise ValueError(
            tr(
                "un fuseau horaire IANA, par exemple Europe/Paris ou America/Montreal",
                "an IANA time zone, for example Europe/Paris or America/Montreal",
            )
        )
    try:
        return ZoneInfo(value)
    except ZoneInfoNotFoundError:  # listed by tzdata but not loadable: same advice
        raise ValueError(
            tr(
                "un fuseau horaire IANA, par exemple Europe/Paris",
                "an IANA time zone, for example Europe/Paris",
            )
        ) from None


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def status(value: str) -> str:
    key = str(value).strip().lower()
    if key not in STATUSES:
        raise ValueError(
            tr(
                "l’un de : scheduled (prévu), cancelled (annulé), postponed (reporté), "
                "rescheduled (reprogrammé), draft (brouillon)",
                "one of: scheduled, cancelled, postponed, rescheduled, draft",
            )
        )
    return STATUSES[key]


def sequence(value: str) -> int:
    value = str(value).strip()
    if not value.isdigit():
        raise ValueError(
            tr(
                "un nombre entier, 0 au départ, augmenté de 1 à chaque changement",
                "a whole number, 0 at first, increased by 1 at each change",
            )
        )
    return int(value)


def uid(value: str) -> str:
    value = str(value).strip()
    if not _UID.match(value):
        raise ValueError(
            tr(
                "un identifiant sans espace ni accent, par exemple "
                "portes-ouvertes-2027@example.org",
                "an identifier without spaces or accents, for example open-day-2027@example.org",
            )
        )
    return value


def image(value: str) -> str:
    value = str(value).strip().removeprefix("{static}").lstrip("/")
    if not value.lower().endswith((".jpg", ".jpeg", ".png", ".webp")):
        raise ValueError(
            tr(
                "une image .jpg, .png ou .webp rangée sous content/images/",
                "a .jpg, .png or .webp image kept under content/images/",
            )
        )
    return value
