"""robots.txt pointing crawlers to the sitemap. See README.md."""

from .plugin import register

__all__ = ["register"]
