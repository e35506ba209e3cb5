"""The steps of `make publish`, in an order where any failure leaves the remote untouched.

Everything is built from a private copy of the commit being published, into a private
output folder; that folder is what the gates check and exactly what is pushed.
"""

import fcntl
import os
import re
import shlex
import signal
import sys
import tempfile
import time
from importlib.util import find_spec
from pathlib import Path

from relais.checks import size
from relais.publish import children, deploy, permanence, records, rendercache, snapshot
from relais.publish.config import SETTINGS_FILE, PublishConfig, load
from relais.publish.git import git, is_ancestor, rev
from relais.publish.refusal import Refused

REQUIRED_PAGES = ("index.html", "404.html")
# Where ignored files would matter: they are in the folder, not in the commit.
SITE_FOLDERS = ["content", "site-theme"]
# What an interruption at each stage means for the site online.
OUTCOMES = {
    "preparing": "rien n’a été envoyé ; le site en ligne n’a pas changé.",
    "sending": "pendant l’envoi : relancez `make publish`, il dira si le site a été mis à jour.",
    "published": "le site était déjà publié ; le hub WebSub n’a peut-être pas été prévenu.",
}
stage = "preparing"


def say(message: str) -> None:
    print(f"publish: {message}", flush=True)


def main() -> int:
    for stop in (signal.SIGTERM, signal.SIGHUP):  # `kill`, a closed terminal: like Ctrl-C
        signal.signal(stop, _interrupt)
    try:
        root = Path(git("rev-parse", "--show-toplevel").strip())
        os.chdir(root)
        with tempfile.TemporaryDirectory(prefix="relais-publish-") as workspace:
            return run(root, Path(workspace))
    except Refused as refusal:
        print(f"publish: REFUSÉ — {refusal}", file=sys.stderr)
        print("publish: rien n’a été envoyé ; le site en ligne n’a pas changé.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        print(f"publish: INTERROMPU — {OUTCOMES[stage]}", file=sys.stderr, flush=True)
        return 130


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def run(root: Path, workspace: Path) -> int:
    started = time.monotonic()
    lock = one_at_a_time()
    commit, current = source_commit()
    config = load(snapshot.check_out(commit, workspace), workspace, rendercache.location())
    check_branch(config, current)
    warn_left_out(commit)
    previous, recorded = fetch(config)
    build(config)
    check_size(config)
    check_urls(config, previous, recorded)
    run_gates(config, root)
    publish(config, commit, previous)
    say(f"publié en {time.monotonic() - started:.1f} s : {config.siteurl}/")
    ping_websub(config, root)
    lock.close()
    return 0


def one_at_a_time():
    """Two publishes from one repository would share its image cache and its records."""
    folder = rendercache.git_folder()
    folder.mkdir(parents=True, exist_ok=True)
    lock = (folder / "publish.lock").open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        busy = "une autre publication est en cours depuis ce dépôt : attendez sa fin."
        raise Refused(busy) from None
    return lock


def source_commit() -> tuple[str, str]:
    """The commit being published (HEAD, read once) and the current branch."""
    current = git("branch", "--show-current").strip()
    commit = git("rev-parse", "HEAD").strip()
    say(f"source : commit {commit[:12]} ({current or 'HEAD détachée'})")
    return commit, current


def check_branch(config: PublishConfig, current: str) -> None:
    if current == config.branch:
        raise Refused(
            f"la branche de travail est « {current} », celle où le site est publié. "
            "Travaillez sur une autre branche, ou réglez PUBLISH_BRANCH."
        )


def warn_left_out(commit: str) -> None:
    """Only the commit is published: say which local files are not, and why."""
    left_out = snapshot.left_out(SITE_FOLDERS)
    if not left_out:
        return
    listed = "\n  ".join(left_out[:15]) + ("\n  …" if len(left_out) > 15 else "")
    say(
        f"ATTENTION — seul le commit {commit[:12]} est publié ; ces fichiers ne le seront pas "
        f"(non enregistrés, ou ignorés par git) :\n  {listed}\n"
        "Pour les publier : git add, git commit, puis relancez `make publish`."
    )


def fetch(config: PublishConfig) -> tuple[str | None, list[str]]:
    """The remote tip after a fresh fetch (None before the first deploy), and the records
    of the last publish, the remote's and this repository's (none before the first)."""
    say(f"git fetch {config.remote} {config.branch}")
    there = {
        f"refs/heads/{config.branch}": config.remote_ref,
        records.remote_record(config.branch): records.fetched_record(config.remote, config.branch),
    }
    listed = git(
        "ls-remote",
        config.remote,
        *there,
        fix=f"Vérifiez le dépôt distant « {config.remote} » (git remote -v) et la connexion.",
    )
    live = {line.split("\t")[1] for line in listed.splitlines() if "\t" in line}
    for name in set(there) - live:
        records.delete_ref(there[name])  # gone from the remote: so is our copy
    if live & set(there):
        git("fetch", config.remote, *(f"+{name}:{there[name]}" for name in there if name in live))
    previous = rev(config.remote_ref)
    settled = records.settle_interrupted(config.remote, config.branch, previous)
    if settled:
        say(settled)
    recorded = records.known(config.remote, config.branch)
    if previous and records.remote_record(config.branch) not in live:
        say(no_remote_record(config, previous))
    check_history(config, previous, recorded)
    check_local_branch(config, previous, recorded)
    if previous:
        check_cname(config)
    return previous, recorded


def no_remote_record(config: PublishConfig, previous: str) -> str:
    """The remote was published by an older relais (or its record was deleted)."""
    local = rev(records.published_ref(config.remote, config.branch))
    reference = (
        f"la trace de ce dépôt (commit {local[:12]}) sert de référence"
        if local
        else f"la version en ligne {previous[:12]} est prise pour référence"
    )
    return (
        f"« {config.remote} » ne garde pas encore trace de ses publications "
        f"({records.remote_record(config.branch)}) : {reference} ; chaque publication "
        "réussie l’y note désormais"
    )


def check_history(config: PublishConfig, previous: str | None, recorded: list[str]) -> None:
    """The remote must still hold the last publish, as the remote and this repository
    recorded it."""
    lost = [commit for commit in recorded if not (previous and is_ancestor(commit, previous))]
    if not lost:
        return
    where = f"la branche « {config.branch} » de « {config.remote} »"
    what = "a été supprimée" if previous is None else "a été réécrite (push --force ?)"
    if config.accept_rewrite:
        say(
            f"ATTENTION — {where} {what} ; RELAIS_PUBLISH_ACCEPT_REWRITE=1 : accepté. Les "
            f"adresses publiées jusqu’au commit {lost[0][:12]} restent vérifiées."
        )
        return
    raise Refused(
        f"{where} {what} : elle ne contient plus la dernière publication "
        f"(commit {lost[0][:12]}). Les adresses déjà publiées ne seraient plus toutes "
        f"vérifiées. Vérifiez qui l’a modifiée (git log {config.remote}/{config.branch}). "
        "Si c’était voulu, relancez avec RELAIS_PUBLISH_ACCEPT_REWRITE=1 make publish "
        "(les adresses déjà publiées restent protégées)."
    )


def check_local_branch(config: PublishConfig, previous: str | None, recorded: list[str]) -> None:
    """The local branch only ever holds what was pushed; a commit never sent is put aside."""
    local = rev(f"refs/heads/{config.branch}")
    if local is None:
        return
    if previous is None:
        if not recorded:
            raise Refused(
                f"une branche locale « {config.branch} » existe mais pas sur « {config.remote} » "
                f": supprimez-la (git branch -D {config.branch}) avant la première publication."
            )
        return
    if not is_ancestor(local, previous):
        git("update-ref", f"refs/heads/{config.branch}", previous)
        say(
            f"la branche locale « {config.branch} » portait le commit {local[:12]}, jamais "
            f"envoyé (publication interrompue ?) : remise sur la version en ligne "
            f"{previous[:12]} (l’ancien commit reste dans git reflog {config.branch})"
        )


def check_cname(config: PublishConfig) -> None:
    live_cname = git("show", f"{config.remote_ref}:CNAME", check=False).strip()
    if live_cname and not config.cname:
        raise Refused(
            f"le site en ligne a le domaine « {live_cname} » (fichier CNAME) et cette publication "
            f'le supprimerait : réglez PUBLISH_CNAME = "{live_cname}" dans publishconf.py '
            "(ou la variable RELAIS_CNAME)."
        )


def build(config: PublishConfig) -> None:
    cache = rendercache.location()
    dropped = rendercache.verify(cache)
    if dropped:
        say(f"cache des images : {len(dropped)} entrée(s) modifiée(s) écartée(s), redessinée(s)")
    if config.kit is not None and not (config.kit / "relais").is_dir():
        raise Refused(f"le kit du commit n’est plus dans {config.kit} : relancez make publish.")
    say(f"construction du commit : pelican -s {SETTINGS_FILE} --fatal warnings")
    # Wide lines: Pelican's log would otherwise wrap each message over several lines.
    env = {**config.kit_environment(), "COLUMNS": "400"}
    done = children.run(config.build_command, capture=True, cwd=config.source, env=env)
    if done.returncode != 0:
        details = build_problems(done.stdout + "\n" + done.stderr)
        raise Refused(
            "la construction a échoué (un avertissement suffit) :\n  "
            + "\n  ".join(details)
            + "\nCorrigez le contenu indiqué, enregistrez (commit), puis relancez."
        )
    rendercache.record(cache)
    pages = list(config.output.rglob("*.html")) if config.output.is_dir() else []
    if not pages:
        raise Refused("la construction n’a produit aucune page.")
    missing = [name for name in REQUIRED_PAGES if not (config.output / name).is_file()]
    if missing:
        raise Refused(f"il manque {', '.join(missing)} : construction partielle.")
    say(f"{len(pages)} pages construites")


def check_size(config: PublishConfig) -> None:
    """What GitHub Pages publishes: 1 GB at most, no file over 100 MiB (checks/size.py)."""
    level, line = size.verdict(size.measure(config.output))
    if level == "refuse":
        raise Refused(line)
    say(f"ATTENTION — {line}" if level == "warn" else line)


def build_problems(log: str) -> list[str]:
    """The warning and error lines of a failed build, without --fatal's traceback."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    found = [line for line in lines if re.search(r"\b(WARNING|ERROR|CRITICAL|ERREUR)\b", line)]
    return (found or lines)[-15:]


def check_urls(config: PublishConfig, previous: str | None, recorded: list[str]) -> None:
    history = [ref for ref in (previous, *recorded) if ref]
    if not history:
        say("adresses : pas de référence (no baseline) — première publication")
        return
    old = permanence.baseline(*history)
    retired = permanence.retired(config.retired_file, config.siteurl)
    broken = permanence.missing_urls(config.output, config.siteurl, old, retired)
    if broken:
        raise Refused(
            f"{len(broken)} adresse(s) déjà publiée(s) disparaîtrai(en)t :\n  "
            + "\n  ".join(broken)
            + "\nAjoutez « redirect_from: <ancienne adresse> » au contenu déplacé, ou, "
            "si la page doit vraiment disparaître, ajoutez l’adresse à retired-urls.txt."
        )
    say(f"adresses : les {len(old)} adresses déjà publiées sont toujours servies")
    if previous:
        kept = deploy.carry_fingerprinted(config.output, previous, config.theme_static_dir)
        if kept:
            say(f"{len(kept)} feuille(s) de style/script de la version précédente conservée(s)")


def gate_command(config: PublishConfig) -> list[str]:
    """The quality gates; RELAIS_PUBLISH_GATE replaces them (tests run a cheaper subset)."""
    if config.gate_command:
        command = config.gate_command.replace("{output}", shlex.quote(str(config.output)))
        return shlex.split(command.replace("{siteurl}", shlex.quote(config.siteurl)))
    return [sys.executable, "-m", "relais.checks", str(config.output), "--siteurl", config.siteurl]


def run_gates(config: PublishConfig, root: Path) -> None:
    command = gate_command(config)
    say(f"contrôles de qualité : {shlex.join(command)}")
    # The commit's kit's checks, with the tools `make tools` installed in the working folder.
    env = config.kit_environment()
    env.setdefault("RELAIS_NODE_MODULES", str(root / "node_modules"))
    if children.run(command, capture=False, cwd=config.source, env=env).returncode != 0:
        raise Refused("les contrôles de qualité ont trouvé des problèmes (liste ci-dessus).")


def publish(config: PublishConfig, source: str, previous: str | None) -> None:
    global stage
    message = f"Publication de {source[:12]}\n\nSource : commit {source}"
    tip = deploy.commit_tree(config.output, previous, config.cname, message)
    deploy.verify_commit(tip, previous, config.output, config.cname, source)
    say(f"commit {tip[:12]} vérifié ; git push {config.remote} {config.branch}")
    pending = records.pending_ref(config.remote, config.branch)
    fetched_record = records.fetched_record(config.remote, config.branch)
    records.set_ref(pending, tip)
    stage = "sending"
    try:
        deploy.push(
            config.remote,
            f"refs/heads/{config.branch}",
            (records.remote_record(config.branch), rev(fetched_record)),
            tip,
        )
    except Refused:
        records.delete_ref(pending)  # git refused the push: nothing arrived
        raise
    # Only now does a local ref move: the branch holds nothing that was not pushed.
    for ref in (f"refs/heads/{config.branch}", config.remote_ref, fetched_record):
        records.set_ref(ref, tip)
    records.set_ref(records.published_ref(config.remote, config.branch), tip)
    records.delete_ref(pending)
    stage = "published"


def ping_websub(config: PublishConfig, root: Path) -> None:
    """Tells the WebSub hub which feeds changed (plugins/feeds), when a hub is set."""
    if not config.websub_hub:
        return
    if find_spec("relais.plugins.feeds.websub") is None:
        say("WebSub : FEEDS_WEBSUB_HUB est réglé mais feeds n’est pas installé ; ignoré")
        return
    # What was already announced is remembered in the working folder's cache, across publishes.
    state = root / "cache" / "pelican" / "websub.json"
    command = [sys.executable, "-m", "relais.plugins.feeds.websub", str(config.output)]
    command += ["--settings", SETTINGS_FILE, "--state", str(state)]
    done = children.run(command, capture=False, cwd=config.source, env=config.kit_environment())
    if done.returncode != 0:
        say("WebSub : le hub n’a pas été prévenu (le site est bien publié) ; relancez plus tard")
