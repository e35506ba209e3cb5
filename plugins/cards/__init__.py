"""Share cards: a 1200×630 image per page, drawn with Pillow and cached by content hash."""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
