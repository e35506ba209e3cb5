"""Builds a relais site the way `make html` does, for tests."""

import json
import os
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PELICAN = Path(sys.executable).with_name("pelican")
# The demo's "today": fixed so that open/closed deadlines and upcoming events are stable.
DEMO_BUILD_DATE = "2026-12-01"


@dataclass
class Build:
    output: Path
    siteurl: str
    returncode: int
    stdout: str
    stderr: str

    def page(self, url_path: str) -> Path:
        """The file served at `url_path` (e.g. "programmes/x/")."""
        path = self.output / url_path.lstrip("/")
        return path / "index.html" if url_path.endswith("/") or not url_path else path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build(
    workdir: Path,
    content: Path = ROOT / "content",
    siteurl: str | None = None,
    settings: dict | None = None,
    settings_file: str = "pelicanconf.py",
    build_date: str = DEMO_BUILD_DATE,
) -> Build:
    """Runs pelican in a subprocess (a fresh interpreter, like a real build)."""
    siteurl = siteurl or f"http://127.0.0.1:{free_port()}"
    output = workdir / "output"
    overrides = {"SITEURL": siteurl, "CACHE_PATH": str(workdir / "cache"), **(settings or {})}
    command = [str(PELICAN), str(content), "-s", str(ROOT / settings_file), "-o", str(output)]
    # One -e with every KEY=VALUE: Pelican keeps only the last of repeated -e options.
    command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    env = {**os.environ, "RELAIS_BUILD_DATE": build_date, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    return Build(output, siteurl, done.returncode, done.stdout, done.stderr)


def copy_content(destination: Path) -> Path:
    """A private copy of the demo content that a test may break."""
    shutil.copytree(ROOT / "content", destination)
    return destination
