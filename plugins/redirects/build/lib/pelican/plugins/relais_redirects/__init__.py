"""Redirect pages for moved content (`redirect_from:`) and for other plugins' stable URLs.

See README.md for the metadata an author writes.
"""

from importlib.util import find_spec

# Installed from a folder without its relais dependencies (pip install --no-deps, or one
# folder of the kit alone), the import below would fail and Pelican build on without it.
_absent = [
    name
    for name in ("relais_core", "relais_theme_i18n")
    if find_spec(f"pelican.plugins.{name}") is None
]
if _absent:
    raise SystemExit(
        f"ERREUR relais_redirects : installez aussi {_absent[0]} (pip install) / "
        f"ERROR relais_redirects: install {_absent[0]} too (pip install)"
    )

from .content_index import shown  # noqa: E402
from .plugin import Redirect, add_source, register  # noqa: E402

__all__ = ["Redirect", "add_source", "register", "shown"]
