import re
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from lxml import etree

from relais.plugins.robots.plugin import robots_txt
from relais.plugins.robots.sitemap import Sitemap, indexable, lastmod, page_url, render

PARIS = ZoneInfo("Europe/Paris")
SETTINGS = {"TIMEZONE": "Europe/Paris", "INDEX_SAVE_AS": "index.html"}


def test_robots_txt_allows_everything_and_names_the_sitemap_under_the_prefix():
    assert robots_txt("https://user.github.io/repo/") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://user.github.io/repo/sitemap.xml\n"
    )


def dated(day, modified=None, **more):
    moment = datetime(2026, 11, day, 10, tzinfo=PARIS)
    return SimpleNamespace(date=moment, modified=modified, **more)


def test_a_content_is_dated_by_its_modified_field_else_its_date():
    post = dated(5)
    assert lastmod({**SETTINGS, "article": post}, post) == post.date
    edited = dated(5, modified=datetime(2026, 11, 20, 9, 15))  # naive: in TIMEZONE
    assert lastmod({**SETTINGS, "article": edited}, edited).isoformat() == (
        "2026-11-20T09:15:00+01:00"
    )
    page = SimpleNamespace(title="À propos")  # no date at all: no lastmod
    assert lastmod({**SETTINGS, "page": page}, page) is None


def test_a_programme_is_dated_by_the_latest_of_itself_its_posts_and_all_its_events():
    past_event = dated(25)  # over by the build date, still counted: dates never go back
    programme = SimpleNamespace(date=None, posts=[dated(3), dated(12)], events=[past_event])
    context = {**SETTINGS, "programme": programme, "page": programme}
    assert lastmod(context, programme) == past_event.date
    # A brochure page's address: the programme's date.
    shared = SimpleNamespace(number=3)
    assert lastmod({**SETTINGS, "programme": programme, "page": shared}, programme) == (
        past_event.date
    )


def test_a_list_is_dated_by_the_newest_of_what_it_lists():
    posts, events = [dated(2), dated(9)], [dated(1, modified=datetime(2026, 11, 28, tzinfo=PARIS))]
    programmes = [SimpleNamespace(date=date(2026, 11, 30))]  # a day alone: its midnight
    everything = {**SETTINGS, "articles": posts, "events": events, "programmes": programmes}
    assert lastmod({**everything, "page_name": "index"}, None).isoformat() == (
        "2026-11-30T00:00:00+01:00"
    )
    assert lastmod({**everything, "page_name": "archives/index"}, None) == posts[1].date
    assert lastmod({**everything, "page_name": "tags/x", "tag": "x"}, None) == posts[1].date
    assert lastmod({**everything, "page_name": "events"}, None) == events[0].modified
    assert lastmod({**everything, "page_name": "programmes"}, None).day == 30
    assert lastmod({**SETTINGS, "page_name": "programmes", "programmes": []}, None) is None


def head(tmp_path, tags):
    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><html><head>{tags}</head><body><p>x</p></body></html>")
    return page


def test_only_pages_that_are_indexed_as_themselves_are_listed(tmp_path):
    url = "https://a.fr/p/"
    assert indexable(head(tmp_path, '<link rel="canonical" href="https://a.fr/p/">'), url)
    assert indexable(head(tmp_path, "<title>no canonical link</title>"), url)
    assert indexable(head(tmp_path, '<link rel="canonical" href="/p/">'), url)
    assert not indexable(head(tmp_path, '<link rel="canonical" href="https://a.fr/q/">'), url)
    assert not indexable(head(tmp_path, '<meta name="robots" content="noindex">'), url)
    assert not indexable(head(tmp_path, '<meta name="ROBOTS" content="none">'), url)
    assert not indexable(head(tmp_path, '<meta http-equiv="refresh" content="0; url=/q/">'), url)
    # Only the head counts: a page may show such markup as text in its body.
    page = head(tmp_path, "")
    page.write_text(page.read_text() + '<pre><meta name="robots" content="noindex"></pre>')
    assert indexable(page, url)


def test_drafts_and_hidden_pages_are_left_out_and_the_rest_sorted(tmp_path):
    sitemap = Sitemap()
    for name, status in (("b", "published"), ("a", None), ("draft", "draft"), ("404", "hidden")):
        (tmp_path / name).mkdir()
        page = head(tmp_path / name, "")
        content = SimpleNamespace(status=status, date=None) if status else None
        sitemap.written(str(page), {**SETTINGS, "page": content, "page_name": "x"})
    sitemap.written(str(tmp_path / "feed.xml"), {**SETTINGS})  # not a page
    text = sitemap.render(str(tmp_path), "https://a.fr").decode()
    locs = re.findall(r"<loc>(.*)</loc>", text)
    assert locs == ["https://a.fr/a/page.html", "https://a.fr/b/page.html"]


def test_a_page_kept_as_it_was_is_not_read_again_and_a_rewritten_one_is(tmp_path, monkeypatch):
    from relais.plugins.core.files import write_atomically
    from relais.plugins.robots import sitemap as module

    (tmp_path / "a").mkdir()
    page = head(tmp_path / "a", '<link rel="canonical" href="https://a.fr/a/page.html">')
    heads = {}

    def listed():
        sitemap = Sitemap()
        sitemap.written(str(page), {**SETTINGS, "page": None, "page_name": "x"})
        return re.findall(
            r"<loc>(.*)</loc>", sitemap.render(str(tmp_path), "https://a.fr", heads).decode()
        )

    assert listed() == ["https://a.fr/a/page.html"]
    read = []
    monkeypatch.setattr(module, "indexable", lambda *args: read.append(args) or False)
    assert listed() == ["https://a.fr/a/page.html"] and read == []  # the same file
    write_atomically(page, b'<head><meta name="robots" content="noindex"></head>')
    assert listed() == [] and len(read) == 1  # written again: read again
    page.unlink()
    assert listed() == [] and heads == {}  # gone from the record too


def test_addresses_are_folders_escaped_and_the_file_well_formed():
    assert page_url("https://a.fr/site/", "index.html") == "https://a.fr/site/"
    assert page_url("https://a.fr/site", "blog/x/index.html") == "https://a.fr/site/blog/x/"
    assert page_url("https://a.fr", "myindex.html") == "https://a.fr/myindex.html"
    assert page_url("https://a.fr", "é t.html") == "https://a.fr/%C3%A9%20t.html"
    when = datetime(2026, 11, 26, 16, tzinfo=PARIS)
    data = render([("https://a.fr/?a=1&b=2", when), ("https://a.fr/x/", None)])
    root = etree.fromstring(data)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert root.xpath("//s:loc/text()", namespaces=ns) == [
        "https://a.fr/?a=1&b=2",
        "https://a.fr/x/",
    ]
    assert root.xpath("//s:lastmod/text()", namespaces=ns) == ["2026-11-26T16:00:00+01:00"]
