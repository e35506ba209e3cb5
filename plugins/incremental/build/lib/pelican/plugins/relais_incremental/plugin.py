from pathlib import Path

import jinja2
from pelican import signals
from pelican.log import console
from pelican.plugins.relais_core import contracts, tr
from pelican.plugins.relais_core.errors import warn
from pelican.plugins.relais_core.pelican_api import problem
from pelican.plugins.relais_core.staging import WHOLE_FILE_WRITER

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
    (trim_blocks, extensions…): each set of options gets its own folder.
    """
    settings = generator.settings
    if not settings.get("CACHE_CONTENT"):
        return
    options = digest(jinja2.__version__, stable(settings["JINJA_ENVIRONMENT"]))
    folder = Path(settings["CACHE_PATH"]) / "jinja" / options
    folder.mkdir(parents=True, exist_ok=True)
    generator.env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def _writer(pelican):
    """Once per build (`pelican --autoreload` builds many times in one process): a
    memo read afresh from the record the previous build saved.

    On a Pelican whose private writer hook relais does not know (relais_core.pelican_api),
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


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {}
AFTER = {}
ADDS = {"content": [], "context": []}


def register():
    contracts.declare(__package__, NEEDS, AFTER, last=True)
    signals.initialized.connect(_check_reading)
    signals.generator_init.connect(_template_cache)
    signals.get_writer.connect(_writer)
    signals.finalized.connect(_save)
