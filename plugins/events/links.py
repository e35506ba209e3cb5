"""Add-to-calendar links: Google Calendar, Outlook on the web, and webcal:// subscriptions."""

from datetime import UTC, date, datetime
from urllib.parse import urlencode, urlsplit

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = {
    "outlook_live": "https://outlook.live.com/calendar/0/action/compose",  # Outlook.com
    "outlook_office": "https://outlook.office.com/calendar/0/action/compose",  # Microsoft 365
}


def calendar_links(event, page_url: str) -> dict[str, str]:
    details = "\n\n".join(part for part in (event.summary_text, page_url) if part)
    where = place_text(event)
    links = {"google": _google(event, details, where)}
    for name, base in OUTLOOK.items():
        links[name] = _outlook(base, event, details, where)
    return links


def place_text(event) -> str:
    """One line for a calendar's location field: the address, else the join link."""
    parts = [part for part in (event.location, event.address) if part]
    return ", ".join(parts) or event.online_url or ""


def webcal(url: str) -> str:
    """The same feed, opened by the reader's calendar application as a subscription."""
    parts = urlsplit(url)
    return parts._replace(scheme="webcal").geturl()


def _google(event, details, where) -> str:
    if event.all_day:
        dates = f"{_compact(event.start)}/{_compact(event.end_exclusive)}"
    else:
        # Local wall times plus ctz: Google keeps 9:00 at 9:00 in the event's zone.
        dates = f"{_compact(event.start)}/{_compact(event.end)}"
    query = {"action": "TEMPLATE", "text": event.title, "dates": dates, "details": details}
    if where:
        query["location"] = where
    if not event.all_day:
        query["ctz"] = event.timezone.key
    return f"{GOOGLE}?{urlencode(query)}"


def _outlook(base, event, details, where) -> str:
    if event.all_day:
        start, end = event.start.isoformat(), event.end_exclusive.isoformat()
    else:
        start, end = _utc(event.start), _utc(event.end)
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": start,
        "enddt": end,
        "allday": "true" if event.all_day else "false",
        "body": details,
    }
    if where:
        query["location"] = where
    return f"{base}?{urlencode(query)}"


def _compact(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
