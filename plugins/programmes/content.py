"""A programme: its facts, typed once from what the author wrote, and what other plugins
relate to it during a build.

`Programme.facts` is the one reading of a programme file's fields (validation.py makes
it): every output — the page, its JSON-LD, `programmes/<slug>.json` and the index, the
feeds, the cards, the calendars — reads these typed values. The other attributes are the
programme's relations in this build, declared here with the plugin that fills them; each
has a value (empty, or None) when that plugin is not listed.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pelican.contents import Page

from relais.plugins.core import tr_later

from .facts import PROGRAMME_FIELDS, Contact, Fee, Outcome, Phase, Question, language_name


@dataclass(frozen=True)
class ProgrammeFacts:
    """A programme file's fields, typed. docs/authoring.md tells an author what to write."""

    title: str  # plain text (Programme.title is Pelican's, as HTML)
    short_title: str  # at most 70 characters, for cards and social posts
    # These five may be « à préciser » (core.placeholders.ToConfirm, a str) on a new site:
    # shown as written in a preview, refused by make check and make publish.
    degree: str  # "Licence professionnelle", "Master", "BUT"…
    level: str  # "Bac+3"…
    duration: str  # as written, "1 an"
    duration_iso: str | None  # the same as ISO 8601, "P1Y" (schema.org); None if to confirm
    ects: int | str  # an int, or ToConfirm
    location: str
    start: date  # the first day of the programme
    deadline: date  # the last day to apply (included)
    apply_url: str  # https
    contact: str  # e-mail address
    summary: str  # plain text (Programme.summary is Pelican's, as HTML)
    brochure: str | None = None  # path under content/, a PDF
    cover: str | None = None  # path under content/, an image
    capacity: int | None = None  # places
    fees: tuple[Fee, ...] = ()
    rhythm: tuple[str, ...] = ()  # keys of facts.RHYTHMS' values: "initial", "work-study"…
    teaching_mode: str | None = None  # "onsite", "online", "blended"
    languages: tuple[str, ...] = ()  # ISO 639 codes
    prerequisites: tuple[str, ...] = ()
    selection: tuple[str, ...] = ()
    platform: str | None = None  # "parcoursup", "monmaster", "ecandidat", "institution"
    phases: tuple[Phase, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    jobs: tuple[str, ...] = ()
    accessibility: Contact | None = None
    faq: tuple[Question, ...] = ()


# The fields whose value is kept under another name, or computed from another one.
FACT_NAMES = {field.name for field in PROGRAMME_FIELDS}


class Programme(Page):
    """One study programme: a page with typed facts, its posts and its events."""

    default_template = "programme"
    # The fields core accepts in a programme file (besides Pelican's and the kit's).
    metadata_keys = frozenset(FACT_NAMES)
    kind_name = tr_later("une formation", "a programme")

    facts: ProgrammeFacts  # validation.py, as the file is read
    # --- Relations in this build, by the plugin that fills them ---------------------
    posts: list = ()  # programmes: its published posts, newest first
    brochure_doc = None  # brochure: the rendered brochure (brochure.model.Brochure)
    brochure_pages: tuple = ()  # brochure: its pages' own addresses (page_share.SharedPage)
    events: list = ()  # events: its events, deadline and start included, by date
    upcoming_events: list = ()  # events: those not over on the build's day
    live_sessions: list = ()  # events: its upcoming sessions followed online
    events_feed_url: str | None = None  # events: its calendar file
    events_webcal: str | None = None  # events: the same, as a webcal:// address
    data_url: str | None = None  # seo_meta: programmes/<slug>.json
    card_image = None  # cards: its share card
    cover_image = None  # covers: its cover's renders
    shortlink_url: str | None = None  # shortlinks: /go/<name>/

    def apply_state(self, today: date) -> str:
        """ "open" until the deadline day included, then "closed"."""
        return "open" if today <= self.facts.deadline else "closed"

    @property
    def closes_at(self) -> datetime:
        """The instant applications close: the end of the deadline day in TIMEZONE, the zone
        of the build's "today", so a visitor's clock (theme/static/js/clock.js) and a build
        on that day always agree."""
        return day_over(self.facts.deadline, self.settings)

    def days_left(self, today: date) -> int:
        return (self.facts.deadline - today).days

    @property
    def language_names(self) -> list[str]:
        """The teaching languages, named in the site's language ("anglais", "English")."""
        lang = self.settings.get("DEFAULT_LANG") or "fr"
        return [language_name(code, lang) for code in self.facts.languages]


def day_over(day: date, settings) -> datetime:
    """The first instant after `day` in the site's TIMEZONE (aware: it carries the offset)."""
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
