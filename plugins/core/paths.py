"""Author paths stay inside content/, output paths inside output/, ignored files stay unread.

A path is judged after resolving symlinks: `brochures/x.pdf` that is a link to
`../../.git/config` is outside content/, whatever its name says.
"""

import fnmatch
import os
import re
from pathlib import Path, PurePosixPath

from .errors import quoted, tr, tr_later

# Written in every error about a path that leaves content/.
OUTSIDE = tr_later("hors du dossier content/", "outside the content/ folder")


def is_inside(root, path) -> bool:
    """True when `path`, symlinks resolved, is `root` itself or under it."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    return os.path.commonpath([real_root, real]) == real_root


def is_ignored(relative: str, patterns) -> bool:
    """A file Pelican must never read: any part of its path matches IGNORE_FILES
    (`.env`, `x.md~`, `.git/config`, `images/.DS_Store`)."""
    parts = PurePosixPath(str(relative).replace(os.sep, "/")).parts
    return any(fnmatch.fnmatch(part, pattern) for part in parts for pattern in patterns)


def author_path(value) -> str:
    """`{static}/images/x.jpg`, `/images/x.jpg` and `images/x.jpg` name the same file."""
    return str(value).strip().removeprefix("{static}").lstrip("/")


# Where files of a computer live, never a site address: `/home/marie/…`, `C:\Users\…`.
_COMPUTER_PATH = re.compile(
    r"^(/(home|Users|tmp|mnt|media|var|root|private|opt|etc|srv)/|[A-Za-z]:[\\/]|\\\\)"
)


def content_file_problem(root, relative: str, patterns=(), written: str = "") -> str | None:
    """Why `relative` (as an author wrote it, relative to content/) cannot be published,
    or None when it names a file inside content/. `written`: the value as written, for
    an absolute path of the author's computer (`/tmp/…/x.pdf`), refused as such."""
    path = Path(root) / relative
    written = str(written).strip()
    if (
        written
        and not path.is_file()
        and (_COMPUTER_PATH.match(written) or (os.path.isabs(written) and os.path.exists(written)))
    ):
        return tr(
            f"« {written} » est un chemin absolu (un fichier de l’ordinateur) : les chemins "
            "absolus ne sont pas permis",
            f'"{written}" is an absolute path (a file of the computer): absolute paths are '
            "not allowed",
        )
    if not is_inside(root, path):
        return tr(f"« {relative} » mène {OUTSIDE}", f'"{relative}" leads {OUTSIDE}')
    if is_ignored(relative, patterns):
        return tr(
            f"« {relative} » est un fichier caché, de sauvegarde ou de dépôt, jamais publié",
            f'"{relative}" is a hidden, backup or repository file, never published',
        )
    if not path.is_file():
        return tr(
            f"le fichier « {relative} » est introuvable", f'the file "{relative}" is not found'
        )
    return None


def output_file(output, relative: str) -> Path:
    """output/relative; ValueError when it would land outside output/ (`../`, an
    absolute path, a symlink inside output/ pointing away)."""
    path = Path(output) / relative
    if os.path.isabs(relative) or not is_inside(output, path):
        raise ValueError(
            f"{quoted(relative)} "
            + tr("sortirait du dossier de sortie", "would leave the output folder")
        )
    return path


def outside_links(root, patterns=()) -> list[tuple[Path, str]]:
    """Symlinks under root (files or folders, not followed) that point outside it,
    with where they point; ignored files and folders are skipped (never read)."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        relative_folder = os.path.relpath(folder, root)
        dirs[:] = [d for d in dirs if not is_ignored(os.path.join(relative_folder, d), patterns)]
        for name in [*dirs, *files]:
            path = Path(folder, name)
            if not path.is_symlink() or is_ignored(os.path.join(relative_folder, name), patterns):
                continue
            if not is_inside(root, path):
                found.append((path, os.readlink(path)))
    return found
