from pathlib import Path

import jinja2
from pelican import signals
from pelican.log import console

from relais.plugins.core import contracts
from relais.plugins.core.build import connect
from relais.plugins.core.contracts import Contract, tr
from relais.plugins.core.errors import warn
from relais.plugins.core.pelican_api import problem
from relais.plugins.core.staging import WHOLE_FILE_WRITER

from .memo import OutputMemo, current, digest, start
from .site_key import reading_key, stable
from .writer import ReusingWriter

# Plugin state in settings; "_" keeps it out of the keys (see site_key.reading_key).
READING = "_INCREMENTAL_READING_KEY"
WANTED_LOAD = "_INCREMENTAL_LOAD_CONTENT_CACHE"


def _check_reading(pelican):
    """Before any content is read: may Pelican trust its content cache?"""
    settings = pelican.settings
    settings.setdefault("INCREMENTAL_RECORD_PATH", "")
    settings[READING] = reading_key(settings)
    settings[WANTED_LOAD] = settings.get("LOAD_CONTENT_CACHE")
    # This plugin's writer replaces pages whole: the staging folder may share output/'s files.
    settings[WHOLE_FILE_WRITER] = problem() is None
    if _memo(settings).reading_changed:
        # Pelican trusts its content cache as long as file dates are unchanged; after a
        # settings, plugin or package change its cached HTML may be wrong: read again.
        settings["LOAD_CONTENT_CACHE"] = False


def _memo(settings) -> OutputMemo:
    # Same switches as Pelican's content cache: LOAD_CONTENT_CACHE = False is a build from
    # scratch (every file made again); CACHE_CONTENT = False keeps no record.
    record = settings["INCREMENTAL_RECORD_PATH"] or Path(settings["CACHE_PATH"]) / "outputs.json"
    return OutputMemo(
        Path(record) if settings.get("CACHE_CONTENT") else None,
        reading=settings[READING],
        load=bool(settings.get("LOAD_CONTENT_CACHE")),
    )


def _template_cache(generator):
    """Compiled templates kept between builds (Jinja checks each template's source).

    Jinja does not check the environment's options, which change the compiled code
    (trim_blocks, extensions…): each set of options gets its own folder. A build from
    scratch keeps it too: compiled code depends on the templates and options only, never
    on content, so it cannot carry one build's state into another.
    """
    settings = generator.settings
    shared = settings.get("TEMPLATE_CACHE_PATH")
    if not (shared or settings.get("CACHE_CONTENT")):
        return
    options = digest(jinja2.__version__, stable(settings["JINJA_ENVIRONMENT"]))
    folder = Path(shared or Path(settings["CACHE_PATH"]) / "jinja") / options
    folder.mkdir(parents=True, exist_ok=True)
    generator.env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def _writer(pelican):
    """Once per build (`pelican --autoreload` builds many times in one process): a
    memo read afresh from the record the previous build saved.

    On a Pelican whose private writer hook relais does not know (core.pelican_api),
    Pelican's own writer makes every page again: same output, slower, one warning line.
    """
    why = problem()
    if why is not None:
        warn(
            tr(
                f"{why} : chaque page est refaite par Pelican (même résultat, plus lentement)",
                f"{why}: Pelican makes every page again (same output, slower)",
            )
        )
        start(OutputMemo())
        return None
    start(_memo(pelican.settings))
    return ReusingWriter


def _save(pelican):
    memo = current()
    memo.save()
    # The caches now match these settings: a next build in this process may use them.
    pelican.settings["LOAD_CONTENT_CACHE"] = pelican.settings[WANTED_LOAD]
    # Printed like Pelican's own "Done:" line; tests and the benchmark read it.
    console.print(
        tr(
            f"Fichiers : {memo.made} refait(s), {memo.reused} inchangé(s) repris",
            f"Files: {memo.made} made again, {memo.reused} unchanged reused",
        ),
        markup=False,
        highlight=False,
    )


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract(last=True)


def register():
    contracts.check_at_start_up()
    connect(signals.initialized, _check_reading, __package__)
    connect(signals.generator_init, _template_cache, __package__)
    connect(signals.get_writer, _writer, __package__)
    connect(signals.finalized, _save, __package__)
