"""Content errors: one line each, naming the file, the field and what to write."""

import logging
import os
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class ContentError(Exception):
    path: str
    field: str
    problem: str
    expected: str = ""

    def __str__(self):
        where = _relative(self.path)
        hint = f" — attendu : {self.expected}" if self.expected else ""
        return f"{where}: champ « {self.field} » : {self.problem}{hint}"


_errors: list[str] = []


def report(error: ContentError | str) -> None:
    """Record an error; the build stops once every file has been read."""
    message = str(error)
    if message not in _errors:
        _errors.append(message)


def reported_errors() -> list[str]:
    return list(_errors)


class PelicanErrorCollector(logging.Handler):
    """Turns Pelican's own content errors (it logs them and skips the file) into build errors.

    Without it a post with a malformed date silently disappears from the site.
    """

    def __init__(self):
        super().__init__(level=logging.ERROR)

    def emit(self, record):
        lines = [line.strip() for line in record.getMessage().splitlines() if line.strip()]
        report(" — ".join(lines))


def abort_if_errors() -> None:
    """Print every recorded error and exit 1 before any output is written.

    SystemExit rather than an exception: Pelican prints a traceback for
    exceptions, and a traceback is not a message an author can act on. Errors go
    straight to stderr so `--fatal warnings` cannot turn the first into a crash.
    """
    if not _errors:
        return
    errors = list(_errors)
    _errors.clear()
    for error in errors:
        sys.stderr.write(f"ERREUR {error}\n")
    count = len(errors)
    sys.stderr.write(
        f"La construction est arrêtée : {count} erreur(s) dans le contenu, rien n’a été écrit.\n"
    )
    raise SystemExit(1)


def abort_on_setting(setting: str, problem: str, expected: str = "") -> None:
    """A wrong setting stops the build at once, in one line, like a content error."""
    hint = f" — attendu : {expected}" if expected else ""
    sys.stderr.write(f"ERREUR réglages : « {setting} » : {problem}{hint}\n")
    raise SystemExit(1)


def _relative(path: str) -> str:
    """content/blog/x.md when building from the project folder, the full path otherwise."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
