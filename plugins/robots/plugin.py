"""Writes robots.txt: everything may be crawled; the sitemap is at SITEURL/sitemap.xml."""

from pathlib import Path

from pelican import signals


def robots_txt(siteurl: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl.rstrip('/')}/sitemap.xml\n"


def _write(pelican):
    Path(pelican.output_path, "robots.txt").write_text(
        robots_txt(pelican.settings["SITEURL"]), encoding="utf-8"
    )


def register():
    signals.finalized.connect(_write)
