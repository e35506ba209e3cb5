"""Writes robots.txt: everything may be crawled; the sitemap is at SITEURL/sitemap.xml."""

from pathlib import Path

from pelican import signals

from relais.plugins.core import contracts, tr
from relais.plugins.core.build import connect
from relais.plugins.core.collisions import Output, declare_outputs
from relais.plugins.core.contracts import Contract
from relais.plugins.core.files import write_if_changed


def robots_txt(siteurl: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl.rstrip('/')}/sitemap.xml\n"


def _write(pelican):
    robots = robots_txt(pelican.settings["SITEURL"]).encode()
    write_if_changed(Path(pelican.output_path, "robots.txt"), robots)


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract()


def _planned(_generators, _settings):
    """robots.txt, for core's check of clashing addresses."""
    yield Output("robots.txt", tr("le fichier robots.txt (module robots)",
                                  "the robots.txt file (robots plugin)"))  # fmt: skip


def register():
    contracts.check_at_start_up()
    declare_outputs(_planned, __package__)
    connect(signals.finalized, _write, __package__)
