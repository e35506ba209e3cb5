"""relais, the site kit: its settings (relais.settings), its plugins (relais.plugins), its
theme, and the commands behind `make` (new, upgrade, serve, checks, publish)."""

from importlib import metadata, resources
from pathlib import Path

# pyproject.toml is the one place the version is written (semantic versioning).
__version__ = metadata.version("relais")


def theme_path() -> Path:
    """The kit's theme, shipped in the package: templates, static files, translations."""
    return Path(str(resources.files(__name__) / "theme"))
