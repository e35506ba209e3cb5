"""Reads content/events/*.md, adds programme dates, writes pages and iCalendar files."""

from datetime import timedelta
from pathlib import Path

from pelican.generators import Generator
from pelican.utils import sanitised_join, slugify

from relais.plugins import incremental
from relais.plugins.core import ContentError, build_date, report, tr
from relais.plugins.core.errors import failure_reading
from relais.plugins.theme_i18n.plugin import translator

from . import listing
from .content import Event
from .derived import programme_events
from .formatting import starts_text
from .ical import FeedSettings, event_calendar, feed_calendar
from .links import webcal
from .validation import validate

# Set by the plugin when the theme has no event templates: calendars, no pages.
CALENDARS_ONLY = "_EVENTS_CALENDARS_ONLY"


class EventsGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, readers_cache_name="event", **kwargs)
        self.events: list[Event] = []
        self.gettext = translator(self.settings)

    # --- context -------------------------------------------------------------
    def generate_context(self):
        today = build_date(self.settings)
        programmes = self.context.get("programmes_by_slug", {})
        events = [event for event in self._read_files(programmes) if event.status != "draft"]
        # Pelican's reader cache (CACHE_CONTENT): unchanged files are not parsed again.
        self.readers.save_cache()
        for programme in programmes.values():
            events += programme_events(programme, self.settings, self.context, self.gettext)
        domain = self.settings["EVENTS_UID_DOMAIN"]
        for event in events:
            event.uid = event.uid or f"{event.slug}@{domain}"
        self._check_unique(events)
        self.events = listing.chronological(events)
        self._decorate()
        self._link_programmes(programmes.values(), today)
        self._link_previewed_drafts(today)
        siteurl, feed_url = self.settings["SITEURL"], self.settings["EVENTS_ICS_SAVE_AS"]
        self.context.update(
            # Event pages only: what feeds, cards and social posts point to.
            events=[event for event in self.events if event.has_page],
            # Everything a calendar shows, programme deadlines and start dates included.
            calendar_events=self.events,
            upcoming_events=listing.upcoming(self.events, today),
            past_events=listing.past(self.events, today),
            events_by_month=listing.by_month(self.events, today),
            # Online sessions still to come: the "live now" notices of the home page.
            live_sessions=[e for e in listing.upcoming(self.events, today) if e.is_session],
            events_feed_url=feed_url,
            events_webcal=webcal(f"{siteurl}/{feed_url}"),
        )

    def _read_files(self, programmes):
        root = Path(self.path)
        broken = self._programme_files() - set(programmes)
        for path in self.get_files(self.settings["EVENT_PATHS"]):
            try:
                event = self.readers.read_file(
                    base_path=self.path, path=path, content_class=Event, context=self.context
                )
            except Exception as error:  # one line naming the file, not a traceback
                report(failure_reading(str(root / path), error))
                continue
            errors = validate(event, root, self.settings["EVENTS_TIMEZONE"], programmes, broken)
            for error in errors:
                report(error)
            if not errors:
                self.add_source_path(event)
                yield event

    def _programme_files(self) -> set[str]:
        """Slugs of all programme files, valid or not (a broken one has its own error)."""
        return {
            slugify(Path(path).stem, regex_subs=self.settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
            # None when the programmes plugin is not listed.
            for path in self.get_files(self.settings.get("PROGRAMME_PATHS", []))
        }

    def _check_unique(self, events):
        for attribute in ("slug", "uid"):
            seen = {}
            for event in events:
                value = getattr(event, attribute)
                if value and value in seen:
                    report(
                        ContentError(
                            event.source_path,
                            attribute,
                            tr(
                                f"« {value} » est déjà celui de {seen[value]}",
                                f'"{value}" is already the one of {seen[value]}',
                            ),
                            tr(
                                f"un « {attribute}: » propre à chaque événement",
                                f'a "{attribute}:" of its own for each event',
                            ),
                        )
                    )
                seen.setdefault(value, event.source_path)

    def _decorate(self):
        """What templates need that is computed once: the .ics path and the links."""
        siteurl = self.settings["SITEURL"]
        lang = self.settings.get("DEFAULT_LANG", "fr")
        site_tz = self.settings.get("TIMEZONE") or self.settings["EVENTS_TIMEZONE"]
        for event in self.events:
            if event.has_page:
                # For social messages (plugins/feeds): when, and the replay's title.
                event.starts_text = starts_text(event, lang, site_tz)
                event.replay_title = self.gettext("Le replay est disponible : {title}").format(
                    title=event.title
                )
                event.ics_url = self.settings["EVENT_ICS_SAVE_AS"].format(slug=event.slug)
                event.calendar_page_url = f"{siteurl}/{event.url}"
                # Where a session's page points once it is over (partials/live.html).
                online = event.is_session or event.stream or event.replay
                event.next_session = listing.next_after(event, self.events) if online else None

    def _link_programmes(self, programmes, today):
        siteurl = self.settings["SITEURL"]
        for programme in programmes:
            programme.events = [e for e in self.events if e.programme is programme]
            # What the programme page lists: its own events, not its deadline again.
            programme.upcoming_events = [
                e for e in listing.upcoming(programme.events, today) if e.has_page
            ]
            programme.live_sessions = [e for e in programme.upcoming_events if e.is_session]
            programme.events_feed_url = self.settings["PROGRAMME_ICS_SAVE_AS"].format(
                slug=programme.slug
            )
            programme.events_webcal = webcal(f"{siteurl}/{programme.events_feed_url}")

    def _link_previewed_drafts(self, today):
        """A draft programme's preview (`make serve`) lists its upcoming events. Until it is
        published, its events do not link to it and it has no calendar."""
        for draft in self.context.get("previewed_programmes", []):
            draft.events = [e for e in self.events if e.has_page and _names(e, draft)]
            draft.upcoming_events = listing.upcoming(draft.events, today)
            draft.events_feed_url = draft.events_webcal = None

    # --- output --------------------------------------------------------------
    def generate_output(self, writer):
        if not self.settings.get(CALENDARS_ONLY):
            self._write_pages(writer)
        self._write_calendars()

    def _write_pages(self, writer):
        relative = self.settings["RELATIVE_URLS"]
        for event in self.events:
            if event.has_page:
                writer.write_file(
                    event.save_as,
                    self.get_template(event.template),
                    self.context,
                    relative_urls=relative,
                    url=event.url,
                    event=event,
                )
        index = self.settings["EVENTS_SAVE_AS"]
        writer.write_file(
            index,
            self.get_template("events"),
            self.context,
            relative_urls=relative,
            url=index.removesuffix("index.html"),
            page_name="events",
        )

    def _write_calendars(self):
        feed = self._feed_settings()
        siteurl, name = self.settings["SITEURL"], self.settings["SITENAME"]
        index_url = self.settings["EVENTS_SAVE_AS"].removesuffix("index.html")
        all_path = self.settings["EVENTS_ICS_SAVE_AS"]
        self._write(
            all_path,
            lambda: feed_calendar(
                self.events,
                feed,
                name=self.gettext("{site} — Agenda").format(site=name),
                description=self.gettext("Tous les événements de {site}.").format(site=name),
                page_url=f"{siteurl}/{index_url}",
                source_url=f"{siteurl}/{all_path}",
            ),
        )
        for programme in self.context.get("programmes", []):
            self._write(
                programme.events_feed_url,
                lambda programme=programme: feed_calendar(
                    programme.events,
                    feed,
                    name=self.gettext("Agenda — {programme}").format(
                        programme=programme.facts.short_title
                    ),
                    description=self.gettext("Les dates de la formation {programme}.").format(
                        programme=programme.title
                    ),
                    page_url=f"{siteurl}/{programme.url}",
                    source_url=f"{siteurl}/{programme.events_feed_url}",
                ),
            )
        for event in self.events:
            if event.has_page:
                self._write(event.ics_url, lambda event=event: event_calendar(event, feed))

    def _feed_settings(self) -> FeedSettings:
        organization = self.settings.get("ORGANIZATION") or {"name": self.settings["SITENAME"]}
        return FeedSettings(
            prodid=f"-//{organization['name']}//relais//{self.settings['DEFAULT_LANG'].upper()}",
            siteurl=self.settings["SITEURL"],
            timezone=self.settings["EVENTS_TIMEZONE"],
            refresh=timedelta(hours=self.settings["EVENTS_REFRESH_HOURS"]),
            organizer_name=organization["name"],
            organizer_email=organization.get("email"),
            gettext=self.gettext,
        )

    def _write(self, name: str, produce):
        # A calendar shows titles, dates, places and summaries of events and programmes,
        # all in the site key, and nothing of posts and pages: the same key (without them:
        # a post's new title does not make every calendar again) and file name give the
        # same calendar.
        memo = incremental.current()
        key = incremental.digest(memo.unlisted_key(self.context, self.settings), name)
        memo.write(Path(sanitised_join(self.output_path, name)), key, produce)


def _names(event, programme) -> bool:
    return str(event.metadata.get("programme", "")).strip() == programme.slug
