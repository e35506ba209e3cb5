"""Links to files of the site ({static}, {filename}, {attach}) must lead somewhere.

Pelican only warns ("Unable to find …", in English, without the file that links) and
publishes a broken link or image; a missing static file even gives a cryptic "Cannot get
modification stamp". Each error line here names the file and line of the link; a
misspelt `{statik}` (Pelican: "Replacement Indicator not recognized") is one too.
"""

import difflib
import os
from urllib.parse import unquote, urlparse

from pelican.contents import Static

from .build import current
from .drafts import is_draft
from .errors import ContentError, line_of, relative_path, report, tr
from .pelican_api import intrasite_links, source_html

LINKED = ("filename", "static", "attach")
# Every {…} Pelican replaces (contents.py, _link_replacer).
KNOWN = (*LINKED, "category", "tag", "index", "author")


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
                if match.group("what") not in KNOWN:
                    report(_unknown(content, match))
                    continue
                _check(content, match, root, context)
                _check_not_draft(content, match, contents)


def _unknown(content, match) -> ContentError:
    what = match.group("what")
    close = difflib.get_close_matches(what, KNOWN, n=1, cutoff=0.5)
    written = match.group("path")
    expected = (
        tr(f"{{{close[0]}}} (lien vers un fichier : ", f"{{{close[0]}}} (a link to a file: ")
        if close
        else ""
    )
    expected += "{static}, {filename}, {attach}, {tag}, {category}, {index}, {author}"
    expected += ")" if close else ""
    return ContentError(
        content.source_path,
        written,
        tr(
            f"« {{{what}}} » n’est pas un lien du site connu",
            f'"{{{what}}}" is not a known link of the site',
        ),
        expected,
        label="link",
        line=line_of(content.source_path, written),
    )


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
            line=line_of(content.source_path, match.group("path")),
            problem=tr(
                f"mène au brouillon {relative_path(linked.source_path)}, qui n’est pas publié",
                f"leads to the draft {relative_path(linked.source_path)}, which is not published",
            ),
            expected=tr(
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


def _check(content, match, root, context) -> None:
    if match.group("what") not in LINKED:
        return
    if not urlparse(match.group("value")).path:
        return  # a link to a fragment of the same page
    target = _target(content, match)
    written = match.group("path")
    line = line_of(content.source_path, written)
    if _exists(root, target):
        if match.group("what") == "filename" and not _is_site_file(context, target, root):
            report(_not_a_page(content, written, target, root, line))
        return
    report(
        ContentError(
            content.source_path,
            written,
            tr(
                f"le fichier {relative_path(os.path.join(root, target))} n’existe pas",
                f"the file {relative_path(os.path.join(root, target))} does not exist",
            ),
            _expected(match.group("what")),
            label="link",
            line=line,
        )
    )


def _is_site_file(context, target: str, root: str) -> bool:
    """A page or static file of this build, or a file whose own error is reported (it
    failed to read: the link is not the mistake)."""
    for path in {target, unquote(target), os.path.normpath(unquote(target))}:
        if path in context.get("generated_content", {}) or path in context.get(
            "static_content", {}
        ):
            return True
    failed = os.path.normpath(os.path.join(root, unquote(target)))
    return any(
        os.path.normpath(str(getattr(error, "path", ""))) == failed for error in current().errors
    )


def _not_a_page(content, written, target, root, line) -> ContentError:
    return ContentError(
        content.source_path,
        written,
        tr(
            f"{relative_path(os.path.join(root, target))} n’est ni une page ni un fichier "
            "publié du site",
            f"{relative_path(os.path.join(root, target))} is neither a page nor a published "
            "file of the site",
        ),
        tr(
            "un lien {filename} vers un fichier .md des dossiers de contenu (blog/, pages/, "
            "programmes/, events/), ou {static} vers un fichier à télécharger",
            "a {filename} link to a .md file of the content folders (blog/, pages/, "
            "programmes/, events/), or {static} to a file to download",
        ),
        label="link",
        line=line,
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
