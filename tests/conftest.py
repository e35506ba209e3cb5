import pytest
from bs4 import BeautifulSoup

from tests.sitebuild import build


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
