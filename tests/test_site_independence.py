"""The kit's tests never read the site's own files: a team's content cannot break them."""

import pytest

from tests.sitebuild import ROOT


@pytest.mark.parametrize("name", ["pelicanconf.py", "publishconf.py", "content/blog/x.md"])
def test_opening_a_site_file_from_a_test_fails_loudly(name):
    with pytest.raises(RuntimeError, match="read the site's file"):
        open(ROOT / name)  # noqa: SIM115 — the open itself is what is refused


def test_listing_the_sites_content_fails_loudly():
    with pytest.raises(RuntimeError, match="read the site's file"):
        list((ROOT / "content").iterdir())
