"""`make new`: turns a fresh clone of the kit (the demo site) into a team's own site.

    python -m relais.newsite --name "…" --url https://… --institution "…" \
        --email x@… --programme "Master …" --pdf chemin/brochure.pdf

Missing answers are asked for when a person is at the terminal. It refuses to run
on a checkout whose site files are no longer the demo's: nothing a team wrote is
ever overwritten.
"""

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from relais import __version__
from relais.degrees import degree_facts
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


def validate(answers: Answers) -> None:
    url = urlsplit(answers.url)
    if url.scheme != "https" or not url.netloc or url.query or url.fragment:
        raise Refusal(
            f"--url « {answers.url} » : attendu une adresse https complète, "
            "par exemple https://compte.github.io/depot"
        )
    if "@" not in answers.email or " " in answers.email.strip():
        raise Refusal(
            f"--email « {answers.email} » : attendu une adresse comme scolarite@exemple.fr"
        )
    if not answers.pdf.is_file():
        raise Refusal(f"--pdf « {answers.pdf} » : fichier introuvable")
    if answers.pdf.read_bytes()[:5] != b"%PDF-":
        raise Refusal(f"--pdf « {answers.pdf} » : ce fichier n’est pas un PDF")
    for field in ("name", "institution", "programme"):
        if not getattr(answers, field).strip():
            raise Refusal(f"--{field} : ne peut pas être vide")


def values(answers: Answers, today: date) -> dict[str, str]:
    """Everything the skeleton's templates need, from the answers and today's date."""
    slug = slug_from_title(answers.programme)
    start = date(today.year + (1 if today.month >= 6 else 0), 9, 1)
    deadline = date(start.year, 5, 15)
    event_day = today + timedelta(days=28)
    facts = degree_facts(answers.programme)
    siteurl = answers.url.rstrip("/")
    short = answers.programme if len(answers.programme) <= 70 else answers.programme[:69] + "…"
    return {
        "slug": slug,
        "title": answers.programme,
        "short_title": short,
        **facts,
        "tag": facts["degree"].split()[0].lower(),
        "institution": answers.institution,
        "summary": f"{answers.programme} : le programme, les dates clés, la brochure.",
        "email": answers.email,
        "apply_url": f"{siteurl}/contact/",
        "today": today.isoformat(),
        "start": start.isoformat(),
        "deadline": deadline.isoformat(),
        "deadline_text": f"{deadline.day} mai {deadline.year}",
        "event_day": event_day.isoformat(),
    }


def yaml_quoted(text: dict[str, str]) -> dict[str, str]:
    """Values for the programme's YAML header: quoted, so « : » or « # » in a title stays
    text (JSON strings are YAML double-quoted strings)."""
    quoted = {key: json.dumps(value, ensure_ascii=False) for key, value in text.items()}
    return {**quoted, "slug": text["slug"], "location": quoted["institution"]}


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


def ask_missing(args: argparse.Namespace) -> Answers:
    missing = [key for key in QUESTIONS if not getattr(args, key)]
    if missing and not sys.stdin.isatty():
        options = " ".join(f"--{key} …" for key in missing)
        raise Refusal(f"réponses manquantes : {options} (ou lancez la commande dans un terminal)")
    for key in missing:
        setattr(args, key, input(f"{QUESTIONS[key]} : ").strip())
    return Answers(
        args.name, args.url, args.institution, args.email, args.programme, Path(args.pdf)
    )


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
        answers = ask_missing(args)
        validate(answers)
        written = write_site(root, answers, today or date.today())
    except Refusal as refusal:
        print(f"make new : {refusal}", file=sys.stderr)
        return 2
    print(f"Votre site est prêt : {len(written)} fichiers écrits, la démo est retirée de content/.")
    programme = next(path for path in written if path.parent.name == "programmes")
    print(f"  première formation : {programme.relative_to(root)}")
    print("Ensuite : make serve (aperçu), complétez les champs « à préciser », puis git commit.")
    print("La démo reste visible avec : make demo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
