"""Installs the theme functions that partials/head_meta.html and base.html call.

base.html's canonical block calls `seo_page_text(self.title(), self.description())`: the
only place where a page's own title and description blocks can be read. It keeps them,
keyed by the file being written, for `seo_meta()` in head_meta.html a few lines later, so
og:title / og:description always say what <title> and <meta name=description> say, on
every page, including pages of templates this plugin has never heard of.
"""

from jinja2 import pass_context
from pelican import signals

from relais.plugins.core import build, contracts, tr
from relais.plugins.core.build import connect
from relais.plugins.core.collisions import Output, declare_outputs
from relais.plugins.core.contracts import Contract
from relais.plugins.core.errors import relative_path as shown
from relais.plugins.theme_i18n.plugin import translator

from . import jsonld
from .data import ProgrammeDataGenerator, data_urls
from .fallback import HeadInserter, theme_calls_seo_meta
from .meta import page_meta


def _install(generator):
    settings = generator.settings
    translate = translator(settings)
    blocks: dict[str, tuple[str, str]] = {}  # output file → (title, description)

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
    """For a theme that does not call seo_meta(): this build's pages get the tags."""
    if not theme_calls_seo_meta(pelican.settings):
        build.current().extras["seo_meta"] = HeadInserter(pelican.settings)


def _insert_head(path, context=None):
    inserter = build.current().extras.get("seo_meta")
    if inserter is not None:
        inserter(path, context)


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract(
    after={"programmes": "its generator gives a data_url to the programmes that one reads"}
)


def _planned(generators, settings):
    """The programmes' data files, for core's check of clashing addresses."""
    context = generators[0].context
    index = data_urls(settings)[1]
    if index and context.get("programmes"):
        yield Output(index, tr("l’index des données des formations (module seo_meta)",
                               "the programmes' data index (seo_meta plugin)"))  # fmt: skip
    for programme in context.get("programmes", []):
        if programme.data_url:
            source = shown(programme.source_path)
            yield Output(
                programme.data_url, tr(f"les données de {source}", f"the data of {source}")
            )


def register():
    contracts.check_at_start_up()
    declare_outputs(_planned, __package__)
    connect(signals.initialized, _fallback, __package__)
    connect(signals.content_written, _insert_head, __package__)
    connect(signals.generator_init, _install, __package__)
    connect(signals.get_generators, _data_generator, __package__)
