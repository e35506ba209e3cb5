"""Programme brochures: each `brochure:` PDF rendered at build time into an accessible,
embeddable viewer (WebP pages, thumbnails, extracted text) instead of a third-party embed.

See README.md for the settings and what an author writes.
"""

from importlib.util import find_spec

# Installed from a folder without its relais dependencies (pip install --no-deps, or one
# folder of the kit alone), the import below would fail and Pelican build on without it.
_absent = [
    name
    for name in ("relais_core", "relais_seo_meta", "relais_theme_i18n")
    if find_spec(f"pelican.plugins.{name}") is None
]
if _absent:
    raise SystemExit(
        f"ERREUR relais_brochure : installez aussi {_absent[0]} (pip install) / "
        f"ERROR relais_brochure: install {_absent[0]} too (pip install)"
    )

from .plugin import register  # noqa: E402

__all__ = ["register"]
