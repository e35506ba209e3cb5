"""Open Graph, Twitter card and JSON-LD data for every page (theme partial head_meta.html)."""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
