"""Commit the build on the publishing branch (ghp-import), check that commit, push it."""

import hashlib
import subprocess
import sys
from pathlib import Path

from publish.git import git
from publish.permanence import FINGERPRINTED
from publish.refusal import Refused


def carry_fingerprinted(output: Path, remote_ref: str, static_dir: str) -> list[str]:
    """Keeps the previous deploy's hashed CSS/JS, for pages still in browser/CDN caches.

    Only the files the previous build itself wrote (its fingerprints.txt), so old
    names live for one deploy and never pile up.
    """
    listed = git("show", f"{remote_ref}:{static_dir}/fingerprints.txt", check=False)
    kept = []
    for name in listed.split():
        path = f"{static_dir}/{name}"
        if FINGERPRINTED.search(name) and not (output / path).exists():
            blob = subprocess.run(
                ["git", "show", f"{remote_ref}:{path}"], capture_output=True, check=False
            )
            if blob.returncode == 0:
                (output / path).parent.mkdir(parents=True, exist_ok=True)
                (output / path).write_bytes(blob.stdout)
                kept.append(path)
    return kept


def commit_site(output: Path, remote: str, branch: str, cname: str, message: str) -> None:
    """ghp-import without -p/-f/-o: one new commit on top of the fetched remote tip."""
    command = [sys.executable, "-m", "ghp_import", "-n", "-m", message, "-r", remote, "-b", branch]
    if cname:
        command += ["-c", cname]
    done = subprocess.run([*command, str(output)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise Refused(f"ghp-import a échoué : {(done.stderr or done.stdout).strip()}")


def verify_commit(branch: str, previous: str | None, output: Path, cname: str, source: str) -> str:
    """The new commit is exactly output/ + .nojekyll (+ CNAME), on top of `previous`."""
    tip = git("rev-parse", f"refs/heads/{branch}").strip()
    parents = git("rev-list", "--parents", "-n", "1", tip).split()[1:]
    if parents != ([previous] if previous else []):
        raise Refused(f"le commit {tip[:12]} n’est pas construit sur {previous or 'rien'}")
    if source not in git("log", "-1", "--format=%B", tip):
        raise Refused(f"le message du commit {tip[:12]} ne nomme pas la source {source}")
    expected = {path: blob_id(output / path) for path in _files(output)}
    expected[".nojekyll"] = blob_id_of(b"")
    if cname:
        expected["CNAME"] = blob_id_of(cname.encode())
    if tree_blobs(tip) != expected:
        raise Refused(f"l’arbre du commit {tip[:12]} ne correspond pas au dossier {output}")
    return tip


def push(remote: str, branch: str) -> None:
    """Plain push: git refuses it if someone else published since our fetch."""
    git(
        "push",
        remote,
        f"refs/heads/{branch}:refs/heads/{branch}",
        fix="Quelqu’un a peut-être publié entre-temps : relancez `make publish`.",
    )


def tree_blobs(commit: str) -> dict[str, str]:
    out = git("ls-tree", "-r", "-z", commit)
    blobs = {}
    for entry in filter(None, out.split("\0")):
        meta, path = entry.split("\t", 1)
        blobs[path] = meta.split()[2]
    return blobs


def blob_id(path: Path) -> str:
    return blob_id_of(path.read_bytes())


def blob_id_of(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _files(output: Path) -> list[str]:
    return [p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()]
