"""Skips re-rendering outputs whose inputs did not change since the last build.

Pelican re-renders every page on every build, even with its content cache. This
plugin records, for each output file, a key made of everything the file was made
from; a later build whose key is the same, and whose file is still the one it
wrote, reuses it. Other plugins use the same record for the files they write
themselves (feeds, calendars): see `current()`.
"""

from .memo import OutputMemo, current, digest
from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "OutputMemo", "current", "digest", "register"]
