import os
import shutil
import sys

import pytest
from bs4 import BeautifulSoup

from relais.checks import tools
from tests.publishing import Project, git, new_project
from tests.sitebuild import ROOT, build

# The site's own files: the kit's tests must pass whatever a team put there.
SITE_FILES = (ROOT / "content", ROOT / "pelicanconf.py", ROOT / "publishconf.py")


def _refuse_site_files(event, args):
    """An audit hook: opening the site's content or settings from a test is a kit bug."""
    if event in ("open", "os.listdir", "os.scandir") and isinstance(args[0], str | os.PathLike):
        name = os.fspath(args[0])
        if os.sep not in name:  # an entry name under a directory fd (shutil.rmtree): elsewhere
            return
        path = os.path.abspath(name)
        if any(path == str(f) or path.startswith(f"{f}{os.sep}") for f in SITE_FILES):
            raise RuntimeError(f"a kit test read the site's file {path}: use demo/ or a fixture")


sys.addaudithook(_refuse_site_files)


def pytest_sessionstart(session):
    """Browser and validator tests must run, never quietly skip: `make test` installs them."""
    missing = [
        str(path) for path in (tools.CHROMIUM, tools.VNU_JAR, tools.AXE_JS) if not path.exists()
    ]
    if shutil.which(tools.JAVA) is None:
        missing.append("java")
    if missing:
        pytest.exit(f"missing {', '.join(missing)}: run `make tools` (or `make test`)", 1)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for one test module. Not shared across modules: Playwright's sync API
    cannot start inside another instance's loop, and the quality gates start their own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(tools.CHROMIUM), args=tools.CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The demo site, built once per test session with a frozen build date."""
    site = build(tmp_path_factory.mktemp("demo"))
    assert site.returncode == 0, site.stderr
    return site


@pytest.fixture(scope="session")
def soup_of(built_site):
    """Parses a built page by its URL path, e.g. soup_of("programmes/x/")."""

    def parse(url_path):
        return BeautifulSoup(built_site.page(url_path).read_text(encoding="utf-8"), "lxml")

    return parse


@pytest.fixture(scope="session")
def build_cache(tmp_path_factory):
    """Rendered brochure pages shared by the publish tests' projects."""
    return tmp_path_factory.mktemp("build-cache")


@pytest.fixture(scope="session")
def published_once(tmp_path_factory, build_cache):
    """The demo project after its first publish, built once and copied for each test."""
    project = new_project(tmp_path_factory.mktemp("published"), build_cache)
    done = project.publish()
    assert done.returncode == 0, done.stdout + done.stderr
    return project


@pytest.fixture
def published(published_once, tmp_path):
    """A project already published once: its own copy of the site and of the remote."""
    site, remote = tmp_path / "site", tmp_path / "remote.git"
    shutil.copytree(published_once.path, site, symlinks=True)
    shutil.copytree(published_once.remote, remote)
    git(site, "remote", "set-url", "origin", str(remote))
    return Project(site, remote)
