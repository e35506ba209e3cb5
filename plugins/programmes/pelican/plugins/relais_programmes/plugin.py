from pelican import signals
from pelican.plugins.relais_core import contracts
from pelican.plugins.relais_core.reading import accept_nested

from .facts import FACT_FIELDS, money
from .generator import ProgrammesGenerator

DEFAULTS = {
    "PROGRAMME_PATHS": ["programmes"],
    "PROGRAMME_URL": "programmes/{slug}/",
    "PROGRAMME_SAVE_AS": "programmes/{slug}/index.html",
    "PROGRAMMES_SAVE_AS": "programmes/index.html",
}


def _defaults(pelican):
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    # Programme files are not articles or pages, whatever ARTICLE_PATHS says.
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        pelican.settings[key] = [
            *pelican.settings.get(key, []),
            *pelican.settings["PROGRAMME_PATHS"],
        ]


def _filters(generator):
    lang = generator.settings.get("DEFAULT_LANG") or "fr"
    generator.env.filters["money"] = lambda amount: money(amount, lang)


def _generator(_pelican):
    return ProgrammesGenerator


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {}
AFTER = {}
ADDS = {
    "content": ["posts", "programme"],
    "context": ["programmes", "programmes_by_slug", "previewed_programmes", "today"],
}


def register():
    contracts.declare(__package__, NEEDS, AFTER, templates=("programme", "programmes"))
    accept_nested(*(field.name for field in FACT_FIELDS if field.nested))
    signals.initialized.connect(_defaults)
    signals.get_generators.connect(_generator)
    signals.generator_init.connect(_filters)
