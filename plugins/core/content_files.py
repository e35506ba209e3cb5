"""Files in the content folders that Pelican would silently skip.

`annonce.md.txt`, `annonce.MD`, `annonce.docx`: Pelican reads only the extensions it
knows (case-sensitive), so the post never appears and nothing says why. The static
folders (images/, brochures/, extra/) may hold any file.
"""

import fnmatch
import os
from pathlib import Path

from .errors import ContentError, report, tr

CONTENT_SUFFIX = ".md"
PATH_SETTINGS = ("ARTICLE_PATHS", "PAGE_PATHS", "PROGRAMME_PATHS", "EVENT_PATHS")


def check_content_files(settings, linked=frozenset()) -> None:
    """`linked`: files the content links to with {static} or {attach} (Pelican copies
    them, wherever they are), relative to PATH."""
    root = Path(settings["PATH"])
    static = {os.path.normpath(path) for path in settings.get("STATIC_PATHS", [])}
    ignored = settings.get("IGNORE_FILES", [])
    for folder in sorted({path for name in PATH_SETTINGS for path in settings.get(name, [])}):
        for path in _files(root, folder, static, ignored):
            if path.suffix != CONTENT_SUFFIX and str(path.relative_to(root)) not in linked:
                report(_not_content(path))


def _files(root: Path, folder: str, static: set[str], ignored: list[str]):
    for directory, subfolders, names in os.walk(root / folder):
        relative = os.path.relpath(directory, root)
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".") and os.path.normpath(f"{relative}/{name}") not in static
        ]
        for name in sorted(names):
            if not name.startswith(".") and not any(fnmatch.fnmatch(name, i) for i in ignored):
                yield Path(directory) / name


def _not_content(path: Path) -> ContentError:
    stem = path.name.removesuffix(path.suffix)
    for markdown in (".md", ".markdown"):  # annonce.md.txt → annonce
        if stem.lower().endswith(markdown):
            stem = stem[: -len(markdown)]
    return ContentError(
        str(path),
        tr("nom du fichier", "file name"),
        tr(
            f"« {path.name} » n’est pas lu : seuls les fichiers .md sont du contenu",
            f'"{path.name}" is not read: only .md files are content',
        ),
        _what_to_do(path.suffix.lower(), stem),
    )


def _what_to_do(suffix: str, stem: str) -> str:
    if suffix in (".docx", ".doc", ".odt", ".rtf", ".pages"):
        return tr(
            f"le texte recopié dans {stem}.md ; un document à télécharger va en PDF dans "
            "content/brochures/, une image dans content/images/",
            f"the text copied into {stem}.md; a document to download goes as a PDF in "
            "content/brochures/, an image in content/images/",
        )
    if suffix in (".pdf", ".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg"):
        return tr(
            "un PDF dans content/brochures/, une image dans content/images/, "
            "un autre fichier dans content/extra/",
            "a PDF in content/brochures/, an image in content/images/, "
            "any other file in content/extra/",
        )
    return tr(f"le fichier renommé en {stem}.md", f"the file renamed to {stem}.md")
