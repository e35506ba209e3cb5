"""A built site: its output folder and the public URL it was built for.

Everything that maps a URL to a file lives here, so the link checker, the feed checker,
the test server and the browser gates agree on what "this link resolves" means. The
rules are GitHub Pages': a path ending in `/` (or naming a folder) serves its
`index.html`; paths are case-sensitive; only what is under SITEURL's path prefix (for a
project site, `/<repo>/`) belongs to the site.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

# When the site is built without SITEURL (relative URLs), pages still need an absolute
# base to resolve links against; this origin cannot collide with a real host.
PLACEHOLDER_ORIGIN = "http://site.invalid"


class Target(NamedTuple):
    """Where an internal URL leads. `file` is None when nothing is there (see `error`)."""

    file: str | None
    fragment: str
    error: str | None = None


@dataclass(frozen=True)
class Site:
    output: Path
    siteurl: str = ""
    _files: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "output", Path(self.output).resolve())
        object.__setattr__(self, "siteurl", self.siteurl.strip().rstrip("/"))
        parts = urlsplit(self.siteurl)
        if self.siteurl and (parts.scheme not in ("http", "https") or not parts.netloc):
            raise ValueError(f"SITEURL must be an absolute http(s) URL, got {self.siteurl!r}")
        object.__setattr__(self, "_files", frozenset(_walk(self.output)))

    # --- the site's address --------------------------------------------------------
    @property
    def origin(self) -> str:
        """scheme://host[:port] of the site (a placeholder when SITEURL is empty)."""
        if not self.siteurl:
            return PLACEHOLDER_ORIGIN
        parts = urlsplit(self.siteurl)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def prefix(self) -> str:
        """The path the site lives under: '' for a root site, '/repo' for a project site."""
        return urlsplit(self.siteurl).path.rstrip("/") if self.siteurl else ""

    @property
    def base_url(self) -> str:
        """Absolute URL of the site root, always ending with '/'."""
        return f"{self.origin}{self.prefix}/"

    def url_of(self, rel: str) -> str:
        """Public URL of an output file (rel is a POSIX path relative to output/)."""
        return self.base_url + rel

    # --- the files -----------------------------------------------------------------
    @property
    def files(self) -> frozenset[str]:
        return self._files

    @cached_property
    def html_files(self) -> list[str]:
        return sorted(f for f in self._files if f.endswith(".html"))

    def has_dir(self, rel: str) -> bool:
        return (self.output / rel).is_dir() if rel else True

    # --- URL -> file ---------------------------------------------------------------
    def is_internal(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.netloc.lower() == urlsplit(self.origin).netloc.lower()

    def resolve(self, url: str, base: str | None = None) -> Target | None:
        """Resolve `url` (relative to `base`, a page URL) to an output file.

        Returns None for URLs this site does not own (other hosts, mailto:, data:...),
        which are never checked offline.
        """
        absolute = urljoin(base or self.base_url, url.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not self.is_internal(absolute):
            return None
        fragment = unquote(parts.fragment)
        path = unquote(parts.path) or "/"
        if self.prefix:
            if path == self.prefix:
                path = "/"
            elif path.startswith(self.prefix + "/"):
                path = path[len(self.prefix) :]
            else:
                return Target(None, fragment, f"outside the site's path prefix {self.prefix}/")
        return self._file_for(path, fragment)

    def _file_for(self, path: str, fragment: str) -> Target:
        rel = path.lstrip("/")
        if ".." in rel.split("/"):
            return Target(None, fragment, "climbs out of the site with '..'")
        if rel in self._files:
            return Target(rel, fragment)
        index = (rel.rstrip("/") + "/index.html").lstrip("/")
        if (rel == "" or rel.endswith("/") or self.has_dir(rel)) and index in self._files:
            return Target(index, fragment)
        return Target(None, fragment, "no such file in the output")


def _walk(root: Path) -> list[str]:
    found = []
    for folder, _dirs, names in os.walk(root):
        rel_folder = os.path.relpath(folder, root)
        for name in names:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            found.append(rel.replace(os.sep, "/"))
    return found
