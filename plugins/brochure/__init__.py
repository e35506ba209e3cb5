"""Programme brochures: each `brochure:` PDF rendered at build time into an accessible,
embeddable viewer (WebP pages, thumbnails, extracted text) instead of a third-party embed.

See README.md for the settings and what an author writes.
"""

from importlib.machinery import PathFinder

# The plugins import relais_core and each other: PLUGIN_PATHS alone does not make them
# importable (plugins/relais_core/README.md). Pelican would log the ImportError and build on.
if PathFinder.find_spec("relais_core") is None:
    raise SystemExit(
        "ERREUR brochure : ajoutez le dossier plugins/ du kit à PYTHONPATH / "
        "ERROR brochure: add the kit's plugins/ folder to PYTHONPATH"
    )

from .plugin import register

__all__ = ["register"]
