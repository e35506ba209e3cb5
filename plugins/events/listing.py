"""Orders events and splits them around the build date ("today")."""

from datetime import UTC, date, datetime, time


def chronological(events) -> list:
    return sorted(events, key=_key)


def upcoming(events, today: date) -> list:
    """Not over yet (ongoing ones included), soonest first."""
    return [event for event in chronological(events) if event.is_upcoming(today)]


def past(events, today: date) -> list:
    """Over, most recent first: the archive."""
    return [event for event in reversed(chronological(events)) if event.is_past(today)]


def by_month(events, today: date) -> list[tuple[date, list]]:
    """(first day of month, events) for upcoming events; ongoing ones go under this month."""
    groups: dict[date, list] = {}
    for event in upcoming(events, today):
        month = max(event.first_day, today).replace(day=1)
        groups.setdefault(month, []).append(event)
    return sorted(groups.items(), key=lambda item: item[0])


def _key(event):
    start = event.start
    if event.all_day:
        start = datetime.combine(start, time.min, tzinfo=event.timezone)
    return (start.astimezone(UTC), event.title, event.slug)


def next_after(event, events):
    """The session an event's page points to once it is over: the first later event with a
    page and still taking place, of the same programme when the event has one. `events` are
    in chronological order."""
    later = [
        other
        for other in events
        if other.has_page
        and other.status in ("scheduled", "rescheduled")
        and other.live_start >= event.live_end
    ]
    same = [other for other in later if event.programme and other.programme is event.programme]
    return (same or later or [None])[0]
