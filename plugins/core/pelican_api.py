"""The one place where relais touches Pelican's private names.

Pelican's public surface (signals, settings, content attributes) does not cover four
things the kit needs: the body of a content as it was read (before Pelican rewrites its
`{filename}` links), Pelican's reading of Markdown metadata fields (for the checked
reader), the writer's hook where a page is opened for writing, and the list of generators
a build would make. This module reaches them, and nothing else in relais names
them. `problem()` says, before a build uses them, whether this Pelican is one they were
verified against and still has them with the expected shape; test_pelican_api.py asserts
the same against the installed Pelican and fails loudly on any other version.

A plugin whose feature depends on them falls back to Pelican's stock behaviour when
`problem()` is not None (plugins/incremental: Pelican's own writer, every page written
again, same output), with one warning line saying why. Where there is nothing to fall
back to (core's content checks would silently check nothing), `require()` stops
the build at start in one line naming the changed names.
"""

import inspect

import pelican
import pelican.settings
from pelican import Pelican, writers
from pelican.contents import Content
from pelican.readers import MarkdownReader
from pelican.writers import Writer

from .errors import stop, tr

# Pelican releases (major.minor) whose private names below were checked by the contract
# test; requirements.txt pins one of them.
VERIFIED = ("4.12",)

# Each private name relais uses, with the shape it relies on: the owner, the name, and
# either the method's parameters (a tuple) or the owner's method that sets or reads the
# attribute (a string).
_NAMES = (
    (Writer, "_open_w", ("self", "filename", "encoding", "override")),
    (Writer, "_written_files", "__init__"),
    (Writer, "_overridden_files", "__init__"),
    (Content, "_content", "__init__"),
    (Content, "_get_intrasite_link_regex", ("self",)),
    (MarkdownReader, "_parse_metadata", ("self", "meta")),
    (MarkdownReader, "_md", "_parse_metadata"),
    (Pelican, "_get_generator_classes", ("self",)),
)
# The names core's reading and content checks need (no fallback: checks would be lost).
CONTENT_NAMES = (
    "Content._content",
    "Content._get_intrasite_link_regex",
    "MarkdownReader._parse_metadata",
    "MarkdownReader._md",
)
# What Writer.write_file takes: incremental's writer passes every one of them on.
WRITE_FILE = (
    "self", "name", "template", "context", "relative_urls", "paginated", "template_name",
    "override_output", "url", "kwargs",
)  # fmt: skip


def problem() -> str | None:
    """Why the private names cannot be used with this Pelican, in one line (in the site's
    language); None if they can."""
    version = pelican.__version__
    if not version.startswith(tuple(f"{release}." for release in VERIFIED)):
        return tr(
            f"Pelican {version} n’est pas une version vérifiée par relais ({_releases()})",
            f"Pelican {version} is not a version relais was verified with ({_releases()})",
        )
    changed = changed_names()
    if changed:
        return tr(
            f"Pelican {version} a changé {', '.join(changed)}",
            f"Pelican {version} changed {', '.join(changed)}",
        )
    return None


def changed_names() -> tuple[str, ...]:
    """The private names missing or of another shape than relais expects."""
    changed = [f"{owner.__name__}.{name}" for owner, name, shape in _NAMES
               if not _has(owner, name, shape)]  # fmt: skip
    if _parameters(Writer.write_file) != WRITE_FILE:
        changed.append("Writer.write_file")
    if not isinstance(getattr(writers, "FileOverwriteFailedError", None), type):
        changed.append("FileOverwriteFailedError")
    return tuple(changed)


def require(names, task: str) -> None:
    """Stops at once, in one line, when any of these names changed: `task` (what relais
    cannot do without them) is then impossible on this Pelican."""
    changed = [name for name in changed_names() if name in names]
    if changed:
        version = pelican.__version__
        stop(
            tr(
                f"Pelican {version} a changé {', '.join(changed)} : {task} — attendu : "
                f"Pelican {_releases()} (requirements.txt)",
                f"Pelican {version} changed {', '.join(changed)}: {task} — expected: "
                f"Pelican {_releases()} (requirements.txt)",
            )
        )


def _releases() -> str:
    return ", ".join(f"{release}.x" for release in VERIFIED)


def _has(owner, name, shape) -> bool:
    if isinstance(shape, str):
        # An attribute of each object: the method that sets or reads it names it.
        method = getattr(owner, shape, None)
        return name in getattr(getattr(method, "__code__", None), "co_names", ())
    member = getattr(owner, name, None)
    return callable(member) and _parameters(member) == shape


def _parameters(function) -> tuple[str, ...]:
    return tuple(inspect.signature(function).parameters)


# --- Content -------------------------------------------------------------------------


def source_html(content) -> str | None:
    """The body as read (HTML with its `{filename}`/`{static}` links unresolved); None for
    objects without a text (static files)."""
    body = getattr(content, "_content", None)
    return body if isinstance(body, str) else None


def replace_body(content, body: str) -> None:
    """Gives a content a new body (HTML, links unresolved), as if it had been read so:
    Pelican's memoized content and summary forget what they computed from the old one."""
    content._content = body
    forget_rendered(content)


def forget_rendered(content) -> None:
    """Pelican memoizes a content's rendered body and summary, per object: after a change
    of `_content` or of its summary, they are computed again."""
    for name in ("get_content", "get_summary"):
        cache = getattr(getattr(type(content), name, None), "cache", None)
        if isinstance(cache, dict):
            for key in [key for key in cache if key and key[0] is content]:
                del cache[key]


def intrasite_links(content, text: str):
    """The `{filename}`, `{static}`, `{attach}`… links in text, as Pelican finds them
    (match groups: what, path, value)."""
    return content._get_intrasite_link_regex().finditer(text)


# --- Reading -------------------------------------------------------------------------


def parse_metadata(reader: MarkdownReader, markdown, meta: dict) -> dict:
    """Pelican's reading of the Markdown "meta" fields (formatted fields as HTML, lists,
    process_metadata for each), with `markdown` the converter that read the file."""
    reader._md = markdown
    return reader._parse_metadata(meta)


# --- Generators ----------------------------------------------------------------------


def generator_classes(site: Pelican) -> list:
    """The generator classes a build of `site` makes (Pelican's and the plugins')."""
    return site._get_generator_classes()


# --- Writing -------------------------------------------------------------------------


class HookedWriter(Writer):
    """Pelican's writer with a public name for the hook where a rendered page is opened
    (`open_page`) and for Pelican's rules on two writes to one file (`claim`)."""

    def _open_w(self, filename, encoding, override=False):
        return self.open_page(filename, encoding, override)

    def open_page(self, filename, encoding, override=False):
        return super()._open_w(filename, encoding, override)

    def claim(self, path, override) -> bool:
        """Pelican's rules for two writes to one file (Writer._open_w), without opening
        it; False when Pelican would skip this write (an earlier one overrides it)."""
        if path in self._overridden_files:
            if override:
                raise writers.FileOverwriteFailedError(
                    f'Failed to overwrite "{path}" a second time'
                )
            return False
        if path in self._written_files and not override:
            raise writers.FileOverwriteFailedError(f'"{path}" is written twice by this build')
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        return True
