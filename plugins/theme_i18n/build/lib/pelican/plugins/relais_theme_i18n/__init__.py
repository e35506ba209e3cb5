"""Interface strings and dates in the site's language (DEFAULT_LANG).

Templates are written in French with `{{ _("…") }}`; other languages come
from Babel catalogues in THEME/translations/<lang>/LC_MESSAGES/messages.po.
"""

from importlib.util import find_spec

# Installed from a folder without its relais dependencies (pip install --no-deps, or one
# folder of the kit alone), the import below would fail and Pelican build on without it.
_absent = [name for name in ("relais_core",) if find_spec(f"pelican.plugins.{name}") is None]
if _absent:
    raise SystemExit(
        f"ERREUR relais_theme_i18n : installez aussi {_absent[0]} (pip install) / "
        f"ERROR relais_theme_i18n: install {_absent[0]} too (pip install)"
    )

from .plugin import catalogue_for, register  # noqa: E402

__all__ = ["catalogue_for", "register"]
