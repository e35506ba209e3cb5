"""Writes robots.txt: everything may be crawled; the sitemap is at SITEURL/sitemap.xml."""

from pathlib import Path

from pelican import signals
from pelican.plugins.relais_core import contracts
from pelican.plugins.relais_core.files import write_if_changed


def robots_txt(siteurl: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl.rstrip('/')}/sitemap.xml\n"


def _write(pelican):
    robots = robots_txt(pelican.settings["SITEURL"]).encode()
    write_if_changed(Path(pelican.output_path, "robots.txt"), robots)


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {}
AFTER = {}
ADDS = {"content": [], "context": []}


def register():
    contracts.declare(__package__, NEEDS, AFTER)
    signals.finalized.connect(_write)
