"""Nothing outside content/, nothing private: checks run before anything is read or written.

- At start, every symlink under content/ must point inside it: Pelican follows links
  when it walks the folders, and would publish what they point to (a CI token in
  `.git/config`, a private PDF).
- Once all content is read, every static file (found in STATIC_PATHS or linked with
  `{static}`/`{attach}`) must be inside content/ and not a hidden, backup or
  repository file: Pelican copies linked files whatever IGNORE_FILES says.
- A published SVG image holds no script, event attribute or `javascript:` address
  (html_safety.check_svg): opened on its own, it would run on the site's address.
- Author slugs (`slug:` of a post, page, programme or event) are URL parts: the same
  rule as short links, so none can climb out of output/.
"""

import re

from .errors import ContentError, abort_if_errors, report, tr, tr_later
from .html_safety import check_svg
from .paths import OUTSIDE, is_ignored, is_inside, outside_links
from .pelican_api import source_html

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_EXPECTED = tr_later(
    "des minuscules sans accent, des chiffres et des tirets, p. ex. lp-photo",
    "lowercase letters without accents, digits and hyphens, e.g. lp-photo",
)


def check_content_tree(pelican) -> None:
    """As a build starts: refuses links that lead out of content/, before any reading."""
    patterns = pelican.settings.get("IGNORE_FILES", [])
    for link, target in outside_links(pelican.path, patterns):
        report(
            ContentError(
                str(link),
                tr("lien symbolique", "symbolic link"),
                tr(f"pointe vers « {target} », {OUTSIDE}", f'points to "{target}", {OUTSIDE}'),
                tr(
                    "une copie du fichier rangée sous content/ (un lien vers l’extérieur "
                    "n’est jamais publié)",
                    "a copy of the file kept under content/ (a link to the outside is never "
                    "published)",
                ),
            )
        )
    abort_if_errors()


def check_static_files(generators) -> None:
    """Linked static files outside content/ or ignored (`{static}../secret.pdf`,
    `{static}.env`) are refused, naming the file that links them."""
    context = generators[0].context
    settings = generators[0].settings
    root, patterns = settings["PATH"], settings.get("IGNORE_FILES", [])
    for static in context.get("staticfiles", []):
        relative = static.relative_source_path
        if relative.lower().endswith(".svg") and is_inside(root, static.source_path):
            check_svg(static.source_path)
        if not is_inside(root, static.source_path):
            problem = tr(f"« {relative} » mène {OUTSIDE}", f'"{relative}" leads {OUTSIDE}')
        elif is_ignored(relative, patterns):
            problem = tr(
                f"« {relative} » est un fichier caché, de sauvegarde ou de dépôt",
                f'"{relative}" is a hidden, backup or repository file',
            )
        else:
            continue
        for owner in _linking(generators, static) or [static.source_path]:
            report(
                ContentError(
                    owner,
                    "{static}",
                    problem + tr(", jamais publié", ", never published"),
                    tr(
                        "un fichier rangé sous content/ (images/, brochures/…), sans point initial",
                        "a file kept under content/ (images/, brochures/…), with no leading dot",
                    ),
                    label="link",
                )
            )


def check_slugs(contents) -> None:
    # One line per file: the events plugin derives events from a programme file.
    errors = {}
    for content in contents:
        error = slug_error(content)
        if error:
            errors.setdefault(content.source_path, error)
    for error in errors.values():
        report(error)


def slug_error(content) -> ContentError | None:
    written = content.metadata.get("slug")
    if written is None or SLUG.fullmatch(str(written)):
        return None
    return ContentError(
        content.source_path,
        "slug",
        tr(f"« {written} » n’est pas permis", f'"{written}" is not allowed'),
        str(SLUG_EXPECTED),
    )


def _linking(generators, static) -> list[str]:
    """The content files whose text links this static file."""
    wanted = static.relative_source_path
    owners = []
    for generator in generators:
        for item in _contents_of(generator):
            text = source_html(item) is not None  # static files have none
            if text and wanted in item.get_static_links():
                owners.append(item.source_path)
    return sorted(set(owners))


def _contents_of(generator):
    for value in vars(generator).values():
        if isinstance(value, list):
            yield from (item for item in value if hasattr(item, "source_path"))
