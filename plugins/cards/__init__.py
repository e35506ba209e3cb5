"""Share cards: a 1200×630 image per page, drawn with Pillow and cached by content hash."""

from .plugin import register

__all__ = ["register"]
