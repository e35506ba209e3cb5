from pathlib import Path

import jinja2
from pelican import signals
from pelican.log import console

from .memo import OutputMemo, current, digest, start
from .site_key import reading_key, stable
from .writer import ReusingWriter


def _defaults(pelican):
    settings = pelican.settings
    settings.setdefault("INCREMENTAL_RECORD_PATH", "")
    record = settings["INCREMENTAL_RECORD_PATH"] or Path(settings["CACHE_PATH"]) / "outputs.json"
    # Same switches as Pelican's content cache: LOAD_CONTENT_CACHE = False is a build from
    # scratch (every file made again); CACHE_CONTENT = False keeps no record.
    memo = OutputMemo(
        Path(record) if settings.get("CACHE_CONTENT") else None,
        reading=reading_key(settings),
        load=bool(settings.get("LOAD_CONTENT_CACHE")),
    )
    if memo.reading_changed:
        # Pelican trusts its content cache as long as file dates are unchanged; after a
        # settings, plugin or package change its cached HTML may be wrong: read again.
        settings["LOAD_CONTENT_CACHE"] = False
    start(memo)


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


def _writer(_pelican):
    return ReusingWriter


def _save(_pelican):
    memo = current()
    memo.save()
    # Printed like Pelican's own "Done:" line; tests and the benchmark read it.
    console.print(
        f"Fichiers : {memo.made} refait(s), {memo.reused} inchangé(s) repris",
        markup=False,
        highlight=False,
    )


def register():
    signals.initialized.connect(_defaults)
    signals.generator_init.connect(_template_cache)
    signals.get_writer.connect(_writer)
    signals.finalized.connect(_save)
