"""A throwaway relais project with a local bare repository as its GitHub remote.

`make publish` is tested end to end against it: the project files are copied (the
working tree, not HEAD, so uncommitted work in progress is tested too), committed in
a fresh repository, and `python -m relais.publish` runs there exactly as `make publish` does.
"""

import io
import json
import shlex
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

from relais.publish.kit import install_commit_kit
from tests.sitebuild import (
    DEMO,
    DEMO_BUILD_DATE,
    PELICAN,
    ROOT,
    SHARED_CACHES,
    kit_environment,
)

KIT_FILES = ["src", "theme", "plugins", "scripts", ".gitignore", "pyproject.toml", "README.md"]
# The team's side of the project: the frozen demo stands for a team's own site.
SITE_FILES = ["content", "pelicanconf.py", "publishconf.py"]
SITEURL = "https://relais-demo.github.io/relais"
# The cheap gate for most tests: internal links only (the full gate has its own test).
LINKS_GATE = (
    f"{shlex.quote(sys.executable)} -m relais.checks {{output}} --siteurl {{siteurl}} --only links"
)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def configure_identity(repo: Path) -> None:
    git(repo, "config", "user.name", "Relais Test")
    git(repo, "config", "user.email", "test@example.org")


@dataclass
class Project:
    path: Path
    remote: Path
    # The publish's render cache (RELAIS_PUBLISH_CACHE), as CI keeps one between runs;
    # None: the repository's private one, which starts empty.
    publish_cache: Path | None = None

    def environment(self, gate: str | None = LINKS_GATE, **env: str) -> dict[str, str]:
        """What `make publish` runs with: the installed kit, the demo's date."""
        full_env = {
            **kit_environment(),
            "RELAIS_BUILD_DATE": DEMO_BUILD_DATE,
            "RELAIS_SITEURL": SITEURL,
            "PYTHONDONTWRITEBYTECODE": "1",
            **env,
        }
        if self.publish_cache is not None:
            full_env.setdefault("RELAIS_PUBLISH_CACHE", str(self.publish_cache))
        full_env.pop("RELAIS_PUBLISH_GATE", None)
        if gate is not None:
            full_env["RELAIS_PUBLISH_GATE"] = gate
        return full_env

    def publish(self, gate: str | None = LINKS_GATE, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "relais.publish"],
            cwd=self.path,
            env=self.environment(gate, **env),
            capture_output=True,
            text=True,
            check=False,
        )

    def git(self, *args: str) -> str:
        return git(self.path, *args)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()


def scratch_build(project: Project, workdir: Path) -> dict[str, bytes]:
    """HEAD of `project`, exported with `git archive` and built with publishconf.py, an
    empty content cache and none of the project's or its publishes' caches: the site
    `make publish` must deploy, whatever else is in the folder. Renders, cleaned PDFs and
    compiled templates come from the suite's shared caches (tests/sitebuild.py), which
    no test tampers with."""
    source, output = workdir / "source", workdir / "output"
    archive = subprocess.run(
        ["git", "archive", "HEAD"], cwd=project.path, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(source, filter="data")
    caches = {"CACHE_PATH": str(workdir / "cache" / "pelican"), **SHARED_CACHES}
    command = [str(PELICAN), "content", "-s", "publishconf.py", "-o", str(output)]
    command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in caches.items())]
    # The commit's kit, as a publish builds with it (and where its publishes keep it).
    kits = project.publish_cache or workdir / "cache"
    kit = install_commit_kit(source, kits.with_name(kits.name + "-kits"))
    env = {**project.environment(), **({"PYTHONPATH": str(kit)} if kit else {})}
    subprocess.run(command, cwd=source, env=env, capture_output=True, check=True)
    return site_files(output)


def site_files(output: Path) -> dict[str, bytes]:
    """path → bytes of a built site."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in output.rglob("*")
        if path.is_file()
    }


def deployed_site(remote: Path, branch: str = "gh-pages") -> dict[str, bytes]:
    """The published files the build wrote (not .nojekyll, CNAME), as site_files gives them."""
    files = published_files(remote, branch)
    for name in ("CNAME", ".nojekyll"):
        files.pop(name, None)
    return files


def remote_refs(remote: Path) -> str:
    """Every ref of the bare remote with its commit: equal strings mean nothing moved."""
    return git(remote, "for-each-ref", "--format=%(refname) %(objectname)")


def remote_tip(remote: Path, branch: str = "gh-pages") -> str | None:
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
        cwd=remote,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or None


def published_files(remote: Path, branch: str = "gh-pages") -> dict[str, bytes]:
    """The files of the remote branch's tip, read from git objects, not a checkout (one
    `git archive` for them all)."""
    archive = subprocess.run(
        ["git", "archive", branch], cwd=remote, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar if member.isfile()}


def link_local(repo: Path, cache: Path) -> None:
    """Never committed: this checkout's quality tools (vnu, axe) and a build cache shared
    by the test's projects (rendered brochure pages), as on a developer's machine."""
    links = {"cache": cache}
    if (ROOT / "node_modules").exists():
        links["node_modules"] = ROOT / "node_modules"
    for name, target in links.items():
        (repo / name).symlink_to(target)
        with (repo / ".git" / "info" / "exclude").open("a") as exclude:
            exclude.write(f"/{name}\n")


def new_project(tmp: Path, cache: Path, publish_cache: Path | None = None) -> Project:
    remote = tmp / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    path = tmp / "site"
    path.mkdir()
    sources = [ROOT / name for name in KIT_FILES] + [DEMO / name for name in SITE_FILES]
    for source in sources:
        if source.is_dir():
            shutil.copytree(
                source, path / source.name, ignore=shutil.ignore_patterns("__pycache__")
            )
        else:
            shutil.copy2(source, path / source.name)
    (path / "retired-urls.txt").write_text("# Adresses retirées\n", encoding="utf-8")
    git(path, "init", "-q", "-b", "main")
    link_local(path, cache)
    configure_identity(path)
    git(path, "remote", "add", "origin", str(remote))
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "Demo site")
    git(path, "push", "-q", "origin", "main")
    return Project(path, remote, publish_cache)


def clone(project: Project, destination: Path, cache: Path) -> Project:
    subprocess.run(["git", "clone", "-q", str(project.remote), str(destination)], check=True)
    configure_identity(destination)
    link_local(destination, cache)
    return Project(destination, project.remote)
