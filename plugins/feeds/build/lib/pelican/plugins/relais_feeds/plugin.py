"""Wires the relay feeds into Pelican: settings, content checks, then the feed files."""

from pathlib import Path

from pelican import signals
from pelican.plugins import relais_incremental as incremental
from pelican.plugins.relais_core import abort_on_setting, contracts, report

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
        report(error)  # relais_core stops the build before anything is written
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
    site = memo.site_key(context, pelican.settings)
    for path, feed in feed_files(relay, context, pelican.settings, pelican.output_path).items():
        # A feed's key is its whole content (entries carry their full text), so a post
        # whose body changed makes again only the feeds that carry it.
        memo.write(Path(pelican.output_path) / path, incremental.digest(site, feed), feed.render)


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {}
AFTER = {}
ADDS = {"content": [], "context": ["relay_feeds"]}


def register():
    contracts.declare(__package__, NEEDS, AFTER)
    signals.initialized.connect(_settings)
    signals.all_generators_finalized.connect(_collect)
    signals.finalized.connect(_write)
