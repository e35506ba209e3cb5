"""Installs the theme functions that partials/head_meta.html and base.html call.

base.html's canonical block calls `seo_page_text(self.title(), self.description())`: the
only place where a page's own title and description blocks can be read. It keeps them,
keyed by the file being written, for `seo_meta()` in head_meta.html a few lines later, so
og:title / og:description always say what <title> and <meta name=description> say, on
every page, including pages of templates this plugin has never heard of.
"""

from jinja2 import pass_context
from pelican import signals
from pelican.plugins.relais_core import contracts
from pelican.plugins.relais_theme_i18n.plugin import catalogue_for

from . import jsonld
from .data import ProgrammeDataGenerator
from .fallback import HeadInserter, theme_calls_seo_meta
from .meta import page_meta


def _install(generator):
    settings = generator.settings
    table = catalogue_for(settings["THEME"], settings.get("DEFAULT_LANG", "fr"))
    blocks: dict[str, tuple[str, str]] = {}  # output file → (title, description)

    def translate(message):
        return table.get(message, message)

    @pass_context
    def seo_page_text(ctx, title, description):
        blocks[ctx.get("output_file")] = (str(title), str(description))
        return ""

    @pass_context
    def seo_meta(ctx, canonical=None):
        page_text = blocks.pop(ctx.get("output_file"), None)
        return page_meta(ctx, settings, translate, page_text, canonical)

    # For pages with a head of their own (a brochure page's address): their trail's node.
    generator.env.globals.update(
        seo_page_text=seo_page_text, seo_meta=seo_meta, seo_breadcrumb=jsonld.breadcrumb
    )


def _data_generator(_pelican):
    return ProgrammeDataGenerator


def _fallback(pelican):
    if not theme_calls_seo_meta(pelican.settings):
        signals.content_written.connect(HeadInserter(pelican.settings), weak=False)


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {}
AFTER = {"relais_programmes": "its generator gives a data_url to the programmes that one reads"}
ADDS = {"content": ["data_url"], "context": []}


def register():
    contracts.declare(__package__, NEEDS, AFTER)
    signals.initialized.connect(_fallback)
    signals.generator_init.connect(_install)
    signals.get_generators.connect(_data_generator)
