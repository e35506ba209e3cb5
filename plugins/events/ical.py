"""iCalendar (RFC 5545) files: one per event, one per programme, one for everything.

Every value comes from the content (never from the clock), so rebuilding
unchanged content gives byte-identical files and subscribed calendars see no
change. See README.md for how UID, DTSTAMP and SEQUENCE follow an edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from icalendar import Calendar, Timezone
    from icalendar import Event as VEvent

from relais.plugins.core.build import current

from .links import place_text

STATUS = {
    "scheduled": "CONFIRMED",
    "rescheduled": "CONFIRMED",
    "postponed": "TENTATIVE",  # still announced, new date unknown
    "cancelled": "CANCELLED",
}
# Shown in front of the title by calendars that ignore STATUS (most do, visually).
STATUS_PREFIX = {"cancelled": "Annulé : {title}", "postponed": "Reporté : {title}"}


@dataclass(frozen=True)
class FeedSettings:
    """What every calendar file of one build shares."""

    prodid: str
    siteurl: str
    timezone: str
    refresh: timedelta
    organizer_name: str
    organizer_email: str | None
    gettext: Callable[[str], str]

    def absolute(self, url: str) -> str:
        return f"{self.siteurl}/{url}"


def event_calendar(event, feed) -> bytes:
    """The event's own .ics: what "add to calendar" downloads."""
    return _serialize(_calendar(feed), [event], feed)


def feed_calendar(events, feed, *, name, description, page_url, source_url) -> bytes:
    """A subscribable calendar; `refresh` says how often clients should reload it."""
    calendar = _calendar(feed)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("description", description)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", feed.timezone)
    calendar.add("url", page_url)
    calendar.add("source", source_url, parameters={"VALUE": "URI"})
    # RFC 7986 §5.7 requires VALUE=DURATION on REFRESH-INTERVAL; icalendar's
    # `refresh_interval` setter leaves it out (REFRESH-INTERVAL:PT12H).
    calendar.add("refresh-interval", feed.refresh, parameters={"VALUE": "DURATION"})
    from icalendar import vDuration

    calendar.add("x-published-ttl", vDuration(feed.refresh).to_ical().decode())
    return _serialize(calendar, events, feed)


def _calendar(feed) -> Calendar:
    # icalendar is loaded when a calendar is made: a rebuild keeps unchanged ones as they are.
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", feed.prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


def _serialize(calendar, events, feed) -> bytes:
    for timezone in _timezones(events):
        calendar.add_component(timezone)
    # An event's VEVENT goes into its own .ics, the agenda and its programme's feed:
    # serialising it once per build saves most of the calendar cost.
    head, tail = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    vevents = b"".join(_vevent_ical(event, feed) for event in events)
    return head + vevents + b"END:VCALENDAR" + tail


def _vevent_ical(event, feed) -> bytes:
    made = current().extra("events:vevents", dict)  # this build's, by event and feed
    key = (id(event), id(feed))
    if key not in made:
        made[key] = vevent(event, feed).to_ical()
    return made[key]


def vevent(event, feed) -> VEvent:
    from icalendar import Event as VEvent

    component = VEvent()
    component.add("uid", event.uid)
    component.add("dtstamp", _utc(event.updated))
    component.add("created", _utc(event.date))
    component.add("last-modified", _utc(event.updated))
    component.add("sequence", event.sequence)
    component.add("dtstart", event.start)
    component.add("dtend", event.end_exclusive)
    component.add("summary", _summary(event, feed))
    component.add("description", _description(event, feed))
    where = place_text(event)
    if where:
        component.add("location", where)
    if event.online_url:
        # RFC 7986: the join link as such, so clients can offer a "join" button.
        component.add("conference", event.online_url, parameters={"VALUE": "URI"})
    component.add("url", feed.absolute(event.url))
    component.add("status", STATUS[event.status])
    # Day-long campaigns and deadlines must not show people as busy all day.
    component.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    if feed.organizer_email:
        component.add(
            "organizer",
            f"mailto:{feed.organizer_email}",
            parameters={"CN": feed.organizer_name},
        )
    return component


def _summary(event, feed) -> str:
    template = STATUS_PREFIX.get(event.status)
    return feed.gettext(template).format(title=event.title) if template else event.title


def _description(event, feed) -> str:
    parts = [event.summary_text]
    if event.online_url:
        parts.append(feed.gettext("En ligne : {url}").format(url=event.online_url))
    parts.append(feed.absolute(event.url))
    return "\n\n".join(part for part in parts if part)


def _timezones(events) -> list[Timezone]:
    """A VTIMEZONE per TZID used, covering only the years of the events (small, stable)."""
    from icalendar import Timezone

    years: dict[str, set[int]] = {}
    for event in events:
        if event.all_day or event.timezone.key == "UTC":
            continue
        span = years.setdefault(event.timezone.key, set())
        span.update({event.start.year, event.end.year})
    made = current().extra("events:vtimezones", dict)  # this build's, by zone and years
    found = []
    for key, span in sorted(years.items()):
        wanted = (key, min(span), max(span))
        if wanted not in made:
            made[wanted] = Timezone.from_tzid(
                key, first_date=date(min(span), 1, 1), last_date=date(max(span) + 1, 1, 1)
            )
        found.append(made[wanted])
    return found


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)
