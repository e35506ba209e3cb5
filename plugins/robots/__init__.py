"""robots.txt and sitemap.xml: what crawlers read first. See README.md."""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
