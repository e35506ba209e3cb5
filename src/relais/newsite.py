"""`make new`: turns a fresh clone of the kit (the demo site) into a team's own site.

    python -m relais.newsite --name "…" --url https://… --institution "…" \
        --email x@… --programme "Master …" --pdf chemin/brochure.pdf \
        --deadline 2027-03-13 --start 2027-09-06 --apply https://… --place "…"

It writes only what it was told or can know: the programme's dates, where to apply and
where it is taught are asked (or given as make variables); a degree's level, length and
credits are filled in only for the national degrees whose rules fix them. Anything else is
written « à préciser », which a preview shows and `make check` and `make publish` refuse
(core.placeholders). The starter post and event are drafts until the team edits them.
Missing answers are asked for when a person is at the terminal; without one, a single
message names every missing variable. It refuses to run on a checkout whose site files are
no longer the demo's: nothing a team wrote is ever overwritten.
"""

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from relais import __version__
from relais.degrees import TO_CHECK, degree_facts
from relais.sitefiles import KIT_RECORD
from relais.slugs import slug_from_title

SKELETON = Path(__file__).parent / "skeleton"
RETIRED_HEADER = (
    "# Adresses retirées : une adresse par ligne (/blog/ancien-article/), publiées puis\n"
    "# supprimées volontairement, sans page de remplacement. Voir docs/publishing.md.\n"
)
QUESTIONS = {
    "name": "Nom du site (ex. « Master Humanités numériques »)",
    "url": "Adresse publique du site, en https (ex. https://compte.github.io/depot)",
    "institution": "Établissement (ex. « Université de Poitiers — UFR Lettres »)",
    "email": "Adresse électronique de contact",
    "programme": "Intitulé complet de la première formation",
    "pdf": "Chemin de sa brochure PDF",
    "deadline": "Date limite de candidature, AAAA-MM-JJ (ex. 2027-03-13)",
    "start": "Date de la rentrée, AAAA-MM-JJ (ex. 2027-09-06)",
    "apply": "Adresse où candidater, en https (Mon Master, Parcoursup, eCandidat, formulaire…)",
    "place": "Lieu des cours (ex. « Campus Sud, Poitiers »), ou « à préciser »",
}
# The make variable of each answer (`make new SITE=… DEADLINE=…`).
VARIABLES = {
    "name": "SITE",
    "url": "URL",
    "institution": "INSTITUTION",
    "email": "EMAIL",
    "programme": "PROGRAMME",
    "pdf": "PDF",
    "deadline": "DEADLINE",
    "start": "START",
    "apply": "APPLY",
    "place": "PLACE",
}
EXAMPLES = {
    "name": '"Master …"',
    "url": "https://…",
    "institution": '"…"',
    "email": "…@…",
    "programme": '"Master …"',
    "pdf": "brochure.pdf",
    "deadline": "AAAA-MM-JJ",
    "start": "AAAA-MM-JJ",
    "apply": "https://…",
    "place": '"…"',
}


class Refusal(Exception):
    """A one-line reason not to go on, for the person at the terminal."""


@dataclass(frozen=True)
class Answers:
    name: str
    url: str
    institution: str
    email: str
    programme: str
    pdf: Path
    deadline: str
    start: str
    apply: str
    place: str


def site_is_pristine_demo(root: Path) -> list[str]:
    """The site files that are no longer the demo's (empty: `make new` may replace them)."""
    changed = []
    for name in ("pelicanconf.py", "publishconf.py"):
        if not (root / name).is_file() or not filecmp.cmp(
            root / name, root / "demo" / name, shallow=False
        ):
            changed.append(name)
    if (root / "site-theme").exists():
        changed.append("site-theme/")
    if not (root / "content").is_dir() or _tree_differs(
        root / "content", root / "demo" / "content"
    ):
        changed.append("content/")
    return changed


def _tree_differs(left: Path, right: Path) -> bool:
    comparison = filecmp.dircmp(left, right, ignore=[])
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return True
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    if mismatch or errors:
        return True
    return any(_tree_differs(left / d, right / d) for d in comparison.common_dirs)


def validate(answers: Answers, today: date | None = None) -> None:
    """The first wrong answer, as a Refusal naming its variable."""
    problems = problems_of(answers, today or date.today())
    if problems:
        raise Refusal(problems[0])


def problems_of(answers: Answers, today: date) -> list[str]:
    """Every wrong answer, one line each, naming its make variable."""
    problems = []
    for key in QUESTIONS:
        problem = answer_problem(key, getattr(answers, key), today)
        if problem:
            problems.append(f"{VARIABLES[key]} : {problem}")
    if not problems and date.fromisoformat(answers.deadline) > date.fromisoformat(answers.start):
        problems.append(
            f"DEADLINE « {answers.deadline} » tombe après la rentrée START "
            f"« {answers.start} » : la date limite de candidature vient avant"
        )
    return problems


def answer_problem(key: str, value, today: date) -> str | None:
    """What is wrong with one answer, or None."""
    text = str(value).strip()
    if not text:
        return "ne peut pas être vide"
    if key in ("url", "apply"):
        url = urlsplit(text)
        extra = key == "url" and (url.query or url.fragment)
        if url.scheme != "https" or not url.netloc or extra:
            example = "https://compte.github.io/depot"
            if key == "apply":
                example = "https://www.monmaster.gouv.fr/"
            return f"« {text} » : attendu une adresse https complète, par exemple {example}"
    if key == "email" and ("@" not in text or " " in text):
        return f"« {text} » : attendu une adresse comme scolarite@exemple.fr"
    if key == "pdf":
        path = Path(value)
        if not path.is_file():
            return f"« {text} » : fichier introuvable"
        if path.read_bytes()[:5] != b"%PDF-":
            return f"« {text} » : ce fichier n’est pas un PDF"
    if key in ("deadline", "start"):
        return _date_problem(key, text, today)
    return None


def _date_problem(key: str, text: str, today: date) -> str | None:
    try:
        day = date.fromisoformat(text)
        if len(text) != 10:
            raise ValueError(text)
    except ValueError:
        return f"« {text} » : attendu une date qui existe, AAAA-MM-JJ, par exemple 2027-03-13"
    if day < today:
        what = "la date limite" if key == "deadline" else "la rentrée"
        return f"« {text} » : {what} est passée ; donnez celle de la prochaine année"
    return None


def values(answers: Answers, today: date) -> dict[str, str]:
    """Everything the skeleton's templates need: the answers, what a national degree's
    title tells (degrees.py), today's date; « à préciser » for anything else."""
    slug = slug_from_title(answers.programme)
    facts = degree_facts(answers.programme)
    short = answers.programme if len(answers.programme) <= 70 else answers.programme[:69] + "…"
    place = answers.place.strip()
    return {
        "slug": slug,
        "title": answers.programme,
        "short_title": short,
        **facts,
        "tag": _tag(facts["degree"], slug),
        "institution": answers.institution,
        "summary": f"{answers.programme} : le programme, les dates clés, la brochure.",
        "email": answers.email,
        "apply_url": answers.apply.strip(),
        "location": TO_CHECK if _plain_words(place) == "a preciser" else place,
        "today": today.isoformat(),
        "start": answers.start.strip(),
        "deadline": answers.deadline.strip(),
    }


def _tag(degree: str, slug: str) -> str:
    """The programme's first keyword: its degree's first word, else its file name's."""
    word = degree.split()[0].lower() if degree != TO_CHECK else ""
    return word or slug.split("-")[0]


def _plain_words(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(" «»\"'")


def yaml_quoted(text: dict[str, str]) -> dict[str, str]:
    """Values for the programme's YAML header: quoted, so « : » or « # » in a title stays
    text (JSON strings are YAML double-quoted strings)."""
    quoted = {key: json.dumps(value, ensure_ascii=False) for key, value in text.items()}
    # Dates stay bare: YAML reads them as dates either way; « à préciser » stays readable.
    bare = ("slug", "start", "deadline")
    return {**quoted, **{key: text[key] for key in bare}}


def settings_values(answers: Answers) -> dict[str, str]:
    """Python literals for the settings templates."""
    siteurl = answers.url.rstrip("/")
    literal = {
        "sitename": answers.name,
        "description": f"{answers.name} : la formation, ses dates clés, sa brochure.",
        "institution": answers.institution,
        "institution_url": siteurl + "/",
        "email": answers.email,
        "uid_domain": urlsplit(siteurl).hostname,
        "siteurl": siteurl,
    }
    return {key: json.dumps(value, ensure_ascii=False) for key, value in literal.items()}


def write_site(root: Path, answers: Answers, today: date) -> list[Path]:
    """Replaces the demo's site files with the skeleton; returns the files written."""
    text = values(answers, today)
    for name in ("content", "site-theme"):
        shutil.rmtree(root / name, ignore_errors=True)
    written = []
    names = {"PROGRAMME": text["slug"], "POST": f"{today:%Y-%m}-candidatures-{text['slug']}",
             "EVENT": f"reunion-information-{text['slug']}"}  # fmt: skip
    for source in sorted((SKELETON / "content").rglob("*.md")):
        relative = source.relative_to(SKELETON).with_stem(names.get(source.stem, source.stem))
        mapping = yaml_quoted(text) if source.stem == "PROGRAMME" else text
        written.append(_render(source, root / relative, mapping))
    brochure = root / "content" / "brochures" / f"{text['slug']}.pdf"
    brochure.parent.mkdir(parents=True)
    shutil.copyfile(answers.pdf, brochure)
    shutil.copytree(SKELETON / "site-theme", root / "site-theme")
    settings = settings_values(answers)
    for name in ("pelicanconf.py", "publishconf.py"):
        written.append(_render(SKELETON / f"{name}.tmpl", root / name, settings))
    (root / "retired-urls.txt").write_text(RETIRED_HEADER, encoding="utf-8")
    (root / KIT_RECORD).write_text(f"{kit_commit(root)} {__version__}\n", encoding="utf-8")
    return [*written, brochure, root / "site-theme", root / "retired-urls.txt", root / KIT_RECORD]


def kit_commit(root: Path) -> str:
    """The kit commit this fresh clone is on: `make upgrade` starts from it."""
    done = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise Refusal("ce dossier n’est pas un clone git du kit : clonez relais avec git clone")
    return done.stdout.strip()


def _render(template: Path, target: Path, mapping: dict[str, str]) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    body = Template(template.read_text(encoding="utf-8")).substitute(mapping)
    target.write_text(body, encoding="utf-8")
    return target


def ask_missing(args: argparse.Namespace, today: date | None = None) -> Answers:
    """The answers given, completed at the terminal; without a terminal, a Refusal naming
    every missing variable at once."""
    today = today or date.today()
    missing = [key for key in QUESTIONS if not str(getattr(args, key) or "").strip()]
    if missing and not sys.stdin.isatty():
        listed = ", ".join(VARIABLES[key] for key in missing)
        example = " ".join(f"{VARIABLES[key]}={EXAMPLES[key]}" for key in missing)
        details = "\n".join(f"  {VARIABLES[key]} : {QUESTIONS[key]}" for key in missing)
        raise Refusal(
            f"il manque {listed} ; donnez-les à la commande, par exemple :\n"
            f"  make new … {example}\n{details}\n"
            "(ou lancez make new dans un terminal : il les demande)"
        )
    for key in missing:
        while True:
            answer = input(f"{QUESTIONS[key]} : ").strip()
            problem = answer_problem(key, answer, today)
            if problem is None:
                break
            print(f"  {problem}", file=sys.stderr)
        setattr(args, key, answer)
    return Answers(**{key: getattr(args, key) for key in QUESTIONS} | {"pdf": Path(args.pdf)})


def left_to_confirm(root: Path, written: list[Path]) -> list[str]:
    """« fichier : champ, champ » for each written file that still says « à préciser »."""
    found = []
    for path in written:
        if path.suffix != ".md":
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        if any(line.strip().startswith("status: draft") for line in lines):
            continue  # a draft is not published
        fields = []
        for line in lines:
            if "[[à préciser]]" in line:
                fields.append("texte")
            elif line.split(":", 1)[-1].strip().strip('"') == TO_CHECK and ":" in line:
                fields.append(line.split(":", 1)[0].strip())
        if fields:
            found.append(f"{path.relative_to(root)} : {', '.join(dict.fromkeys(fields))}")
    return found


def main(argv: list[str] | None = None, root: Path | None = None, today: date | None = None) -> int:
    root = root or Path.cwd()
    parser = argparse.ArgumentParser(prog="make new", description=__doc__.split("\n")[0])
    for key, question in QUESTIONS.items():
        # `make new SITE=… PDF=…` hands its variables over as RELAIS_NEW_<NAME>.
        default = os.environ.get(f"RELAIS_NEW_{key.upper()}", "")
        parser.add_argument(f"--{key}", default=default, help=question)
    args = parser.parse_args(argv)
    try:
        changed = site_is_pristine_demo(root)
        if changed:
            raise Refusal(
                "ce dossier contient déjà votre site (modifié : " + ", ".join(changed) + ") ; "
                "make new ne remplace que le site de démonstration d’un clone neuf"
            )
        kit_commit(root)
        today = today or date.today()
        answers = ask_missing(args, today)
        problems = problems_of(answers, today)
        if problems:
            raise Refusal("\n  ".join(["réponse(s) à corriger :", *problems]))
        written = write_site(root, answers, today)
    except Refusal as refusal:
        print(f"make new : {refusal}", file=sys.stderr)
        return 2
    print(f"Votre site est prêt : {len(written)} fichiers écrits, la démo est retirée de content/.")
    programme = next(path for path in written if path.parent.name == "programmes")
    print(f"  première formation : {programme.relative_to(root)}")
    drafts = [p.relative_to(root) for p in written if p.parent.name in ("blog", "events")]
    print("  brouillons (status: draft), publiés quand vous retirez cette ligne : ", end="")
    print(", ".join(str(path) for path in drafts))
    left = left_to_confirm(root, written)
    if left:
        print("À compléter avant de publier (make check et make publish refusent « à préciser ») :")
        for line in left:
            print(f"  {line}")
    print("Ensuite : make serve (aperçu), complétez, make check, puis git commit.")
    print("La démo reste visible avec : make demo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
