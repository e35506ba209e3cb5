"""Every edit an author makes, on a site already built, gives the site a cold build gives.

A team builds its site, then edits content/ and builds again, with Pelican's content cache
and relais' record of outputs warm (`make html`), or leaves `make serve` running while it
edits. After each edit the output must be the one a build from scratch of the same content
makes, byte for byte, file for file (no file left over from a deleted or renamed post).

The cold reference builds share the brochure, card and cover renders, the cleaned PDFs and
the compiled templates with the warm site: those caches are keyed by their inputs' bytes,
and their own tests (test_brochure.py, test_covers.py, test_cards.py,
test_published_safety.py, plugins/incremental) build without them.
"""

import importlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.author_edits import Content, RandomEdits
from tests.kitrepo import (
    as_in_a_terminal,
    kit_repository,
    run,
    share_local_tools,
    team_environment,
)
from tests.sitebuild import DEMO_BUILD_DATE, PDF_CACHE, PELICAN, TEMPLATE_CACHE, free_port

pytestmark = pytest.mark.slow


def tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def differences(expected: Path, actual: Path) -> list[str]:
    """What differs between two output folders, one line per file."""
    # sitemap.xml too: it is dated by content, never by the clock (plugins/robots).
    cold, warm = tree(expected), tree(actual)
    lines = [f"missing after the warm build: {name}" for name in sorted(cold.keys() - warm)]
    lines += [f"left over by the warm build: {name}" for name in sorted(warm.keys() - cold)]
    lines += [
        f"different: {name}"
        for name in sorted(cold.keys() & warm.keys())
        if cold[name] != warm[name]
    ]
    return lines


def assert_same_output(expected: Path, actual: Path, step: str) -> None:
    found = differences(expected, actual)
    assert not found, f"after «{step}», warm and cold builds differ:\n" + "\n".join(found[:20])


class Project:
    """A team's checkout of the kit with the demo as its site, built by `make` as a person
    builds it; cold references are built beside it from a copy of its content."""

    def __init__(self, path: Path, renders: Path, scratch: Path):
        self.path, self.renders, self.scratch = path, renders, scratch
        self.content = Content(path / "content", scratch / "pdfs")
        self.content.pdfs.mkdir(parents=True, exist_ok=True)
        self.references = 0

    def env(self) -> dict[str, str]:
        return {**team_environment(), "RELAIS_BUILD_DATE": DEMO_BUILD_DATE}

    def make_html(self) -> None:
        run(self.path, "make", "html", env=self.env())

    def cold_build(self, **settings) -> Path:
        """The same content built from scratch: a fresh output and Pelican cache."""
        self.references += 1
        work = self.scratch / f"cold-{self.references}"
        shutil.copytree(self.path / "content", work / "content")
        overrides = {
            "CACHE_PATH": str(work / "cache"),
            "BROCHURE_CACHE_PATH": str(self.renders / "brochures"),
            "CARDS_CACHE_PATH": str(self.renders / "cards"),
            "COVERS_CACHE_PATH": str(self.renders / "covers"),
            "TEMPLATE_CACHE_PATH": str(TEMPLATE_CACHE),
            "PUBLISHED_PDFS_CACHE_PATH": str(PDF_CACHE),
            **settings,
        }
        command = [str(PELICAN), str(work / "content"), "-s", "pelicanconf.py"]
        command += ["-o", str(work / "output"), "-e"]
        command += [f"{key}={json.dumps(value)}" for key, value in overrides.items()]
        # As `make` runs Pelican: the checkout's kit importable.
        run(self.path, *command, env={**self.env(), "PYTHONPATH": str(self.path)})
        return work / "output"

    def share_renders(self) -> None:
        """The warm site's renders, committed by its first build, seed the references'."""
        for kind in ("brochures", "cards", "covers"):
            source = self.path / "cache" / kind
            if source.is_dir():
                shutil.copytree(source, self.renders / kind, dirs_exist_ok=True)


@pytest.fixture(scope="module")
def kit(tmp_path_factory):
    """The kit as a team clones it, with the demo as its site."""
    return kit_repository(tmp_path_factory.mktemp("kit") / "kit.git")


def checkout(kit: Path, root: Path) -> Project:
    run(root, "git", "clone", "-q", str(kit), "site")
    share_local_tools(root / "site")
    return Project(root / "site", root / "renders", root / "scratch")


@pytest.fixture(scope="module")
def project(kit, tmp_path_factory):
    built = checkout(kit, tmp_path_factory.mktemp("warm"))
    built.make_html()
    built.share_renders()
    return built


def author_edits(content: Content):
    """The edits the issue names, in the order a team might make them."""
    return [
        ("add a post", lambda: content.add_post(
            "2026-12-07-nouveau", "Nouveau", "master-humanites-numeriques")),
        ("add a programme with its brochure", lambda: content.add_programme(
            "lp-metiers-du-livre", "Licence pro Métiers du livre")),
        ("add an event", lambda: content.add_event(
            "soiree-metiers-du-livre", "Soirée métiers du livre", "lp-metiers-du-livre")),
        ("add a page", lambda: content.add_page("plan-d-acces", "Plan d’accès")),
        ("rename a post", lambda: content.rename_post(
            "2026-12-07-nouveau", "2026-12-07-nouveau-master")),
        ("delete a post", lambda: content.delete_post("2026-10-portes-ouvertes")),
        ("change a programme's deadline", lambda: content.change_deadline(
            "master-humanites-numeriques", "2027-03-13")),
        ("replace a brochure PDF", lambda: content.replace_brochure(
            "lp-metiers-du-livre", "v2", 3)),
    ]  # fmt: skip


def test_make_html_after_each_edit_gives_the_cold_build(project):
    for step, edit in author_edits(project.content):
        edit()
        project.make_html()
        assert_same_output(project.cold_build(), project.path / "output", step)


class Server:
    """`make serve` running in a checkout: counts the builds it reports."""

    def __init__(self, project: Project, port: int):
        self.port = port
        self.lines: list[str] = []
        env = {**project.env(), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            ["make", "serve", f"PORT={port}"],
            cwd=project.path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
            preexec_fn=as_in_a_terminal,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def builds(self) -> int:
        return sum(line.startswith(("✔", "✘")) for line in self.lines)

    def wait_for_build(self, count: int, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while self.builds() < count:
            assert self.process.poll() is None, "\n".join(self.lines[-30:])
            assert time.monotonic() < deadline, "\n".join(self.lines[-30:])
            time.sleep(0.1)
        assert self.lines and not any(line.startswith("✘") for line in self.lines), "\n".join(
            self.lines[-30:]
        )

    def stop(self):
        os.killpg(self.process.pid, signal.SIGINT)  # Ctrl-C in the terminal
        self.process.wait(timeout=30)


def test_make_serve_rebuilds_each_edit_into_the_cold_build(kit, tmp_path):
    """The same edits while `make serve` runs: it previews drafts and serves on its port."""
    clone = checkout(kit, tmp_path)
    port = free_port()
    server = Server(clone, port)
    try:
        server.wait_for_build(1)
        for number, (step, edit) in enumerate(author_edits(clone.content), start=2):
            edit()
            server.wait_for_build(number)
            cold = clone.cold_build(SITEURL=f"http://127.0.0.1:{port}", DRAFTS_PREVIEW=True)
            assert_same_output(cold, clone.path / "output", f"{step} (make serve)")
    finally:
        server.stop()


# --- Randomized: many short sequences of edits on a small site ------------------------------

SEQUENCES = int(os.environ.get("RELAIS_EDIT_SEQUENCES", "50"))
SEED = int(os.environ.get("RELAIS_EDIT_SEED", "20261207"))


def forked_build(settings_file: Path, overrides: dict, cwd: Path) -> None:
    """One Pelican build in a forked child: a fresh process, as `make html` makes one,
    without paying for Python's and the plugins' imports each time (the parent makes them;
    importing a plugin registers nothing)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    for plugin in read_settings(str(settings_file), override=overrides)["PLUGINS"]:
        importlib.import_module(plugin)
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 1
        try:
            os.chdir(cwd)
            os.environ["RELAIS_BUILD_DATE"] = DEMO_BUILD_DATE
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            Pelican(read_settings(str(settings_file), override=overrides)).run()
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        finally:
            sys.stderr.flush()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the build failed (its errors are above)"


def small_site(root: Path, pdfs: Path) -> Content:
    content = Content(root, pdfs)
    content.add_programme("formation-0", "Licence pro Formation zéro", pages=1)
    content.add_post("article-0", "Première actualité", "formation-0")
    content.add_event("evenement-0", "Rencontre de rentrée", "formation-0")
    content.add_page("a-propos", "À propos")
    return content


@pytest.fixture(scope="module")
def small_project(tmp_path_factory):
    """A small site with the kit's settings, built once in site/, then kept in base/: each
    sequence starts from base/ copied back into site/ (Pelican's cache and relais' record
    name files by their full path, so a warm build must run where the first one ran)."""
    root = tmp_path_factory.mktemp("small")
    (root / "pdfs").mkdir()
    small_site(root / "site" / "content", root / "pdfs")
    settings = root / "pelicanconf.py"
    settings.write_text(
        "from relais.settings import *  # noqa: F403\n"
        'SITENAME = "Petit site"\nSITEURL = "http://127.0.0.1:8000"\n'
        'ORGANIZATION = {"name": "IUT de test", "url": "https://www.example.org/", '
        '"email": "contact@example.org"}\n',
        encoding="utf-8",
    )
    for kind in ("brochures", "cards", "covers"):
        (root / "renders" / kind).mkdir(parents=True)
    forked_build(settings, small_overrides(root, root / "site"), root)
    shutil.copytree(root / "site", root / "base")
    return root


def small_overrides(root: Path, site: Path, **settings) -> dict:
    return {
        "PATH": str(site / "content"),
        "OUTPUT_PATH": str(site / "output"),
        "CACHE_PATH": str(site / "cache"),
        "BROCHURE_CACHE_PATH": str(root / "renders" / "brochures"),
        "CARDS_CACHE_PATH": str(root / "renders" / "cards"),
        "COVERS_CACHE_PATH": str(root / "renders" / "covers"),
        "TEMPLATE_CACHE_PATH": str(TEMPLATE_CACHE),
        "PUBLISHED_PDFS_CACHE_PATH": str(PDF_CACHE),
        **settings,
    }


def test_random_sequences_of_edits_give_the_cold_build(small_project):
    """Seeded: RELAIS_EDIT_SEED and RELAIS_EDIT_SEQUENCES replay or lengthen a run
    (`make bench-edits` runs 500)."""
    rng = random.Random(SEED)
    root, settings = small_project, small_project / "pelicanconf.py"
    warm, cold = root / "site", root / "cold"
    for number in range(SEQUENCES):
        for folder in (warm, cold):
            shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(root / "base", warm)
        edits = RandomEdits(Content(warm / "content", root / "pdfs"), rng)
        edits.posts, edits.programmes = ["article-0"], ["formation-0"]
        edits.events = ["evenement-0"]
        done = []
        for _ in range(rng.randint(1, 4)):
            done.append(edits.apply_one())
            # Authors build after some edits, not after every one.
            if rng.random() < 0.5:
                forked_build(settings, small_overrides(root, warm), root)
                done.append("build")
        forked_build(settings, small_overrides(root, warm), root)
        shutil.copytree(warm / "content", cold / "content")
        forked_build(settings, small_overrides(root, cold), root)
        found = differences(cold / "output", warm / "output")
        assert not found, f"seed {SEED}, sequence {number}: {'; '.join(done)}\n" + "\n".join(
            found[:20]
        )
