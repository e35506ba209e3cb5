"""Which links are site addresses, and what they name in the output."""

import pytest

from relais.plugins.core.root_links import links_in, site_path


@pytest.mark.parametrize(
    ("value", "siteurl", "found"),
    [
        ("/images/x.png", "https://f.example.org", ("images/x.png", True)),
        ("/blog/vieux/?p=2#haut", "", ("blog/vieux/", True)),
        ("/plan%20campus.png", "", ("plan campus.png", True)),
        ("https://f.example.org/a-propos/", "https://f.example.org", ("a-propos/", True)),
        ("/formations/programmes/", "https://x.github.io/formations", ("programmes/", True)),
        ("/formations", "https://x.github.io/formations/", ("", True)),
        ("/images/x.png", "https://x.github.io/formations", ("images/x.png", False)),
        ("https://x.github.io/formations/a/", "https://x.github.io/formations", ("a/", True)),
        ("//cdn.example.org/x.js", "", None),
        ("https://ailleurs.example.org/x/", "https://f.example.org", None),
        ("images/x.png", "", None),
        ("#haut", "", None),
        ("mailto:a@example.org", "", None),
        ("{static}/images/x.png", "", None),
        ("|filename|/pages/a.md", "", None),
    ],
)
def test_site_path(value, siteurl, found):
    assert site_path(value, siteurl) == found


def test_links_in_reads_href_src_poster_and_srcset():
    html = (
        '<p><a href="/a/">a</a> <img src="/b.png" srcset="/c.png 1x, /d.png 2x">'
        '<video poster="/e.jpg"></video> <a title="/not-a-link">f</a></p>'
    )
    assert links_in(html) == ["/a/", "/b.png", "/c.png", "/d.png", "/e.jpg"]


def test_a_page_without_site_addresses_is_not_parsed():
    assert links_in('<p><a href="https://example.org/">x</a> 1/2</p>') == []
    assert links_in('<a href="https://f.example.org/x/">x</a>', "https://f.example.org") == [
        "https://f.example.org/x/"
    ]
