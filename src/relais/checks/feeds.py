"""Feed gate: feeds and calendars must parse cleanly, and point at pages that exist.

- every *.xml / *.atom / *.rss whose root element is a feed (<feed>, <rss>, <rdf:RDF>;
  a sitemap is not) parses with feedparser with bozo == 0, has a title, and each entry
  has a title and a link; links on the site must resolve to a built file;
- every *.ics parses with icalendar, and carries what RFC 5545 requires (PRODID and
  VERSION on the calendar; UID, DTSTAMP and DTSTART on each event).
"""

from __future__ import annotations

import re

import feedparser
from icalendar import Calendar

from relais.checks.report import GateResult, Problem
from relais.checks.site import Site

FEED_SUFFIXES = (".xml", ".atom", ".rss")
FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(feed|rss|RDF)[\s>]")


def is_feed(head: bytes) -> bool:
    """True when the document's first element is a feed root."""
    # Skip the XML declaration, comments and processing instructions before the root.
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", head, flags=re.S).lstrip()
    return bool(FEED_ROOT.match(body))


def check_feed(site: Site, rel: str) -> list[Problem]:
    data = (site.output / rel).read_bytes()
    parsed = feedparser.parse(data)
    if parsed.bozo:
        return [Problem(rel, f"feed does not parse cleanly: {parsed.bozo_exception}")]
    problems = []
    if not parsed.feed.get("title"):
        problems.append(Problem(rel, "feed has no title"))
    base = site.url_of(rel)
    problems.extend(_link_problems(site, rel, "feed link", parsed.feed.get("link"), base))
    for number, entry in enumerate(parsed.entries, start=1):
        label = f"entry {number} ({entry.get('title') or entry.get('id') or 'untitled'!r})"
        if not entry.get("title"):
            problems.append(Problem(rel, f"{label} has no title"))
        if not entry.get("link"):
            problems.append(Problem(rel, f"{label} has no link"))
        for link in entry.get("links", []):
            problems.extend(_link_problems(site, rel, label, link.get("href"), base))
    return problems


def _link_problems(site: Site, rel: str, label: str, url: str | None, base: str) -> list[Problem]:
    if not url:
        return []
    target = site.resolve(url, base)
    if target is None or target.file is not None:
        return []
    return [Problem(rel, f"{label} links to {url!r}: {target.error}")]


def check_calendar(site: Site, rel: str) -> list[Problem]:
    data = (site.output / rel).read_bytes()
    try:
        calendar = Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises ValueError, KeyError, ...
        return [Problem(rel, f"calendar does not parse: {type(exc).__name__}: {exc}")]
    problems = []
    if calendar.name != "VCALENDAR":
        problems.append(Problem(rel, f"top-level component is {calendar.name}, not VCALENDAR"))
    for prop in ("PRODID", "VERSION"):
        if prop not in calendar:
            problems.append(Problem(rel, f"calendar has no {prop}"))
    for component in calendar.walk():
        for error in getattr(component, "errors", []):
            problems.append(Problem(rel, f"{component.name}: parse error {error}"))
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        label = f"event {number} ({event.get('SUMMARY', 'no summary')})"
        for prop in ("UID", "DTSTAMP", "DTSTART"):
            if prop not in event:
                problems.append(Problem(rel, f"{label} has no {prop}"))
    return problems


def run(site: Site) -> GateResult:
    problems: list[Problem] = []
    feeds = calendars = 0
    for rel in sorted(site.files):
        if rel.endswith(FEED_SUFFIXES):
            with open(site.output / rel, "rb") as handle:
                if not is_feed(handle.read(4096)):
                    continue
            feeds += 1
            problems.extend(check_feed(site, rel))
        elif rel.endswith(".ics"):
            calendars += 1
            problems.extend(check_calendar(site, rel))
    return GateResult("feeds", f"{feeds} feeds, {calendars} calendars", problems)
