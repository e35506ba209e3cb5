"""The kit a publish builds with is the commit's.

The build and the gates run with the kit of the commit being published, installed from its
wheel ahead of the one installed in the environment: a kit file changed and not committed
never goes online. A site repository that does not hold the kit's sources (its kit
installed with pip) builds with the installed kit.

The install is kept in the publish's cache, named by the hash of the kit's files, with the
SHA-256 of every installed file: the next publish of the same kit reuses it only if none
of them changed (as the render caches, rendercache.py).
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from relais.publish.refusal import Refused
from relais.publish.rendercache import digests

KIT_SOURCES = ("pyproject.toml", "README.md", "src", "plugins", "theme")
RECORD = ".relais-kit.json"


def install_commit_kit(source: Path, cache: Path) -> Path | None:
    """The commit's kit (`source`: its files), installed in a folder of `cache`; None when
    the commit holds no kit."""
    if not _holds_the_kit(source):
        return None
    target = cache / source_key(source)
    if _intact(target):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".installing-"))
    try:
        _install(source, staging)
        record = _digests(staging)
        (staging / RECORD).write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
        shutil.rmtree(target, ignore_errors=True)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _forget_others(target)
    return target


def source_key(source: Path) -> str:
    """The SHA-256 of the kit's files (names and bytes) in the commit."""
    hasher = hashlib.sha256()
    for name in KIT_SOURCES:
        root = source / name
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                hasher.update(path.relative_to(source).as_posix().encode() + b"\0")
                hasher.update(path.read_bytes() + b"\0")
    return hasher.hexdigest()


def _install(source: Path, target: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--no-build-isolation", "--no-index", "--no-compile", "--target",
         str(target), str(source)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()][-3:]
        raise Refused("le kit du commit ne s’installe pas : " + " / ".join(lines))


def _intact(target: Path) -> bool:
    """Installed before, and not one of its files changed since."""
    try:
        record = json.loads((target / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return _digests(target) == record


def _digests(root: Path) -> dict[str, str]:
    """Every installed file's SHA-256; bytecode Python may have written aside."""
    return {
        name: digest
        for name, digest in digests(root).items()
        if name != RECORD and "__pycache__" not in name.split("/")
    }


def _forget_others(kept: Path) -> None:
    for other in kept.parent.iterdir():
        if other != kept and not other.name.startswith(".installing-"):
            shutil.rmtree(other, ignore_errors=True)


def _holds_the_kit(source: Path) -> bool:
    try:
        project = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return project.get("project", {}).get("name") == "relais"
