"""Tests of the quality gates themselves (checks/), on the small fixture sites in
tests/fixtures/checks/: `good` must pass every gate, and each defect planted in `bad`
must be reported, naming the page."""

from __future__ import annotations

import gzip
import http.client
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from relais.checks import accessibility, feeds, html_validator, lighthouse, links, tools
from relais.checks.__main__ import main as checks_main
from relais.checks.__main__ import run_gates
from relais.checks.pages import first_page_under, page_file, sample_pages, url_path
from relais.checks.report import GateResult
from relais.checks.server import serve
from relais.checks.site import Site

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
SITEURL = "https://example.github.io/repo"
ROOT = Path(__file__).resolve().parent.parent

needs_java = pytest.mark.skipif(
    not tools.VNU_JAR.exists() or shutil.which(tools.JAVA) is None,
    reason="vnu.jar or java missing: run `make tools`",
)
needs_browser = pytest.mark.skipif(
    not tools.CHROMIUM.exists() or not tools.AXE_JS.exists(),
    reason="chromium or axe-core missing: run `make tools`",
)


@pytest.fixture(scope="module")
def good() -> Site:
    return Site(FIXTURES / "good", SITEURL)


@pytest.fixture(scope="module")
def bad() -> Site:
    return Site(FIXTURES / "bad", SITEURL)


def make_site(root: Path, files: dict[str, str], siteurl: str = SITEURL) -> Site:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return Site(root, siteurl)


def html(body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>t</title>'
        f"{head}</head><body><main>{body}</main></body></html>"
    )


def assert_reported(result: GateResult, where: str, *fragments: str) -> None:
    """Some problem of `result` is on page `where` and mentions every fragment."""
    for problem in result.problems:
        if problem.where.split(":")[0] == where and all(f in problem.message for f in fragments):
            return
    listing = "\n".join(map(str, result.problems)) or "(no problems)"
    pytest.fail(f"expected a problem on {where} mentioning {fragments}; got:\n{listing}")


# --- site model: URL -> file ---------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.github.io/repo/", "index.html"),
        ("https://example.github.io/repo", "index.html"),
        ("/repo/blog/premier/", "blog/premier/index.html"),
        ("/repo/blog/premier", "blog/premier/index.html"),  # Pages redirects to the slash
        ("blog/premier/index.html#suite", "blog/premier/index.html"),
        ("https://EXAMPLE.github.io/repo/css/site.css?v=3", "css/site.css"),
    ],
)
def test_resolve_finds_the_file(good: Site, url: str, expected: str) -> None:
    target = good.resolve(url)
    assert target is not None
    assert target.file == expected


@pytest.mark.parametrize(
    ("url", "error"),
    [
        ("/images/photo.png", "outside the site's path prefix /repo/"),
        ("/repo/nope/", "no such file"),
        ("/repo/Blog/premier/", "no such file"),  # GitHub Pages is case-sensitive
    ],
)
def test_resolve_reports_missing_targets(good: Site, url: str, error: str) -> None:
    target = good.resolve(url)
    assert target is not None
    assert target.file is None
    assert error in target.error


@pytest.mark.parametrize(
    "url",
    ["https://www.example.org/", "mailto:a@example.org", "data:,x", "//cdn.example.com/x.js"],
)
def test_other_hosts_and_schemes_are_not_checked(good: Site, url: str) -> None:
    assert good.resolve(url) is None


def test_site_without_siteurl_resolves_root_relative_links(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"a/index.html": html("a")}, siteurl="")
    assert site.resolve("/a/").file == "a/index.html"
    assert site.resolve("https://example.github.io/a/") is None


def test_siteurl_must_be_absolute() -> None:
    with pytest.raises(ValueError, match="absolute"):
        Site(FIXTURES / "good", "example.github.io/repo")


# --- links ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("srcset", "urls"),
    [
        ("a.png", ["a.png"]),
        ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
        ("a.png 480w,b.png 960w", ["a.png", "b.png"]),
        ("/img/a,b.png 1x, c.png 2x", ["/img/a,b.png", "c.png"]),  # a comma inside a URL
        ("  a.png,  b.png 2x ", ["a.png", "b.png"]),
        ("", []),
    ],
)
def test_parse_srcset(srcset: str, urls: list[str]) -> None:
    assert links.parse_srcset(srcset) == urls


def test_good_site_links_pass(good: Site) -> None:
    result = links.run(good)
    assert result.ok, "\n".join(map(str, result.problems))
    assert "7 pages" in result.summary


@pytest.fixture(scope="module")
def bad_links(bad: Site) -> GateResult:
    return links.run(bad)


@pytest.mark.parametrize(
    ("where", "fragments"),
    [
        ("broken-link.html", ("'nope/'", "no such file")),
        ("broken-link.html", ("'/images/ok.png'", "outside the site's path prefix")),
        ("missing-fragment.html", ("index.html#nowhere", "no id 'nowhere'")),
        ("srcset.html", ("img[srcset]", "missing-2x.png", "no such file")),
        ("placeholder.html", ("placeholder", "{filename}", "a[href]")),
        ("placeholder.html", ("placeholder", "%7Bstatic%7D", "img[src]")),
        ("css/site.css", ("missing-bg.png", "no such file")),
        ("external-asset.html", ("script[src]", "cdn.example.com", "another origin")),
    ],
)
def test_bad_site_link_defects_are_reported(
    bad_links: GateResult, where: str, fragments: tuple[str, ...]
) -> None:
    assert_reported(bad_links, where, *fragments)


@pytest.mark.parametrize(
    "text", ["{filename}/a.md", "|filename|a.md", "%7Bstatic%7D/a.png", "%7battach%7d/x.pdf"]
)
def test_placeholder_forms(text: str) -> None:
    assert links.PLACEHOLDER.search(text)


def test_placeholder_is_reported_once_not_also_as_broken(bad_links: GateResult) -> None:
    on_page = [p for p in bad_links.problems if p.where.startswith("placeholder.html")]
    assert len(on_page) == 2


def test_problems_name_the_line(bad_links: GateResult) -> None:
    assert any(p.where == "missing-fragment.html:12" for p in bad_links.problems)


def test_named_anchor_and_meta_refresh(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "index.html": html('<a name="old"></a><a href="#old">old</a><a href="#gone">x</a>'),
            "go/index.html": html("", '<meta http-equiv="refresh" content="0; url=/repo/moved/">'),
        },
    )
    result = links.run(site)
    assert_reported(result, "index.html", "no id 'gone'")
    assert_reported(result, "go/index.html", "meta[refresh]", "/repo/moved/")
    assert len(result.problems) == 2


def test_placeholder_in_prose_is_reported_but_not_in_code(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {"index.html": html("<p>See {static}/x</p><pre><code>{filename}/y.md</code></pre>")},
    )
    result = links.run(site)
    assert [p.message for p in result.problems] == ["unresolved Pelican placeholder '{static}'"]


def test_http_link_to_own_https_site_is_mixed_content(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {"index.html": html('<img src="http://example.github.io/repo/index.html" alt="">')},
    )
    assert_reported(links.run(site), "index.html", "uses http://")


def test_a_site_built_for_another_siteurl_is_called_out(good: Site) -> None:
    result = links.run(Site(good.output, "http://127.0.0.1:8000"))
    first = result.problems[0]
    assert first.where == "index.html"
    assert "built with another SITEURL" in first.message


def test_base_href_is_honoured(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "index.html": html('<a href="b.html">b</a>', '<base href="/repo/sub/">'),
            "sub/b.html": html("b"),
        },
    )
    assert links.run(site).ok


# --- feeds ---------------------------------------------------------------------------


def test_good_site_feeds_pass(good: Site) -> None:
    result = feeds.run(good)
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.summary == "1 feeds, 1 calendars"  # sitemap.xml is not a feed


@pytest.fixture(scope="module")
def bad_feeds(bad: Site) -> GateResult:
    return feeds.run(bad)


@pytest.mark.parametrize(
    ("where", "fragments"),
    [
        ("feeds/broken.atom.xml", ("does not parse cleanly", "mismatched tag")),
        ("feeds/dangling.atom.xml", ("blog/supprime/", "no such file")),
        ("events/broken.ics", ("calendar does not parse",)),
        ("events/incomplete.ics", ("has no UID",)),
    ],
)
def test_bad_feeds_are_reported(bad_feeds: GateResult, where: str, fragments: tuple) -> None:
    assert_reported(bad_feeds, where, *fragments)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', True),
        (b'<?xml version="1.0"?><!-- c --><rss version="2.0">', True),
        (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">', True),
        (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/">', False),
        (b"<feedback/>", False),
    ],
)
def test_is_feed(head: bytes, expected: bool) -> None:
    assert feeds.is_feed(head) is expected


# --- page sampling -------------------------------------------------------------------


def test_sampling_takes_one_page_per_type(tmp_path: Path) -> None:
    names = [
        "index.html",
        "404.html",
        "a-propos/index.html",
        "contact/index.html",
        "blog/index.html",
        "blog/a/index.html",
        "blog/b/index.html",
        "tags/index.html",
        "tags/x/index.html",
        "tags/y/index.html",
        "go/old/index.html",
        "go/older/index.html",
        "embed/p/index.html",
    ]
    site = make_site(tmp_path, dict.fromkeys(names, html("x")))
    assert sample_pages(site, ["blog/b/"]) == [
        "404.html",
        "a-propos/index.html",
        "blog/a/index.html",
        "blog/index.html",
        "embed/p/index.html",
        "go/old/index.html",
        "index.html",
        "tags/index.html",
        "tags/x/index.html",
        "blog/b/index.html",
    ]


def test_pages_under_a_page_are_sampled_once_per_kind(tmp_path: Path) -> None:
    names = [
        "programmes/index.html",
        "programmes/x/index.html",
        "programmes/x/brochure/embed/index.html",
        "programmes/x/brochure/page-1/index.html",
        "programmes/x/brochure/page-2/index.html",
        "programmes/y/brochure/embed/index.html",
        "programmes/y/brochure/page-1/index.html",
    ]
    site = make_site(tmp_path, dict.fromkeys(names, html("x")))
    assert sample_pages(site) == [
        "programmes/index.html",
        "programmes/x/brochure/embed/index.html",
        "programmes/x/brochure/page-1/index.html",
        "programmes/x/index.html",
    ]


def test_top_level_pages_are_told_apart_by_layout(tmp_path: Path) -> None:
    prose = html('<article class="page"><div class="prose"><p class="lead">x</p></div></article>')
    listing = html('<ul class="cards"><li class="card">x</li></ul>')
    site = make_site(
        tmp_path,
        {"a-propos/index.html": prose, "contact/index.html": prose, "archives/index.html": listing},
    )
    assert sample_pages(site) == ["a-propos/index.html", "archives/index.html"]


def test_page_specs(good: Site) -> None:
    assert page_file(good, "/") == "index.html"
    assert page_file(good, "blog/premier/") == "blog/premier/index.html"
    assert page_file(good, f"{SITEURL}/tags/photo/") == "tags/photo/index.html"
    assert first_page_under(good, "blog") == "blog/premier/index.html"
    assert url_path("blog/premier/index.html") == "blog/premier/"
    with pytest.raises(ValueError):
        page_file(good, "nope/")


# --- server --------------------------------------------------------------------------


def fetch(port: int, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_server_maps_the_siteurl_prefix(good: Site) -> None:
    with serve(good) as server:
        assert server.base_url == f"http://127.0.0.1:{server.port}/repo/"
        home = fetch(server.port, "/repo/")
        assert home.status == 200
        assert home.getheader("Content-Type") == "text/html; charset=utf-8"
        assert b"<h1>Accueil</h1>" in home.body
        assert fetch(server.port, "/repo/blog/premier/").status == 200
        moved = fetch(server.port, "/repo/blog/premier")
        assert (moved.status, moved.getheader("Location")) == (301, "/repo/blog/premier/")
        missing = fetch(server.port, "/index.html")  # outside the prefix
        assert missing.status == 404
        assert b"Page introuvable" in missing.body  # GitHub Pages serves 404.html
        assert fetch(server.port, "/repo/../../etc/passwd").status == 404


def test_server_compresses_text(good: Site) -> None:
    with serve(good) as server:
        css = fetch(server.port, "/repo/css/site.css", {"Accept-Encoding": "gzip"})
        assert css.getheader("Content-Encoding") == "gzip"
        assert gzip.decompress(css.body) == (FIXTURES / "good/css/site.css").read_bytes()


def test_server_as_proxy_serves_siteurl_and_blocks_the_rest(good: Site) -> None:
    with serve(good) as server:
        assert fetch(server.port, f"{SITEURL}/blog/premier/").status == 200
        assert fetch(server.port, "http://cdn.example.com/x.js").status == 403
        assert server.blocked == ["http://cdn.example.com/x.js"]
        assert server.local_url(f"{SITEURL}/css/site.css") == server.base_url + "css/site.css"
        assert server.local_url("https://cdn.example.com/x.js") is None


# --- Nu HTML checker -----------------------------------------------------------------


# The JVM and the browser are the slow parts: each fixture site goes through both gates
# once per module, in parallel, as `python -m relais.checks` runs them.
@pytest.fixture(scope="module")
def good_slow(good: Site) -> dict[str, GateResult]:
    return {result.gate: result for result in run_gates(good, ("html", "axe"))}


@pytest.fixture(scope="module")
def bad_slow(bad: Site) -> dict[str, GateResult]:
    return {result.gate: result for result in run_gates(bad, ("html", "axe"), all_pages=True)}


@needs_java
@pytest.mark.slow
def test_good_site_is_valid_html(good_slow: dict[str, GateResult]) -> None:
    result = good_slow["html"]
    assert result.ok, "\n".join(map(str, result.problems))


@needs_java
@pytest.mark.slow
@pytest.mark.parametrize(
    ("where", "fragments"),
    [
        ("invalid.html", ("Duplicate ID",)),
        ("invalid.html", ("not allowed as child of element “ul”",)),
        ("placeholder.html", ("{filename}/blog/post.md",)),
    ],
)
def test_invalid_html_is_reported(bad_slow: dict, where: str, fragments: tuple) -> None:
    assert_reported(bad_slow["html"], where, *fragments)


def test_vnu_report_without_json_is_a_failure() -> None:
    assert html_validator.parse_report("StackOverflowError", Path("/tmp")) is None


# --- axe-core ------------------------------------------------------------------------


@needs_browser
@pytest.mark.browser
@pytest.mark.slow
def test_good_site_has_no_serious_axe_violation(good_slow: dict[str, GateResult]) -> None:
    result = good_slow["axe"]
    assert result.ok, "\n".join(map(str, result.problems))
    # One page per type, including the redirect stub, which must not redirect away.
    assert "7 pages" in result.summary


@needs_browser
@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize(
    ("where", "fragments"),
    [
        ("no-lang.html", ("html-has-lang", "serious")),
        ("low-contrast.html", ("color-contrast", "serious")),
        ("invalid.html", ("list (serious)",)),
        ("external-asset.html", ("external script", "cdn.example.com/tracker.js")),
    ],
)
def test_axe_violations_are_reported(bad_slow: dict, where: str, fragments: tuple) -> None:
    assert_reported(bad_slow["axe"], where, *fragments)


# --- command line --------------------------------------------------------------------


def test_cli_reads_siteurl_from_pelican_settings(tmp_path: Path, capsys) -> None:
    settings = tmp_path / "conf.py"
    settings.write_text(f'SITEURL = "{SITEURL}"\n', encoding="utf-8")
    status = checks_main([str(FIXTURES / "good"), "--settings", str(settings), "--only", "links"])
    out = capsys.readouterr().out
    assert status == 0, out
    assert f"as {SITEURL}/" in out


def test_cli_fails_on_a_bad_site_and_names_pages(capsys) -> None:
    status = checks_main([str(FIXTURES / "bad"), "--siteurl", SITEURL, "--only", "links,feeds"])
    out = capsys.readouterr().out
    assert status == 1
    assert "broken-link.html:12" in out
    assert "FAILED (links, feeds)" in out


def test_cli_rejects_unknown_gates() -> None:
    with pytest.raises(SystemExit) as exit_info:
        checks_main([str(FIXTURES / "good"), "--only", "links,spelling"])
    assert exit_info.value.code == 2


def test_cli_runs_as_a_module() -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "relais.checks",
            str(FIXTURES / "good"),
            "--siteurl",
            SITEURL,
            "--only",
            "links,feeds",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "all 2 gates passed" in completed.stdout


# --- Lighthouse ----------------------------------------------------------------------


def lighthouse_report(scores: dict[str, float], failing: str | None = None) -> dict:
    audits = {"ok-audit": {"score": 1}, "bad-audit": {"score": 0}}
    refs = [{"id": "ok-audit", "weight": 1}]
    return {
        "runWarnings": ["The tested device appears to have a slower CPU. Learn more."],
        "audits": audits,
        "categories": {
            category: {
                "score": score,
                "auditRefs": refs
                + ([{"id": "bad-audit", "weight": 1}] if category == failing else []),
            }
            for category, score in scores.items()
        },
    }


def test_lighthouse_report_scores_and_targets(capsys) -> None:
    perfect = lighthouse.Audit("index.html")
    lighthouse.read_report(perfect, lighthouse_report(dict.fromkeys(lighthouse.CATEGORIES, 1.0)))
    slow = lighthouse.Audit("blog/x/index.html")
    scores = {**dict.fromkeys(lighthouse.CATEGORIES, 1.0), "performance": 0.94}
    lighthouse.read_report(slow, lighthouse_report(scores, failing="performance"))
    assert slow.scores["performance"] == 94
    assert slow.losses["performance"] == ["bad-audit (0)"]
    assert slow.below_target() == ["performance 94 < 95"]
    assert slow.warnings == ["The tested device appears to have a slower CPU"]
    table = lighthouse.format_table([perfect, slow])
    assert "blog/x/index.html    94   100   100   100" in table
    assert lighthouse.exit_status([perfect, slow], strict=False) == 0
    assert lighthouse.exit_status([perfect, slow], strict=True) == 1
    assert lighthouse.exit_status([perfect], strict=True) == 0


def test_lighthouse_refuses_an_https_siteurl(capsys) -> None:
    status = lighthouse.main([str(FIXTURES / "good"), "--siteurl", SITEURL])
    assert status == 2
    assert "audit a local build" in capsys.readouterr().err


@needs_browser
@pytest.mark.browser
@pytest.mark.slow
def test_lighthouse_audits_a_page_offline(tmp_path: Path, capsys) -> None:
    # An http SITEURL with a path prefix, on a port nobody need listen to: the browser must
    # reach the site through the checks server acting as its proxy.
    siteurl = "http://127.0.0.1:18765/repo"
    shutil.copytree(FIXTURES / "good", tmp_path / "site")
    for page in (tmp_path / "site").rglob("*.html"):
        page.write_text(page.read_text("utf-8").replace(SITEURL, siteurl), "utf-8")
    status = lighthouse.main([str(tmp_path / "site"), "--siteurl", siteurl, "--page", "/"])
    out = capsys.readouterr().out
    assert status == 0, out
    row = next(line for line in out.splitlines() if line.strip().startswith("index.html"))
    scores = row.split()[1:5]
    assert all(score.isdigit() for score in scores), out
    assert scores[1] == "100", out  # accessibility: the fixture is clean


def test_non_ascii_fragments_without_meta_charset(tmp_path: Path) -> None:
    page = '<!DOCTYPE html><html lang="fr"><title>t</title><h2 id="modalités">x</h2>'
    site = make_site(tmp_path, {"index.html": page + '<a href="#modalit%C3%A9s">y</a>'})
    assert links.run(site).ok


FADE_IN_ON_WIDE_SCREENS = """<!doctype html><html lang="fr"><title>t</title>
<style>
  p { animation: fade 0.5s; }
  @keyframes fade { from { opacity: 0.2; } to { opacity: 1; } }
</style>
<p hidden>Texte</p>
<script>
  // As the brochure viewer does: the layout follows in an animation frame of its own.
  matchMedia("(min-width: 1000px)").addEventListener("change", event => {
    requestAnimationFrame(() => requestAnimationFrame(() => {
      document.querySelector("p").hidden = !event.matches;
    }));
  });
</script>"""


@pytest.mark.browser
def test_axe_waits_for_what_a_resize_starts_to_settle(browser) -> None:
    """A script told of a resize may show, frames later, an element that fades in: axe must not
    measure it half-way (it would read as low contrast)."""
    page = browser.new_page(viewport={"width": 400, "height": 600})
    page.set_content(FADE_IN_ON_WIDE_SCREENS)
    page.set_viewport_size({"width": 1280, "height": 600})
    page.evaluate(accessibility.SETTLE)
    assert page.evaluate("getComputedStyle(document.querySelector('p')).opacity") == "1"
