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
        detail = (done.stderr or done.stdout).strip().splitlines()
        hint = f"\n{fix}" if fix else ""
        raise Refused(f"git {args[0]} a échoué : {' / '.join(detail[-3:])}{hint}")
    return done.stdout if done.returncode == 0 else ""


def succeeds(*args: str) -> bool:
    return subprocess.run(["git", *args], capture_output=True, check=False).returncode == 0


def rev(ref: str) -> str | None:
    """The commit `ref` points to, or None when it does not exist."""
    out = git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False).strip()
    return out or None


def is_ancestor(older: str, newer: str) -> bool:
    return succeeds("merge-base", "--is-ancestor", older, newer)
