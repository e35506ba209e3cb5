"""Standard feeds: Atom and RSS 2.0 for the site, each category, tag and programme.

Read back with feedparser (the parser most feed consumers use); stability checked by
rebuilding, editing a post and comparing bytes.
"""

import calendar
import re
import subprocess
import sys
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import feedparser
import pytest
from lxml import etree

from tests.sitebuild import DEMO, ROOT, build, copy_content, kit_environment

FEEDS = {
    "feeds/all.atom.xml": "atom10",
    "feeds/all.rss.xml": "rss20",
    "feeds/categories/vie-du-campus.atom.xml": "atom10",
    "feeds/categories/vie-du-campus.rss.xml": "rss20",
    "feeds/tags/photographie.atom.xml": "atom10",
    "feeds/tags/photographie.rss.xml": "rss20",
    "feeds/programmes/lp-photographie-audiovisuel.atom.xml": "atom10",
    "feeds/programmes/lp-photographie-audiovisuel.rss.xml": "rss20",
}


def parsed(site, path):
    return feedparser.parse((site.output / path).read_bytes())


def all_feeds(output: Path):
    return sorted(p.relative_to(output).as_posix() for p in (output / "feeds").rglob("*.xml"))


ATOM = "http://www.w3.org/2005/Atom"


def atom_feeds(output: Path):
    return [path for path in all_feeds(output) if path.endswith(".atom.xml")]


def assert_atom_without_prefixes(data: bytes, where: str) -> None:
    """Every Atom element in the default namespace: `<link>`, never `<ns1:link xmlns:ns1=…>`
    (the W3C feed validator: "Avoid Namespace Prefix")."""
    assert not re.search(rb"<ns\d+:|xmlns:ns\d+=", data), where
    root = etree.fromstring(data)
    assert root.tag == f"{{{ATOM}}}feed" and root.nsmap[None] == ATOM, where
    atom = [e for e in root.iter(etree.Element) if etree.QName(e).namespace == ATOM]
    assert [e.tag for e in atom if e.prefix is not None] == [], where


@pytest.mark.parametrize("path", FEEDS)
def test_feed_parses_without_error_and_describes_every_entry(built_site, path):
    feed = parsed(built_site, path)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == FEEDS[path]
    assert feed.entries
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == f"{built_site.siteurl}/{path}"
    for entry in feed.entries:
        assert entry.id == entry.link  # guid = canonical URL, no campaign parameters
        assert entry.link.startswith(built_site.siteurl + "/") and "?" not in entry.link
        assert entry.title and entry.summary and entry.content[0].value
        assert entry.published_parsed and entry.author == "Service communication"
        (enclosure,) = entry.enclosures
        image = built_site.output / urlsplit(enclosure.href).path.lstrip("/")
        assert enclosure.type == "image/jpeg"
        assert int(enclosure.length) == image.stat().st_size  # the real file's size
        assert entry.media_content[0]["url"] == enclosure.href
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)  # newest first


def test_site_feed_holds_every_post_and_event_with_categories_and_tags(built_site):
    feed = parsed(built_site, "feeds/all.rss.xml")
    links = {e.link.removeprefix(built_site.siteurl) for e in feed.entries}
    posts = {f"/blog/{p.stem}/" for p in (DEMO / "content" / "blog").glob("*.md")}
    events = {f"/events/{p.stem}/" for p in (DEMO / "content" / "events").glob("*.md")}
    assert posts <= links and events <= links
    jpo = next(e for e in feed.entries if e.link.endswith("/blog/2026-10-portes-ouvertes/"))
    assert [t.term for t in jpo.tags] == ["Vie du campus", "portes ouvertes", "orientation"]
    assert jpo.published == "Thu, 15 Oct 2026 08:00:00 +0200"


def test_programme_feed_holds_its_posts_and_its_events_only(built_site):
    feed = parsed(built_site, "feeds/programmes/lp-photographie-audiovisuel.atom.xml")
    links = {e.link.removeprefix(built_site.siteurl) for e in feed.entries}
    expected = set()
    for folder in ("blog", "events"):
        for path in (DEMO / "content" / folder).glob("*.md"):
            if re.search(r"^programme:\s*lp-photographie-audiovisuel\s*$", path.read_text(), re.M):
                expected.add(f"/{folder}/{path.stem}/")
    assert any(link.startswith("/events/") for link in expected)
    assert links == expected


def test_atom_links_are_plain_atom_elements_that_feedparser_reads(built_site):
    paths = atom_feeds(built_site.output)
    assert len(paths) > 15
    for path in paths:
        data = (built_site.output / path).read_bytes()
        assert_atom_without_prefixes(data, path)
        root = etree.fromstring(data)
        for entry in root.iterfind(f"{{{ATOM}}}entry"):
            links = {link.get("rel"): link for link in entry.iterfind(f"{{{ATOM}}}link")}
            assert set(links) == {"alternate", "enclosure"}, path
            assert links["alternate"].get("type") == "text/html"
        for entry in feedparser.parse(data).entries:
            by_rel = {link.rel: link for link in entry.links}
            assert entry.link == by_rel["alternate"].href == entry.id  # the page, not the image
            assert by_rel["alternate"].type == "text/html"
            (enclosure,) = entry.enclosures
            assert enclosure.href == by_rel["enclosure"].href
            image = built_site.output / urlsplit(enclosure.href).path.lstrip("/")
            assert enclosure.type == "image/jpeg" and int(enclosure.length) == image.stat().st_size


def source_dates(content: Path, link: str) -> tuple[datetime, datetime | None]:
    """(date:, modified:) of the Markdown file behind a feed entry, read from its header."""
    folder, slug = urlsplit(link).path.strip("/").split("/")[-2:]
    header = (content / folder / f"{slug}.md").read_text().split("\n\n", 1)[0]
    paris = ZoneInfo("Europe/Paris")

    def field(name):
        found = re.search(rf"^{name}:\s*(.+)$", header, re.M)
        return datetime.fromisoformat(found[1].strip()).replace(tzinfo=paris) if found else None

    return field("date"), field("modified")


def test_atom_updated_follows_the_modified_field_of_posts_and_events(tmp_path):
    """Feed readers show an entry's <updated>; an edit with `modified:` must reach them, an
    unedited entry's stays its publication date (feediverse reposts when it moves)."""
    content = copy_content(tmp_path / "content")
    post = content / "blog" / "2026-11-ouverture-lp-photo.md"
    dated = "date: 2026-11-16 10:00\n"
    post.write_text(post.read_text().replace(dated, f"{dated}modified: 2026-11-27 09:15\n"))
    site = build(tmp_path, content=content)
    assert site.returncode == 0, site.stderr
    modified = {}
    for path in atom_feeds(site.output):
        for entry in parsed(site, path).entries:
            date, edited = source_dates(content, entry.link)
            expected = edited or date
            assert calendar.timegm(entry.updated_parsed) == expected.timestamp(), (path, entry.id)
            assert calendar.timegm(entry.published_parsed) == date.timestamp(), (path, entry.id)
            if edited:
                modified[entry.link.removeprefix(site.siteurl)] = entry.updated
    # The demo's cancelled workshop (an event) and the post edited above.
    assert modified == {
        "/events/atelier-portfolio-janvier-2027/": "2026-11-26T16:00:00+01:00",
        "/blog/2026-11-ouverture-lp-photo/": "2026-11-27T09:15:00+01:00",
    }
    # The feed's own <updated> is its newest entry's.
    feed = parsed(site, "feeds/all.atom.xml").feed
    assert feed.updated == "2026-11-27T09:15:00+01:00"


def test_category_and_tag_feeds_hold_their_posts(built_site):
    feed = parsed(built_site, "feeds/categories/vie-du-campus.rss.xml")
    assert [e.link.removeprefix(built_site.siteurl) for e in feed.entries] == [
        "/blog/2026-10-portes-ouvertes/"
    ]
    feed = parsed(built_site, "feeds/tags/photographie.rss.xml")
    assert {e.link.removeprefix(built_site.siteurl) for e in feed.entries} == {
        "/blog/2026-11-ouverture-lp-photo/",
        "/blog/2026-11-temoignage-iconographe/",
    }


def test_every_feed_file_is_written_by_relay_feeds(built_site):
    feeds = [p for p in built_site.output.rglob("*") if re.search(r"atom|rss", p.name)]
    assert feeds and all(p.relative_to(built_site.output).parts[0] == "feeds" for p in feeds)
    assert all(b"<generator>relais</generator>" in p.read_bytes() for p in feeds if p.is_file())


def autodiscovery(soup_of, page):
    return {
        (link["type"], link["href"])
        for link in soup_of(page).head.find_all("link", rel="alternate")
        if "xml" in link["type"]
    }


def test_every_page_head_links_the_site_feeds(built_site, soup_of):
    site = {
        ("application/atom+xml", f"{built_site.siteurl}/feeds/all.atom.xml"),
        ("application/rss+xml", f"{built_site.siteurl}/feeds/all.rss.xml"),
    }
    for page in ("", "blog/2026-10-portes-ouvertes/", "a-propos/", "archives/"):
        assert autodiscovery(soup_of, page) == site, page


@pytest.mark.parametrize(
    "page, feed",
    [
        ("categories/vie-du-campus/", "feeds/categories/vie-du-campus"),
        ("tags/photographie/", "feeds/tags/photographie"),
        ("programmes/lp-photographie-audiovisuel/", "feeds/programmes/lp-photographie-audiovisuel"),
    ],
)
def test_category_tag_and_programme_pages_link_their_own_feed(built_site, soup_of, page, feed):
    found = autodiscovery(soup_of, page)
    for kind, suffix in (("application/atom+xml", "atom"), ("application/rss+xml", "rss")):
        href = f"{built_site.siteurl}/{feed}.{suffix}.xml"
        assert (kind, href) in found
        assert not parsed(built_site, href.removeprefix(built_site.siteurl + "/")).bozo


def test_rebuild_of_unchanged_content_is_byte_identical(built_site, tmp_path):
    again = build(tmp_path, siteurl=built_site.siteurl)
    assert again.returncode == 0, again.stderr
    paths = all_feeds(built_site.output)
    assert paths == all_feeds(again.output) and len(paths) > 30
    for path in paths:
        assert (built_site.output / path).read_bytes() == (again.output / path).read_bytes(), path


def test_editing_a_post_keeps_its_guid_link_and_date(built_site, tmp_path):
    content = copy_content(tmp_path / "content")
    post = content / "blog" / "2026-10-portes-ouvertes.md"
    old_title = "title: Portes ouvertes : venez rencontrer les équipes 🎓"
    text = post.read_text().replace(old_title, "title: JPO 2027 : on vous attend")
    post.write_text(text.replace("Pas besoin de s’inscrire", "Entrée libre"))
    edited = build(tmp_path, content=content, siteurl=built_site.siteurl)
    assert edited.returncode == 0, edited.stderr
    for path in ("feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/social/mastodon.rss.xml"):
        before = {e.id: e for e in parsed(built_site, path).entries}
        after = {e.id: e for e in parsed(edited, path).entries}
        assert before.keys() == after.keys()
        guid = f"{built_site.siteurl}/blog/2026-10-portes-ouvertes/"
        if guid in before:
            assert after[guid].link == before[guid].link
            assert after[guid].published == before[guid].published
            assert after[guid].title != before[guid].title


def test_a_guid_field_keeps_the_identity_when_the_slug_changes(tmp_path):
    content = copy_content(tmp_path / "content")
    post = content / "blog" / "2026-10-portes-ouvertes.md"
    post.write_text("guid: tag:iut.example.org,2026:jpo\n" + post.read_text())
    post.rename(post.with_name("jpo-2027.md"))
    site = build(tmp_path, content=content)
    assert site.returncode == 0, site.stderr
    entry = next(e for e in parsed(site, "feeds/all.rss.xml").entries if "jpo-2027" in e.link)
    assert entry.id == "tag:iut.example.org,2026:jpo"
    assert (
        '<guid isPermaLink="false">tag:iut.example.org,2026:jpo</guid>'
        in (site.output / "feeds/all.rss.xml").read_text()
    )


def test_a_guid_that_is_not_an_address_stops_the_build(tmp_path):
    content = copy_content(tmp_path / "content")
    post = content / "blog" / "2026-10-portes-ouvertes.md"
    post.write_text("guid: jpo 2027\n" + post.read_text())
    site = build(tmp_path, content=content)
    assert site.returncode == 1
    assert "2026-10-portes-ouvertes.md: champ « guid » : « jpo 2027 » n’est pas une adresse" in (
        site.stderr
    )
    assert "Traceback" not in site.stderr and not (site.output / "feeds").exists()


def test_websub_hub_is_announced_in_atom_and_rss(tmp_path):
    hub = "https://pubsubhubbub.appspot.com/"
    site = build(tmp_path, settings={"FEEDS_WEBSUB_HUB": hub})
    assert site.returncode == 0, site.stderr
    for path in all_feeds(site.output):
        feed = parsed(site, path)
        rels = {link.rel: link.href for link in feed.feed.links}
        assert rels["hub"] == hub and rels["self"] == f"{site.siteurl}/{path}", path
        if path.endswith(".atom.xml"):
            assert_atom_without_prefixes((site.output / path).read_bytes(), path)
        assert (
            feed.feed.link == f"{site.siteurl}/"
            or "/programmes/" in feed.feed.link
            or ("/categories/" in feed.feed.link or "/tags/" in feed.feed.link)
        )


def test_websub_command_pings_every_feed_of_the_built_site(built_site, tmp_path):
    received = []

    class Hub(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(self.rfile.read(int(self.headers["Content-Length"])).decode())
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Hub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(DEMO)!r})\nfrom pelicanconf import *\n"
        f"SITEURL = {built_site.siteurl!r}\n"
        f"FEEDS_WEBSUB_HUB = 'http://127.0.0.1:{server.server_port}/'\n"
        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n"
    )
    websub = "relais.plugins.feeds.websub"
    command = [sys.executable, "-m", websub, str(built_site.output), "--settings",
               str(conf)]  # fmt: skip
    env = kit_environment()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    server.shutdown()
    server.server_close()
    assert done.returncode == 0, done.stderr
    count = len(all_feeds(built_site.output))
    assert len(received) == count
    assert f"WebSub : {count} flux notifié(s)" in done.stdout
