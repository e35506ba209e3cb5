"""The kit as a team gets it: a git repository to clone, and `make` run in the clone.

The repository holds this checkout's files as they are now (committed or not, ignored
files left out), so the tests try the kit under development, as a fresh clone would.
"""

import os
import shutil
import signal
import subprocess
from pathlib import Path

from relais.sitefiles import KIT_RECORD, SITE_FILES
from tests.sitebuild import DEMO, ROOT

LONG_AGO = 946684800  # 2000-01-01, before any install stamp
IDENTITY = {
    "GIT_AUTHOR_NAME": "Équipe test",
    "GIT_AUTHOR_EMAIL": "equipe@example.org",
    "GIT_COMMITTER_NAME": "Équipe test",
    "GIT_COMMITTER_EMAIL": "equipe@example.org",
}


def run(cwd: Path, *command: str, env: dict | None = None, check: bool = True):
    done = subprocess.run(
        command, cwd=cwd, env=env or team_environment(), capture_output=True, text=True
    )
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def as_in_a_terminal() -> None:
    """For `preexec_fn`: a command typed in a terminal gets Ctrl-C, even when the tests run
    as a background job (`pytest &`), whose children start with SIGINT ignored, and Python
    then keeps it so."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def team_environment() -> dict[str, str]:
    """A person's shell: no PYTHONPATH of the test run, a git identity, no CI settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("RELAIS_")}
    env.pop("PYTHONPATH", None)
    return {**env, **IDENTITY}


def kit_files() -> list[str]:
    """This checkout's kit files (never the team's site files, whatever they hold)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    site = tuple([*SITE_FILES, KIT_RECORD])
    names = [name for name in listed.split("\0") if name]
    return [n for n in names if n.split("/")[0] not in site and (ROOT / n).is_file()]


def kit_repository(destination: Path) -> Path:
    """A bare repository with one commit: this kit, as published on GitHub, with the
    demo as its site (what a fresh clone shows)."""
    work = destination.with_name(destination.name + "-work")
    for name in kit_files():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, work / name)
    shutil.copytree(DEMO / "content", work / "content")
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy2(DEMO / name, work / name)
    (work / "retired-urls.txt").write_text("# Adresses retirées\n", encoding="utf-8")
    run(work, "git", "init", "-q", "-b", "main")
    run(work, "git", "add", "-A")
    run(work, "git", "commit", "-q", "-m", "relais")
    run(work.parent, "git", "clone", "-q", "--bare", str(work), str(destination))
    return destination


def share_local_tools(site: Path) -> None:
    """The machine's installed environment and npm tools, as a person's checkout would
    have after a first `make`: linked, never committed. The clone's lock files and plugin
    projects are dated before the environment's install stamps, or make would rebuild the
    shared environment (`venv --clear`) under every other test."""
    for name in (".venv", "node_modules"):
        if not (site / name).exists():
            (site / name).symlink_to(ROOT / name)
    with (site / ".git" / "info" / "exclude").open("a") as exclude:
        exclude.write("/.venv\n/node_modules\n")
    for path in [*site.glob("requirements*"), *kit_sources(site)]:
        os.utime(path, (LONG_AGO, LONG_AGO))


def kit_sources(site: Path) -> list[Path]:
    """The files `make` installs the kit from: older than the install stamp, a clone of
    this kit does not reinstall it into the shared environment."""
    found = [site / "pyproject.toml"]
    for folder in ("src", "plugins", "theme"):
        found += [path for path in (site / folder).rglob("*") if path.is_file()]
    return found


def own_environment(site: Path) -> None:
    """For a test that changes the kit itself (`make upgrade`, a kit file edited in the
    site): the checkout gets an environment of its own, so the kit `make` installs there
    never replaces the one the other tests use. It is a copy of the shared one made of hard
    links (building one from the locks takes 20 s): pip and Python replace files, never
    write into one, and what is written in place (the scripts' first line, make's stamps)
    is a file of its own. The npm tools stay shared."""
    venv = site / ".venv"
    if venv.is_symlink():
        venv.unlink()
    shared = ROOT / ".venv"
    subprocess.run(["cp", "-al", str(shared), str(venv)], check=True)
    for path in (venv / "bin").iterdir():
        if path.is_symlink() or not path.is_file():
            continue
        data = path.read_bytes()
        mode = path.stat().st_mode
        path.unlink()  # the copy's own file from here on
        path.write_bytes(data.replace(f"#!{shared}/".encode(), f"#!{venv}/".encode(), 1))
        path.chmod(mode)
