"""Writes what crawlers read first: robots.txt (everything may be crawled, the sitemap is at
SITEURL/sitemap.xml) and sitemap.xml (sitemap.py: the public pages, dated by their content)."""

import json
from pathlib import Path

from pelican import signals

from relais.plugins.core import contracts, tr
from relais.plugins.core.build import connect, current
from relais.plugins.core.collisions import Output, declare_outputs
from relais.plugins.core.contracts import Contract
from relais.plugins.core.files import write_atomically, write_if_changed

from .sitemap import SAVE_AS, Sitemap


def robots_txt(siteurl: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {siteurl.rstrip('/')}/{SAVE_AS}\n"


def _sitemap() -> Sitemap:
    """This build's pages (`make serve` rebuilds in one process)."""
    return current().extra("robots:sitemap", Sitemap)


def _page_written(path, context=None):
    _sitemap().written(path, context)


def _heads_file(settings) -> Path | None:
    """Where what each page's head says is kept between builds; like Pelican's content
    cache, none without CACHE_CONTENT, and not read without LOAD_CONTENT_CACHE."""
    if not settings.get("CACHE_CONTENT") or not settings.get("CACHE_PATH"):
        return None
    return Path(settings["CACHE_PATH"]) / "sitemap-heads.json"


def _load_heads(path: Path | None, settings) -> dict:
    if path is None or not settings.get("LOAD_CONTENT_CACHE"):
        return {}
    try:
        heads = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return heads if isinstance(heads, dict) else {}


def _write(pelican):
    output, siteurl = pelican.output_path, pelican.settings["SITEURL"]
    write_if_changed(Path(output, "robots.txt"), robots_txt(siteurl).encode())
    record = _heads_file(pelican.settings)
    heads = _load_heads(record, pelican.settings)
    # Left alone when its bytes are the same (unchanged content: unchanged dates).
    write_if_changed(Path(output, SAVE_AS), _sitemap().render(output, siteurl, heads))
    if record is not None:
        write_atomically(record, json.dumps(heads, separators=(",", ":")).encode())


def _planned(_generators, _settings):
    """robots.txt and the sitemap, for core's check of clashing addresses."""
    yield Output("robots.txt", tr("le fichier robots.txt (module robots)",
                                  "the robots.txt file (robots plugin)"))  # fmt: skip
    yield Output(SAVE_AS, tr("le plan du site (module robots)", "the site map (robots plugin)"))


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract()


def register():
    contracts.check_at_start_up()
    declare_outputs(_planned, __package__)
    connect(signals.content_written, _page_written, __package__)
    connect(signals.finalized, _write, __package__)
