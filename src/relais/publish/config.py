"""Where and how to publish: the commit's publishconf.py, overridable by environment variables."""

import json
import os
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from relais.publish.kit import install_commit_kit
from relais.publish.refusal import Refused

SETTINGS_FILE = "publishconf.py"


@dataclass(frozen=True)
class PublishConfig:
    siteurl: str
    remote: str  # PUBLISH_REMOTE / RELAIS_PUBLISH_REMOTE, default "origin"
    branch: str  # PUBLISH_BRANCH / RELAIS_PUBLISH_BRANCH: "gh-pages", or "main" for a user site
    cname: str  # PUBLISH_CNAME / RELAIS_CNAME: custom domain, "" for none
    theme_static_dir: str
    source: Path  # the commit's files (publish/snapshot.py)
    kit: Path | None  # the commit's kit, installed (publish/kit.py); None: the installed one
    output: Path  # private: the build that is checked, then published
    build_command: list[str]
    gate_command: str | None  # RELAIS_PUBLISH_GATE: replaces the quality gates (tests)
    retired_file: Path
    websub_hub: str  # FEEDS_WEBSUB_HUB (plugins/feeds): pinged after a publish
    accept_rewrite: bool  # RELAIS_PUBLISH_ACCEPT_REWRITE=1: the remote was reset on purpose

    @property
    def remote_ref(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"

    def kit_environment(self) -> dict[str, str]:
        """Pelican and the kit's tools import the commit's kit, not the working folder's."""
        return _kit_environment(self.kit)


def _kit_environment(kit: Path | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    if kit is not None:
        env["PYTHONPATH"] = str(kit)
    return env


def load(source: Path, workspace: Path, render_cache: Path) -> PublishConfig:
    """Settings read from the commit's files (`source`), as the build will read them."""
    if not (source / SETTINGS_FILE).is_file():
        raise Refused(f"{SETTINGS_FILE} n’est pas dans le commit publié : ajoutez-le (git add).")
    # Beside the render cache, whose entries it checks and drops when unknown.
    kit = install_commit_kit(source, render_cache.with_name(render_cache.name + "-kits"))
    settings = _read(source, kit)

    def pick(name: str, default: str) -> str:
        return os.environ.get(f"RELAIS_{name}") or str(settings.get(name) or default)

    cname = os.environ.get("RELAIS_CNAME") or settings.get("PUBLISH_CNAME") or ""
    output = workspace / "output"
    return PublishConfig(
        siteurl=str(settings["SITEURL"]).rstrip("/"),
        remote=pick("PUBLISH_REMOTE", "origin"),
        branch=pick("PUBLISH_BRANCH", "gh-pages"),
        cname=cname.strip(),
        theme_static_dir=settings["THEME_STATIC_DIR"],
        source=source,
        kit=kit,
        output=output,
        build_command=_build_command(output, workspace / "cache", render_cache),
        gate_command=os.environ.get("RELAIS_PUBLISH_GATE") or None,
        retired_file=source / "retired-urls.txt",
        websub_hub=str(settings.get("FEEDS_WEBSUB_HUB") or ""),
        accept_rewrite=os.environ.get("RELAIS_PUBLISH_ACCEPT_REWRITE") == "1",
    )


# The settings a publish needs, read as the build will read them.
_READ = """
import json, sys
from pelican.settings import read_settings
settings = read_settings(sys.argv[1])
names = ("SITEURL", "PUBLISH_REMOTE", "PUBLISH_BRANCH", "PUBLISH_CNAME", "THEME_STATIC_DIR",
         "FEEDS_WEBSUB_HUB")
print(json.dumps({name: settings.get(name) for name in names}))
"""


def _read(source: Path, kit: Path | None) -> dict:
    """publishconf.py imports relais.settings: the commit's kit's, in a process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", _READ, str(source / SETTINGS_FILE)],
        cwd=source, env=_kit_environment(kit), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise Refused(f"{SETTINGS_FILE} ne se lit pas : " + (lines[-1] if lines else "?"))
    return json.loads(done.stdout.splitlines()[-1])


def _build_command(output: Path, scratch_cache: Path, render_cache: Path) -> list[str]:
    if os.environ.get("RELAIS_PUBLISH_BUILD"):  # tests: a build that writes nothing
        return shlex.split(os.environ["RELAIS_PUBLISH_BUILD"])
    # From scratch: no content cache, no previous output. Brochure and card images,
    # cleaned PDFs and compiled templates come from the publish's own cache, checked entry
    # by entry beforehand (rendercache.py); Jinja also checks each template's source.
    overrides = {
        "DELETE_OUTPUT_DIRECTORY": True,
        # A page that still says « à préciser » is never published (core.placeholders).
        "REFUSE_PLACEHOLDERS": True,
        "LOAD_CONTENT_CACHE": False,
        "CACHE_PATH": str(scratch_cache / "pelican"),
        "BROCHURE_CACHE_PATH": str(render_cache / "brochures"),
        "CARDS_CACHE_PATH": str(render_cache / "cards"),
        "COVERS_CACHE_PATH": str(render_cache / "covers"),
        "PUBLISHED_PDFS_CACHE_PATH": str(render_cache / "pdfs"),
        "TEMPLATE_CACHE_PATH": str(render_cache / "templates"),
    }
    # One -e with every KEY=VALUE: Pelican keeps only the last of repeated -e options.
    extra = [f"{key}={json.dumps(value)}" for key, value in overrides.items()]
    command = [sys.executable, "-m", "relais.pelican", "content", "-s", SETTINGS_FILE]
    command += ["-o", str(output)]
    return [*command, "--fatal", "warnings", "-e", *extra]
