"""How an old URL, as an author writes it, becomes the file GitHub Pages serves."""

import pytest

from relais.plugins.redirects.paths import BadPath, output_path, split_values

SITE = "https://user.github.io/repo"


@pytest.mark.parametrize(
    ("written", "served"),
    [
        ("/blog/ancien/", "blog/ancien/index.html"),
        ("blog/ancien/", "blog/ancien/index.html"),
        ("/blog/ancien", "blog/ancien/index.html"),
        ("/vieux.html", "vieux.html"),
        ("https://user.github.io/repo/blog/ancien/", "blog/ancien/index.html"),
        ("/actualit%C3%A9s/", "actualités/index.html"),
    ],
)
def test_old_urls_map_to_the_served_file(written, served):
    assert output_path(written, SITE) == served


@pytest.mark.parametrize(
    "written",
    ["/", "https://ailleurs.example.org/x/", "/flux.xml", "/a/../../b/", "/x/?p=1", "/x/#ancre"],
)
def test_urls_that_cannot_be_a_redirect_page_are_refused(written):
    with pytest.raises(BadPath):
        output_path(written, SITE)


def test_several_old_urls_on_one_line_or_several():
    assert split_values("/a/, /b.html ,") == ["/a/", "/b.html"]
    assert split_values(["/a/, /b/", "/c/"]) == ["/a/", "/b/", "/c/"]
