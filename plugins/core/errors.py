"""Content errors: one line each, naming the file, the field and what to write.

Lines are in the site's language (DEFAULT_LANG): French by default, English for "en".
Every message to authors is written once in both languages, side by side, with `tr(french,
english)` (or `tr_later` for a module-level text, chosen when it is shown);
tests/test_message_languages.py fails on a French text outside them.
"""

import functools
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from .build import current

# The framing words of an error line, per language; French for any other language.
_WORDS = {
    "fr": {
        "error": "ERREUR",
        "warning": "ATTENTION",
        "field": "champ",
        "link": "lien",
        "image": "image",
        "setting": "réglage",
        "expected": "attendu :",
        "stopped": "La construction est arrêtée : {count} erreur(s) dans le contenu, "
        "rien n’a été écrit.",
    },
    "en": {
        "error": "ERROR",
        "warning": "WARNING",
        "field": "field",
        "link": "link",
        "image": "image",
        "setting": "setting",
        "expected": "expected:",
        "stopped": "Build stopped: {count} error(s) in the content, nothing was written.",
    },
}


def set_language(lang) -> None:
    """The language of this build's later messages; anything but "en" reads French."""
    english = isinstance(lang, str) and lang.lower().startswith("en")
    current().language = "en" if english else "fr"


def set_settings_file(path: str) -> None:
    current().settings_file = path


def tr(french: str, english: str) -> str:
    """The message in the site's language."""
    return english if current().language == "en" else french


@dataclass(frozen=True)
class tr_later:
    """A text defined at import time (a module constant), shown in the language of the
    moment it is formatted: plugins are imported before the settings are read."""

    french: str
    english: str

    def __str__(self) -> str:
        return tr(self.french, self.english)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def _word(key: str) -> str:
    return _WORDS[current().language][key]


def quoted(text) -> str:
    """« text » in French, "text" in English."""
    return tr(f"« {text} »", f'"{text}"')


def not_valid(value) -> str:
    """The usual problem: the value written does not fit."""
    return tr(f"« {value} » ne convient pas", f'"{value}" is not valid')


def missing() -> str:
    return tr("manquant", "missing")


def one_of(choices) -> str:
    return tr("l’un de : ", "one of: ") + ", ".join(choices)


@dataclass(frozen=True)
class ContentError(Exception):
    path: str
    field: str
    problem: str
    expected: str = ""
    # "field" (a metadata line), "link" (a link in the text) or "image" (an image in it)
    label: str = "field"
    line: int | None = None  # the line of the file, when known: `content/blog/x.md:12:`

    def __str__(self):
        where = relative_path(self.path) + (f":{self.line}" if self.line else "")
        hint = f" — {_word('expected')} {self.expected}" if self.expected else ""
        return f"{where}: {_word(self.label)} {quoted(self.field)} : {self.problem}{hint}"


# Where a fault of the kit itself is reported (InternalError).
ISSUES_URL = "https://github.com/relais-demo/relais/issues"


@dataclass(frozen=True)
class InternalError(Exception):
    """A fault of relais itself met while handling a file: not the author's mistake. Said
    as such, with where it happened and where to report it, and it stops the build like a
    content error (nothing is written)."""

    path: str
    cause: str  # "AttributeError: … (reading.py:90)"

    def __str__(self):
        return tr(
            f"{relative_path(self.path)} : erreur interne de relais, pas une erreur de ce "
            f"fichier ({self.cause}) — signalez-la sur {ISSUES_URL} avec cette ligne",
            f"{relative_path(self.path)}: internal error in relais, not a mistake in this "
            f"file ({self.cause}) — please report it at {ISSUES_URL} with this line",
        )


def failure_reading(path: str, error: Exception) -> ContentError | InternalError:
    """What an exception raised while reading `path` is: the file could not be opened (the
    author's to fix), or a fault of the code that read it."""
    if isinstance(error, ContentError | InternalError):
        return error
    if isinstance(error, OSError):
        return ContentError(
            path,
            tr("fichier", "file"),
            tr(f"illisible ({error.strerror or error})", f"unreadable ({error.strerror or error})"),
            tr("un fichier lisible (droits de lecture)", "a readable file (read permission)"),
        )
    return InternalError(path, _cause(error))


def _cause(error: Exception) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    where = f" ({os.path.basename(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{where}"


def report(error: ContentError | InternalError | str) -> None:
    """Record an error; the build stops once every plugin has reported (core.plugin,
    before anything is written)."""
    errors = current().errors
    if str(error) not in map(str, errors):
        errors.append(error)


def set_aside(selected) -> list[ContentError | str]:
    """Removes the recorded errors `selected(error)` picks, and returns them (errors in
    drafts are warnings: core.drafts)."""
    errors = current().errors
    taken = [error for error in errors if selected(error)]
    errors[:] = [error for error in errors if error not in taken]
    return taken


def reported(path: str, field: str) -> bool:
    """Whether an error about this file's field was reported: a plugin that checks the same
    value after another one can leave it (one line per mistake)."""
    return any(getattr(e, "path", None) == path and getattr(e, "field", None) == field
               for e in current().errors)  # fmt: skip


def reported_errors() -> list[str]:
    return [str(error) for error in current().errors]


def missing_hint(field: str) -> str:
    return tr(
        f"une ligne « {field}: … » en tête du fichier",
        f'a line "{field}: …" at the top of the file',
    )


def warning_line(notice: ContentError | str) -> str:
    """ATTENTION (WARNING in English) and the notice."""
    return f"{_word('warning')} {notice}"


def warn(notice: ContentError | str) -> None:
    """A one-line warning that does not stop the build, straight to stderr (Pelican's log
    wraps long lines)."""
    sys.stderr.write(warning_line(notice) + "\n")


def abort_if_errors() -> None:
    """Print every recorded error and exit 1 before any output is written. Plugins call
    report(); core.plugin calls this once, when every plugin has reported.

    SystemExit rather than an exception: Pelican prints a traceback for
    exceptions, and a traceback is not a message an author can act on. Errors go
    straight to stderr so `--fatal warnings` cannot turn the first into a crash.
    Sorted by file, then line: the same list whatever order the plugins reported in.
    """
    reported = current().errors
    if not reported:
        return
    errors = sorted(
        reported,
        key=lambda error: (
            getattr(error, "path", str(error)),
            getattr(error, "line", None) or 0,
            str(error),
        ),
    )
    reported.clear()
    for error in errors:
        sys.stderr.write(f"{_word('error')} {error}\n")
    sys.stderr.write(_word("stopped").format(count=len(errors)) + "\n")
    raise SystemExit(1)


def stop(line: str) -> None:
    """Stops the build at once: ERREUR (ERROR in English) and the line."""
    sys.stderr.write(f"{_word('error')} {line}\n")
    raise SystemExit(1)


def abort_on_setting(setting: str, problem: str, expected: str = "", where: str = "") -> None:
    """A wrong setting stops the build at once, in one line naming the settings file
    (or `where` the value comes from)."""
    hint = f" — {_word('expected')} {expected}" if expected else ""
    where = where or relative_path(current().settings_file)
    sys.stderr.write(
        f"{_word('error')} {where}: {_word('setting')} {quoted(setting)} : {problem}{hint}\n"
    )
    raise SystemExit(1)


def line_of(path: str, *written: str, part: str = "") -> int | None:
    """The first line of the file `path` holding one of the `written` texts (a link as the
    author wrote it), for an error line that says where to look; None if none does.
    `part`: "header" (the fields) or "body" (the text) to look in that part only."""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    body = _body_start(lines)
    numbered = list(enumerate(lines, start=1))
    if part == "header":
        numbered = numbered[:body]
    elif part == "body":
        numbered = numbered[body:]
    wanted = [value.lower() for value in written if value]
    for number, line in numbered:
        if any(value in line.lower() for value in wanted):
            return number
    return None


def _body_start(lines: list[str]) -> int:
    """The index of the first line after the header (a YAML block, or `field: value` lines
    up to the first blank line)."""
    if lines and lines[0].strip() == "---":
        closing = [i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")]
        return closing[0] + 1 if closing else len(lines)
    blank = [i for i, line in enumerate(lines) if not line.strip()]
    return blank[0] if blank else len(lines)


def relative_path(path: str) -> str:
    """content/blog/x.md when building from the project folder, the full path otherwise."""
    return _relative_path(path, os.getcwd())


@functools.lru_cache(maxsize=65536)  # asked for every content of every build
def _relative_path(path: str, folder: str) -> str:
    relative = os.path.relpath(path, folder)
    return path if relative.startswith("..") else relative
