"""The allow-list, and nh3 behind it: what a browser would parse otherwise than Python's
html.parser (a comment closed by `--!>`, `<!-->`) is still never published as code."""

import pytest

from relais.plugins.core.html_safety import clean, unsafe_html

KEPT = [
    '<p>a <img src="{static}/images/x.png" alt="x"> <a href="{filename}../c.md#f">c</a></p>',
    '<table>\n<thead>\n<tr>\n<th scope="col" style="text-align: center;">A</th></tr></thead>'
    "</table>",
    "<details><summary>Q</summary><p>R</p></details>",
    '<iframe src="https://www.openstreetmap.org/export/embed.html" title="Plan" '
    'loading="lazy"></iframe>',
    '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
    '<a href="mailto:a@b.fr?subject=Candidature%20L3&amp;body=x">m</a>',
]


@pytest.mark.parametrize("html", KEPT)
def test_a_teams_html_passes_unchanged(html):
    assert unsafe_html(html) == []
    assert clean(html) == html


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<script>alert(1)</script>", ("<script", "tag")),
        ('<img src="x.png" onerror="alert(1)" alt="">', ("onerror", "handler")),
        ('<a href="JaVa&#x09;Script:alert(1)">x</a>', ("java\tscript:alert(1)", "scheme")),
        ('<a href="data:text/html,x">x</a>', ("data:text/html,x", "scheme")),
        ('<iframe src="http://example.org/"></iframe>', ("http://example.org/", "scheme")),
        ('<iframe srcdoc="&lt;script&gt;"></iframe>', ("srcdoc", "attribute")),
        ('<form action="https://x"><input></form>', ("<form", "tag")),
    ],
)
def test_code_in_html_is_found(html, found):
    assert found in [(what.lower(), kind) for what, kind in unsafe_html(html)]
    cleaned = clean(html).lower()
    for code in ("<script", "onerror", "javascript", "data:", "srcdoc", "<form", "http:"):
        assert code not in cleaned, cleaned


@pytest.mark.parametrize(
    "html",
    [
        "<!-- a --!><img src=x onerror=alert(1)> -->",
        "<p>a</p><!--><img src=x onerror=alert(2)>-->",
        "<![CDATA[><img src=x onerror=alert(3)>]]>",
    ],
)
def test_what_a_browser_reads_otherwise_is_cleaned_all_the_same(html):
    cleaned = clean(html)
    assert "onerror" not in cleaned and "<img" in cleaned
