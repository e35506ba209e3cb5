"""A failed build leaves output/ as it was: the build writes into a staging folder that
replaces output/ only once everything is written.

The staging folder (`.output.building` beside output/) starts as a copy of output/,
so that plugins/incremental keeps unchanged files and their dates. Most files are
*hard links* to output/'s (no bytes copied; bench/staging_bench.py measures the cost)
because their writers replace files whole (write to a temporary file, then rename: the old file
in output/ is untouched). Files that a writer may rewrite in place — Pelican's static
copies (STATIC_PATHS, the theme's files), the PyPI plugin pelican-sitemap's sitemap when a
site lists it — are copied instead, so rewriting them never reaches output/ (robots
replaces sitemap.xml whole). Pelican's own writer rewrites pages in place too:
without plugins/incremental's writer (not in PLUGINS, or an unknown Pelican, see
pelican_api.py) the staging folder starts empty and every file is written again.

When the build fails (a content error, an exception while writing) output/ is left
untouched and the staging folder is thrown away by the next build.

What the build makes or keeps is *claimed* (files.py's helpers, Pelican's content_written
signal, the static files Pelican copies). A file taken over from the last output that no
one claimed and no one wrote again (a third-party plugin may write without claiming)
belongs to nothing any more — a renamed or deleted post's page, the pages of a replaced
brochure — and is removed before the staging folder becomes output/. A build from scratch
and a rebuild then publish the same files.
"""

import os
import shutil
from pathlib import Path

from pelican import signals

from .build import current
from .contracts import plugin_name
from .drafts import left_out
from .theme_files import static_files

FINAL = "_RELAIS_OUTPUT_PATH"  # "_": incremental leaves it out of its keys
# True when pages are written by a writer that replaces files whole (plugins/incremental);
# Pelican's own writer rewrites a page in place, which would reach output/ through a link.
WHOLE_FILE_WRITER = "_RELAIS_WHOLE_FILE_WRITER"


class _Staging:
    """The staging folder of the build under way, and what it took over and produced."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        # Relative path (POSIX) → the file's (inode, size, mtime) when it was taken over.
        self.taken_over: dict[str, tuple[int, int, int]] = {}
        self.claimed: set[str] = set()

    def claim(self, path) -> None:
        if self.folder is not None:
            relative = os.path.relpath(os.path.abspath(path), self.folder)
            if not relative.startswith(".."):
                self.claimed.add(Path(relative).as_posix())

    def left_over(self) -> list[str]:
        """Files taken over that this build neither claimed nor wrote again."""
        return [
            relative
            for relative, stamp in self.taken_over.items()
            if relative not in self.claimed and _stamp(self.folder / relative) == stamp
        ]


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat(follow_symlinks=False)
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def _staging() -> _Staging:
    return current().extra("staging", _Staging)


def _staged() -> bool:
    return current().extras.get("staging") is not None


def claim(path) -> None:
    """The build made or kept this output file (files.py's helpers call it)."""
    _staging().claim(path)


def stage(pelican) -> None:
    """At `get_generators`, as each build starts: every generator and plugin it makes
    gets the staging folder as output."""
    final = Path(pelican.settings.get(FINAL) or pelican.output_path).absolute()
    staging = final.parent / f".{final.name}.building"
    pelican.settings[FINAL] = str(final)
    pelican.output_path = pelican.settings["OUTPUT_PATH"] = str(staging)
    state = current().extras["staging"] = _Staging(staging)
    if pelican.settings.get(WHOLE_FILE_WRITER):
        state.taken_over = _prepare(
            final, staging, _copied_prefixes(pelican.settings), left_out(pelican.settings)
        )
    else:
        _start_empty(staging)  # every file is written again
    # Each acts only in a build that staged. Connected again as every build stages: Pelican's
    # signals call receivers in the order they were connected, and `publish` must come after
    # every plugin's own `finalized` handler (feeds, sitemap, incremental), even those of
    # plugins first registered after an earlier build of this process staged.
    for signal, handler in (
        (signals.content_written, _page_written),
        (signals.all_generators_finalized, _claim_static_files),
        (signals.finalized, publish),
    ):
        signal.disconnect(handler)
        signal.connect(handler)


def _page_written(path, context=None) -> None:
    """Pelican's writer, or plugins/incremental's keeping a page as it was."""
    claim(path)


def _claim_static_files(generators) -> None:
    """What Pelican's static generator copies (once drafts' files are left out): the
    content's static files and the theme's."""
    if not _staged():
        return
    settings = generators[0].settings
    output = Path(settings["OUTPUT_PATH"])
    for static in generators[0].context.get("staticfiles", []):
        claim(output / static.save_as)
    theme = settings.get("THEME_STATIC_DIR", "theme")
    for relative in static_files(settings):
        claim(output / theme / relative)


def publish(pelican) -> None:
    """At the end of `finalized`: what no one claimed is removed, then the staging folder
    becomes output/."""
    if not _staged():
        return
    final, staging = Path(pelican.settings[FINAL]), Path(pelican.output_path)
    _remove_unclaimed(staging)
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


def _remove_unclaimed(staging: Path) -> None:
    for relative in _staging().left_over():
        (staging / relative).unlink(missing_ok=True)
    # Folders left empty, deepest first (a deleted post's blog/<slug>/).
    for folder, _dirs, _files in sorted(os.walk(staging), key=lambda entry: -len(entry[0])):
        if folder != str(staging) and not os.listdir(folder):
            os.rmdir(folder)


def _prepare(final: Path, staging: Path, copied: tuple[str, ...], left: set[str]) -> dict:
    """Fills the staging folder with the last output's files; returns their stamps."""
    _start_empty(staging)
    taken_over: dict[str, tuple[int, int, int]] = {}
    if not final.is_dir():
        return taken_over
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
            taken_over[Path(path).as_posix()] = _stamp(target / name)
    return taken_over
