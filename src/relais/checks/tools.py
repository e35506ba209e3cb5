"""Where the non-Python tools are (installed by `make tools` / scripts/install-tools.sh)."""

from __future__ import annotations

import os
from pathlib import Path

# npm's tools are installed in the site's folder (`make tools`), where `make` runs.
NODE_MODULES = Path(os.environ.get("RELAIS_NODE_MODULES") or Path.cwd() / "node_modules").absolute()
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE_CLI = NODE_MODULES / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path(os.environ.get("RELAIS_CHROMIUM", "/usr/bin/chromium"))
JAVA = os.environ.get("RELAIS_JAVA", "java")
NODE = os.environ.get("RELAIS_NODE", "node")

# Headless and quiet: no sandbox (CI runs as root), no GPU, and none of Chromium's own
# background traffic (updates, field trials), which would fail offline anyway.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class ToolMissing(RuntimeError):
    pass


def require(path: Path, what: str) -> Path:
    if not path.exists():
        raise ToolMissing(f"{what} not found at {path}: run `make tools`")
    return path
