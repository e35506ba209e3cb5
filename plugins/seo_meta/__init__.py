"""Open Graph, Twitter card and JSON-LD data for every page (theme partial head_meta.html)."""

from importlib.machinery import PathFinder

# The plugins import relais_core and each other: PLUGIN_PATHS alone does not make them
# importable (plugins/relais_core/README.md). Pelican would log the ImportError and build on.
if PathFinder.find_spec("relais_core") is None:
    raise SystemExit(
        "ERREUR seo_meta : ajoutez le dossier plugins/ du kit à PYTHONPATH / "
        "ERROR seo_meta: add the kit's plugins/ folder to PYTHONPATH"
    )

from .plugin import register

__all__ = ["register"]
