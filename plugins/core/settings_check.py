"""Settings mistakes in one line naming pelicanconf.py, before the plugins trip on them.

The kit's plugins would crash on `DEFAULT_LANG = 5`, `TIMEZONE = "Europe/Pariss"` or
`BUILD_DATE = "29/11/2026"`. The check runs at `initialized`, when the build starts and
before any content is read (core.contracts).
"""

import difflib
import os
import re
import sys
from datetime import date
from functools import cache
from zoneinfo import available_timezones

from .errors import abort_on_setting, set_language, set_settings_file, tr

_LANG = re.compile(r"^[a-z]{2,3}([_-][a-z0-9]{2,8})*$", re.IGNORECASE)


def check(settings, path: str | None = None) -> None:
    """Stops the build in one line at the first wrong setting; `path`: the settings file."""
    set_settings_file(path or _settings_file())
    _check_language(settings.get("DEFAULT_LANG", "fr"))
    _check_timezone(settings.get("TIMEZONE"))
    _check_build_date("BUILD_DATE", settings.get("BUILD_DATE"))
    environment = tr("environnement", "environment")
    _check_build_date("RELAIS_BUILD_DATE", os.environ.get("RELAIS_BUILD_DATE"), environment)


def _check_language(lang) -> None:
    if isinstance(lang, str) and _LANG.match(lang):
        set_language(lang)
        return
    abort_on_setting(
        "DEFAULT_LANG",
        tr(f"« {lang!r} » ne convient pas", f'"{lang!r}" is not valid'),
        tr(
            'un code de langue entre guillemets, par exemple DEFAULT_LANG = "fr" ou "en"',
            'a language code in quotes, for example DEFAULT_LANG = "fr" or "en"',
        ),
    )


def _check_timezone(name) -> None:
    if name is None or (isinstance(name, str) and name in _zones()):
        return
    close = difflib.get_close_matches(str(name), sorted(_zones()), n=1, cutoff=0.6)
    guess = tr(f" — vouliez-vous dire « {close[0]} » ?", f' — did you mean "{close[0]}"?')
    abort_on_setting(
        "TIMEZONE",
        tr(f"« {name} » n’est pas un fuseau horaire", f'"{name}" is not a time zone')
        + (guess if close else ""),
        f'TIMEZONE = "{close[0] if close else "Europe/Paris"}"',
    )


def _check_build_date(setting: str, value, where: str = "") -> None:
    if not value:
        return
    try:
        date.fromisoformat(str(value))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            return
    except ValueError:
        pass
    abort_on_setting(
        setting,
        tr(f"« {value} » ne convient pas", f'"{value}" is not valid'),
        tr(
            "une date qui existe, AAAA-MM-JJ, par exemple 2026-11-29 (ou vide : la date du jour)",
            "a date that exists, YYYY-MM-DD, for example 2026-11-29 (or empty: today)",
        ),
        where,
    )


def _settings_file() -> str:
    """The file `pelican -s FILE` read (make: pelicanconf.py, or publishconf.py)."""
    arguments = sys.argv[1:]
    for number, argument in enumerate(arguments):
        if argument in ("-s", "--settings") and number + 1 < len(arguments):
            return arguments[number + 1]
        if argument.startswith("--settings="):
            return argument.split("=", 1)[1]
    return "pelicanconf.py"


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())
