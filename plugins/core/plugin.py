import logging

from pelican import signals
from pelican.log import console

from . import contracts, guards, pelican_api, well_known
from .bounds import cap_tags, keep_refused_out_of_cache
from .build import connect, current
from .content_files import check_content_files
from .contracts import Contract
from .drafts import skip_broken_drafts, warn_about_drafts
from .errors import abort_if_errors, tr
from .links import check_links, forget_missing_static_links
from .metadata import check_extra_setting, check_fields
from .pelican_errors import PelicanErrorCollector, check_pelican_rules, name_failing_files
from .pelican_warnings import stop_watching, watch
from .placeholders import on_every_content
from .published_files import clean_published_files, remember_static_files
from .reading import use_checked_reader
from .root_links import check_root_links

_collector = PelicanErrorCollector()  # keeps nothing: it reports to the build under way


def _announce_version(pelican):
    """The build log says which kit made the site (bug reports, upgrades)."""
    version = pelican.settings.get("RELAIS_VERSION")
    if version:
        console.print(f"relais {version}", markup=False, highlight=False)


def _read_settings(pelican):
    pelican_api.require(
        pelican_api.CONTENT_NAMES,
        tr("relais ne peut pas lire ni vérifier le contenu",
           "relais cannot read or check the content"),
    )  # fmt: skip
    check_extra_setting(pelican.settings)


def _watch_pelican_errors(_pelican):
    """get_generators, at the start of every build (`make serve` builds again and again):
    from now until the build stops or starts writing, Pelican's errors become relais lines."""
    logging.getLogger("pelican").addHandler(_collector)
    # Collected errors are printed once, as relais lines, instead of Pelican's English.
    for handler in logging.getLogger().handlers:
        handler.addFilter(_leave_errors_to_relais)


def _leave_errors_to_relais(record) -> bool:
    return not (record.levelno == logging.ERROR and record.name.startswith("pelican"))


def _check_content(generators):
    """all_generators_finalized: core's own checks of the whole site."""
    settings = generators[0].settings
    check_content_files(settings, set(generators[0].context.get("static_content", {})))
    check_links(generators[0].context, settings)
    check_root_links(generators)
    current().extras["generators"] = generators


def stop_on_content_errors(pelican):
    """The one place a build stops for content errors: get_writer, the last signal before
    anything is written. Every plugin has reported by then (their all_generators_finalized
    handlers have all run, in any order), so the build lists every error at once.
    Errors in drafts become warnings (drafts.py)."""
    generators = current().extras.pop("generators", None)
    try:
        broken_drafts = warn_about_drafts(pelican.settings)
        abort_if_errors()
        if generators:
            skip_broken_drafts(generators, broken_drafts)
    finally:
        # Errors while writing (none expected) are Pelican's own again.
        logging.getLogger("pelican").removeHandler(_collector)
        for handler in logging.getLogger().handlers:
            handler.removeFilter(_leave_errors_to_relais)


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract()


def register():
    contracts.check_at_start_up()
    connect(signals.initialized, _announce_version, __package__)
    connect(signals.initialized, _read_settings, __package__)
    connect(signals.get_generators, _watch_pelican_errors, __package__)
    connect(signals.get_generators, watch, __package__)
    connect(signals.finalized, stop_watching, __package__)
    # Published images and PDFs without their author's metadata (published_files.py).
    connect(signals.static_generator_finalized, remember_static_files, __package__)
    connect(signals.finalized, clean_published_files, __package__)
    connect(signals.readers_init, use_checked_reader, __package__)
    connect(signals.readers_init, name_failing_files, __package__)
    connect(signals.content_object_init, check_fields, __package__)
    connect(signals.article_generator_finalized, forget_missing_static_links, __package__)
    connect(signals.page_generator_finalized, forget_missing_static_links, __package__)
    guards.register()
    well_known.register()
    connect(signals.all_generators_finalized, _check_content, __package__)
    # « à préciser »: shown in a preview, refused by make check and make publish.
    connect(signals.static_generator_finalized, on_every_content, __package__)
    connect(signals.get_writer, stop_on_content_errors, __package__)
    connect(signals.readers_init, keep_refused_out_of_cache, __package__)
    connect(signals.content_object_init, cap_tags, __package__)
    # Last of core's: a file Pelican would skip is not made at all (pelican_errors.py).
    connect(signals.content_object_init, check_pelican_rules, __package__)
