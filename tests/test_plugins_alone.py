"""Each plugin in a vanilla Pelican site: Pelican's default theme, two Markdown posts, and
only that plugin in PLUGINS, by its name (relais.plugins.feeds), as the kit's wheel
installed it (core is not listed: the plugins import it as a library).
Its output is read with real parsers; a plugin that cannot work alone says what it needs
in one line. The wheel itself: test_kit_wheel.py."""

import json
import os
import subprocess
import sys
from pathlib import Path

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
PELICAN = Path(sys.executable).with_name("pelican")
COVER = ROOT / "demo" / "content" / "images" / "covers" / "campus-soir.jpg"
BUILD_DATE = "2026-11-15"  # two weeks after the posts below

POSTS = {
    "first.md": """Title: First post
Date: 2026-11-01 10:00
Category: News
Summary: The first post.
{extra}
Hello world, first post.
""",
    "second.md": """Title: Second post
Date: 2026-11-02 10:00
Category: News
Summary: The second post.

Hello again.
""",
}


def vanilla_build(tmp_path, plugins, extra="", lang="en", files=None):
    """`pelican content -s pelicanconf.py`, as a Pelican user runs it; `plugins`: relais
    plugins by their short names ("feeds")."""
    content = tmp_path / "content"
    content.mkdir(parents=True, exist_ok=True)
    for name, text in POSTS.items():
        (content / name).write_text(text.format(extra=extra), encoding="utf-8")
    for name, text in (files or {}).items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    (tmp_path / "pelicanconf.py").write_text(
        f'AUTHOR = "Tester"\nSITENAME = "Vanilla"\nSITEURL = "https://example.org"\n'
        f'TIMEZONE = "Europe/Paris"\nDEFAULT_LANG = "{lang}"\n'
        f"PLUGINS = {[f'relais.plugins.{name}' for name in plugins]!r}\n"
        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    # "Today" for the plugins (social feeds keep the last 28 days): not the day the tests run.
    env["RELAIS_BUILD_DATE"] = BUILD_DATE
    done = subprocess.run(
        [str(PELICAN), "content", "-s", "pelicanconf.py", "-o", "output"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return done, tmp_path / "output"


def _html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _warnings_and_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("ERROR", "WARNING"))]


def test_relais_feeds_alone_writes_its_atom_and_social_feeds(tmp_path):
    done, output = vanilla_build(tmp_path, ["feeds"])
    assert done.returncode == 0, done.stderr
    atom = feedparser.parse(output / "feeds" / "all.atom.xml")
    assert not atom.bozo
    assert atom.feed.generator == "relais"  # feeds' own, not Pelican's feed
    assert [entry.title for entry in atom.entries] == ["Second post", "First post"]
    social = feedparser.parse(output / "feeds" / "social" / "mastodon.rss.xml")
    assert "utm_source=mastodon" in social.entries[0].title


def test_events_alone_writes_calendars_and_says_pages_need_templates(tmp_path):
    event = """Title: Open day
Date: 2026-10-15 08:00
start: 2027-02-06 09:00
end: 17:00
location: Main hall

Come and visit.
"""
    done, output = vanilla_build(tmp_path, ["events"], files={"events/open-day.md": event})
    assert done.returncode == 0, done.stderr
    assert _warnings_and_errors(done.stderr) == [
        "WARNING events: the theme has no event.html, events.html; only the .ics calendars "
        "are written (for the pages: the relais theme, from relais.settings import *)"
    ]
    calendar = icalendar.Calendar.from_ical((output / "events" / "agenda.ics").read_bytes())
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Open day"
    assert vevent.decoded("DTSTART").isoformat() == "2027-02-06T09:00:00+01:00"
    assert (output / "events" / "open-day.ics").is_file()
    assert not (output / "events" / "open-day").exists()  # no page without its template


def test_cards_alone_draws_a_share_card_per_post(tmp_path):
    done, output = vanilla_build(tmp_path, ["cards"])
    assert done.returncode == 0, done.stderr
    cards = sorted((output / "cards").glob("*.jpg"))
    assert len(cards) == 3  # two posts and the site's own card
    for card in cards:
        with Image.open(card) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 630))


def test_seo_meta_alone_puts_open_graph_and_json_ld_in_the_default_theme(tmp_path):
    done, output = vanilla_build(tmp_path, ["seo_meta"])
    assert done.returncode == 0, done.stderr
    page = _html(output / "first-post.html")
    og = {tag["property"]: tag["content"] for tag in page.select("meta[property^='og:']")}
    assert og["og:title"] == "First post"
    assert og["og:url"] == "https://example.org/first-post.html"
    assert og["og:type"] == "article"
    nodes = [json.loads(s.string) for s in page.select("script[type='application/ld+json']")]
    posting = next(node for node in nodes if node["@type"] == "BlogPosting")
    assert posting["headline"] == "First post"
    assert len(page.select("meta[property='og:title']")) == 1


def test_cards_and_seo_meta_give_the_card_as_og_image(tmp_path):
    done, output = vanilla_build(tmp_path, ["cards", "seo_meta"])
    assert done.returncode == 0, done.stderr
    image = _html(output / "first-post.html").select_one("meta[property='og:image']")
    card = output / image["content"].removeprefix("https://example.org/")
    with Image.open(card) as opened:
        assert opened.size == (1200, 630)


def test_redirects_in_the_default_theme_write_the_kits_redirect_page(tmp_path):
    extra = "redirect_from: /old/first/\n"
    done, output = vanilla_build(tmp_path, ["redirects", "seo_meta"], extra=extra)
    assert done.returncode == 0, done.stderr
    page = _html(output / "old" / "first" / "index.html")
    assert page.select_one("link[rel=canonical]")["href"] == "https://example.org/first-post.html"
    refresh = page.select_one("meta[http-equiv=refresh]")["content"]
    assert refresh == "0; url=https://example.org/first-post.html"
    assert page.h1.get_text() == "This page has moved"
    assert page.select("meta[property^='og:']") == []  # seo_meta leaves redirect pages alone


def test_shortlinks_alone_writes_the_short_address(tmp_path):
    done, output = vanilla_build(tmp_path, ["shortlinks"], extra="shortlink: first\n")
    assert done.returncode == 0, done.stderr
    page = _html(output / "go" / "first" / "index.html")
    assert page.select_one("a")["href"] == "https://example.org/first-post.html"


def test_covers_alone_renders_a_cover_in_three_widths(tmp_path):
    (tmp_path / "content" / "images").mkdir(parents=True)
    (tmp_path / "content" / "images" / "cover.jpg").write_bytes(COVER.read_bytes())
    extra = "cover: images/cover.jpg\ncover_alt: The campus at night\n"
    done, output = vanilla_build(tmp_path, ["covers"], extra=extra)
    assert done.returncode == 0, done.stderr
    widths = []
    for render in (output / "covers").glob("*.webp"):
        with Image.open(render) as image:
            widths.append(image.width)
    assert sorted(widths) == [480, 800, 1200]


def test_a_content_error_stops_the_build_without_relais_core_listed(tmp_path):
    done, output = vanilla_build(tmp_path, ["shortlinks"], extra="shortlink: Not a slug!\n")
    assert done.returncode == 1
    assert _warnings_and_errors(done.stderr)[0].startswith("ERROR content/first.md: field")
    assert not output.exists()


@pytest.mark.parametrize(
    ("plugins", "line"),
    [
        (
            ["programmes"],
            '"programmes" writes its pages with programme.html, programmes.html',
        ),
        (
            ["brochure"],
            '"brochure" needs "programmes", which PLUGINS does not list',
        ),
        (
            ["programmes", "brochure"],
            '"programmes" writes its pages with programme.html',
        ),
    ],
)
def test_a_plugin_that_needs_more_says_so_in_one_line(tmp_path, plugins, line):
    done, output = vanilla_build(tmp_path, plugins)
    assert done.returncode == 1
    (error,) = _warnings_and_errors(done.stderr)
    assert error.startswith(f"ERROR PLUGINS: {line}")
    assert "Traceback" not in done.stderr
    assert not output.exists()


@pytest.mark.parametrize("plugin", ["robots", "fingerprint", "analytics", "incremental"])
def test_site_wide_plugins_build_a_vanilla_site(tmp_path, plugin):
    done, output = vanilla_build(tmp_path, [plugin])
    assert done.returncode == 0, done.stderr
    assert _html(output / "first-post.html").h1 is not None


def test_robots_alone_writes_a_sitemap_of_pelicans_pages_dated_by_the_posts(tmp_path):
    done, output = vanilla_build(tmp_path, ["robots"])
    assert done.returncode == 0, done.stderr
    assert "Sitemap: https://example.org/sitemap.xml" in (output / "robots.txt").read_text()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    tree = etree.parse(str(output / "sitemap.xml"))
    listed = {
        url.findtext("s:loc", namespaces=ns): url.findtext("s:lastmod", namespaces=ns)
        for url in tree.iterfind("s:url", ns)
    }
    pages = {p.relative_to(output).as_posix() for p in output.rglob("*.html")}
    assert set(listed) == {
        "https://example.org/" + page.removesuffix("index.html") for page in pages
    }
    assert listed["https://example.org/first-post.html"] == "2026-11-01T10:00:00+01:00"
    assert listed["https://example.org/"] == "2026-11-02T10:00:00+01:00"  # the newest post


def test_theme_i18n_alone_translates_nothing_in_french_and_names_a_missing_language(tmp_path):
    french, output = vanilla_build(tmp_path / "fr", ["theme_i18n"], lang="fr")
    assert french.returncode == 0, french.stderr
    assert (output / "first-post.html").is_file()
    english, output = vanilla_build(tmp_path / "en", ["theme_i18n"], lang="en")
    assert english.returncode == 1
    (error,) = _warnings_and_errors(english.stderr)
    assert error.startswith('ERROR pelicanconf.py: setting "DEFAULT_LANG" : Language "en": ')
    assert error.endswith("expected: one of: fr")
    assert not output.exists()
