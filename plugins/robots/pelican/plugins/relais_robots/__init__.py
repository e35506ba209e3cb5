"""robots.txt and sitemap.xml: what crawlers read first. See README.md."""

from importlib.util import find_spec

# Installed from a folder without its relais dependencies (pip install --no-deps, or one
# folder of the kit alone), the import below would fail and Pelican build on without it.
_absent = [name for name in ("relais_core",) if find_spec(f"pelican.plugins.{name}") is None]
if _absent:
    raise SystemExit(
        f"ERREUR relais_robots : installez aussi {_absent[0]} (pip install) / "
        f"ERROR relais_robots: install {_absent[0]} too (pip install)"
    )

from .plugin import register  # noqa: E402

__all__ = ["register"]
