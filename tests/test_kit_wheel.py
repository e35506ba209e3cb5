"""The kit is one distribution: one wheel, built by pip from a clean copy of the checkout,
holds `relais` (settings, commands), every plugin (`relais.plugins.<job>`) and the theme
with its translations, and declares what it imports. Installed into a fresh environment,
it gives every plugin, found through the package; and it stops no other site's build."""

import ast
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from importlib.metadata import packages_distributions
from pathlib import Path

import feedparser
import pelican
import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
JOBS = sorted(path.parent.name for path in (ROOT / "plugins").glob("*/__init__.py"))
POST = "Title: First post\nDate: 2026-11-01 10:00\nCategory: News\n\nHello world.\n"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built by pip from a copy of the kit's files, as from a fresh clone."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "src", "plugins", "theme"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy2
        copy(ROOT / name, source / name, **_ignoring_leftovers(copy))
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "-w", str(folder), str(source)],
        check=True, capture_output=True, env={"PYTHONWARNINGS": "ignore", "PATH": ""},
    )  # fmt: skip
    (built,) = folder.glob("relais-*.whl")
    return built


def _ignoring_leftovers(copy) -> dict:
    if copy is shutil.copytree:
        return {"ignore": shutil.ignore_patterns("__pycache__", "*.pyc")}
    return {}


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def _metadata(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(archive.read(name).decode())


def test_the_wheel_holds_the_kit_every_plugin_and_the_theme(wheel):
    names = _names(wheel)
    assert {name.split("/")[0] for name in names} == {"relais", wheel_dist_info(wheel)}
    for job in JOBS:
        assert f"relais/plugins/{job}/__init__.py" in names
        assert f"relais/plugins/{job}/README.md" in names
    assert "relais/settings.py" in names and "relais/checks/__main__.py" in names
    assert "relais/theme/templates/base.html" in names
    assert "relais/theme/static/css/site.css" in names
    assert "relais/theme/translations/en/LC_MESSAGES/messages.po" in names
    assert not [name for name in names if Path(name).name.startswith("test_")]


def wheel_dist_info(wheel: Path) -> str:
    return f"relais-{PROJECT['version']}.dist-info"


def test_its_version_is_the_one_pyproject_writes(wheel):
    assert _metadata(wheel)["Version"] == PROJECT["version"]
    written = [
        path.relative_to(ROOT).as_posix()
        for folder in ("src", "plugins", "theme")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and PROJECT["version"] in path.read_text(errors="ignore")
    ]
    assert written == [], "the version is written once, in pyproject.toml"


def _imported_distributions(gates: bool) -> set[str]:
    """The distributions the kit's modules import (tests aside), read from their code: the
    quality gates' (relais.checks, `gates`), or the others'."""
    modules = set()
    for folder in ("src", "plugins"):
        for path in (ROOT / folder).rglob("*.py"):
            in_gates = path.is_relative_to(ROOT / "src" / "relais" / "checks")
            if path.name.startswith("test_") or in_gates != gates:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    modules |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    modules.add(node.module.split(".")[0])
    found = packages_distributions()
    return {_canonical(dist) for module in modules for dist in found.get(module, [])} - {"relais"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_it_declares_every_distribution_it_imports(wheel):
    """The quality gates' own libraries are the `checks` extra."""
    required, gates = set(), set()
    for line in _metadata(wheel).get_all("Requires-Dist") or []:
        name = _canonical(re.split(r"[ ;<>=!~\[]", line)[0])
        (gates if "extra ==" in line else required).add(name)
    assert _imported_distributions(gates=False) <= required
    assert _imported_distributions(gates=True) <= required | gates


def _fresh_environment(tmp_path: Path, wheel: Path) -> Path:
    """A new virtual environment with the wheel installed by pip. Its dependencies come
    from the test environment (a .pth line: nothing is downloaded)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(tmp_path / "env")],
                   check=True)  # fmt: skip
    python = tmp_path / "env" / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    dependencies = Path(pelican.__file__).parents[1]
    (site / "test-dependencies.pth").write_text(f"{dependencies}\n", encoding="utf-8")
    # The test environment's own relais must not be the one found: the wheel goes first.
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", "--disable-pip-version-check", "--target", str(site),
         str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    return python


@pytest.fixture(scope="module")
def environment(tmp_path_factory, wheel) -> Path:
    return _fresh_environment(tmp_path_factory.mktemp("fresh"), wheel)


def _vanilla_build(tmp_path: Path, python: Path, plugins: list[str], lang: str = "en"):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "first.md").write_text(POST, encoding="utf-8")
    (tmp_path / "pelicanconf.py").write_text(
        'SITENAME = "Vanilla"\nSITEURL = "https://example.org"\nTIMEZONE = "Europe/Paris"\n'
        f'DEFAULT_LANG = "{lang}"\nPLUGINS = {plugins!r}\n',
        encoding="utf-8",
    )
    return subprocess.run(
        [python, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output"],
        cwd=tmp_path, capture_output=True, text=True, check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "RELAIS_BUILD_DATE": "2026-11-15"},
    )  # fmt: skip


def test_installed_it_gives_every_plugin_and_the_theme_through_the_package(environment):
    where = subprocess.check_output(
        [environment, "-c", "import relais, relais.plugins.feeds as p\n"
         "print(p.__file__); print(relais.theme_path()); print(relais.__version__)"],
        text=True,
    ).split()  # fmt: skip
    site = environment.parent.parent
    assert Path(where[0]).is_relative_to(site) and Path(where[1]).is_relative_to(site)
    assert (Path(where[1]) / "templates" / "partials" / "head_meta.html").is_file()
    assert where[2] == PROJECT["version"]


def test_a_plugin_works_alone_in_a_vanilla_site(tmp_path, environment):
    done = _vanilla_build(tmp_path, environment, ["relais.plugins.feeds"])
    assert done.returncode == 0, done.stderr
    atom = feedparser.parse(tmp_path / "output" / "feeds" / "all.atom.xml")
    assert not atom.bozo
    assert atom.feed.generator == "relais"
    assert [entry.title for entry in atom.entries] == ["First post"]


def test_seo_meta_alone_finds_its_templates_and_its_english_labels(tmp_path, environment):
    done = _vanilla_build(tmp_path, environment, ["relais.plugins.seo_meta"])
    assert done.returncode == 0, done.stderr
    page = BeautifulSoup((tmp_path / "output" / "first-post.html").read_text(), "html.parser")
    assert page.find("meta", property="og:title")["content"] == "First post"
    assert page.find("meta", property="og:locale")["content"] == "en_GB"


def test_installed_it_stops_no_other_sites_build(tmp_path, environment):
    """Nothing runs at import time: a site that lists no relais plugin builds as usual."""
    done = _vanilla_build(tmp_path, environment, [])
    assert done.returncode == 0, done.stderr
    assert "relais" not in done.stdout + done.stderr
    assert (tmp_path / "output" / "first-post.html").is_file()
