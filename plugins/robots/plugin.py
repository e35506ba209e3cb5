"""Writes robots.txt: everything may be crawled; the sitemap is at SITEURL/sitemap.xml."""

from pathlib import Path

from pelican import signals
from relais_core.files import write_if_changed


def robots_txt(siteurl: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl.rstrip('/')}/sitemap.xml\n"


def _write(pelican):
    robots = robots_txt(pelican.settings["SITEURL"]).encode()
    write_if_changed(Path(pelican.output_path, "robots.txt"), robots)


def register():
    signals.finalized.connect(_write)
