"""Programmes as a first-class content type: read, validated, linked to posts, written.

See README.md for the fields an author writes and the settings.
"""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
