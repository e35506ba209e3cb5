from pelican import signals

from relais.plugins.core import contracts
from relais.plugins.core.build import connect
from relais.plugins.core.contracts import Contract
from relais.plugins.core.reading import accept_nested
from relais.plugins.theme_i18n.plugin import translator

from .facts import FACT_FIELDS, LABELS, money
from .generator import ProgrammesGenerator
from .text_dates import follow_the_facts

DEFAULTS = {
    "PROGRAMME_PATHS": ["programmes"],
    "PROGRAMME_URL": "programmes/{slug}/",
    "PROGRAMME_SAVE_AS": "programmes/{slug}/index.html",
    "PROGRAMMES_SAVE_AS": "programmes/index.html",
}


def _defaults(pelican):
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    accept_nested(*(field.name for field in FACT_FIELDS if field.nested))
    # Programme files are not articles or pages, whatever ARTICLE_PATHS says.
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        pelican.settings[key] = [
            *pelican.settings.get(key, []),
            *pelican.settings["PROGRAMME_PATHS"],
        ]


def _filters(generator):
    lang = generator.settings.get("DEFAULT_LANG") or "fr"
    translate = translator(generator.settings)
    generator.env.filters["money"] = lambda amount: money(amount, lang)
    # The words of a fixed choice (rhythm, teaching mode, platform), named once: LABELS.
    generator.env.globals["fact_label"] = lambda kind, key: translate(LABELS[kind][key])


def _generator(_pelican):
    return ProgrammesGenerator


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract(templates=("programme", "programmes"))


def register():
    contracts.check_at_start_up()
    connect(signals.initialized, _defaults, __package__)
    connect(signals.get_generators, _generator, __package__)
    connect(signals.generator_init, _filters, __package__)
    # [[date limite]], [[rentrée]], [[prochaine séance]] in texts: the programme's dates.
    connect(signals.static_generator_finalized, follow_the_facts, __package__)
