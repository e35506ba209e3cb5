import logging

from pelican import signals

from .errors import PelicanErrorCollector, abort_if_errors

_collector = PelicanErrorCollector()


def _watch_pelican_errors(_pelican):
    logger = logging.getLogger("pelican")
    if _collector not in logger.handlers:
        logger.addHandler(_collector)


def _stop_on_content_errors(_generators):
    abort_if_errors()


def register():
    signals.initialized.connect(_watch_pelican_errors)
    signals.all_generators_finalized.connect(_stop_on_content_errors)
