"""Commit the build for the publishing branch (git plumbing), check that commit, push it."""

import hashlib
import subprocess
from pathlib import Path

from relais.publish.git import git
from relais.publish.permanence import FINGERPRINTED
from relais.publish.refusal import Refused


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


def commit_tree(output: Path, previous: str | None, cname: str, message: str) -> str:
    """A commit of exactly output/ + .nojekyll (+ CNAME) on top of `previous`.

    Plain git plumbing with a private index: no branch moves until the push has
    succeeded, so an interrupted publish never leaves an unpushed commit on a branch.
    """
    files = _files(output)
    if any("\n" in name for name in files):
        raise Refused("un fichier construit a un saut de ligne dans son nom : impossible à publier")
    paths = "".join(f"{output / name}\n" for name in files)
    blobs = git("hash-object", "-w", "--no-filters", "--stdin-paths", stdin=paths).split()
    entries = dict(zip(files, blobs, strict=True))
    entries[".nojekyll"] = _blob(b"")
    if cname:
        entries["CNAME"] = _blob(cname.encode())
    index = {"GIT_INDEX_FILE": str(output.parent / "publish.index")}
    listing = "".join(f"100644 {blob}\t{name}\0" for name, blob in sorted(entries.items()))
    git("update-index", "-z", "--add", "--index-info", env=index, stdin=listing)
    tree = git("write-tree", env=index).strip()
    parents = ["-p", previous] if previous else []
    return git("commit-tree", tree, *parents, "-m", message).strip()


def _blob(data: bytes) -> str:
    """Stores `data` as a blob (bytes as they are, no conversion) and returns its id."""
    done = subprocess.run(
        ["git", "hash-object", "-w", "--no-filters", "--stdin"],
        input=data,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip()


def verify_commit(tip: str, previous: str | None, output: Path, cname: str, source: str) -> None:
    """The new commit is exactly output/ + .nojekyll (+ CNAME), on top of `previous`."""
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
        raise Refused(f"l’arbre du commit {tip[:12]} ne correspond pas au dossier construit")


def push(remote: str, branch: str, record: tuple[str, str | None], commit: str) -> None:
    """One atomic push of the branch and of the record: both arrive, or neither does.

    The branch is a plain push: git refuses it if someone else published since our
    fetch. The record (`record` = its name on the remote and the value fetched) moves
    even when not a fast-forward (after an accepted rewrite), but only from that value.
    """
    name, fetched = record
    git(
        "push",
        "--atomic",
        f"--force-with-lease={name}:{fetched or ''}",
        remote,
        f"{commit}:{branch}",
        f"{commit}:{name}",
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
