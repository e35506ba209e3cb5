"""Jinja filters that say when an event happens, in the site's language (Babel)."""

from datetime import date
from zoneinfo import ZoneInfo

from babel.dates import format_time, get_datetime_format, get_timezone_name

from relais.plugins.core.dates import format_day, format_day_skeleton


def filters(lang: str, site_timezone: str) -> dict:
    def event_dates(event) -> str:
        if event.all_day:
            return _days(event.start, event.end, lang)
        text = _times(event.start, event.end, lang)
        if event.timezone.key != site_timezone:  # say whose clock it is
            text += f" ({get_timezone_name(event.start, width='long', locale=lang)})"
        return text

    def month_year(value: date) -> str:
        label = format_day(value, "LLLL y", lang)
        return label[:1].upper() + label[1:]

    def event_day(event) -> str:
        """Its first day, weekday included: « jeudi 14 janvier 2027 »."""
        return format_day(event.first_day, "full", lang)

    return {"event_dates": event_dates, "event_day": event_day, "month_year": month_year}


def _days(first: date, last: date, lang: str) -> str:
    if first == last:
        return format_day(first, "full", lang)
    if first.year == last.year:
        start = format_day_skeleton("MMMMd", first, lang)
    else:
        start = format_day(first, "long", lang)
    return f"{start} – {format_day(last, 'long', lang)}"


def _times(start, end, lang: str) -> str:
    """Wall times in the event's own zone: 09:00 stays 09:00 whatever the offset."""

    def at(day, clock):
        pattern = get_datetime_format("medium", locale=lang).replace("'", "")
        return pattern.replace("{1}", day).replace("{0}", clock)

    def clock(value):
        return format_time(value, "short", tzinfo=value.tzinfo, locale=lang)

    first = format_day(start.date(), "full", lang)
    if start.date() == end.date():
        return at(first, f"{clock(start)} – {clock(end)}")
    last = format_day(end.date(), "full", lang)
    return f"{at(first, clock(start))} – {at(last, clock(end))}"


def starts_text(event, lang: str, site_timezone: str) -> str:
    """When the event starts, on the site's clock ("jeudi 14 janvier 2027 à 18:00"): what
    social messages say, for readers who do not open the page."""
    if event.all_day:
        return format_day(event.start, "full", lang)
    start = event.start.astimezone(ZoneInfo(site_timezone))
    pattern = get_datetime_format("long", locale=lang).replace("'", "")
    day = format_day(start.date(), "full", lang)
    clock = format_time(start, "short", tzinfo=start.tzinfo, locale=lang)
    return pattern.replace("{1}", day).replace("{0}", clock)
