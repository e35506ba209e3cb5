from importlib.machinery import PathFinder

# The plugins import relais_core and each other: PLUGIN_PATHS alone does not make them
# importable (plugins/relais_core/README.md). Pelican would log the ImportError and build on.
if PathFinder.find_spec("relais_core") is None:
    raise SystemExit(
        "ERREUR covers : ajoutez le dossier plugins/ du kit à PYTHONPATH / "
        "ERROR covers: add the kit's plugins/ folder to PYTHONPATH"
    )
from .plugin import register

__all__ = ["register"]
