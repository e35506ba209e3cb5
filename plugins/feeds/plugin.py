"""Wires the relay feeds into Pelican: settings, content checks, then the feed files."""

from pathlib import Path

from pelican import signals

from relais.plugins import incremental
from relais.plugins.core import abort_on_setting, contracts, report
from relais.plugins.core.build import connect
from relais.plugins.core.contracts import Contract

from .collect import collect
from .config import DEFAULTS, BadSetting, networks
from .feeds import feed_files

CONTEXT_KEY = "relay_feeds"
PENDING = "_RELAY_FEEDS_PENDING"


def _settings(pelican):
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    _leave_shared_paths_to_relay(pelican.settings)
    try:
        networks(pelican.settings)
    except BadSetting as bad:
        abort_on_setting(bad.setting, bad.problem, bad.expected)


def _leave_shared_paths_to_relay(settings):
    """In a site without the kit's settings, Pelican's own feeds default to the same
    files (feeds/all.atom.xml): those are relay_feeds' alone, not written twice."""
    for pelican_key, relay_key in (
        ("FEED_ALL_ATOM", "FEEDS_ALL_ATOM"),
        ("FEED_ALL_RSS", "FEEDS_ALL_RSS"),
    ):
        if settings.get(pelican_key) == settings[relay_key]:
            settings[pelican_key] = None


def _collect(generators):
    context, settings = generators[0].context, generators[0].settings
    errors = []
    relay = collect(context, settings, networks(settings), errors)
    for error in errors:
        report(error)  # core stops the build before anything is written
    context[CONTEXT_KEY] = relay
    # `finalized` only receives the Pelican object, whose settings are the generators' own.
    settings[PENDING] = (context, relay)


def _write(pelican):
    """After every other output: card images and copied static files exist by now."""
    pending = pelican.settings.pop(PENDING, None)
    if pending is None:
        return
    context, relay = pending
    memo = incremental.current()
    entry_keys = {}
    for path, feed in feed_files(relay, context, pelican.settings, pelican.output_path).items():
        # A feed's key is its whole content (entries carry their full text, dates, image
        # sizes), with the settings, kit and packages that write it (the reading key): a
        # post whose body or title changed makes again only the feeds that carry it.
        key = incremental.digest(memo.reading, feed.key(incremental.digest, entry_keys))
        memo.write(Path(pelican.output_path) / path, key, feed.render)


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract()


def register():
    contracts.check_at_start_up()
    connect(signals.initialized, _settings, __package__)
    connect(signals.all_generators_finalized, _collect, __package__)
    connect(signals.finalized, _write, __package__)
