"""Thin wrapper over the git command line: output as text, failures as Refused."""

import os
import subprocess

from relais.publish.refusal import Refused


def git(
    *args: str, check: bool = True, fix: str = "", env: dict | None = None, stdin: str = ""
) -> str:
    """Runs git; on failure raises Refused quoting git's own message and `fix`."""
    done = subprocess.run(
        ["git", *args],
        capture_output=True,
        text=True,
        check=False,
        input=stdin or None,
        env={**os.environ, **env} if env else None,
    )
    if check and done.returncode != 0:
        raise Refused(f"git {args[0]} a échoué : {said(done)}" + (f"\n{fix}" if fix else ""))
    return done.stdout if done.returncode == 0 else ""


def said(done: subprocess.CompletedProcess) -> str:
    """What git said, on one line: its first line (the reason: "Could not resolve host",
    "does not appear to be a git repository") and its last two (what to check)."""
    lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
    shown = lines if len(lines) <= 3 else [lines[0], *lines[-2:]]
    return " / ".join(shown)


def succeeds(*args: str) -> bool:
    return subprocess.run(["git", *args], capture_output=True, check=False).returncode == 0


def rev(ref: str) -> str | None:
    """The commit `ref` points to, or None when it does not exist."""
    out = git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False).strip()
    return out or None


def is_ancestor(older: str, newer: str) -> bool:
    return succeeds("merge-base", "--is-ancestor", older, newer)
