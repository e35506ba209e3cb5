"""Pelican's own warnings about a team's content, in the site's language, tied to the file.

Pelican warns in English, without the file or its line ("Unable to find '../x.md',
skipping url replacement"), sometimes about a file that exists (it failed to read, and its
own error says why). While a build runs, each warning Pelican 4.12 gives about content is
found by structure — the logger, the function that logs it and its number of values,
never by its English text — and is:

- left out when relais already reports the mistake itself, in one line naming the file and
  the line (links.py: a link to a missing file, a misspelt `{statik}`; a link to a file that
  failed to read is no mistake of the linking file);
- said again as a relais warning (ATTENTION/WARNING), naming the file and line: an image
  without alternative text, `{filename}` used for a static file, a tag or category that
  gives no address, two contents with one address.

Any other warning is Pelican's, shown as Pelican wrote it. A filter on Pelican's loggers
(not on a handler): a warning left out or said again is not Pelican's any more, so
`--fatal warnings` (make publish) does not stop on it, as it does not on relais's own
warnings.
"""

import logging
import os

from .build import current
from .errors import ContentError, line_of, quoted, tr, warn

# The loggers of the Pelican modules whose warnings are about content.
LOGGERS = ("pelican.contents", "pelican.readers", "pelican.urlwrappers", "pelican.utils")
DROP = "drop"


def _unable_to_find(_root, _args):
    return DROP  # links.py: the missing file, or the linked file's own error


def _filename_for_static(root, args):
    written, source = args
    path = os.path.join(root, source)
    return ContentError(
        path,
        "{filename}" + str(written),
        tr("mène à un fichier statique, pas à une page", "leads to a static file, not a page"),
        "{static}" + str(written),
        label="link",
        line=line_of(path, "{filename}" + str(written)),
    )


def _attach_fallback(root, args):
    source, linked, _reason = args
    path = os.path.join(root, source)
    return ContentError(
        path,
        "{attach}" + os.path.basename(str(linked)),
        tr(
            f"le fichier {linked} est déjà publié à une autre adresse (par un autre lien ou "
            "EXTRA_PATH_METADATA) : le lien mène à celle-ci",
            f"the file {linked} is already published at another address (by another link "
            "or EXTRA_PATH_METADATA): the link leads there",
        ),
        tr(
            "{static} pour un fichier lié depuis plusieurs pages",
            "{static} for a file linked from several pages",
        ),
        label="link",
        line=line_of(path, os.path.basename(str(linked))),
    )


def _empty_alt(_root, args):
    image, path = args
    return ContentError(
        str(path),
        str(image),
        tr("image sans texte de remplacement (alt)", "image without alternative text (alt)"),
        tr(
            "![ce que montre l’image](…) ; un texte vide seulement pour une image décorative",
            "![what the image shows](…); an empty text only for a decorative image",
        ),
        label="image",
        line=line_of(str(path), f"]({image}", str(image)),
    )


def _no_slug(_root, args):
    kind, name = args
    names = {"Tag": tr("le mot-clé", "the tag"), "Category": tr("la catégorie", "the category")}
    who = names.get(kind) or tr("le nom", "the name")
    return tr(
        f"{who} {quoted(name)} ne donne aucune adresse (ni lettre ni chiffre) — attendu : "
        "des lettres ou des chiffres",
        f"{who} {quoted(name)} gives no address (no letter or digit) — expected: letters or digits",
    )


def _same_address(_root, args):
    count, name, lang, *paths = args
    files = ", ".join(os.path.relpath(str(path)) for path in paths)
    return tr(
        f"{count} contenus ont la même adresse {quoted(name)} dans la même langue ({lang}) : "
        f"{files} — attendu : un « slug: » différent pour chacun",
        f"{count} contents have the same address {quoted(name)} in the same language ({lang}): "
        f'{files} — expected: a different "slug:" for each',
    )


# (logger, function that logs, number of values) → what to say, or DROP.
KNOWN = {
    ("pelican.contents", "_link_replacer", 1): _unable_to_find,
    ("pelican.contents", "_link_replacer", 2): _unable_to_find,  # {statik}: links.py
    ("pelican.contents", "_get_linked_content", 2): _filename_for_static,
    ("pelican.contents", "_log_reason", 3): _attach_fallback,
    ("pelican.readers", "find_empty_alt", 2): _empty_alt,
    ("pelican.urlwrappers", "slug", 2): _no_slug,
}


def _translation(record: logging.LogRecord, root: str):
    args = record.args if isinstance(record.args, tuple) else ()
    if (record.name, record.funcName) == ("pelican.utils", "_warn_source_paths"):
        return _same_address(root, args) if len(args) >= 4 else None
    known = KNOWN.get((record.name, record.funcName, len(args)))
    return known(root, args) if known else None


class PelicanWarnings(logging.Filter):
    """On Pelican's content loggers while a build runs: known warnings become relais's."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.WARNING:
            return True
        build = current()
        root = build.extras.get("content_path", "")
        try:
            said = _translation(record, root)
        except Exception:  # an unexpected shape: Pelican's own line
            return True
        if said is None:
            return True
        if said != DROP:
            line = str(said)
            if line not in build.extras.setdefault("pelican_warnings", set()):
                build.extras["pelican_warnings"].add(line)
                warn(said)
        return False


_filter = PelicanWarnings()


def watch(pelican) -> None:
    """get_generators: from now to the end of the build."""
    current().extras["content_path"] = pelican.settings["PATH"]
    for name in LOGGERS:
        logging.getLogger(name).addFilter(_filter)


def stop_watching(_pelican) -> None:
    """finalized: warnings after the build (`make serve` between builds) are Pelican's."""
    for name in LOGGERS:
        logging.getLogger(name).removeFilter(_filter)
