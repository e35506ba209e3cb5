"""Shared by the kit's tests (tests/) and the plugins' own tests (plugins/*/test_*.py).

The tests try the kit as a site has it: installed from its wheel (`make test` installs it
again whenever one of its files changed), never imported from the source tree.
"""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
# The npm tools of this checkout, whatever folder a test runs a command in.
os.environ.setdefault("RELAIS_NODE_MODULES", str(ROOT / "node_modules"))
KIT_SOURCES = ("pyproject.toml", "src", "plugins", "theme")
# `make test` gives each module whole to one worker (--dist loadscope: its site builds and
# browser are made once) and hands modules out in collection order. The longest ones
# (pytest --durations, minutes each on a 2-core machine) start first, or one started last
# would keep its worker busy while the other waits.
LONGEST_FIRST = (
    "tests/test_warm_rebuilds.py",
    "tests/test_publish.py",
    "tests/test_brochure_long.py",
    "tests/test_own_site.py",
    "tests/test_publish_race.py",
    "plugins/incremental/test_incremental.py",
    "tests/test_clock.py",
)


def _newest_kit_source() -> float:
    newest = 0.0
    for name in KIT_SOURCES:
        paths = [ROOT / name] if name.endswith(".toml") else (ROOT / name).rglob("*")
        for path in paths:
            kit_file = "__pycache__" not in path.parts and not path.name.startswith("test_")
            if kit_file and path.is_file():
                newest = max(newest, path.stat().st_mtime)
    return newest


def pytest_sessionstart(session):
    import relais

    installed = Path(relais.__file__).resolve()
    if installed.is_relative_to(ROOT / "src"):
        pytest.exit("relais is imported from src/: the tests need the installed wheel", 1)
    stamp = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin" / ".kit-installed"
    if stamp.exists() and stamp.stat().st_mtime < _newest_kit_source():
        pytest.exit("the installed kit is older than its sources: run `make kit` (or make test)", 1)


def pytest_collection_modifyitems(items):
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


@pytest.fixture(autouse=True)
def a_build_of_its_own():
    """Each test starts as a new build starts (core.build): messages in French, the default,
    and no error reported: a test that built a site in English, or left errors, on the same
    worker changes nothing for the next one."""
    from relais.plugins.core import build

    build.start({})
