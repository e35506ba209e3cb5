"""Drafts (`status: draft`) are never published: `make html` does not write them.

`make serve` previews them (it passes DRAFTS_PREVIEW = True): Pelican then writes
them under drafts/, where the theme shows a « Brouillon » banner. Either way they are
in no list, feed, sitemap or calendar (Pelican and the kit's plugins list published
content only).

A draft may be half-written and still kept in git: its errors (a missing field, a
wrong date…) are warnings, one line each, and the draft is skipped (not previewed
either) while the rest of the site builds. The same errors stop the build as soon as
the file no longer says `status: draft`.
"""

import os
import re
from itertools import takewhile
from pathlib import Path

from .collisions import all_contents
from .errors import ContentError, set_aside, tr, warn
from .paths import author_path, is_inside
from .pelican_api import source_html

SETTING = "DRAFTS_PREVIEW"
# Fields naming a file under content/ (programmes, cards); {static} links come on top.
FILE_FIELDS = ("brochure", "cover", "image")
PREVIEW_FOLDER = "drafts"  # as in DRAFT_SAVE_AS, DRAFT_PAGE_SAVE_AS (relais/settings.py)
# Where Pelican (articles, pages) and the kit (programmes) keep drafts.
DRAFT_LISTS = ("drafts", "drafts_translations", "draft_pages", "draft_translations")
# The `status:` values that make a draft; events also take the French word.
DRAFT_WORDS = frozenset({"draft"})
EVENT_DRAFT_WORDS = frozenset({"draft", "brouillon"})
# A `status:` line of the header, as written (quotes allowed: YAML front matter).
_STATUS_LINE = re.compile(r"^[ ]{0,3}status\s*:\s*(?P<value>.*)$", re.IGNORECASE)
_HEADER_BYTES = 64_000  # a header is a few lines; never read a whole large file


def previewing(settings) -> bool:
    return bool(settings.get(SETTING, False))


def is_draft(content) -> bool:
    return getattr(content, "status", None) == "draft"


def draft_url(url: str) -> str:
    """Where a plugin writes what belongs to a previewed draft (its brochure): under
    drafts/, like the draft itself."""
    return f"{PREVIEW_FOLDER}/{url}"


def left_out(settings) -> set[str]:
    """Top folders of output/ a build does not take over from the last one: the previews'
    folder (relais/settings.py puts every draft there), unless previewing, so that
    `make html` after `make serve` leaves no preview in output/."""
    return set() if previewing(settings) else {PREVIEW_FOLDER}


def drop_drafts(generators) -> None:
    """Empties Pelican's draft lists (in place: the context shares them), so nothing
    writes a draft, whatever its `save_as:` says; and leaves out the static files only
    drafts use (a draft programme's brochure PDF, a draft post's images)."""
    if not previewing(generators[0].settings):
        _leave_out(generators, lambda _draft: True)


def _leave_out(generators, selected) -> None:
    """Takes the `selected` drafts out of the generators' lists (in place: the context
    shares them), and the static files only they name out of the copy."""
    left = []
    for generator in generators:
        for name in DRAFT_LISTS:
            items = getattr(generator, name, None)
            if isinstance(items, list):
                left += [item for item in items if selected(item)]
                items[:] = [item for item in items if not selected(item)]
    only_theirs = _files_used(left) - _files_used(all_contents(generators))
    for generator in generators:
        files = getattr(generator, "staticfiles", None)
        if isinstance(files, list):  # the context's list too
            files[:] = [
                f for f in files if os.path.normpath(f.relative_source_path) not in only_theirs
            ]


def _files_used(contents) -> set[str]:
    """Paths (relative to content/) of the files contents name: `brochure:`, `cover:`,
    `image:` and their {static}/{attach} links."""
    used = set()
    for content in contents:
        metadata = getattr(content, "metadata", {})
        used |= {author_path(metadata[key]) for key in FILE_FIELDS if metadata.get(key)}
        if source_html(content) is not None:  # static files have none
            used |= content.get_static_links()
    return {os.path.normpath(path) for path in used}


# --- Errors in drafts ------------------------------------------------------------------


def warn_about_drafts(settings) -> set[str]:
    """Takes the recorded errors of draft files out of the build's errors and prints each
    as a warning line. Returns those drafts' paths (resolved), to skip their preview."""
    in_drafts = set_aside(lambda error: _draft_path(error, settings) is not None)
    previewed = previewing(settings)
    for error in in_drafts:
        warn(f"{error} {_consequence(previewed)}")
    return {_draft_path(error, settings) for error in in_drafts}


def skip_broken_drafts(generators, paths: set[str]) -> None:
    """A previewed draft with errors is not written (its preview would show them), nor
    the files only it names (a `{static}` link to a private file is one of its errors)."""
    if not paths:
        return
    _leave_out(generators, lambda draft: os.path.realpath(draft.source_path) in paths)
    context = generators[0].context
    shown = context.get("previewed_programmes", [])
    shown[:] = [i for i in shown if os.path.realpath(i.source_path) not in paths]


def _consequence(previewed: bool) -> str:
    if previewed:
        return tr(
            "(brouillon : pas d’aperçu tant que l’erreur reste ; le reste du site est construit)",
            "(draft: no preview until the error is fixed; the rest of the site is built)",
        )
    return tr(
        "(brouillon : il n’est pas publié ; cette erreur arrêtera la construction quand ce ne "
        "sera plus un brouillon)",
        "(draft: it is not published; this error will stop the build once it is no longer a draft)",
    )


def _words_for(relative: str, settings) -> frozenset:
    for folder in settings.get("EVENT_PATHS", []):
        if relative.startswith(os.path.normpath(folder) + os.sep):
            return EVENT_DRAFT_WORDS
    return DRAFT_WORDS


def _draft_path(error, settings) -> str | None:
    """The resolved path of the draft file this error is about, or None: an error with
    no file, or about a file that is not a draft (or is outside content/)."""
    if not isinstance(error, ContentError):
        return None
    root = settings["PATH"]
    for candidate in (Path(error.path), Path(root) / error.path):
        if candidate.is_file() and is_inside(root, candidate):
            words = _words_for(os.path.relpath(candidate, root), settings)
            return os.path.realpath(candidate) if declares_draft(candidate, words) else None
    return None


def declares_draft(path: Path, words=DRAFT_WORDS) -> bool:
    """True when the file's header has a `status:` line saying draft. Read leniently (any
    encoding, a header with mistakes in other lines): the errors are what it is checked for."""
    with open(path, "rb") as file:
        text = file.read(_HEADER_BYTES).decode("utf-8", "replace").removeprefix("\ufeff")
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":  # YAML front matter, up to its closing line
        header = takewhile(lambda line: line.strip() not in ("---", "..."), lines[1:])
    else:  # `field: value` lines, up to the first blank line
        header = takewhile(str.strip, lines)
    for line in header:
        match = _STATUS_LINE.match(line)
        if match:
            return match["value"].split("#", 1)[0].strip().strip("\"'").lower() in words
    return False
