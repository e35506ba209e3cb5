"""Skips re-rendering outputs whose inputs did not change since the last build.

Pelican re-renders every page on every build, even with its content cache. This
plugin records, for each output file, a key made of everything the file was made
from; a later build whose key is the same, and whose file is still the one it
wrote, reuses it. Other plugins use the same record for the files they write
themselves (feeds, calendars): see `current()`.
"""

from importlib.machinery import PathFinder

# The plugins import relais_core and each other: PLUGIN_PATHS alone does not make them
# importable (plugins/relais_core/README.md). Pelican would log the ImportError and build on.
if PathFinder.find_spec("relais_core") is None:
    raise SystemExit(
        "ERREUR incremental : ajoutez le dossier plugins/ du kit à PYTHONPATH / "
        "ERROR incremental: add the kit's plugins/ folder to PYTHONPATH"
    )

from .memo import OutputMemo, current, digest
from .plugin import register

__all__ = ["OutputMemo", "current", "digest", "register"]
