"""Shared plumbing for relais plugins: content errors and the build date.

As a plugin, it stops the build after all content has been read when any
plugin reported a content error, so nothing is written for a broken site.
"""

from .build_date import build_date
from .errors import ContentError, abort_on_setting, report, reported_errors, tr
from .plugin import register

__all__ = [
    "ContentError",
    "abort_on_setting",
    "build_date",
    "register",
    "report",
    "reported_errors",
    "tr",
]
