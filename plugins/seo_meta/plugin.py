"""Installs `seo_meta()` in the theme: head_meta.html calls it for the page being written."""

from jinja2 import pass_context
from pelican import signals
from theme_i18n.plugin import catalogue_for

from .meta import page_meta


def _install(generator):
    settings = generator.settings
    table = catalogue_for(settings["THEME"], settings.get("DEFAULT_LANG", "fr"))

    def translate(message):
        return table.get(message, message)

    @pass_context
    def seo_meta(ctx):
        return page_meta(ctx, settings, translate)

    generator.env.globals["seo_meta"] = seo_meta


def register():
    signals.generator_init.connect(_install)
