"""Redirect pages for moved content (`redirect_from:`) and for other plugins' stable URLs.

See README.md for the metadata an author writes.
"""

from .content_index import shown
from .plugin import CONTRACT, Redirect, add_source, register

__all__ = ["CONTRACT", "Redirect", "add_source", "register", "shown"]
