"""Where and how to publish: publishconf.py settings, overridable by environment variables."""

import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import read_settings

SETTINGS_FILE = "publishconf.py"
OUTPUT = "output"


@dataclass(frozen=True)
class PublishConfig:
    siteurl: str
    remote: str  # PUBLISH_REMOTE / RELAIS_PUBLISH_REMOTE, default "origin"
    branch: str  # PUBLISH_BRANCH / RELAIS_PUBLISH_BRANCH: "gh-pages", or "main" for a user site
    cname: str  # PUBLISH_CNAME / RELAIS_CNAME: custom domain, "" for none
    theme_static_dir: str
    output: Path
    build_command: list[str]
    gate_command: str | None  # RELAIS_PUBLISH_GATE: replaces the quality gates (tests)
    retired_file: Path
    websub_hub: str  # FEEDS_WEBSUB_HUB (plugins/relay_feeds): pinged after a publish

    @property
    def remote_ref(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"


def load(root: Path) -> PublishConfig:
    settings = read_settings(str(root / SETTINGS_FILE))

    def pick(name: str, default: str) -> str:
        return os.environ.get(f"RELAIS_{name}") or str(settings.get(name) or default)

    cname = os.environ.get("RELAIS_CNAME") or settings.get("PUBLISH_CNAME") or ""
    output = root / OUTPUT
    pelican = Path(sys.executable).with_name("pelican")
    build = [str(pelican), "content", "-s", SETTINGS_FILE, "-o", str(output), "--fatal", "warnings"]
    # What is deployed is built from scratch, never from a cache or a previous output.
    build += ["-e", "DELETE_OUTPUT_DIRECTORY=true", "LOAD_CONTENT_CACHE=false"]
    if os.environ.get("RELAIS_PUBLISH_BUILD"):  # tests: a build that writes nothing
        build = shlex.split(os.environ["RELAIS_PUBLISH_BUILD"])
    return PublishConfig(
        siteurl=str(settings["SITEURL"]).rstrip("/"),
        remote=pick("PUBLISH_REMOTE", "origin"),
        branch=pick("PUBLISH_BRANCH", "gh-pages"),
        cname=cname.strip(),
        theme_static_dir=settings["THEME_STATIC_DIR"],
        output=output,
        build_command=build,
        gate_command=os.environ.get("RELAIS_PUBLISH_GATE") or None,
        retired_file=root / "retired-urls.txt",
        websub_hub=str(settings.get("FEEDS_WEBSUB_HUB") or ""),
    )
