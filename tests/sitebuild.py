"""Builds a relais site the way `make html` does, for tests.

The kit's tests never read the site's own content/ or pelicanconf.py: they build the
frozen demo under demo/ (or a site of their own) with the kit of this checkout.
"""

import json
import os
import shutil
import socket
import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from relais.checks.server import serve
from relais.checks.site import Site
from tests import forkbuild

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"
PELICAN = Path(sys.executable).with_name("pelican")
# The demo's "today": fixed so that open/closed deadlines and upcoming events are stable.
DEMO_BUILD_DATE = "2026-12-01"
# Brochure renders shared by the tests' builds, as a team's cache is shared by its builds:
# entries are keyed by the PDF's bytes and the render settings and committed atomically, so a
# build renders only what no build rendered before. Tests of rendering itself (cold builds,
# cache reuse) give their own BROCHURE_CACHE_PATH.
RENDER_CACHE = ROOT / "cache" / "test-brochures"
# Share cards and cover images the same way (both stores are content-addressed and written
# atomically); the tests of those caches give their own CARDS_/COVERS_CACHE_PATH.
CARD_CACHE = ROOT / "cache" / "test-cards"
COVER_CACHE = ROOT / "cache" / "test-covers"
# Compiled templates too (plugins/incremental: keyed by each template's source and the
# environment's options): compiling the theme was a third of every build from scratch. And
# the PDFs as published (plugins/core/published_files.py: keyed by the PDF's bytes; a PDF
# that cannot be cleaned is never kept, so its warning comes again in every build).
TEMPLATE_CACHE = ROOT / "cache" / "test-templates"
PDF_CACHE = ROOT / "cache" / "test-pdfs"
# As settings, for every build from scratch the tests make.
SHARED_CACHES = {
    "BROCHURE_CACHE_PATH": str(RENDER_CACHE),
    "CARDS_CACHE_PATH": str(CARD_CACHE),
    "COVERS_CACHE_PATH": str(COVER_CACHE),
    "TEMPLATE_CACHE_PATH": str(TEMPLATE_CACHE),
    "PUBLISHED_PDFS_CACHE_PATH": str(PDF_CACHE),
}


@dataclass
class Build:
    output: Path
    siteurl: str
    returncode: int
    stdout: str
    stderr: str

    @property
    def port(self) -> int:
        """The port of its SITEURL, where tests serve it."""
        return urlsplit(self.siteurl).port

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
    content: Path = DEMO / "content",
    siteurl: str | None = None,
    settings: dict | None = None,
    settings_file: str | Path = DEMO / "pelicanconf.py",
    build_date: str = DEMO_BUILD_DATE,
) -> Build:
    """Runs `pelican` as the command line does, in a process of its own (forkbuild.py: a
    forked child of the test process, which imported Pelican and the kit once)."""
    siteurl = siteurl or f"http://127.0.0.1:{free_port()}"
    output = workdir / "output"
    overrides = {
        "SITEURL": siteurl,
        "CACHE_PATH": str(workdir / "cache"),
        **SHARED_CACHES,
        **(settings or {}),
    }
    arguments = [str(content), "-s", str(DEMO / settings_file), "-o", str(output)]
    # One -e with every KEY=VALUE: Pelican keeps only the last of repeated -e options.
    arguments += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    env = {**kit_environment(), "RELAIS_BUILD_DATE": build_date}
    done = forkbuild.pelican(arguments, ROOT, env)
    return Build(output, siteurl, done.returncode, done.stdout, done.stderr)


def kit_environment() -> dict[str, str]:
    """The environment `make` gives Pelican: the kit is the installed one (`make` installs
    its wheel), nothing put before it on the path; no stray bytecode in the tree."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    return env


def copy_content(destination: Path) -> Path:
    """A private copy of the demo content that a test may break."""
    shutil.copytree(DEMO / "content", destination)
    return destination


def serve_build(site: Build) -> AbstractContextManager:
    """Serves a build at its SITEURL while in the block, with the gates' own server."""
    return serve(Site(site.output, site.siteurl), site.port)
