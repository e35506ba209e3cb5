from urllib.parse import urlsplit

from pelican import signals
from pelican.plugins.relais_core import contracts, tr
from pelican.plugins.relais_core.errors import warn

from .formatting import filters
from .generator import CALENDARS_ONLY, EventsGenerator

TEMPLATES = ("event", "events")

DEFAULTS = {
    "EVENT_PATHS": ["events"],
    "EVENT_URL": "events/{slug}/",
    "EVENT_SAVE_AS": "events/{slug}/index.html",
    "EVENT_ICS_SAVE_AS": "events/{slug}.ics",
    "EVENTS_SAVE_AS": "events/index.html",
    "EVENTS_ICS_SAVE_AS": "events/agenda.ics",
    "PROGRAMME_ICS_SAVE_AS": "programmes/{slug}/agenda.ics",
    "EVENTS_REFRESH_HOURS": 12,
    "EVENTS_HOME_COUNT": 3,
}


def _defaults(pelican):
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    settings.setdefault("EVENTS_TIMEZONE", settings.get("TIMEZONE") or "UTC")
    # UIDs must not follow SITEURL (it differs between preview and publication).
    organization_host = urlsplit(settings.get("ORGANIZATION", {}).get("url", "")).hostname
    settings.setdefault("EVENTS_UID_DOMAIN", organization_host or "relais.invalid")
    _calendars_only_without_templates(settings)
    # Event files are not articles or pages, whatever ARTICLE_PATHS says.
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        settings[key] = [*settings.get(key, []), *settings["EVENT_PATHS"]]


def _calendars_only_without_templates(settings):
    """A theme without the event templates (Pelican's default one) still gets calendars."""
    absent = contracts.absent_templates(settings, TEMPLATES)
    settings[CALENDARS_ONLY] = bool(absent)
    if absent:
        warn(
            tr(
                f"events : le thème n’a pas {', '.join(absent)} ; seuls les agendas .ics "
                f"sont écrits (les pages : le thème relais, {contracts.WITH_THE_KIT})",
                f"events: the theme has no {', '.join(absent)}; only the .ics calendars are "
                f"written (for the pages: the relais theme, {contracts.WITH_THE_KIT})",
            )
        )


def _generator(_pelican):
    return EventsGenerator


def _install_filters(generator):
    """Every generator renders event lists (home page, programme pages), so all get them."""
    settings = generator.settings
    generator.env.filters.update(
        filters(settings.get("DEFAULT_LANG", "fr"), settings.get("EVENTS_TIMEZONE", "UTC"))
    )


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {}
AFTER = {"relais_programmes": "its generator links events to the programmes that one reads"}
ADDS = {
    "content": ["events", "upcoming_events", "live_sessions", "events_feed_url", "events_webcal"],
    "context": [
        "events",
        "calendar_events",
        "upcoming_events",
        "past_events",
        "events_by_month",
        "live_sessions",
        "events_feed_url",
        "events_webcal",
    ],
}


def register():
    contracts.declare(__package__, NEEDS, AFTER)
    signals.initialized.connect(_defaults)
    signals.get_generators.connect(_generator)
    signals.generator_init.connect(_install_filters)
