"""Redirect pages for moved content (`redirect_from:`) and for other plugins' stable URLs.

See README.md for the metadata an author writes.
"""

from importlib.machinery import PathFinder

# The plugins import relais_core and each other: PLUGIN_PATHS alone does not make them
# importable (plugins/relais_core/README.md). Pelican would log the ImportError and build on.
if PathFinder.find_spec("relais_core") is None:
    raise SystemExit(
        "ERREUR redirects : ajoutez le dossier plugins/ du kit à PYTHONPATH / "
        "ERROR redirects: add the kit's plugins/ folder to PYTHONPATH"
    )

from .content_index import shown
from .plugin import Redirect, add_source, register

__all__ = ["Redirect", "add_source", "register", "shown"]
