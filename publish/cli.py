"""The steps of `make publish`, in an order where any failure leaves the remote untouched."""

import os
import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

from publish import deploy, permanence
from publish.config import SETTINGS_FILE, PublishConfig, load
from publish.git import git, rev
from publish.refusal import Refused

REQUIRED_PAGES = ("index.html", "404.html")


def say(message: str) -> None:
    print(f"publish: {message}", flush=True)


def main() -> int:
    root = Path(git("rev-parse", "--show-toplevel").strip())
    os.chdir(root)
    started = time.monotonic()
    try:
        config = load(root)
        source = check_source(config)
        previous = fetch(config)
        build(config)
        check_urls(config, previous)
        run_gates(config, root)
        publish(config, source, previous)
    except Refused as refusal:
        print(f"publish: REFUSÉ — {refusal}", file=sys.stderr)
        print("publish: rien n’a été envoyé ; le site en ligne n’a pas changé.", file=sys.stderr)
        return 1
    say(f"publié en {time.monotonic() - started:.1f} s : {config.siteurl}/")
    ping_websub(config, root)
    return 0


def check_source(config: PublishConfig) -> str:
    """The commit being published: only committed work, never a stray local edit."""
    changes = git("status", "--porcelain").splitlines()
    if changes:
        listed = "\n  ".join(changes[:10])
        raise Refused(
            f"des modifications ne sont pas enregistrées :\n  {listed}\n"
            "Enregistrez-les (git add puis git commit) ou annulez-les, puis relancez."
        )
    current = git("branch", "--show-current").strip()
    if current == config.branch:
        raise Refused(
            f"la branche de travail est « {current} », celle où le site est publié. "
            "Travaillez sur une autre branche, ou réglez PUBLISH_BRANCH."
        )
    source = git("rev-parse", "HEAD").strip()
    say(f"source : commit {source[:12]} ({current or 'HEAD détachée'})")
    return source


def fetch(config: PublishConfig) -> str | None:
    """The remote branch's tip after a fresh fetch, or None before the first deploy."""
    say(f"git fetch {config.remote} {config.branch}")
    live = git(
        "ls-remote",
        "--heads",
        config.remote,
        f"refs/heads/{config.branch}",
        fix=f"Vérifiez le dépôt distant « {config.remote} » (git remote -v) et la connexion.",
    ).split()
    if not live:
        git("update-ref", "-d", config.remote_ref, check=False)
        if rev(f"refs/heads/{config.branch}"):
            raise Refused(
                f"une branche locale « {config.branch} » existe mais pas sur « {config.remote} » : "
                f"supprimez-la (git branch -D {config.branch}) avant la première publication."
            )
        return None
    git("fetch", config.remote, f"+refs/heads/{config.branch}:{config.remote_ref}")
    live_cname = git("show", f"{config.remote_ref}:CNAME", check=False).strip()
    if live_cname and not config.cname:
        raise Refused(
            f"le site en ligne a le domaine « {live_cname} » (fichier CNAME) et cette publication "
            f'le supprimerait : réglez PUBLISH_CNAME = "{live_cname}" dans publishconf.py '
            "(ou la variable RELAIS_CNAME)."
        )
    return rev(config.remote_ref)


def build(config: PublishConfig) -> None:
    say("construction : pelican -s publishconf.py --fatal warnings")
    if config.output.exists():
        subprocess.run(["rm", "-rf", str(config.output)], check=True)
    # Wide lines: Pelican's log would otherwise wrap each message over several lines.
    env = {**os.environ, "COLUMNS": "400"}
    done = subprocess.run(
        config.build_command, capture_output=True, text=True, check=False, env=env
    )
    if done.returncode != 0:
        details = build_problems(done.stdout + "\n" + done.stderr)
        raise Refused(
            "la construction a échoué (un avertissement suffit) :\n  "
            + "\n  ".join(details)
            + "\nCorrigez le contenu indiqué, enregistrez (commit), puis relancez."
        )
    pages = list(config.output.rglob("*.html")) if config.output.is_dir() else []
    if not pages:
        raise Refused(f"la construction n’a produit aucune page dans {config.output}/.")
    missing = [name for name in REQUIRED_PAGES if not (config.output / name).is_file()]
    if missing:
        names = ", ".join(missing)
        raise Refused(f"il manque {names} dans {config.output}/ : construction partielle.")
    say(f"{len(pages)} pages construites")


def build_problems(log: str) -> list[str]:
    """The warning and error lines of a failed build, without --fatal's traceback."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    found = [line for line in lines if re.search(r"\b(WARNING|ERROR|CRITICAL|ERREUR)\b", line)]
    return (found or lines)[-15:]


def check_urls(config: PublishConfig, previous: str | None) -> None:
    if previous is None:
        say("adresses : pas de référence (no baseline) — première publication")
        return
    old = permanence.baseline(config.remote_ref)
    retired = permanence.retired(config.retired_file, config.siteurl)
    broken = permanence.missing_urls(config.output, config.siteurl, old, retired)
    if broken:
        raise Refused(
            f"{len(broken)} adresse(s) déjà publiée(s) disparaîtrai(en)t :\n  "
            + "\n  ".join(broken)
            + "\nAjoutez « redirect_from: <ancienne adresse> » au contenu déplacé, ou, "
            "si la page doit vraiment disparaître, ajoutez l’adresse à retired-urls.txt."
        )
    kept = deploy.carry_fingerprinted(config.output, config.remote_ref, config.theme_static_dir)
    say(f"adresses : les {len(old)} adresses déjà publiées sont toujours servies")
    if kept:
        say(f"{len(kept)} feuille(s) de style/script de la version précédente conservée(s)")


def gate_command(config: PublishConfig, root: Path) -> list[str]:
    """The quality gates; RELAIS_PUBLISH_GATE replaces them (tests run a cheaper subset)."""
    if config.gate_command:
        command = config.gate_command.replace("{output}", shlex.quote(str(config.output)))
        return shlex.split(command.replace("{siteurl}", shlex.quote(config.siteurl)))
    if not (root / "checks" / "__main__.py").is_file():
        raise Refused("les contrôles de qualité (checks/) sont introuvables : lancez `make tools`.")
    return [sys.executable, "-m", "checks", str(config.output), "--siteurl", config.siteurl]


def run_gates(config: PublishConfig, root: Path) -> None:
    command = gate_command(config, root)
    say(f"contrôles de qualité : {shlex.join(command)}")
    if subprocess.run(command, check=False).returncode != 0:
        raise Refused("les contrôles de qualité ont trouvé des problèmes (liste ci-dessus).")


def publish(config: PublishConfig, source: str, previous: str | None) -> None:
    local_before = rev(f"refs/heads/{config.branch}")
    message = f"Publication de {source[:12]}\n\nSource : commit {source}"
    try:
        deploy.commit_site(config.output, config.remote, config.branch, config.cname, message)
        tip = deploy.verify_commit(config.branch, previous, config.output, config.cname, source)
        say(f"commit {tip[:12]} vérifié sur {config.branch} ; git push {config.remote}")
        deploy.push(config.remote, config.branch)
    except Refused:
        _restore(config.branch, local_before)
        raise


def _restore(branch: str, commit: str | None) -> None:
    """The local branch goes back to where it was: a failed publish leaves no trace."""
    if commit:
        git("update-ref", f"refs/heads/{branch}", commit, check=False)
    else:
        git("update-ref", "-d", f"refs/heads/{branch}", check=False)


def ping_websub(config: PublishConfig, root: Path) -> None:
    """Tells the WebSub hub which feeds changed (plugins/relay_feeds), when a hub is set."""
    if not config.websub_hub:
        return
    plugin = root / "plugins" / "relay_feeds"
    if not (plugin / "websub.py").is_file():
        say("WebSub : FEEDS_WEBSUB_HUB est réglé mais relay_feeds.websub n’existe pas ; ignoré")
        return
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "plugins"), str(root)])}
    command = [sys.executable, "-m", "relay_feeds.websub", str(config.output)]
    done = subprocess.run([*command, "--settings", SETTINGS_FILE], env=env, check=False)
    if done.returncode != 0:
        say("WebSub : le hub n’a pas été prévenu (le site est bien publié) ; relancez plus tard")
