"""A failed build leaves output/ as it was: the build writes into a staging folder that
replaces output/ only once everything is written.

The staging folder (`.output.building` beside output/) starts as a copy of output/,
so that plugins/incremental keeps unchanged files and their dates. Most files are
*hard links* to output/'s (no bytes copied; bench/staging_bench.py measures the cost)
because their writers replace files whole (write to a temporary file, then rename: the old file
in output/ is untouched). Files that a writer may rewrite in place — Pelican's static
copies (STATIC_PATHS, the theme's files), the PyPI plugin pelican-sitemap's sitemap when a
site lists it — are copied instead, so rewriting them never reaches output/ (relais_robots
replaces sitemap.xml whole). Pelican's own writer rewrites pages in place too:
without plugins/incremental's writer (not in PLUGINS, or an unknown Pelican, see
pelican_api.py) the staging folder starts empty and every file is written again.

When the build fails (a content error, an exception while writing) output/ is left
untouched and the staging folder is thrown away by the next build.
"""

import os
import shutil
from pathlib import Path

from pelican import signals

from .contracts import plugin_name
from .drafts import left_out

FINAL = "_RELAIS_OUTPUT_PATH"  # "_": incremental leaves it out of its keys
# True when pages are written by a writer that replaces files whole (plugins/incremental);
# Pelican's own writer rewrites a page in place, which would reach output/ through a link.
WHOLE_FILE_WRITER = "_RELAIS_WHOLE_FILE_WRITER"


def stage(pelican) -> None:
    """At `get_generators`, as each build starts: every generator and plugin it makes
    gets the staging folder as output."""
    final = Path(pelican.settings.get(FINAL) or pelican.output_path).absolute()
    staging = final.parent / f".{final.name}.building"
    pelican.settings[FINAL] = str(final)
    pelican.output_path = pelican.settings["OUTPUT_PATH"] = str(staging)
    if pelican.settings.get(WHOLE_FILE_WRITER):
        _prepare(final, staging, _copied_prefixes(pelican.settings), left_out(pelican.settings))
    else:
        _start_empty(staging)  # every file is written again
    # Connected now, after every plugin's own `finalized` handler (sitemap, incremental).
    signals.finalized.connect(publish)


def publish(pelican) -> None:
    """At the end of `finalized`: the staging folder becomes output/."""
    final, staging = Path(pelican.settings[FINAL]), Path(pelican.output_path)
    previous = final.parent / f".{final.name}.previous"
    shutil.rmtree(previous, ignore_errors=True)
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)
    pelican.output_path = pelican.settings["OUTPUT_PATH"] = str(final)


def _copied_prefixes(settings) -> tuple[str, ...]:
    """Output paths whose files a writer may rewrite in place (shutil.copy2, open "w")."""
    prefixes = [f"{settings.get('THEME_STATIC_DIR', 'theme')}/"]
    if "sitemap" in {plugin_name(plugin) for plugin in settings.get("PLUGINS", [])}:
        prefixes.append("sitemap.")  # pelican-sitemap opens it with "w"
    prefixes += [f"{path.strip('/')}/" for path in settings.get("STATIC_PATHS", [])]
    prefixes += [
        str(v.get("save_as", "")) for v in settings.get("EXTRA_PATH_METADATA", {}).values()
    ]
    return tuple(prefix for prefix in prefixes if prefix)


def _start_empty(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)  # what a failed build left
    staging.mkdir(parents=True)


def _prepare(final: Path, staging: Path, copied: tuple[str, ...], left: set[str]) -> None:
    _start_empty(staging)
    if not final.is_dir():
        return
    for folder, dirs, files in os.walk(final):
        relative = os.path.relpath(folder, final)
        if relative == ".":
            dirs[:] = [name for name in dirs if name not in left]
        target = staging / relative
        for name in dirs:
            (target / name).mkdir()
        for name in files:
            path = os.path.normpath(os.path.join(relative, name))
            if path.startswith(copied) or os.path.islink(os.path.join(folder, name)):
                shutil.copy2(os.path.join(folder, name), target / name, follow_symlinks=False)
            else:
                os.link(os.path.join(folder, name), target / name)
