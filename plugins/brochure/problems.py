"""One line per unusable brochure, naming the programme file, the PDF and, for a limit,
the setting that raises it."""

from babel.numbers import format_decimal

from relais.plugins.core import ContentError, tr, tr_later

from .limits import WEBP_MAX_SIDE
from .params import UnreadablePdf

_PROBLEMS = {
    "encrypted": (
        tr_later(
            "« {pdf} » est protégé par un mot de passe : le site ne peut pas l’afficher",
            '"{pdf}" is protected by a password: the site cannot show it',
        ),
        tr_later(
            "un PDF sans mot de passe d’ouverture (réexportez-le sans protection)",
            "a PDF without an opening password (export it again without protection)",
        ),
    ),
    "corrupt": (
        tr_later(
            "« {pdf} » n’est pas un PDF lisible (fichier abîmé, incomplet ou d’un autre format)",
            '"{pdf}" is not a readable PDF (damaged, incomplete or of another format)',
        ),
        tr_later(
            "un PDF qui s’ouvre dans un lecteur PDF (réexportez-le depuis le logiciel de mise "
            "en page)",
            "a PDF that opens in a PDF reader (export it again from the layout software)",
        ),
    ),
    "empty": (
        tr_later("« {pdf} » ne contient aucune page", '"{pdf}" has no page'),
        tr_later("un PDF d’au moins une page", "a PDF of at least one page"),
    ),
    "pages": (
        tr_later(
            "« {pdf} » a {pages} pages, au-delà de la limite de {max_pages} pages par brochure",
            '"{pdf}" has {pages} pages, over the limit of {max_pages} pages per brochure',
        ),
        tr_later(
            "une brochure plus courte, ou une limite plus haute dans BROCHURE_MAX_PAGES",
            "a shorter brochure, or a higher limit in BROCHURE_MAX_PAGES",
        ),
    ),
    "pixels": (
        tr_later(
            "« {pdf} » : la page {page} mesure {width_pt} × {height_pt} pt ; à {width} px de "
            "large, son image ferait {width} × {height} px, au-delà de la limite de "
            "{max_pixels} pixels par image",
            '"{pdf}": page {page} measures {width_pt} × {height_pt} pt; at {width} px wide, '
            "its image would be {width} × {height} px, over the limit of {max_pixels} pixels "
            "per image",
        ),
        tr_later(
            "des pages aux proportions d’un document (A4, A5, carré…), ou une limite plus haute "
            "dans BROCHURE_MAX_PAGE_PIXELS",
            "pages with the proportions of a document (A4, A5, square…), or a higher limit "
            "in BROCHURE_MAX_PAGE_PIXELS",
        ),
    ),
    "side": (
        tr_later(
            "« {pdf} » : la page {page} mesure {width_pt} × {height_pt} pt ; à {width} px de "
            "large, son image ferait {width} × {height} px, hors des limites du format WebP "
            "(de 1 à {webp_max} px de côté, aucun réglage ne les change)",
            '"{pdf}": page {page} measures {width_pt} × {height_pt} pt; at {width} px wide, '
            "its image would be {width} × {height} px, outside the limits of the WebP format "
            "(1 to {webp_max} px a side, no setting changes them)",
        ),
        tr_later(
            "des pages aux proportions d’un document (A4, A5, carré…) : réexportez le PDF "
            "au bon format de page",
            "pages with the proportions of a document (A4, A5, square…): export the PDF "
            "again with the right page size",
        ),
    ),
    "timeout": (
        tr_later(
            "« {pdf} » : {what} a dépassé {timeout} s par page (dessin trop complexe)",
            '"{pdf}": {what} took more than {timeout} s per page (drawing too complex)',
        ),
        tr_later(
            "un PDF plus simple (réexporté en aplatissant les dessins), ou une limite plus "
            "haute dans BROCHURE_PAGE_TIMEOUT_S",
            "a simpler PDF (exported again with flattened drawings), or a higher limit "
            "in BROCHURE_PAGE_TIMEOUT_S",
        ),
    ),
    "memory": (
        tr_later(
            "« {pdf} » : {what} a dépassé la mémoire permise ({memory} Mo par processus de "
            "rendu) ou a fait échouer le moteur PDF",
            '"{pdf}": {what} went over the memory allowed ({memory} MB per rendering '
            "process) or made the PDF engine fail",
        ),
        tr_later(
            "un PDF plus simple (images moins lourdes, dessins aplatis), ou une limite plus "
            "haute dans BROCHURE_WORKER_MEMORY_MB",
            "a simpler PDF (lighter images, flattened drawings), or a higher limit "
            "in BROCHURE_WORKER_MEMORY_MB",
        ),
    ),
}


def brochure_error(programme, problem: UnreadablePdf, settings) -> ContentError:
    kind = problem.facts.get("reason", problem.kind)  # a page too large: which bound
    text, expected = _PROBLEMS[kind]
    facts = {key: _number(value) for key, value in problem.facts.items()}
    message = str(text).format(
        pdf=programme.facts.brochure,
        what=_what(problem.facts),
        max_pages=_number(settings["BROCHURE_MAX_PAGES"]),
        max_pixels=_number(settings["BROCHURE_MAX_PAGE_PIXELS"]),
        memory=_number(settings["BROCHURE_WORKER_MEMORY_MB"]),
        timeout=_number(settings["BROCHURE_PAGE_TIMEOUT_S"]),
        webp_max=_number(WEBP_MAX_SIDE),
        **facts,
    )
    return ContentError(programme.source_path, "brochure", message, str(expected))


def _what(facts: dict) -> str:
    """Which work went past a bound: reading the PDF, or rendering some of its pages."""
    first, last = facts.get("first"), facts.get("last")
    if first is None:
        return tr("la lecture du PDF", "reading the PDF")
    if first == last:
        return tr(f"le rendu de la page {first}", f"rendering page {first}")
    return tr(f"le rendu des pages {first} à {last}", f"rendering pages {first} to {last}")


def _number(value) -> str:
    """12000000 → « 12 000 000 », 0.00999 → « 0,01 » in a French line ("12,000,000",
    "0.01" in an English one); text as is."""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        value = round(value, 2)
    return format_decimal(value, locale=tr("fr_FR", "en_US"))
