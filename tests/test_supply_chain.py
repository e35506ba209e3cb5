"""Supply chain: hash-locked Python dependencies, and a tools installer that asks first.

The locks are read with `packaging` (the parser pip itself vendors). The installer runs for
real in a copy of the project with a PATH that holds only the commands it needs: apt-get,
sudo and npm there are recording stand-ins, so a run that reaches them without asking is
seen in their log, and the system's own apt-get cannot be reached.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import select
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ("requirements-build.lock", "requirements.lock", "requirements-dev.lock")
SOURCES = {  # lock -> the hand-written file it is made from
    "requirements-tools.lock": "requirements-tools.txt",
    "requirements-build.lock": "requirements-build.txt",
    "requirements.lock": "requirements.txt",
    "requirements-dev.lock": "requirements-dev.txt",
}
HASH = re.compile(r"--hash=sha256:([0-9a-f]{64})\b")


@dataclass
class Locked:
    requirement: Requirement
    hashes: list[str]

    @property
    def version(self) -> Version:
        (spec,) = self.requirement.specifier
        return Version(spec.version)

    def applies_here(self) -> bool:
        marker = self.requirement.marker
        return marker is None or marker.evaluate(default_environment())


def read_lock(name: str) -> list[Locked]:
    """One entry per requirement: continuation lines joined, `# via` comments dropped."""
    text = (ROOT / name).read_text(encoding="utf-8").replace("\\\n", " ")
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        requirement = Requirement(line.split("--hash=")[0].strip())
        entries.append(Locked(requirement, HASH.findall(line)))
    return entries


def pins_of(name: str) -> dict[str, Version]:
    """The `name==version` pins of a hand-written requirements file (not its -r includes)."""
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            (spec,) = requirement.specifier
            assert spec.operator == "==", f"{name}: {line} is not pinned with =="
            pins[canonicalize_name(requirement.name)] = Version(spec.version)
    return pins


@pytest.mark.parametrize("lock", sorted(SOURCES))
def test_every_locked_package_is_pinned_to_one_version_with_hashes(lock):
    entries = read_lock(lock)
    assert entries
    for entry in entries:
        (spec,) = entry.requirement.specifier
        assert spec.operator == "==", f"{lock}: {entry.requirement}"
        assert entry.requirement.url is None, f"{lock}: {entry.requirement}"
        assert entry.hashes, f"{lock}: {entry.requirement} has no --hash"


@pytest.mark.parametrize("lock", sorted(SOURCES))
def test_each_lock_holds_the_pins_of_its_requirements_file(lock):
    """Fails when a requirements*.txt was edited without `make lock`."""
    locked = {canonicalize_name(e.requirement.name): e.version for e in read_lock(lock)}
    for name, version in pins_of(SOURCES[lock]).items():
        assert locked.get(name) == version, f"{lock}: {name}=={version} missing, run `make lock`"


def test_dev_lock_keeps_every_runtime_version():
    dev = {}
    for entry in read_lock("requirements-dev.lock"):
        if entry.applies_here():
            dev[canonicalize_name(entry.requirement.name)] = entry.version
    for entry in read_lock("requirements.lock"):
        if entry.applies_here():
            name = canonicalize_name(entry.requirement.name)
            assert dev.get(name) == entry.version, name


def _is_the_kit(dist) -> bool:
    """The kit itself, installed from a folder (PEP 610's direct_url.json) by `make kit`:
    the kit's own code, not a package of an index."""
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    return dist.metadata["Name"] == "relais" and direct.get("url", "").startswith("file://")


def test_every_package_in_the_environment_is_locked_at_its_version():
    """The environment running the tests holds the locks' packages and nothing else."""
    assert sys.prefix != sys.base_prefix, "the tests run in the project's virtual environment"
    locked = {}
    for lock in LOCKS:
        for entry in read_lock(lock):
            if entry.applies_here():
                locked[canonicalize_name(entry.requirement.name)] = entry.version
    # site-packages, not sys.path: importing pkg_resources adds setuptools' vendored copies
    site_packages = sorted({sysconfig.get_paths()[key] for key in ("purelib", "platlib")})
    distributions = list(metadata.distributions(path=site_packages))
    installed = {
        canonicalize_name(dist.metadata["Name"]): Version(dist.version)
        for dist in distributions
        if not _is_the_kit(dist)
    }
    assert [dist for dist in distributions if _is_the_kit(dist)], "the kit installed (make kit)"
    unlocked = sorted(set(installed) - set(locked))
    assert not unlocked, f"installed but in no lock: {unlocked} (rebuild: make, or make lock)"
    drifted = {name: str(v) for name, v in installed.items() if v != locked[name]}
    assert not drifted, f"installed at another version than locked: {drifted}"
    missing = sorted(set(locked) - set(installed))
    assert not missing, f"locked but not installed: {missing}"


# --- the venv rules of the Makefile, asked with `make -q` / `make -n` on a copy -----------


@pytest.fixture
def make_copy(tmp_path):
    for name in ("Makefile", "pyproject.toml", *SOURCES, *SOURCES.values()):
        shutil.copy2(ROOT / name, tmp_path / name)
    stamps = tmp_path / ".venv" / "bin"
    stamps.mkdir(parents=True)
    for stamp in (".runtime-installed", ".dev-installed"):
        (stamps / stamp).touch()
        os.utime(stamps / stamp, (2e9, 2e9))  # newer than every copied file
    return tmp_path


def make(cwd, *args):
    return subprocess.run(["make", "-C", str(cwd), *args], capture_output=True, text=True)


def test_environment_is_rebuilt_when_a_lock_changes_and_only_then(make_copy):
    target = ".venv/bin/.dev-installed"
    assert make(make_copy, "-q", target).returncode == 0
    os.utime(make_copy / "requirements.txt", (3e9, 3e9))
    assert make(make_copy, "-q", target).returncode == 0, "a pin alone needs `make lock` first"
    for lock in LOCKS:
        os.utime(make_copy / lock, (3e9, 3e9))
        assert make(make_copy, "-q", target).returncode == 1, lock
        os.utime(make_copy / lock, (1e9, 1e9))


def test_environment_is_built_from_scratch_with_hash_checking(make_copy):
    os.utime(make_copy / "requirements.lock", (3e9, 3e9))
    recipe = make(make_copy, "-n", ".venv/bin/.dev-installed").stdout
    assert "-m venv --clear .venv" in recipe
    installs = [line for line in recipe.split("&&") if "pip install" in line]
    for line in installs:
        assert "--require-hashes" in line and "--no-build-isolation" in line, line
    for lock in LOCKS:
        assert f"-r {lock}" in recipe


def test_the_kit_is_installed_from_its_own_folder_and_adds_nothing_from_an_index(make_copy):
    recipe = make(make_copy, "-n", ".venv/bin/.kit-installed").stdout.replace("\\\n", " ")
    (install,) = [line for line in recipe.splitlines() if "pip install" in line]
    assert "--no-deps" in install and "--no-build-isolation" in install
    assert install.rstrip().endswith(" .") and " -e " not in install  # its wheel, not editable


# --- scripts/install-tools.sh ------------------------------------------------------------

NEEDED = (
    *("bash", "env", "dirname", "flock", "sha256sum", "cut", "cat", "head", "id", "python3"),
    *("basename", "mkdir", "touch"),  # for the stand-ins
)
MISSING_APT = "chromium fonts-liberation default-jre-headless"
NPM_FILES = (
    "node_modules/vnu-jar/build/dist/vnu.jar",
    "node_modules/axe-core/axe.min.js",
    "node_modules/lighthouse/cli/index.js",
)


@dataclass
class Tools:
    project: Path
    env: dict
    log: Path

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []

    def run(self, stdin=subprocess.DEVNULL, **extra):
        return subprocess.run(
            [str(self.project / "scripts" / "install-tools.sh")],
            stdin=stdin,
            capture_output=True,
            text=True,
            env={**self.env, **extra},
            timeout=60,
        )


@pytest.fixture
def tools(tmp_path):
    """A project copy without node_modules, Chromium or Java, and a PATH of stand-ins."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "install-tools.sh", project / "scripts")
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, project / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for command in NEEDED:  # python3 may be a shim that needs more of PATH: take the real one
        (bin_dir / command).symlink_to(
            sys.executable if command == "python3" else shutil.which(command)
        )
    log = tmp_path / "calls.log"
    record = f'echo "$(basename "$0") $*" >> {log}\n'
    stand_ins = {
        "apt-get": record,
        "sudo": record + 'exec "$@"\n',
        # npm ci's result, so the script can check it and write its stamp.
        "npm": record + "".join(f"mkdir -p {Path(f).parent} && touch {f}\n" for f in NPM_FILES),
    }
    for command, body in stand_ins.items():
        script = bin_dir / command
        script.write_text("#!/bin/bash\n" + body)
        script.chmod(0o755)
    env = {
        "PATH": str(bin_dir),
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "RELAIS_CHROMIUM": str(tmp_path / "no-chromium"),
        "RELAIS_JAVA": "no-java-here",
    }
    return Tools(project, env, log)


def test_without_a_terminal_nothing_is_installed_and_one_line_gives_the_command(tools):
    run = tools.run()
    assert run.returncode == 1
    assert tools.calls() == []
    assert not (tools.project / "node_modules").exists()
    assert f"à installer avec apt-get : {MISSING_APT}" in run.stdout
    assert "vnu-jar@" in run.stdout and "lighthouse@" in run.stdout
    (line,) = run.stderr.splitlines()
    assert f"apt-get install --no-install-recommends {MISSING_APT}" in line
    assert "RELAIS_TOOLS_YES=1" in line


def test_root_outside_ci_is_asked_too_and_sudo_is_named_only_when_needed(tools):
    run = tools.run(CI="false")
    assert run.returncode == 1
    assert tools.calls() == []
    as_root = os.geteuid() == 0  # the tests run as root in CI and on the project's machines
    assert ("« sudo apt-get update" in run.stderr) is not as_root
    assert ("« apt-get update" in run.stderr) is as_root


@pytest.mark.parametrize("agreement", [{"CI": "true"}, {"RELAIS_TOOLS_YES": "1"}])
def test_ci_or_the_yes_variable_install_without_a_question(tools, agreement):
    run = tools.run(**agreement)
    assert run.returncode == 0, run.stderr
    apt_calls = [call.split("apt-get ", 1)[1] for call in tools.calls() if "apt-get " in call]
    assert apt_calls[0].endswith("update -qq")
    assert apt_calls[1].endswith(f"install -y -qq --no-install-recommends {MISSING_APT}")
    assert tools.calls()[-1].startswith("npm ci --ignore-scripts")
    assert "outils prêts" in run.stdout
    first = len(tools.calls())
    assert tools.run(**agreement).returncode == 0
    # The stand-in apt-get installs nothing, so apt runs again; node_modules is up to date.
    assert not any(call.startswith("npm") for call in tools.calls()[first:])


def answer_on_a_terminal(tools, answer: bytes):
    leader, follower = os.openpty()
    try:
        os.write(leader, answer)
        return tools.run(stdin=follower)
    finally:
        os.close(leader)
        os.close(follower)


def test_on_a_terminal_it_asks_and_a_no_installs_nothing(tools):
    run = answer_on_a_terminal(tools, b"n\n")
    assert run.returncode == 1
    assert f"apt-get install --no-install-recommends {MISSING_APT} » ? [o/N]" in run.stderr
    assert tools.calls() == []


def test_on_a_terminal_a_yes_installs_what_was_announced(tools):
    run = answer_on_a_terminal(tools, b"o\n")
    assert run.returncode == 0, run.stderr
    assert any(call.endswith(MISSING_APT) for call in tools.calls())


def test_the_lock_is_the_project_folder_and_a_second_run_waits(tools):
    folder = os.open(tools.project, os.O_RDONLY)
    fcntl.flock(folder, fcntl.LOCK_EX)
    waiting = subprocess.Popen(
        [str(tools.project / "scripts" / "install-tools.sh")],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**tools.env, "CI": "true"},
    )
    try:
        assert select.select([waiting.stdout], [], [], 60)[0], "neither waits nor says so"
        assert "j'attends" in waiting.stdout.readline()
        assert tools.calls() == []
    finally:
        os.close(folder)  # releases the lock
    waiting.communicate(timeout=60)
    assert waiting.returncode == 0
    assert tools.calls()


def test_a_symlink_planted_at_the_old_shared_lock_path_is_not_followed(tools, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("précieux\n")
    planted = tmp_path / "relais-install-tools.lock"  # the old ${TMPDIR}/… lock path
    planted.symlink_to(victim)
    assert tools.run(CI="true").returncode == 0
    assert victim.read_text() == "précieux\n"
    assert planted.is_symlink() and planted.readlink() == victim
