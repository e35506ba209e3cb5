"""The part of every output's key that any page may show: the whole site's listing.

A page may list any post (title, date, summary, category, tags, programme, card
image…), so every page depends on every content's metadata; but a post's body is
shown on its own page only (and in feeds, which key their entries themselves).
The site key therefore covers:

- settings, plugin files and installed packages (the reading key, which also
  decides whether Pelican's content cache may be trusted), theme files, the
  build date;
- every non-Markdown file under the content folder (brochures, images…);
- every content's metadata and summary, and the full text of programmes and
  events (calendars and programme pages show their bodies' summaries).

Changing a post's body leaves the site key alone: only that post's own page, and
the feeds that carry it, are made again. Changing a title makes every page again.
"""

import hashlib
import os
import platform
import re
import sys
from datetime import date
from importlib import metadata
from pathlib import Path

from pelican.contents import Article, Page, Static

from relais.plugins.core import build_date
from relais.plugins.core.pelican_api import source_html

# Only these are shown elsewhere by metadata and summary alone; any other kind of
# content (programmes, events) counts with its body.
LISTED_BY_METADATA = (Article, Page)
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
# In plugin folders: documentation and tests do not change what a build makes.
_SAME_OUTPUT = frozenset({"REFUSE_PLACEHOLDERS"})
_NOT_CODE = re.compile(r"(test_.*\.py|conftest\.py|.*\.md)$")


def reading_key(settings) -> str:
    """What reading a Markdown file depends on besides the file: settings, plugins,
    installed packages. Pelican's own content cache looks at file dates only."""
    folders = [Path(entry) for entry in sys.path if os.path.isdir(entry)]
    packages = sorted(p.name for folder in folders for p in folder.glob("*.dist-info"))
    plugins = [_stats(Path(f), _NOT_CODE) for f in settings.get("PLUGIN_PATHS", [])]
    # Not plugin state; nor REFUSE_PLACEHOLDERS, which stops a build but changes no output
    # (`make check` after `make html` keeps every page).
    public = {k: v for k, v in settings.items() if not k.startswith("_") and k not in _SAME_OUTPUT}
    return _hash(platform.python_version(), repr(packages), repr(plugins), _kit(), stable(public))


def _kit() -> str:
    """The installed kit's RECORD: the hash of each of its files, so that a kit installed
    again with other code (an upgrade, an edit) reads everything again, version or not."""
    try:
        return metadata.distribution("relais").read_text("RECORD") or ""
    except metadata.PackageNotFoundError:
        return ""


def site_key(context, settings, reading: str, listed: bool = True, posts: bool = True) -> str:
    """`listed` False: without the posts and pages (Pelican's Article and Page), for an
    output that shows none of them (the calendars: events and programmes only). `posts`
    False: without the posts, for a page that shows no post but its own (POSTS_FREE)."""
    return SiteParts(context, settings, reading).key(listed, posts)


class SiteParts:
    """The site key and its variants, made from the same parts read once (kept only as
    their digests: they are a page's worth of text per content)."""

    VARIANTS = ((True, True), (True, False), (False, True), (False, False))

    def __init__(self, context, settings, reading: str):
        contents = _contents(context)
        head = (
            reading,
            str(build_date(settings)),
            _files(settings, {c.source_path for c in contents}),
        )
        parts = [(type(c), isinstance(c, Article), _content_part(c)) for c in contents]
        self.keys = {
            (listed, posts): _hash(
                *head,
                *(
                    part
                    for kind, post, part in parts
                    if (listed or kind not in LISTED_BY_METADATA) and (posts or not post)
                ),
            )
            for listed, posts in self.VARIANTS
        }

    def key(self, listed: bool = True, posts: bool = True) -> str:
        return self.keys[(listed, posts)]


# The kit's templates that show no post but the one they are given (its own page): post
# titles, dates and summaries appear on lists, the programme page and feeds, not on other
# posts' pages, brochure pages, events or static pages. With these templates, a post's new
# title makes again its own page and the lists, not every page of the site. Only with the
# kit's own templates: a site's template (site-theme/templates/) may list posts anywhere.
POSTS_FREE = frozenset(
    {"article", "page", "event", "brochure_page", "brochure_embed", "404", "redirect"}
)


def kit_templates_only(settings) -> bool:
    """The kit's theme, and no template of the site's own over it."""
    from relais import theme_path

    if Path(settings["THEME"]).resolve() != theme_path().resolve():
        return False
    for folder in settings.get("THEME_TEMPLATES_OVERRIDES", []):
        if any(path.is_file() for path in Path(folder).rglob("*")):
            return False
    return True


def _hash(*parts: str) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _contents(context) -> list:
    """Every content object the context lists (posts, pages, drafts, programmes, events…).

    Static files (brochures, images) are not: their bytes matter, not their metadata,
    and _files() covers them.
    """
    found: dict[int, object] = {}
    for value in context.values():
        if isinstance(value, list | tuple):
            for item in value:
                if isinstance(item, Static):
                    continue
                if hasattr(item, "source_path") and hasattr(item, "metadata"):
                    found.setdefault(id(item), item)
                    for translation in getattr(item, "translations", ()):
                        found.setdefault(id(translation), translation)
    return sorted(found.values(), key=lambda c: (str(c.source_path), type(c).__name__))


def _content_part(content) -> str:
    listed = repr((content.source_path, type(content).__name__, stable(content.metadata)))
    if type(content) in LISTED_BY_METADATA:
        return listed + stable(content.summary)
    # Other kinds may keep fields outside `metadata` (an event's status and time zone):
    # their whole source file counts.
    return listed + stable(source_html(content)) + repr(_stat(content.source_path))


def _files(settings, sources: set[str]) -> str:
    """Names, sizes and dates of the templates and theme files, and of the content
    files that are not read as text (brochures, images…)."""
    theme = Path(settings["THEME"])
    static = [theme / path for path in settings.get("THEME_STATIC_PATHS", [])]
    folders = [theme, *settings.get("THEME_TEMPLATES_OVERRIDES", []), *static]
    stats = [_stats(Path(folder)) for folder in folders]
    content = Path(settings["PATH"])
    listed = {os.path.relpath(source, content) for source in sources}
    stats.append([s for s in _stats(content) if s[0] not in listed])
    return repr(stats)


def _stats(root: Path, skip: re.Pattern | None = None) -> list[tuple]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(".pyc") or (skip and skip.match(name)):
                continue
            path = os.path.join(folder, name)
            found.append((os.path.relpath(path, root), *_stat(path)))
    return found


def _stat(path) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns


_PLAIN = (str, int, float, bool, type(None), date)  # their repr() is their value
_REPR = {str, int, float, bool, type(None)}  # exactly these types: the common case, at once


def stable(value) -> str:
    """repr() without memory addresses, dicts in key order, functions by their code."""
    kind = type(value)
    if kind in _REPR or isinstance(value, _PLAIN):
        return repr(value)
    if kind is dict or isinstance(value, dict):
        items = sorted((stable(k), stable(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, list | tuple):
        return f"{kind.__name__}[" + ",".join([stable(v) for v in value]) + "]"
    if isinstance(value, set | frozenset):
        return "set[" + ",".join(sorted([stable(v) for v in value])) + "]"
    code = getattr(value, "__code__", None)
    if code is not None:
        return f"{value.__module__}.{value.__qualname__}:{_code(code)}"
    text = repr(value)
    return _ADDRESS.sub("", text) if " at 0x" in text else text


def _code(code) -> str:
    """Bytecode, constants and the names it reads (`a.date` and `a.title` differ only
    there). The functions it calls are not followed."""
    consts = [_code(c) if hasattr(c, "co_code") else repr(c) for c in code.co_consts]
    names = repr((code.co_names, code.co_varnames, consts)).encode()
    return hashlib.blake2b(code.co_code + names).hexdigest()
