"""The publish's own brochure and card caches, each entry checked against its content hash.

The caches under cache/ are written by `make html` and `make serve` and can be edited by
hand: a publish never reads them. It keeps its own (location()), and after each
successful build records the SHA-256 of every file in it. Before the next build, an entry
(a brochure folder, a card file) whose files differ from that record in any way is
dropped and rendered again: what goes live is what a build from the commit draws.
"""

import hashlib
import json
import os
import shutil
from pathlib import Path

from relais.publish.git import git

RECORD = "sha256.json"


def git_folder() -> Path:
    """<git common dir>/relais: shared by the checkout's worktrees, never in a commit."""
    return Path(git("rev-parse", "--git-common-dir").strip()).resolve() / "relais"


def location() -> Path:
    """RELAIS_PUBLISH_CACHE (CI keeps it between runs), else <git common dir>/relais/."""
    configured = os.environ.get("RELAIS_PUBLISH_CACHE")
    return Path(configured).resolve() if configured else git_folder() / "publish-cache"


def digests(root: Path) -> dict[str, str]:
    """relative path → SHA-256 of every regular file; links are removed, never followed."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            if path.is_symlink():
                path.unlink()
            elif path.is_file() and path != root / RECORD:
                with path.open("rb") as stream:
                    digest = hashlib.file_digest(stream, "sha256").hexdigest()
                found[path.relative_to(root).as_posix()] = digest
    return found


def entries_of(paths) -> dict[str, set[str]]:
    """ "brochures/<key>/p1.jpg" → entry "brochures/<key>"; "cards/x.jpg" is its own entry."""
    grouped: dict[str, set[str]] = {}
    for path in paths:
        parts = path.split("/")
        grouped.setdefault("/".join(parts[:2]), set()).add(path)
    return grouped


def verify(root: Path) -> list[str]:
    """Drops every entry not exactly as the last build left it; returns their names."""
    try:
        recorded = json.loads((root / RECORD).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        recorded = {}
    found = digests(root)
    expected, present = entries_of(recorded), entries_of(found)
    dropped = []
    for entry, files in present.items():
        same = files == expected.get(entry) and all(found[f] == recorded[f] for f in files)
        if not same:
            remove(root / entry)
            dropped.append(entry)
    return sorted(dropped)


def record(root: Path) -> None:
    """Called once a build has succeeded: its cache is the reference for the next one."""
    temporary = root / f".{RECORD}.{os.getpid()}"
    temporary.write_text(json.dumps(digests(root), indent=0), encoding="utf-8")
    os.replace(temporary, root / RECORD)


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
