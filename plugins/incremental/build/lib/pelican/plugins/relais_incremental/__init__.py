"""Skips re-rendering outputs whose inputs did not change since the last build.

Pelican re-renders every page on every build, even with its content cache. This
plugin records, for each output file, a key made of everything the file was made
from; a later build whose key is the same, and whose file is still the one it
wrote, reuses it. Other plugins use the same record for the files they write
themselves (feeds, calendars): see `current()`.
"""

from importlib.util import find_spec

# Installed from a folder without its relais dependencies (pip install --no-deps, or one
# folder of the kit alone), the import below would fail and Pelican build on without it.
_absent = [name for name in ("relais_core",) if find_spec(f"pelican.plugins.{name}") is None]
if _absent:
    raise SystemExit(
        f"ERREUR relais_incremental : installez aussi {_absent[0]} (pip install) / "
        f"ERROR relais_incremental: install {_absent[0]} too (pip install)"
    )

from .memo import OutputMemo, current, digest  # noqa: E402
from .plugin import register  # noqa: E402

__all__ = ["OutputMemo", "current", "digest", "register"]
