"""Covers: each programme's and post's `cover:` image cropped to 3:2 and rendered to WebP at
three widths, cached by content hash. See README.md."""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
