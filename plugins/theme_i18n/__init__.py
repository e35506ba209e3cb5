"""Interface strings and dates in the site's language (DEFAULT_LANG).

Templates are written in French with `{{ _("…") }}`; other languages come
from Babel catalogues in THEME/translations/<lang>/LC_MESSAGES/messages.po.
"""

from importlib.machinery import PathFinder

# The plugins import relais_core and each other: PLUGIN_PATHS alone does not make them
# importable (plugins/relais_core/README.md). Pelican would log the ImportError and build on.
if PathFinder.find_spec("relais_core") is None:
    raise SystemExit(
        "ERREUR theme_i18n : ajoutez le dossier plugins/ du kit à PYTHONPATH / "
        "ERROR theme_i18n: add the kit's plugins/ folder to PYTHONPATH"
    )

from .plugin import catalogue_for, register

__all__ = ["catalogue_for", "register"]
