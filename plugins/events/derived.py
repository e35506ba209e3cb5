"""A programme's application deadline and start date, as events of their own.

They are all-day events linked to the programme page (they have no page of
their own). Their stamp (publication date, DTSTAMP, LAST-MODIFIED) is the
programme file's `modified:` or `date:` when it has one, else 1 September of
the year before the programme starts: deterministic, so rebuilds are identical.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from relais.plugins.core.placeholders import ToConfirm

from .content import Event


def programme_events(programme, settings, context, gettext) -> list[Event]:
    tz = ZoneInfo(settings["EVENTS_TIMEZONE"])
    stamp = _stamp(programme, tz)
    name = programme.facts.short_title
    return [
        _event(
            programme,
            "deadline",
            programme.facts.deadline,
            gettext("Date limite de candidature : {programme}").format(programme=name),
            gettext("Dernier jour pour candidater à la formation {programme}.").format(
                programme=programme.title
            ),
            stamp,
            settings,
            context,
        ),
        _event(
            programme,
            "programme_start",
            programme.facts.start,
            gettext("Rentrée : {programme}").format(programme=name),
            gettext("Premier jour de la formation {programme}.").format(programme=programme.title),
            stamp,
            settings,
            context,
        ),
    ]


def _event(programme, kind, day, title, summary, stamp, settings, context) -> Event:
    suffix = {"deadline": "date-limite", "programme_start": "rentree"}[kind]
    slug = f"{programme.slug}-{suffix}"
    event = Event(
        "",
        {"title": title, "slug": slug, "summary": summary, "url": programme.url, "date": stamp},
        settings=settings,
        source_path=programme.source_path,
        context=context,
    )
    event.kind = kind
    event.timezone = ZoneInfo(settings["EVENTS_TIMEZONE"])
    event.start = event.end = day
    event.all_day = True
    event.status = "scheduled"
    event.previous_start = None
    # A place still « à préciser » (a new site's) is no place for a calendar.
    place = programme.facts.location
    known = not isinstance(place, ToConfirm)
    event.location = place if kind == "programme_start" and known else None
    event.online_url = programme.facts.apply_url if kind == "deadline" else None
    event.address = event.image = event.uid = None
    event.stream = event.replay = event.replay_date = None
    event.sequence = 0
    event.programme = programme
    event.summary_text = summary
    return event


def _stamp(programme, tz) -> datetime:
    for name in ("modified", "date"):
        value = getattr(programme, name, None)
        if isinstance(value, datetime):
            return value
    return datetime(programme.facts.start.year - 1, 9, 1, tzinfo=tz)
