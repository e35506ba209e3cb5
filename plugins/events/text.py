"""Translations for text written outside templates (calendar names, derived titles).

They use the theme's catalogue, so one messages.po translates the whole site.
"""

from collections.abc import Callable

from relais.plugins.theme_i18n.plugin import catalogue_for


def site_gettext(settings) -> Callable[[str], str]:
    table = catalogue_for(settings["THEME"], settings.get("DEFAULT_LANG", "fr"))
    return lambda message: table.get(message, message)
