"""Pelican's writer, reusing a page whose key has not changed since it was written."""

import io
import os
from pathlib import Path

from pelican.plugins import signals
from pelican.utils import sanitised_join

from relais.plugins.core.files import write_if_changed
from relais.plugins.core.pelican_api import HookedWriter, source_html

from .memo import current, digest
from .site_key import stable


class ReusingWriter(HookedWriter):
    """Pelican's writer, keeping a page whose key is unchanged. What decides a page besides
    the site key: the objects Pelican hands to its template. A content object counts with
    its body (its own page shows it)."""

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):  # fmt: skip
        memo = current()
        if not name or self._paginates(template_name, paginated, kwargs):
            return super().write_file(name, template, context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)  # fmt: skip
        path = sanitised_join(self.output_path, name)
        key = digest(
            memo.page_site_key(context, self.settings, template.name.removesuffix(".html")),
            name,
            template.name,
            relative_urls,
            url,
            stable({k: _part(v) for k, v in kwargs.items()}),
        )
        if memo.is_current(path, key):
            if self.claim(path, override_output):
                self._announce(path, name, context, kwargs)
            memo.reused += 1
            return None
        super().write_file(name, template, context, relative_urls, paginated,
                           template_name, override_output, url, **kwargs)  # fmt: skip
        memo.remember(path, key)
        memo.made += 1
        return None

    def _paginates(self, template_name, paginated, kwargs) -> bool:
        """Pages split in several files are written by Pelican as usual (relais turns
        pagination off: page 2 of a list is a URL that shifts as posts are added)."""
        lists = paginated if paginated is not None else {"articles", "dates"} & kwargs.keys()
        templates = self.settings["PAGINATED_TEMPLATES"]
        if not lists or template_name not in templates:
            return False
        return bool(templates[template_name] or self.settings["DEFAULT_PAGINATION"])

    def open_page(self, filename, encoding, override=False):
        """Where Pelican writes a rendered page: the file is left alone (date included)
        when the page came out the same, as most do after a change elsewhere."""
        if not self.claim(filename, override):
            return open(os.devnull, "w", encoding=encoding)
        return _ChangedOnly(Path(filename), encoding)

    def _announce(self, path, name, context, kwargs):
        """What Pelican does after writing a page, for a page kept as it was."""
        localcontext = context.copy()
        localcontext.setdefault("localsiteurl", None)
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        # The sitemap plugin, for one, lists the pages it is told about here.
        signals.content_written.send(path, context=localcontext)


class _ChangedOnly(io.StringIO):
    def __init__(self, path: Path, encoding: str):
        super().__init__()
        self.path, self.charset = path, encoding

    def __exit__(self, kind, error, trace):
        if kind is None:
            write_if_changed(self.path, self.getvalue().encode(self.charset))
        return super().__exit__(kind, error, trace)


def _part(value):
    """The page's own content with its body and metadata (a page whose site key leaves
    posts out still has its own; its summary is a field or comes from its body); listed
    contents by name (the site key has their metadata and summaries, all a list shows)."""
    if _is_content(value):
        return (_name(value), source_html(value), stable(value.metadata))
    if isinstance(value, list | tuple):
        return [_name(item) if _is_content(item) else item for item in value]
    return value


def _is_content(value) -> bool:
    return hasattr(value, "source_path") and hasattr(value, "metadata")


def _name(content) -> tuple[str, str]:
    return (str(content.source_path), type(content).__name__)
