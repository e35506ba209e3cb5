"""The commit being published, checked out into a private folder: only committed work.

`make serve` rewriting output/, an unsaved or uncommitted edit, a file git ignores under
content/, a render cache under cache/: none of them is in the commit, so none of them
reaches the snapshot the site is built from.
"""

from pathlib import Path

from relais.publish.git import git


def check_out(commit: str, workspace: Path) -> Path:
    """Writes the files of `commit` into workspace/source, through a private index."""
    source = workspace / "source"
    index = {"GIT_INDEX_FILE": str(workspace / "source.index")}
    git("read-tree", commit, env=index)
    git("checkout-index", "--all", f"--prefix={source}/", env=index)
    return source


def left_out(site_folders: list[str]) -> list[str]:
    """Local changes the publish ignores: `git status` lines, plus ignored site files."""
    changes = git("status", "--porcelain", "--untracked-files=all").splitlines()
    ignored = git(
        "ls-files", "--others", "--ignored", "--exclude-standard", "--", *site_folders
    ).splitlines()
    return changes + [f"!! {path}" for path in ignored]
