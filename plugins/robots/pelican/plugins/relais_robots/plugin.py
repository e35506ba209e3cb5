"""Writes what crawlers read first: robots.txt (everything may be crawled, the sitemap is at
SITEURL/sitemap.xml) and sitemap.xml (sitemap.py: the public pages, dated by their content)."""

from pathlib import Path

from pelican import signals
from pelican.plugins.relais_core import contracts
from pelican.plugins.relais_core.files import write_if_changed

from .sitemap import SAVE_AS, Sitemap

_sitemap = Sitemap()


def robots_txt(siteurl: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl.rstrip('/')}/{SAVE_AS}\n"


def _write(pelican):
    output, siteurl = pelican.output_path, pelican.settings["SITEURL"]
    write_if_changed(Path(output, "robots.txt"), robots_txt(siteurl).encode())
    # Left alone when its bytes are the same (unchanged content: unchanged dates).
    write_if_changed(Path(output, SAVE_AS), _sitemap.render(output, siteurl))
    _sitemap.start()


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {}
AFTER = {}
ADDS = {"content": [], "context": []}


def register():
    contracts.declare(__package__, NEEDS, AFTER)
    signals.get_generators.connect(_sitemap.start)
    signals.content_written.connect(_sitemap.written)
    signals.finalized.connect(_write)
