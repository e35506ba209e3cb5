"""Shared plumbing for relais plugins: content errors and the build date.

As a plugin, it stops the build once every plugin has reported its content errors
(get_writer, before anything is written: plugin.stop_on_content_errors), so nothing is
written for a broken site. pelican_api.py is the one place that names Pelican's private
attributes.
"""

from .build_date import build_date
from .errors import (
    ContentError,
    abort_on_setting,
    missing,
    missing_hint,
    not_valid,
    one_of,
    quoted,
    report,
    reported_errors,
    tr,
    tr_later,
)
from .plugin import CONTRACT, register

__all__ = [
    "CONTRACT",
    "ContentError",
    "abort_on_setting",
    "build_date",
    "missing",
    "missing_hint",
    "not_valid",
    "one_of",
    "quoted",
    "register",
    "report",
    "reported_errors",
    "tr",
    "tr_later",
]
