"""The brochure cache: one folder per (PDF content, render settings), committed atomically.

A folder exists only once complete: pages are rendered into a temporary folder in
the same cache directory, the manifest is written last, then the folder is renamed
into place. An aborted build leaves at most a `.tmp-*` folder that no lookup reads.
"""

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from .params import RenderParams

MANIFEST = "manifest.json"
# Bump when the rendering code changes what it writes, so old entries stop matching.
# 2: links of each page and the outline (pdf_links.py).
FORMAT = 2


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class Digests:
    """The SHA-256 of each PDF, kept between builds (in the site's CACHE_PATH, not in the
    render cache that sites may share) for as long as the file is the one hashed (same
    inode, size and modification time): a rebuild does not read every brochure again
    (300 photo brochures are gigabytes). `path` None: nothing kept."""

    def __init__(self, path: Path | None):
        self.path = path
        try:
            self.known = json.loads(path.read_text(encoding="utf-8")) if path else {}
        except (OSError, ValueError):
            self.known = {}
        if not isinstance(self.known, dict):
            self.known = {}
        self.seen: dict[str, list] = {}

    def of(self, pdf: Path) -> str:
        stat = pdf.stat()
        stamp = [stat.st_ino, stat.st_size, stat.st_mtime_ns]
        name = str(pdf.resolve())
        entry = self.known.get(name)
        if not (isinstance(entry, list) and entry[:3] == stamp):
            entry = [*stamp, file_digest(pdf)]
        self.seen[name] = entry
        return entry[3]

    def save(self) -> None:
        """Keeps the PDFs of this build only."""
        if self.path and self.seen != self.known:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".tmp-{os.getpid()}-{self.path.name}")
            temporary.write_text(json.dumps(self.seen), encoding="utf-8")
            os.replace(temporary, self.path)


def entry_key(pdf_digest: str, params: RenderParams) -> str:
    """The PDF's hash, plus a short hash of how it is rendered."""
    recipe = json.dumps({"format": FORMAT, **asdict(params)}, sort_keys=True)
    return f"{pdf_digest}-{hashlib.sha256(recipe.encode()).hexdigest()[:8]}"


def load(root: Path, key: str) -> dict | None:
    try:
        return json.loads((root / key / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def new_workspace(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))


def commit(root: Path, key: str, workspace: Path, manifest: dict) -> None:
    (workspace / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    try:
        os.rename(workspace, root / key)
    except OSError:
        if load(root, key) is not None:
            # Another build committed the same entry first: same input, same pages; keep theirs.
            discard(workspace)
            return
        # A folder without a readable manifest is no entry (hand-edited?): set it aside.
        os.rename(root / key, tempfile.mkdtemp(prefix=".tmp-", dir=root) + "/broken")
        os.rename(workspace, root / key)


def discard(workspace: Path) -> None:
    shutil.rmtree(workspace, ignore_errors=True)


def sweep(root: Path, older_than_s: float = 86400) -> None:
    """Removes workspaces that aborted builds left behind (a day old: no build runs that long)."""
    if not root.is_dir():
        return
    for leftover in root.glob(".tmp-*"):
        if time.time() - leftover.stat().st_mtime > older_than_s:
            shutil.rmtree(leftover, ignore_errors=True)
