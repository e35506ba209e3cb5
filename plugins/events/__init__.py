"""Events: Markdown files under content/events/ and programme dates, as pages and iCalendar feeds.

See README.md for the fields an author writes and the settings.
"""

from importlib.machinery import PathFinder

# The plugins import relais_core and each other: PLUGIN_PATHS alone does not make them
# importable (plugins/relais_core/README.md). Pelican would log the ImportError and build on.
if PathFinder.find_spec("relais_core") is None:
    raise SystemExit(
        "ERREUR events : ajoutez le dossier plugins/ du kit à PYTHONPATH / "
        "ERROR events: add the kit's plugins/ folder to PYTHONPATH"
    )

from .plugin import register

__all__ = ["register"]
