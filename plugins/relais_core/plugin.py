import logging

from pelican import signals
from pelican.log import console

from . import guards, well_known
from .bounds import cap_tags, keep_refused_out_of_cache
from .content_files import check_content_files
from .drafts import skip_broken_drafts, warn_about_drafts
from .errors import PelicanErrorCollector, abort_if_errors, set_language
from .links import check_links, forget_missing_static_links
from .metadata import check_extra_setting, check_fields
from .reading import use_checked_reader
from .root_links import check_root_links

_collector = PelicanErrorCollector()


def _announce_version(pelican):
    """The build log says which kit made the site (bug reports, upgrades)."""
    version = pelican.settings.get("RELAIS_VERSION")
    if version:
        console.print(f"relais {version}", markup=False, highlight=False)


def _read_settings(pelican):
    set_language(pelican.settings.get("DEFAULT_LANG"))
    check_extra_setting(pelican.settings)
    _collector.content_root = pelican.settings["PATH"]


def _watch_pelican_errors(_pelican):
    """get_generators, at the start of every build (`make serve` builds again and again):
    from now until the content is checked, Pelican's errors become relais lines."""
    logging.getLogger("pelican").addHandler(_collector)
    # Collected errors are printed once, as relais lines, instead of Pelican's English.
    for handler in logging.getLogger().handlers:
        handler.addFilter(_leave_errors_to_relais)


def _leave_errors_to_relais(record) -> bool:
    return not (record.levelno == logging.ERROR and record.name.startswith("pelican"))


def _stop_on_content_errors(generators):
    settings = generators[0].settings
    try:
        check_content_files(settings, set(generators[0].context.get("static_content", {})))
        check_links(generators[0].context, settings)
        check_root_links(generators)
        broken_drafts = warn_about_drafts(settings)
        abort_if_errors()
        skip_broken_drafts(generators, broken_drafts)
    finally:
        # Errors while writing (none expected) are Pelican's own again.
        logging.getLogger("pelican").removeHandler(_collector)
        for handler in logging.getLogger().handlers:
            handler.removeFilter(_leave_errors_to_relais)


def register():
    signals.initialized.connect(_announce_version)
    signals.initialized.connect(_read_settings)
    signals.get_generators.connect(_watch_pelican_errors)
    signals.readers_init.connect(use_checked_reader)
    signals.content_object_init.connect(check_fields)
    signals.article_generator_finalized.connect(forget_missing_static_links)
    signals.page_generator_finalized.connect(forget_missing_static_links)
    guards.register()  # before _stop_on_content_errors: what they find stops the build
    well_known.register()
    signals.all_generators_finalized.connect(_stop_on_content_errors)
    signals.readers_init.connect(keep_refused_out_of_cache)
    signals.content_object_init.connect(cap_tags)
