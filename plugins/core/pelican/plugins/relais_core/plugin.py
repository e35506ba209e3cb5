import logging

from pelican import signals
from pelican.log import console

from . import contracts, guards, pelican_api, well_known
from .bounds import cap_tags, keep_refused_out_of_cache
from .content_files import check_content_files
from .drafts import skip_broken_drafts, warn_about_drafts
from .errors import abort_if_errors, set_language, tr
from .links import check_links, forget_missing_static_links
from .metadata import check_extra_setting, check_fields
from .pelican_errors import PelicanErrorCollector, check_pelican_rules, name_failing_files
from .reading import use_checked_reader
from .root_links import check_root_links

_collector = PelicanErrorCollector()
# The generators of this build, from all_generators_finalized to the stop (settings: the
# only object both signals reach; "_" keeps it out of incremental's keys).
GENERATORS = "_RELAIS_GENERATORS"


def _announce_version(pelican):
    """The build log says which kit made the site (bug reports, upgrades)."""
    version = pelican.settings.get("RELAIS_VERSION")
    if version:
        console.print(f"relais {version}", markup=False, highlight=False)


def _read_settings(pelican):
    set_language(pelican.settings.get("DEFAULT_LANG"))
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
    """all_generators_finalized: relais_core's own checks of the whole site."""
    settings = generators[0].settings
    check_content_files(settings, set(generators[0].context.get("static_content", {})))
    check_links(generators[0].context, settings)
    check_root_links(generators)
    settings[GENERATORS] = generators


def stop_on_content_errors(pelican):
    """The one place a build stops for content errors: get_writer, the last signal before
    anything is written. Every plugin has reported by then (their all_generators_finalized
    handlers have all run, in any order), so the build lists every error at once.
    Errors in drafts become warnings (drafts.py)."""
    generators = pelican.settings.pop(GENERATORS, None)
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


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {}
AFTER = {}
ADDS = {"content": [], "context": []}


def register():
    contracts.declare(__package__, NEEDS, AFTER)
    signals.initialized.connect(_announce_version)
    signals.initialized.connect(_read_settings)
    signals.get_generators.connect(_watch_pelican_errors)
    signals.readers_init.connect(use_checked_reader)
    signals.readers_init.connect(name_failing_files)
    signals.content_object_init.connect(check_fields)
    signals.article_generator_finalized.connect(forget_missing_static_links)
    signals.page_generator_finalized.connect(forget_missing_static_links)
    guards.register()
    well_known.register()
    signals.all_generators_finalized.connect(_check_content)
    signals.get_writer.connect(stop_on_content_errors)
    signals.readers_init.connect(keep_refused_out_of_cache)
    signals.content_object_init.connect(cap_tags)
    # Last of relais_core's: a file Pelican would skip is not made at all (pelican_errors.py).
    signals.content_object_init.connect(check_pelican_rules)
