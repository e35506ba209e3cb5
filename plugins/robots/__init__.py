"""robots.txt pointing crawlers to the sitemap. See README.md."""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
