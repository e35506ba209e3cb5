from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from babel.dates import format_time
from babel.messages.pofile import read_po
from pelican import signals

from relais import theme_path
from relais.plugins.core import abort_on_setting, contracts, tr
from relais.plugins.core.build import connect, current
from relais.plugins.core.contracts import Contract
from relais.plugins.core.dates import format_day, format_moment

SOURCE_LANG = "fr"
# Open Graph's locale of each interface language (og:locale); OG_LOCALE overrides it.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def og_locale(settings) -> str:
    lang = settings.get("DEFAULT_LANG", SOURCE_LANG)
    return settings.get("OG_LOCALE") or OG_LOCALES.get(lang, lang)


# The kit's own theme, shipped in the package: its catalogues also translate the plugins'
# texts (labels of feeds, cards, calendars) when a site uses another theme, e.g. Pelican's
# default one.
KIT_THEME = theme_path()


def _po(theme, lang: str) -> Path:
    return Path(theme) / "translations" / lang / "LC_MESSAGES" / "messages.po"


def catalogue_for(theme: str, lang: str) -> dict[str, str]:
    """msgid → translation for `lang`; empty for the templates' own language. A theme
    without this language (Pelican's default theme) borrows the kit theme's catalogue;
    without either, texts stay in French: only theme_i18n, which translates the site's
    templates, stops the build for a missing language (_check_language)."""
    if lang == SOURCE_LANG:
        return {}
    po = next((po for po in (_po(theme, lang), _po(KIT_THEME, lang)) if po.exists()), None)
    if po is None:
        return {}
    with po.open("rb") as handle:
        catalogue = read_po(handle)
    return {m.id: m.string for m in catalogue if m.id and m.string and not m.fuzzy}


@dataclass(frozen=True, eq=False)
class Translator:
    """The site's interface strings in its language: translate(french message id)."""

    table: dict[str, str]

    def __call__(self, message: str) -> str:
        return self.table.get(message, message)

    def plural(self, singular: str, plural: str, n: int) -> str:
        return self(singular if n == 1 else plural)


def translator(settings) -> Translator:
    """The one translator of the build's theme strings (templates, feeds, cards, calendars,
    structured data), read once per build."""
    theme, lang = settings["THEME"], settings.get("DEFAULT_LANG", SOURCE_LANG)
    return current().extra(f"translator:{theme}:{lang}", lambda: Translator(
        catalogue_for(theme, lang)))  # fmt: skip


def available_languages(theme: str) -> list[str]:
    """A theme without translations/ has only the language its templates are written in."""
    folder = Path(theme) / "translations"
    translated = [p.name for p in folder.iterdir() if p.is_dir()] if folder.is_dir() else []
    return sorted([SOURCE_LANG, *translated])


def _check_language(pelican):
    settings = pelican.settings
    theme, lang = settings["THEME"], settings.get("DEFAULT_LANG", SOURCE_LANG)
    po = _po(theme, lang)
    if lang != SOURCE_LANG and not po.exists():
        languages = ", ".join(available_languages(theme))
        abort_on_setting(
            "DEFAULT_LANG",
            tr(
                f"Langue « {lang} » : pas de traduction de l’interface ({po})",
                f'Language "{lang}": the interface has no translation ({po})',
            ),
            tr(f"l’une des langues disponibles : {languages}", f"one of: {languages}"),
        )


def _install(generator):
    settings = generator.settings
    translate = translator(settings)
    env = generator.env
    # The kit's settings enable it (JINJA_ENVIRONMENT); a site of its own may not.
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(translate, translate.plural, newstyle=True)
    env.filters.update(_date_filters(settings.get("DEFAULT_LANG", SOURCE_LANG)))


def _date_filters(lang):
    # A thousand posts share a few hundred dates, and Babel takes ~0.1 ms per call.
    @lru_cache(maxsize=4096)
    def formatted_date(day: date, pattern: str) -> str:
        return format_day(day, pattern, lang)

    def long_date(value):
        return formatted_date(_as_date(value), "long")

    def day_month(value):
        return formatted_date(_as_date(value), "d MMMM")

    def full_datetime(value):
        return format_moment(value, "full", lang)

    def time_of_day(value):
        return format_time(value, format="short", tzinfo=value.tzinfo, locale=lang)

    return {
        "long_date": long_date,
        "day_month": day_month,
        "full_datetime": full_datetime,
        "time_of_day": time_of_day,
    }


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract()


def register():
    contracts.check_at_start_up()
    connect(signals.initialized, _check_language, __package__)
    connect(signals.generator_init, _install, __package__)
