"""Optional, privacy-friendly audience measurement (Plausible, Matomo, GoatCounter).

Off by default. See README.md.
"""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
