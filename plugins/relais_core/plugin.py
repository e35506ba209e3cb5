import logging

from pelican import signals
from pelican.log import console

from .bounds import cap_tags, guard_markdown
from .errors import PelicanErrorCollector, abort_if_errors

_collector = PelicanErrorCollector()


def _announce_version(pelican):
    """The build log says which kit made the site (bug reports, upgrades)."""
    version = pelican.settings.get("RELAIS_VERSION")
    if version:
        console.print(f"relais {version}", markup=False, highlight=False)


def _watch_pelican_errors(_pelican):
    logger = logging.getLogger("pelican")
    if _collector not in logger.handlers:
        logger.addHandler(_collector)


def _stop_on_content_errors(_generators):
    abort_if_errors()


def register():
    signals.initialized.connect(_announce_version)
    signals.initialized.connect(_watch_pelican_errors)
    signals.all_generators_finalized.connect(_stop_on_content_errors)
    signals.readers_init.connect(guard_markdown)
    signals.content_object_init.connect(cap_tags)
