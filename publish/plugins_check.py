"""The plugins a publish builds with are the commit's.

The build reads the commit's settings and content (snapshot.py), but Pelican imports the
plugins installed in the environment, and the Makefile installs the working folder's,
editable. A plugin changed and not committed would go online without being in any commit:
a publish refuses it."""

from importlib.util import find_spec
from pathlib import Path

from publish.refusal import Refused


def check_plugins(source: Path) -> None:
    """Refuses when an installed relais plugin's code is not the commit's `source`."""
    differing = [package.name for package in _packages(source) if _differs(package)]
    if differing:
        names = ", ".join(differing)
        raise Refused(
            f"le code des plugins {names} n’est pas celui du commit publié : enregistrez vos "
            "modifications de plugins/ (git commit) ou annulez-les, puis relancez make publish."
        )


def _packages(source: Path) -> list[Path]:
    return sorted((source / "plugins").glob("*/pelican/plugins/relais_*"))


def _differs(package: Path) -> bool:
    spec = find_spec(f"pelican.plugins.{package.name}")
    if spec is None or not spec.submodule_search_locations:
        return True
    return _modules(Path(next(iter(spec.submodule_search_locations)))) != _modules(package)


def _modules(package: Path) -> dict[str, bytes]:
    # Only modules: an editor's backup or a stray file beside them is never imported.
    return {
        path.relative_to(package).as_posix(): path.read_bytes() for path in package.rglob("*.py")
    }
