"""relais, the site kit: its version, its settings (relais.settings) and its commands."""

import tomllib
from pathlib import Path

KIT_ROOT = Path(__file__).resolve().parent.parent


def _version() -> str:
    # pyproject.toml is the one place the version is written (semantic versioning).
    with (KIT_ROOT / "pyproject.toml").open("rb") as stream:
        return tomllib.load(stream)["project"]["version"]


__version__ = _version()
