"""The record of what each output file was made from, kept between builds."""

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from relais.plugins.core import build, staging
from relais.plugins.core.files import write_atomically, write_if_changed

from .site_key import POSTS_FREE, SiteParts, kit_templates_only

FORMAT = 3  # bump when what a key covers changes: older records are then ignored


def digest(*parts) -> str:
    """A key from parts whose repr() is their value (strings, numbers, dataclasses)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


class OutputMemo:
    """Output path → (key, size, mtime) of the file written for that key.

    A file counts as current only if its key is the same and the file on disk is
    still the one recorded (same size and modification time): a deleted or
    hand-edited output is made again.
    """

    def __init__(self, record: Path | None = None, reading: str = "", load: bool = False):
        self.record = record
        self.reading = reading
        self.entries: dict[str, list] | None = self._load() if load and record else {}
        # None: the last build read content with other settings, plugins or packages.
        self.reading_changed = self.entries is None
        self.entries = self.entries or {}
        self.reused = 0
        self.made = 0
        self._site_key: str | None = None
        self._unlisted_key: str | None = None
        self._posts_free_key: str | None = None
        self._site_parts: SiteParts | None = None
        self._kit_templates: bool | None = None

    def site_key(self, context, settings) -> str:
        """What every page may show (see site_key.py); computed once per build."""
        if self._site_key is None:
            self._site_key = self._parts(context, settings).key()
        return self._site_key

    def _parts(self, context, settings) -> SiteParts:
        if self._site_parts is None:
            self._site_parts = SiteParts(context, settings, self.reading)
        return self._site_parts

    def page_site_key(self, context, settings, template: str) -> str:
        """The site key a page's key starts with: without other posts for the kit's
        templates that show none (site_key.POSTS_FREE), the whole site key otherwise."""
        if template not in POSTS_FREE:
            return self.site_key(context, settings)
        if self._kit_templates is None:
            self._kit_templates = kit_templates_only(settings)
        if not self._kit_templates:
            return self.site_key(context, settings)
        if self._posts_free_key is None:
            self._posts_free_key = self._parts(context, settings).key(posts=False)
        return self._posts_free_key

    def unlisted_key(self, context, settings) -> str:
        """The site key without posts and pages, for outputs that show neither (calendars)."""
        if self._unlisted_key is None:
            self._unlisted_key = self._parts(context, settings).key(listed=False)
        return self._unlisted_key

    def is_current(self, path: str | Path, key: str) -> bool:
        entry = self.entries.get(str(path))
        if entry is None or entry[0] != key:
            return False
        try:
            stat = os.stat(path)
        except OSError:
            return False
        return [stat.st_size, stat.st_mtime_ns] == entry[1:]

    def remember(self, path: str | Path, key: str) -> None:
        stat = os.stat(path)
        self.entries[str(path)] = [key, stat.st_size, stat.st_mtime_ns]

    def write(self, path: Path, key: str, produce: Callable[[], bytes]) -> bool:
        """Writes produce() to path unless the file is current; True if it was made."""
        if self.is_current(path, key):
            staging.claim(path)
            self.reused += 1
            return False
        write_if_changed(path, produce())
        self.remember(path, key)
        self.made += 1
        return True

    def save(self) -> None:
        if self.record is None:
            return
        payload = {"format": FORMAT, "reading": self.reading, "outputs": self.entries}
        write_atomically(self.record, json.dumps(payload, separators=(",", ":")).encode())

    def _load(self) -> dict | None:
        try:
            payload = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            return None
        if payload.get("reading") != self.reading:
            return None
        return payload.get("outputs", {})


def current() -> OutputMemo:
    """This build's memo; one that never reuses anything when the plugin is off."""
    return build.current().extra("incremental", OutputMemo)


def start(memo: OutputMemo) -> None:
    build.current().extras["incremental"] = memo
