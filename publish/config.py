"""Where and how to publish: the commit's publishconf.py, overridable by environment variables."""

import json
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import read_settings

from publish.refusal import Refused

SETTINGS_FILE = "publishconf.py"


@dataclass(frozen=True)
class PublishConfig:
    siteurl: str
    remote: str  # PUBLISH_REMOTE / RELAIS_PUBLISH_REMOTE, default "origin"
    branch: str  # PUBLISH_BRANCH / RELAIS_PUBLISH_BRANCH: "gh-pages", or "main" for a user site
    cname: str  # PUBLISH_CNAME / RELAIS_CNAME: custom domain, "" for none
    theme_static_dir: str
    source: Path  # the commit's files (publish/snapshot.py)
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
        """Pelican and the kit's tools import the commit's kit settings, not the working
        folder's; the installed plugins are checked to be the commit's (plugins_check)."""
        return {**os.environ, "PYTHONPATH": str(self.source), "PYTHONDONTWRITEBYTECODE": "1"}


def load(source: Path, workspace: Path, render_cache: Path) -> PublishConfig:
    """Settings read from the commit's files (`source`), as the build will read them."""
    if not (source / SETTINGS_FILE).is_file():
        raise Refused(f"{SETTINGS_FILE} n’est pas dans le commit publié : ajoutez-le (git add).")
    settings = _read(source)

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
        output=output,
        build_command=_build_command(output, workspace / "cache", render_cache),
        gate_command=os.environ.get("RELAIS_PUBLISH_GATE") or None,
        retired_file=source / "retired-urls.txt",
        websub_hub=str(settings.get("FEEDS_WEBSUB_HUB") or ""),
        accept_rewrite=os.environ.get("RELAIS_PUBLISH_ACCEPT_REWRITE") == "1",
    )


def _read(source: Path) -> dict:
    # The commit's kit first on the path: publishconf.py imports relais.settings.
    sys.path[:0] = [str(source)]
    return read_settings(str(source / SETTINGS_FILE))


def _build_command(output: Path, scratch_cache: Path, render_cache: Path) -> list[str]:
    if os.environ.get("RELAIS_PUBLISH_BUILD"):  # tests: a build that writes nothing
        return shlex.split(os.environ["RELAIS_PUBLISH_BUILD"])
    pelican = Path(sys.executable).with_name("pelican")
    # From scratch: no content cache, no template cache, no previous output. Brochure and
    # card images come from the publish's own cache, checked entry by entry beforehand.
    overrides = {
        "DELETE_OUTPUT_DIRECTORY": True,
        "LOAD_CONTENT_CACHE": False,
        "CACHE_PATH": str(scratch_cache / "pelican"),
        "BROCHURE_CACHE_PATH": str(render_cache / "brochures"),
        "CARDS_CACHE_PATH": str(render_cache / "cards"),
        "COVERS_CACHE_PATH": str(render_cache / "covers"),
    }
    # One -e with every KEY=VALUE: Pelican keeps only the last of repeated -e options.
    extra = [f"{key}={json.dumps(value)}" for key, value in overrides.items()]
    command = [str(pelican), "content", "-s", SETTINGS_FILE, "-o", str(output)]
    return [*command, "--fatal", "warnings", "-e", *extra]
