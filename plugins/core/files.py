"""Writing output and cache files so that no reader ever sees half of one.

Every output file a build makes or keeps goes through these helpers, which tell the
staging folder (staging.py) that the build produced it: what a build leaves unclaimed
from the last one (a renamed post's old page, a replaced brochure's extra pages) is
removed before the staging folder becomes output/.
"""

import os
import shutil
import tempfile
from pathlib import Path

from . import staging


def write_atomically(path: Path, data: bytes) -> None:
    """Readers (a serving `make serve`, a feed fetcher, a concurrent build) see the old
    file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600 files; web servers read as others
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    staging.claim(path)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Leaves a file holding these bytes already alone (its date too: rsync, browser and
    feed-reader caches see no change); True if it was written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            staging.claim(path)
            return False
    except OSError:
        pass
    write_atomically(path, data)
    return True


def place(source: Path, target: Path) -> None:
    """Puts a rendered file (from a render cache) at `target` in the output. The names of
    renders carry their content's hash: a file of the same name and size is this one.
    Never rewritten in place: `target` may be a hard link into the last output.

    The file is a hard link to the cache's (no bytes copied: a site's brochure images are
    hundreds of megabytes), a copy where the cache is on another file system. Cache
    entries are written once and never changed, and nothing writes into an output file
    in place, so the two never differ."""
    try:
        present = os.stat(target).st_size
    except OSError:
        present = None
    if present is None or present != os.stat(source).st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        try:
            os.link(source, target)
        except OSError:  # another file system, or links not allowed there
            shutil.copyfile(source, target)
    staging.claim(target)


def place_many(source_folder: Path, target_folder: Path, names) -> None:
    """place() for many renders of one cache folder going to one output folder. A target
    that is already the cache's file (the same inode: the hard link of the last build) is
    only claimed: two folder listings instead of a few file lookups each (a site's
    thousands of brochure images and cards, on every build)."""
    cached, present = _inodes(source_folder), _inodes(target_folder)
    for name in names:
        inode = present.get(name)
        if inode is not None and inode == cached.get(name):
            staging.claim(f"{target_folder}/{name}")
        else:
            place(source_folder / name, target_folder / name)


def _inodes(folder: Path) -> dict[str, int]:
    try:
        with os.scandir(folder) as entries:
            return {entry.name: entry.inode() for entry in entries}
    except OSError:
        return {}
