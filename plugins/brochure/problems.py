"""One line per unusable brochure, naming the programme file, the PDF and, for a limit,
the setting that raises it."""

from babel.numbers import format_decimal
from relais_core import ContentError

from .limits import WEBP_MAX_SIDE
from .pdf import UnreadablePdf

_PROBLEMS = {
    "encrypted": (
        "« {pdf} » est protégé par un mot de passe : le site ne peut pas l’afficher",
        "un PDF sans mot de passe d’ouverture (réexportez-le sans protection)",
    ),
    "corrupt": (
        "« {pdf} » n’est pas un PDF lisible (fichier abîmé, incomplet ou d’un autre format)",
        "un PDF qui s’ouvre dans un lecteur PDF (réexportez-le depuis le logiciel de mise en page)",
    ),
    "empty": (
        "« {pdf} » ne contient aucune page",
        "un PDF d’au moins une page",
    ),
    "pages": (
        "« {pdf} » a {pages} pages, au-delà de la limite de {max_pages} pages par brochure",
        "une brochure plus courte, ou une limite plus haute dans BROCHURE_MAX_PAGES",
    ),
    "pixels": (
        "« {pdf} » : la page {page} mesure {width_pt} × {height_pt} pt ; à {width} px de "
        "large, son image ferait {width} × {height} px, au-delà de la limite de "
        "{max_pixels} pixels par image",
        "des pages aux proportions d’un document (A4, A5, carré…), ou une limite plus haute "
        "dans BROCHURE_MAX_PAGE_PIXELS",
    ),
    "side": (
        "« {pdf} » : la page {page} mesure {width_pt} × {height_pt} pt ; à {width} px de "
        "large, son image ferait {width} × {height} px, hors des limites du format WebP "
        "(de 1 à {webp_max} px de côté, aucun réglage ne les change)",
        "des pages aux proportions d’un document (A4, A5, carré…) : réexportez le PDF "
        "au bon format de page",
    ),
    "timeout": (
        "« {pdf} » : {what} a dépassé {timeout} s par page (dessin trop complexe)",
        "un PDF plus simple (réexporté en aplatissant les dessins), ou une limite plus haute "
        "dans BROCHURE_PAGE_TIMEOUT_S",
    ),
    "memory": (
        "« {pdf} » : {what} a dépassé la mémoire permise ({memory} Mo par processus de rendu) "
        "ou a fait échouer le moteur PDF",
        "un PDF plus simple (images moins lourdes, dessins aplatis), ou une limite plus haute "
        "dans BROCHURE_WORKER_MEMORY_MB",
    ),
}


def brochure_error(programme, problem: UnreadablePdf, settings) -> ContentError:
    kind = problem.facts.get("reason", problem.kind)  # a page too large: which bound
    text, expected = _PROBLEMS[kind]
    facts = {key: _number(value) for key, value in problem.facts.items()}
    message = text.format(
        pdf=programme.brochure,
        what=_what(problem.facts),
        max_pages=_number(settings["BROCHURE_MAX_PAGES"]),
        max_pixels=_number(settings["BROCHURE_MAX_PAGE_PIXELS"]),
        memory=_number(settings["BROCHURE_WORKER_MEMORY_MB"]),
        timeout=_number(settings["BROCHURE_PAGE_TIMEOUT_S"]),
        webp_max=_number(WEBP_MAX_SIDE),
        **facts,
    )
    return ContentError(programme.source_path, "brochure", message, expected)


def _what(facts: dict) -> str:
    """Which work went past a bound: reading the PDF, or rendering some of its pages."""
    first, last = facts.get("first"), facts.get("last")
    if first is None:
        return "la lecture du PDF"
    if first == last:
        return f"le rendu de la page {first}"
    return f"le rendu des pages {first} à {last}"


def _number(value) -> str:
    """12000000 → « 12 000 000 », 0.00999 → « 0,01 » (French, as the rest of the line);
    text as is."""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        value = round(value, 2)
    return format_decimal(value, locale="fr_FR")
