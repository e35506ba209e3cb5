from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pelican.contents import Page

from relais.plugins.core import tr_later
from relais.plugins.programmes.content import day_over

from .fields import FIELDS
from .links import calendar_links

# kind: where an event comes from. "event" is a file under content/events/;
# the others are read from a programme file (its deadline and its start date).
KINDS = ("event", "deadline", "programme_start")
ATTENDANCE = {
    (True, False): "offline",
    (False, True): "online",
    (True, True): "mixed",
}


class Event(Page):
    """One dated event: a page whose fields are typed once, as its file is read
    (validation.py), or made from a programme's facts (derived.py: its deadline and start).
    Every output — its page, the agenda, calendars, feeds, JSON-LD — reads these fields.

    start/end are timezone-aware datetimes in `timezone`, or dates for all-day
    events; for those `end` is the last day included (the feeds add one day).
    """

    default_template = "event"
    # The fields core accepts in an event file (besides Pelican's and the kit's).
    metadata_keys = FIELDS
    kind_name = tr_later("un événement", "an event")
    allowed_statuses = ("scheduled", "cancelled", "postponed", "rescheduled", "draft")
    default_status = "scheduled"

    # --- Its fields, typed (README.md tells an author what to write) ----------------
    kind: str  # KINDS: "event" (a file), "deadline" or "programme_start" (a programme's)
    start: date | datetime
    end: date | datetime
    all_day: bool
    timezone: ZoneInfo
    previous_start: date | datetime | None = None  # a rescheduled event's former start
    status: str = "scheduled"  # or "cancelled", "postponed", "rescheduled"
    location: str | None = None
    address: str | None = None
    online_url: str | None = None  # where it is followed online (a stream's page included)
    stream = None  # streams.Stream: a live stream the page embeds
    replay = None  # streams.Stream: its recording
    replay_date: datetime | None = None  # when the recording is online
    sequence: int = 0  # iCalendar SEQUENCE: raised by the author when the event changes
    uid: str | None = None  # iCalendar UID; "<file name>@EVENTS_UID_DOMAIN" by default
    image: str | None = None  # path under content/
    programme = None  # the Programme it belongs to
    summary_text: str = ""  # its summary, plain text
    # --- Made by the events plugin for its page and calendars ------------------------
    starts_text: str = ""  # when it starts, in words, for feeds and cards
    replay_title: str = ""
    ics_url: str | None = None  # its own calendar file
    calendar_page_url: str | None = None  # its page's address, for the links below
    next_session = None  # the next session of the same programme followed online
    # --- Filled by other plugins (empty when they are not listed) --------------------
    card_image = None  # cards: its share card
    shortlink_url: str | None = None  # shortlinks: /go/<name>/

    def __init__(self, content, metadata=None, settings=None, source_path=None, context=None):
        metadata = dict(metadata or {})
        # Pelican would turn these into its own publication status and a ZoneInfo
        # (crashing on an unknown zone); the event validation reads them instead.
        self.raw_timezone = metadata.pop("timezone", None)
        self.raw_status = metadata.pop("status", None)
        self.kind = "event"
        super().__init__(content, metadata, settings, source_path, context)

    @property
    def calendar_links(self) -> dict[str, str] | tuple:
        """Add-to-calendar links (links.calendar_links), made when its page is: a rebuild
        that keeps the page makes none."""
        if self.calendar_page_url is None:
            return ()
        made = self.__dict__.get("_calendar_links")
        if made is None:
            made = self.__dict__["_calendar_links"] = calendar_links(self, self.calendar_page_url)
        return made

    @property
    def first_day(self) -> date:
        return self.start if self.all_day else self.start.date()

    @property
    def last_day(self) -> date:
        return self.end if self.all_day else self.end.date()

    @property
    def end_exclusive(self) -> date | datetime:
        """The iCalendar DTEND: the day after the last one for all-day events."""
        return self.end + timedelta(days=1) if self.all_day else self.end

    @property
    def updated(self) -> datetime:
        """When the event last changed: `modified:`, else `date:` (DTSTAMP, LAST-MODIFIED)."""
        return getattr(self, "modified", None) or self.date

    @property
    def attendance(self) -> str:
        return ATTENDANCE.get((bool(self.location), bool(self.online_url)), "offline")

    @property
    def live_start(self) -> datetime:
        """When the session begins (midnight of the first day for an all-day event)."""
        if self.all_day:
            return datetime.combine(self.start, time(), self.timezone)
        return self.start

    @property
    def live_end(self) -> datetime:
        """When the session is over: its end, or the end of its last day."""
        if self.all_day:
            return datetime.combine(self.end + timedelta(days=1), time(), self.timezone)
        return self.end

    @property
    def countdown_from(self) -> datetime:
        """Pages count down to the start during the last 24 hours before it."""
        return self.live_start - timedelta(hours=24)

    @property
    def is_session(self) -> bool:
        """A timed event followed online (a stream or a join link), still taking place: what
        the "live now" notices announce (not a months-long campaign with a link)."""
        online = bool(self.stream or self.online_url)
        taking_place = self.status in ("scheduled", "rescheduled")
        return self.has_page and not self.all_day and online and taking_place

    @property
    def has_page(self) -> bool:
        return self.kind == "event"

    @property
    def over_at(self) -> datetime:
        """The instant `is_past` turns true: the end of the last day in TIMEZONE (the zone of
        the build's "today"), for theme/static/js/clock.js."""
        return day_over(self.last_day, self.settings)

    def is_past(self, today: date) -> bool:
        """Past once its last day is over: an event happening today is still upcoming."""
        return self.last_day < today

    def is_upcoming(self, today: date) -> bool:
        return not self.is_past(today)

    def is_ongoing(self, today: date) -> bool:
        return self.first_day < today <= self.last_day
