"""The kit a publish builds with is the commit's.

The build and the gates run with the kit of the commit being published, installed from its
wheel into the publish's private folder, ahead of the one installed in the environment: a
kit file changed and not committed never goes online. A site repository that does not hold
the kit's sources (its kit installed with pip) builds with the installed kit.
"""

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from relais.publish.refusal import Refused


def install_commit_kit(source: Path, workspace: Path) -> Path | None:
    """Installs the commit's kit (`source`: its files) into workspace/kit; None when the
    commit holds no kit."""
    if not _holds_the_kit(source):
        return None
    target = workspace / "kit"
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--no-build-isolation", "--no-index", "--target", str(target),
         str(source)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()][-3:]
        raise Refused("le kit du commit ne s’installe pas : " + " / ".join(lines))
    return target


def _holds_the_kit(source: Path) -> bool:
    try:
        project = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return project.get("project", {}).get("name") == "relais"
