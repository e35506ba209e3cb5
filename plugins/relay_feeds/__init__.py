"""Relay feeds: Atom/RSS for the site, categories, tags and programmes, and one
ready-to-post feed per social network with campaign links. See README.md."""

from importlib.machinery import PathFinder

# The plugins import relais_core and each other: PLUGIN_PATHS alone does not make them
# importable (plugins/relais_core/README.md). Pelican would log the ImportError and build on.
if PathFinder.find_spec("relais_core") is None:
    raise SystemExit(
        "ERREUR relay_feeds : ajoutez le dossier plugins/ du kit à PYTHONPATH / "
        "ERROR relay_feeds: add the kit's plugins/ folder to PYTHONPATH"
    )

from .plugin import register

__all__ = ["register"]
