"""A failed build leaves output/ as it was: the build writes into a staging folder that
replaces output/ only once everything is written.

The staging folder (`.output.building` beside output/) starts as a copy of output/,
so that plugins/incremental keeps unchanged files and their dates. Most files are
*hard links* to output/'s (no bytes copied; bench/staging_bench.py measures the cost)
because their writers replace files whole (write to a temporary file, then rename: the old file
in output/ is untouched). Files that a writer may rewrite in place — the theme's files,
which Pelican copies on every build, the PyPI plugin pelican-sitemap's sitemap when a
site lists it — are copied instead, so rewriting them never reaches output/ (robots
replaces sitemap.xml whole). The content's static files (brochure PDFs, images) are linked
too: before Pelican copies them, a staged one that is no longer its source's copy (size and
modification time, which the copy is given) is unlinked, so Pelican writes a new file
instead of rewriting output/'s; an unchanged one is not copied at all
(`STATIC_CHECK_IF_MODIFIED`). Pelican's own writer rewrites pages in place too:
without plugins/incremental's writer (not in PLUGINS, or an unknown Pelican, see
pelican_api.py) the staging folder starts empty and every file is written again.

The folder output/ replaced is kept (`.output.previous`): the next build makes its staging
folder from it, linking or removing only the files that differ from output/'s (a rebuild
changes few), instead of linking every file into a new folder and deleting the old one.

When the build fails (a content error, an exception while writing) output/ is left
untouched and the next build makes its staging folder from what this one left.

What the build makes or keeps is *claimed* (files.py's helpers, Pelican's content_written
signal, the static files Pelican copies). A file taken over from the last output that no
one claimed and no one wrote again (a third-party plugin may write without claiming)
belongs to nothing any more — a renamed or deleted post's page, the pages of a replaced
brochure — and is removed before the staging folder becomes output/. A build from scratch
and a rebuild then publish the same files.
"""

import contextlib
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
        self._prefix = ""
        # Relative path (POSIX) → the stamp (_stamp: inode, size, mtime) of a file taken
        # over from the last output that nothing claimed yet (a claim removes it).
        self.taken_over: dict[str, int] = {}
        # Static files Pelican copies in this build: (copy, source), given the source's date.
        self.static_copies: list[tuple[str, str]] = []
        # Folders of the last output that held nothing: removed unless something is written.
        self.empty: list[str] = []

    def claim(self, path) -> None:
        if self.folder is None:
            return
        text = os.fspath(path)
        prefix = self._prefix or self._set_prefix()
        if text.startswith(prefix):
            relative = text[len(prefix) :]
            if not ("//" in relative or "./" in relative or relative.endswith((".", "/"))):
                self.taken_over.pop(relative, None)  # the common case: a plain path inside
                return
        relative = os.path.relpath(os.path.abspath(text), self.folder)
        if not relative.startswith(".."):
            self.taken_over.pop(Path(relative).as_posix(), None)

    def _set_prefix(self) -> str:
        self._prefix = f"{os.path.abspath(self.folder)}/" if os.sep == "/" else "\0"
        return self._prefix

    def left_over(self) -> list[str]:
        """Files taken over that this build neither claimed nor wrote again."""
        return [
            relative
            for relative, stamp in self.taken_over.items()
            if _stamp(self.folder / relative) == stamp
        ]


def _stamp(path: Path) -> int | None:
    """The file's inode, size and modification time, in one number (a few bytes each, for
    the thousands of files a build takes over)."""
    try:
        stat = path.stat(follow_symlinks=False)
    except OSError:
        return None
    return hash((stat.st_ino, stat.st_size, stat.st_mtime_ns))


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
        state.taken_over, state.empty = _prepare(
            final, staging, _copied_prefixes(pelican.settings), left_out(pelican.settings)
        )
    else:
        _start_empty(final, staging)  # every file is written again
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
    content's static files and the theme's. A staged static file that is not its source's
    copy any more is unlinked first: Pelican copies it in place (shutil.copyfile), which
    through a hard link would rewrite output/'s file."""
    if not _staged():
        return
    settings = generators[0].settings
    output = Path(settings["OUTPUT_PATH"])
    state = _staging()
    links = settings.get("STATIC_CREATE_LINKS")  # Pelican unlinks before linking
    checked = settings.get("STATIC_CHECK_IF_MODIFIED") and not links
    for static in generators[0].context.get("staticfiles", []):
        target = output / static.save_as
        claim(target)
        if links:
            continue
        source = os.path.join(settings["PATH"], static.source_path)
        if checked and _same_copy(target, source):
            continue  # Pelican leaves it: not newer than its copy
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        state.static_copies.append((str(target), source))
    theme = settings.get("THEME_STATIC_DIR", "theme")
    for relative in static_files(settings):
        claim(output / theme / relative)


def _same_copy(target: Path, source: str) -> bool:
    try:
        copy, original = target.stat(follow_symlinks=False), os.stat(source)
    except OSError:
        return False
    return (copy.st_size, copy.st_mtime_ns) == (original.st_size, original.st_mtime_ns)


def _date_static_copies() -> None:
    """A static file's copy gets its source's date: the next build sees it is current."""
    for target, source in _staging().static_copies:
        with contextlib.suppress(OSError):
            stat = os.stat(source)
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns), follow_symlinks=False)


def publish(pelican) -> None:
    """At the end of `finalized`: what no one claimed is removed, then the staging folder
    becomes output/."""
    if not _staged():
        return
    final, staging = Path(pelican.settings[FINAL]), Path(pelican.output_path)
    _date_static_copies()
    _remove_unclaimed(staging)
    previous = _previous(final)
    _remove(previous)
    if final.exists():
        final.rename(previous)  # kept: the next build's staging folder is made from it
    staging.rename(final)
    pelican.output_path = pelican.settings["OUTPUT_PATH"] = str(final)


def _previous(final: Path) -> Path:
    return final.parent / f".{final.name}.previous"


def _copied_prefixes(settings) -> tuple[str, ...]:
    """Output paths whose files a writer may rewrite in place (shutil.copyfile, open "w");
    the content's static files are unlinked before Pelican copies them
    (_claim_static_files)."""
    prefixes = [f"{settings.get('THEME_STATIC_DIR', 'theme')}/"]
    if "sitemap" in {plugin_name(plugin) for plugin in settings.get("PLUGINS", [])}:
        prefixes.append("sitemap.")  # pelican-sitemap opens it with "w"
    return tuple(prefix for prefix in prefixes if prefix)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def _start_empty(final: Path, staging: Path) -> None:
    _remove(staging)  # what a failed build left
    _remove(_previous(final))
    staging.mkdir(parents=True)


def _remove_unclaimed(staging: Path) -> None:
    folders = set(_staging().empty)
    for relative in _staging().left_over():
        (staging / relative).unlink(missing_ok=True)
        folders.add(os.path.dirname(relative))
    # Folders left empty (a deleted post's blog/<slug>/), deepest first, then their parents.
    for relative in sorted(folders, key=len, reverse=True):
        while relative:
            folder = staging / relative
            try:
                folder.rmdir()  # only when empty
            except OSError:
                break
            relative = os.path.dirname(relative)


def _prepare(final: Path, staging: Path, copied: tuple[str, ...], left: set[str]):
    """Makes the staging folder hold the last output's files; returns their stamps and the
    folders that hold nothing.

    It starts from what a failed build left, else from the folder the last build replaced
    (`.output.previous`): most of their files are output/'s already (the same inode), so
    only the files that differ are linked, copied or removed.
    """
    previous = _previous(final)
    if staging.is_dir() and not staging.is_symlink():
        _remove(previous)
    elif previous.is_dir() and not previous.is_symlink():
        _remove(staging)
        previous.rename(staging)
    else:
        _start_empty(final, staging)
    taken_over: dict[str, int] = {}
    empty: list[str] = []
    if not final.is_dir():
        _clear(staging)
        return taken_over, empty
    _mirror(str(final), str(staging), "", copied, left, (taken_over, empty))
    return taken_over, empty


def _clear(folder: Path) -> None:
    for entry in os.scandir(folder):
        _remove(Path(entry.path))


def _mirror(source: str, target: str, relative: str, copied, left, found) -> None:
    """Makes folder `target` hold what `source` holds: the same files (hard links; copies
    for the `copied` prefixes and symbolic links) and folders, nothing else. `found`: the
    stamps of the files (relative path → stamp) and the empty folders, filled in."""
    taken_over, empty = found
    here = {entry.name: entry for entry in os.scandir(target)}
    entries = list(os.scandir(source))
    if not entries and relative:
        empty.append(relative.rstrip("/"))
    for entry in entries:
        name = entry.name
        path = f"{relative}{name}"
        if not relative and name in left:
            continue
        present = here.pop(name, None)
        into = os.path.join(target, name)
        if entry.is_dir(follow_symlinks=False):
            if present is not None and not present.is_dir(follow_symlinks=False):
                os.unlink(into)
                present = None
            if present is None:
                os.mkdir(into)
            _mirror(entry.path, into, f"{path}/", copied, left, found)
            continue
        if path.startswith(copied) or entry.is_symlink():
            if present is not None:
                _remove(Path(into))
            shutil.copy2(entry.path, into, follow_symlinks=False)
            stamp = _stamp(Path(into))
        else:
            stat = entry.stat(follow_symlinks=False)
            if (
                present is None
                or present.is_dir(follow_symlinks=False)
                or (present.inode() != stat.st_ino)
            ):
                if present is not None:
                    _remove(Path(into))
                os.link(entry.path, into)
            stamp = hash((stat.st_ino, stat.st_size, stat.st_mtime_ns))
        taken_over[path] = stamp
    for name in here:  # not in the last output
        _remove(Path(target, name))
