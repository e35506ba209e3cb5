"""Puts the site's `site-theme/` folder in front of the kit's theme.

`site-theme/templates/x.html` replaces the kit's `theme/templates/x.html`;
`site-theme/static/...` is published beside the kit's static files and replaces a
file of the same name. The kit's files are never edited, so upgrading the kit never
conflicts with a site's look.
"""

from pathlib import Path

from pelican import signals

from relais.plugins.core import abort_on_setting, contracts, tr
from relais.plugins.core.build import connect
from relais.plugins.core.contracts import Contract


def site_theme_folder(settings) -> Path:
    """SITE_THEME, relative to the site folder (the one holding content/)."""
    folder = Path(settings.get("SITE_THEME") or "site-theme")
    if not folder.is_absolute():
        folder = Path(settings["PATH"]).resolve().parent / folder
    return folder


def apply_site_theme(settings) -> None:
    folder = site_theme_folder(settings)
    templates, static = folder / "templates", folder / "static"
    if templates.is_dir() and str(templates) not in settings["THEME_TEMPLATES_OVERRIDES"]:
        settings["THEME_TEMPLATES_OVERRIDES"] = [
            str(templates),
            *settings["THEME_TEMPLATES_OVERRIDES"],
        ]
    if static.is_dir() and str(static) not in settings["THEME_STATIC_PATHS"]:
        settings["THEME_STATIC_PATHS"] = [*settings["THEME_STATIC_PATHS"], str(static)]
    _check_logo(settings, static)


def _check_logo(settings, static: Path) -> None:
    logo = settings.get("SITE_LOGO")
    if logo and not (static / logo).is_file():
        abort_on_setting(
            "SITE_LOGO",
            tr(f"« {logo} » est introuvable dans {static}", f'"{logo}" is not found in {static}'),
            tr(
                f"le chemin du logo sous {static.name}/ (par exemple « images/logo.svg »),"
                " ou SITE_LOGO = None",
                f'the path of the logo under {static.name}/ (for example "images/logo.svg"),'
                " or SITE_LOGO = None",
            ),
        )


def _initialized(pelican):
    apply_site_theme(pelican.settings)


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract()


def register():
    contracts.check_at_start_up()
    connect(signals.initialized, _initialized, __package__)
