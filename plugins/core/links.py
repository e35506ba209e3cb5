"""Links to files of the site ({static}, {filename}, {attach}) must lead somewhere.

Pelican only warns ("Unable to find …") and publishes a broken link or image; a
missing static file even gives a cryptic "Cannot get modification stamp".
"""

import os
from urllib.parse import unquote, urlparse

from pelican.contents import Static

from .drafts import is_draft
from .errors import ContentError, relative_path, report, tr
from .pelican_api import intrasite_links, source_html

LINKED = ("filename", "static", "attach")


def forget_missing_static_links(generator) -> None:
    """article/page_generator_finalized: Pelican would try to copy a missing linked file
    (and warn cryptically); check_links reports it instead."""
    root = generator.settings["PATH"]
    links = generator.context.get("static_links", set())
    links -= {path for path in links if not _exists(root, path)}


def check_links(context, settings) -> None:
    root = settings["PATH"]
    contents = context.get("generated_content", {})
    for content in list(contents.values()):
        if content is None or isinstance(content, Static):  # None: a file that failed
            continue
        for text in (source_html(content), content.metadata.get("summary")):
            for match in intrasite_links(content, str(text or "")):
                _check(content, match, root)
                _check_not_draft(content, match, contents)


def _check_not_draft(content, match, contents) -> None:
    """A published page linking to a draft would link to a page that is not published."""
    if match.group("what") != "filename" or is_draft(content):
        return
    linked = contents.get(os.path.normpath(unquote(_target(content, match))))
    if not is_draft(linked):
        return
    report(
        ContentError(
            content.source_path,
            match.group("path"),
            tr(
                f"mène au brouillon {relative_path(linked.source_path)}, qui n’est pas publié",
                f"leads to the draft {relative_path(linked.source_path)}, which is not published",
            ),
            tr(
                "le lien retiré, ou le brouillon publié (sans « status: draft »)",
                'the link removed, or the draft published (without "status: draft")',
            ),
            label="link",
        )
    )


def _target(content, match) -> str:
    """The linked file, relative to content/."""
    written = urlparse(match.group("value")).path
    if written.startswith("/"):
        return written[1:]
    return content.get_relative_source_path(os.path.join(content.relative_dir, written))


def _check(content, match, root) -> None:
    if match.group("what") not in LINKED:
        return
    if not urlparse(match.group("value")).path:
        return  # a link to a fragment of the same page
    target = _target(content, match)
    if _exists(root, target):
        return
    report(
        ContentError(
            content.source_path,
            match.group("path"),
            tr(
                f"le fichier {relative_path(os.path.join(root, target))} n’existe pas",
                f"the file {relative_path(os.path.join(root, target))} does not exist",
            ),
            _expected(match.group("what")),
            label="link",
        )
    )


def _expected(what: str) -> str:
    if what == "filename":
        return tr(
            "le chemin d’un fichier du site, depuis ce fichier ({filename}../pages/contact.md) "
            "ou depuis content/ ({filename}/pages/contact.md)",
            "the path of a file of the site, from this file ({filename}../pages/contact.md) "
            "or from content/ ({filename}/pages/contact.md)",
        )
    return tr(
        "le chemin d’un fichier rangé sous content/, par exemple {static}/images/photo.jpg",
        "the path of a file under content/, for example {static}/images/photo.jpg",
    )


def _exists(root: str, path: str) -> bool:
    return any(os.path.isfile(os.path.join(root, p)) for p in (path, unquote(path)))
