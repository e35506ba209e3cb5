"""Wires the relay feeds into Pelican: settings, content checks, then the feed files."""

import os
import tempfile
from pathlib import Path

from pelican import signals
from relais_core import abort_on_setting, report
from relais_core.errors import abort_if_errors

from .collect import collect
from .config import DEFAULTS, BadSetting, networks
from .feeds import feed_files

CONTEXT_KEY = "relay_feeds"
PENDING = "_RELAY_FEEDS_PENDING"


def _settings(pelican):
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)
    try:
        networks(pelican.settings)
    except BadSetting as bad:
        abort_on_setting(bad.setting, bad.problem, bad.expected)


def _collect(generators):
    context, settings = generators[0].context, generators[0].settings
    errors = []
    relay = collect(context, settings, networks(settings), errors)
    for error in errors:
        report(error)
    abort_if_errors()  # whichever handler runs first: nothing is written after an error
    context[CONTEXT_KEY] = relay
    # `finalized` only receives the Pelican object, whose settings are the generators' own.
    settings[PENDING] = (context, relay)


def _write(pelican):
    """After every other output: card images and copied static files exist by now."""
    pending = pelican.settings.pop(PENDING, None)
    if pending is None:
        return
    context, relay = pending
    for path, data in feed_files(relay, context, pelican.settings, pelican.output_path).items():
        write_atomically(Path(pelican.output_path) / path, data)


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def register():
    signals.initialized.connect(_settings)
    signals.all_generators_finalized.connect(_collect)
    signals.finalized.connect(_write)
