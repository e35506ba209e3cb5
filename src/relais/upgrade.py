"""`make upgrade`: takes a newer kit into a team's site, never touching the team's files.

    python -m relais.upgrade [--kit relais/main]

The kit's files (plugins/, theme/, relais/, Makefile…) are replaced by those of the
newer kit commit; the team's files (content/, pelicanconf.py, publishconf.py,
site-theme/, retired-urls.txt) are left exactly as they are, so there is nothing to
merge. The kit commit the site is on is recorded in KIT_RECORD. The files changed are
named, one per line, and the update is committed (« relais 0.3.0 → 0.3.1 », say), which the
message says, with how to read it again and how to undo it.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from relais.sitefiles import KIT_RECORD, SITE_FILES

DEFAULT_KIT = "relais/main"


class Refusal(Exception):
    """A one-line reason not to go on."""


def git(root: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise Refusal(f"git {' '.join(args)} : {done.stderr.strip()}")
    return done.stdout


def kit_pathspec() -> list[str]:
    """Every path but the team's: the kit's side of the checkout."""
    return ["--", ".", *(f":(exclude){name}" for name in [*SITE_FILES, KIT_RECORD])]


def recorded_kit(root: Path) -> str:
    record = root / KIT_RECORD
    if not record.is_file():
        raise Refusal(
            f"{KIT_RECORD} est absent : ce dossier n’a pas été créé par make new "
            "(ou le fichier a été supprimé) ; restaurez-le depuis l’historique git"
        )
    return record.read_text(encoding="utf-8").split()[0]


def fetch(root: Path, kit: str) -> str:
    remote = kit.split("/", 1)[0]
    if remote in git(root, "remote").split():
        git(root, "fetch", "--quiet", remote)
    target = git(root, "rev-parse", "--verify", "--quiet", f"{kit}^{{commit}}", check=False)
    if not target.strip():
        raise Refusal(
            f"version du kit « {kit} » introuvable ; ajoutez le dépôt du kit : "
            "git remote add relais <adresse du dépôt relais>, puis make upgrade"
        )
    return target.strip()


def check_clean(root: Path, base: str) -> None:
    if git(root, "status", "--porcelain", "--untracked-files=no").strip():
        raise Refusal("des modifications ne sont pas enregistrées : faites git commit d’abord")
    edited = git(root, "diff", "--name-only", base, "HEAD", *kit_pathspec()).split()
    if edited:
        raise Refusal(
            "fichiers du kit modifiés dans votre site : " + ", ".join(edited) + " ; "
            "mettez ces changements dans site-theme/ ou pelicanconf.py, puis rétablissez "
            f"les fichiers du kit (git checkout {base[:12]} -- FICHIER)"
        )


def apply(root: Path, base: str, target: str) -> list[tuple[str, str]]:
    """Takes the kit's changes from base to target; returns (status, path) for each file
    changed: "A" added, "M" modified, "D" deleted."""
    changes = git(root, "diff", "--name-status", "--no-renames", base, target, *kit_pathspec())
    changed = []
    for line in changes.splitlines():
        status, path = line.split("\t", 1)
        if status == "D":
            git(root, "rm", "--quiet", "--", path)
        else:
            git(root, "checkout", target, "--", path)
        changed.append((status[:1], path))
    return changed


_WORDS = {"A": "ajouté", "M": "modifié", "D": "supprimé"}


def report(old: str, new: str, changed: list[tuple[str, str]]) -> str:
    """What the team reads: each kit file changed, and the commit that holds them."""
    lines = [f"relais {old} → {new} : {len(changed)} fichier(s) du kit changé(s) :"]
    lines += [f"  {_WORDS.get(status, status)} : {path}" for status, path in changed]
    lines.append(
        f"Mise à jour enregistrée dans un commit (« relais {old} → {new} ») ; "
        "vos fichiers n’ont pas changé. Relire : git show --stat ; annuler : "
        "git reset --hard HEAD~1. Nouveautés de cette version : CHANGELOG.md"
    )
    return "\n".join(lines)


def version_at(root: Path, commit: str) -> str:
    text = git(root, "show", f"{commit}:pyproject.toml")
    line = next(line for line in text.splitlines() if line.startswith("version"))
    return line.split("=", 1)[1].strip().strip('"')


def upgrade(root: Path, kit: str) -> str:
    base = recorded_kit(root)
    target = fetch(root, kit)
    check_clean(root, base)
    if target == base:
        return "le site utilise déjà cette version du kit"
    changed = apply(root, base, target)
    old, new = version_at(root, base), version_at(root, target)
    (root / KIT_RECORD).write_text(f"{target} {new}\n", encoding="utf-8")
    git(root, "add", KIT_RECORD)
    git(root, "commit", "--quiet", "-m", f"relais {old} → {new}")
    return report(old, new, changed)


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make upgrade", description=__doc__.split("\n")[0])
    parser.add_argument("--kit", default=DEFAULT_KIT, help="branche ou étiquette du kit")
    args = parser.parse_args(argv)
    try:
        print(upgrade(root or Path.cwd(), args.kit))
    except Refusal as refusal:
        print(f"make upgrade : {refusal}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
