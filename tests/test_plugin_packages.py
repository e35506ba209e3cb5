"""Each plugin is a Pelican namespace package (pelican.plugins.relais_<job>) that pip builds
and installs from its folder, plugins/<job>/, with its dependencies declared. Installed from
its wheel into a fresh environment, a plugin is found by its short name, as Pelican finds
any namespace plugin; installed without the relais plugins it imports, it says so in one
line instead of being skipped."""

import ast
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from email.parser import Parser
from importlib.metadata import packages_distributions
from pathlib import Path

import feedparser
import pelican
import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = sorted(path.parent for path in (ROOT / "plugins").glob("*/pyproject.toml"))
KIT_VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
POST = "Title: First post\nDate: 2026-11-01 10:00\nCategory: News\n\nHello world.\n"


def _package(folder: Path) -> str:
    return f"relais_{folder.name}"


def _distribution(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.fixture(scope="module")
def wheels(tmp_path_factory) -> dict[str, Path]:
    """One wheel per plugin, built by pip from a clean copy of its folder, as a user would
    from a fresh clone (a build in place would leave build/ there, and reuse it)."""
    folder = tmp_path_factory.mktemp("wheels")
    sources = tmp_path_factory.mktemp("sources")
    leftovers = shutil.ignore_patterns("build", "*.egg-info", "__pycache__")
    copies = [shutil.copytree(path, sources / path.name, ignore=leftovers) for path in FOLDERS]
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-w", str(folder), *map(str, copies)],
        check=True, capture_output=True, env={"PYTHONWARNINGS": "ignore", "PATH": ""},
    )  # fmt: skip
    return {path.name.split("-")[0]: path for path in folder.glob("*.whl")}


def _metadata(wheel: Path) -> tuple[list[str], dict]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        text = next(archive.read(n) for n in names if n.endswith(".dist-info/METADATA"))
    return names, Parser().parsestr(text.decode())


def _imported_distributions(package: Path) -> set[str]:
    """The distributions a package's modules (not its tests) import, relais ones included."""
    owners = packages_distributions()
    found = set()
    for module in package.rglob("*.py"):
        if module.name.startswith("test_"):
            continue
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                relais = re.match(r"pelican\.plugins\.(relais_\w+)", name)
                top = name.split(".")[0]
                if relais and relais[1] != package.name:
                    found.add(_distribution(relais[1]))
                elif not relais and top not in sys.stdlib_module_names:
                    # pelican.plugins.sitemap's distribution also owns "pelican/": Pelican's
                    found.add(_distribution("pelican" if top == "pelican" else owners[top][0]))
    return found


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_each_wheel_holds_its_package_and_declares_what_it_imports(wheels, folder):
    package = folder / "pelican" / "plugins" / _package(folder)
    names, metadata = _metadata(wheels[_package(folder)])
    files = [n for n in names if ".dist-info/" not in n]
    assert files and all(n.startswith(f"pelican/plugins/{_package(folder)}/") for n in files)
    assert f"pelican/plugins/{_package(folder)}/__init__.py" in files
    assert metadata["Version"] == KIT_VERSION
    assert "Framework :: Pelican :: Plugins" in metadata.get_all("Classifier")
    required = {
        _distribution(re.split(r"[<>=!~ ;\[]", line)[0]): line
        for line in metadata.get_all("Requires-Dist") or []
    }
    assert _imported_distributions(package) <= set(required)
    for name, line in required.items():
        if name.startswith("relais-"):  # the plugins of one kit go together
            assert line == f"{name}=={KIT_VERSION}", line


def _fresh_environment(tmp_path: Path, wheels: list[Path]) -> Path:
    """A new virtual environment with Pelican and these wheels installed by pip. Pelican's
    own dependencies come from the test environment (a .pth line: nothing is downloaded),
    and its package is copied, since namespace plugins install inside it."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "env")],
                   check=True)  # fmt: skip
    python = tmp_path / "env" / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    kit_site = Path(pelican.__file__).parents[1]
    shutil.copytree(kit_site / "pelican", site / "pelican",
                    ignore=shutil.ignore_patterns("__pycache__", "relais_*"))  # fmt: skip
    (site / "test-dependencies.pth").write_text(f"{kit_site}\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
         "--no-index", "--disable-pip-version-check", *map(str, wheels)],
        check=True, capture_output=True,
    )  # fmt: skip
    return python


def _vanilla_build(tmp_path: Path, python: Path, plugins: list[str]):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "first.md").write_text(POST, encoding="utf-8")
    (tmp_path / "pelicanconf.py").write_text(
        'SITENAME = "Vanilla"\nSITEURL = "https://example.org"\nTIMEZONE = "Europe/Paris"\n'
        f'DEFAULT_LANG = "en"\nPLUGINS = {plugins!r}\n',
        encoding="utf-8",
    )
    return subprocess.run(
        [python, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "RELAIS_BUILD_DATE": "2026-11-15"},
    )  # fmt: skip


@pytest.mark.slow
def test_a_plugin_installed_from_its_wheel_is_found_by_its_short_name(tmp_path, wheels):
    needed = ["relais_core", "relais_incremental", "relais_theme_i18n", "relais_feeds"]
    python = _fresh_environment(tmp_path, [wheels[name] for name in needed])
    where = subprocess.check_output(
        [python, "-c", "import pelican.plugins.relais_feeds as p; print(p.__file__)"], text=True
    )
    assert Path(where.strip()).is_relative_to(sysconfig.get_path("purelib", vars={
        "base": str(tmp_path / "env"), "platbase": str(tmp_path / "env")}))  # fmt: skip
    done = _vanilla_build(tmp_path, python, ["relais_feeds"])
    assert done.returncode == 0, done.stderr
    atom = feedparser.parse(tmp_path / "output" / "feeds" / "all.atom.xml")
    assert not atom.bozo
    assert atom.feed.generator == "relais"
    assert [entry.title for entry in atom.entries] == ["First post"]


@pytest.mark.slow
def test_a_plugin_installed_without_the_relais_plugins_it_imports_says_so(tmp_path, wheels):
    python = _fresh_environment(tmp_path, [wheels["relais_feeds"]])
    done = _vanilla_build(tmp_path, python, ["relais_feeds"])
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "ERREUR relais_feeds : installez aussi relais_core (pip install) / "
        "ERROR relais_feeds: install relais_core too (pip install)"
    )
    assert not (tmp_path / "output").exists()
