"""Short links: one per content, a fixed shape, and a redirect page under /go/."""

from types import SimpleNamespace

import pytest

from relais.plugins.core.errors import reported_errors
from relais.plugins.shortlinks.plugin import shortlinks

SETTINGS = {"SITEURL": "https://user.github.io/repo", "SHORTLINK_PREFIX": "go"}


def content(path, **metadata):
    return SimpleNamespace(source_path=path, metadata=metadata, url="x/", title="X")


def test_a_short_link_becomes_a_redirect_page_under_the_prefix():
    item = content("content/programmes/lp.md", shortlink="lp-photo")
    (redirect,) = shortlinks([item], SETTINGS)
    assert redirect.save_as == "go/lp-photo/index.html"
    assert redirect.target is item
    assert item.shortlink_url == "https://user.github.io/repo/go/lp-photo/"
    assert reported_errors() == []


def test_the_second_claim_on_a_name_is_an_error_naming_both_files():
    first = content("content/programmes/lp.md", shortlink="photo")
    second = content("content/blog/post.md", shortlink="photo")
    assert len(list(shortlinks([first, second], SETTINGS))) == 1
    (error,) = reported_errors()
    assert "content/blog/post.md" in error and "content/programmes/lp.md" in error


@pytest.mark.parametrize("name", ["LP", "lp photo", "lp_photo", "été", "-lp", "lp/x"])
def test_names_are_lowercase_ascii_words_with_dashes(name):
    assert list(shortlinks([content("content/a.md", shortlink=name)], SETTINGS)) == []
    assert "« shortlink »" in reported_errors()[0]
