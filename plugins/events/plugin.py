from urllib.parse import urlsplit

from pelican import signals

from relais.plugins.core import contracts
from relais.plugins.core.build import connect
from relais.plugins.core.collisions import Output, declare_outputs
from relais.plugins.core.contracts import Contract, tr
from relais.plugins.core.errors import relative_path as shown
from relais.plugins.core.errors import warn

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


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract(
    after={"programmes": "its generator links events to the programmes that one reads"}
)


def _planned(generators, _settings):
    """The calendar files, for core's check of clashing addresses."""
    context = generators[0].context
    for programme in context.get("programmes", []) + context.get("previewed_programmes", []):
        if programme.events_feed_url:
            source = shown(programme.source_path)
            owner = tr(f"l’agenda de {source}", f"the calendar of {source}")
            yield Output(programme.events_feed_url, owner)
    for event in context.get("events", []):
        if event.ics_url:
            source = shown(event.source_path)
            owner = tr(f"le fichier agenda de {source}", f"the calendar file of {source}")
            yield Output(event.ics_url, owner)


def register():
    contracts.check_at_start_up()
    declare_outputs(_planned, __package__)
    connect(signals.initialized, _defaults, __package__)
    connect(signals.get_generators, _generator, __package__)
    connect(signals.generator_init, _install_filters, __package__)
