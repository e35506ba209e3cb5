import shutil

import pytest
from bs4 import BeautifulSoup

from checks import tools
from tests.sitebuild import build


def pytest_sessionstart(session):
    """Browser and validator tests must run, never quietly skip: `make test` installs them."""
    missing = [
        str(path) for path in (tools.CHROMIUM, tools.VNU_JAR, tools.AXE_JS) if not path.exists()
    ]
    if shutil.which(tools.JAVA) is None:
        missing.append("java")
    if missing:
        pytest.exit(f"missing {', '.join(missing)}: run `make tools` (or `make test`)", 1)


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
