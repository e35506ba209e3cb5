"""One line per unusable brochure, naming the programme file and the PDF."""

from relais_core import ContentError

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
}


def brochure_error(programme, problem: UnreadablePdf) -> ContentError:
    text, expected = _PROBLEMS[problem.kind]
    return ContentError(
        programme.source_path, "brochure", text.format(pdf=programme.brochure), expected
    )
