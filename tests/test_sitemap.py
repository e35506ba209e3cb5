"""sitemap.xml as search engines read it (plugins/robots/sitemap.py).

Validated against the sitemaps.org XML Schema (tests/fixtures/sitemap-0.9.xsd, with
lxml.etree.XMLSchema); compared with the pages a crawler would index, found by walking the
built HTML; dated by the content, so two builds on different days give the same bytes.
"""

import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import pytest
from lxml import etree
from lxml import html as lxml_html

from tests.sitebuild import DEMO, build, copy_content

SCHEMA = Path(__file__).parent / "fixtures" / "sitemap-0.9.xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PARIS = ZoneInfo("Europe/Paris")
LP = "programmes/lp-photographie-audiovisuel/"
MASTER = "programmes/master-humanites-numeriques/"
INDEX = re.compile(r"(^|/)index\.html$")  # a folder's index.html is served as the folder


def entries(site) -> dict[str, str | None]:
    """<loc> → <lastmod> (None when absent)."""
    tree = etree.parse(str(site.output / "sitemap.xml"))
    return {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for url in tree.iterfind("s:url", NS)
    }


def indexable_pages(site) -> set[str]:
    """Every HTML page of the build that a crawler would index as itself: not noindex, no
    canonical link to another address, not a redirect (meta refresh)."""
    found = set()
    for path in site.output.rglob("*.html"):
        served = INDEX.sub(r"\1", path.relative_to(site.output).as_posix())
        url = f"{site.siteurl}/{served}"
        head = lxml_html.fromstring(path.read_bytes()).find("head")
        robots = head.xpath("meta[@name='robots']/@content")
        canonical = head.xpath("link[@rel='canonical']/@href")
        if any("noindex" in value for value in robots):
            continue
        if canonical and urljoin(url, canonical[0]) != url:
            continue
        if head.xpath("meta[@http-equiv='refresh']"):
            continue
        found.add(url)
    return found


def source_date(path: Path) -> str:
    """The `modified:` (else `date:`) of a demo content file, as an ISO date with offset."""
    header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    for name in ("modified", "date"):
        found = re.search(rf"^{name}:\s*(.+)$", header, re.M)
        if found:
            moment = datetime.fromisoformat(found[1].strip()).replace(tzinfo=PARIS)
            return moment.isoformat()
    raise AssertionError(f"{path} has no date")


def assert_valid(site):
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.parse(str(site.output / "sitemap.xml"))
    assert schema.validate(document), schema.error_log
    assert document.docinfo.encoding.upper() == "UTF-8"


def test_sitemap_is_valid_for_the_sitemaps_org_schema(built_site):
    assert_valid(built_site)


def test_sitemap_lists_exactly_the_pages_a_crawler_would_index(built_site):
    listed = entries(built_site)
    assert set(listed) == indexable_pages(built_site)
    # The brochure's page addresses are public pages with cards: in. Its embed pages
    # (canonical: the programme page) and the 404 page (noindex): out.
    for programme, pages in ((LP, 6), (MASTER, 4)):
        for number in range(1, pages + 1):
            assert f"{built_site.siteurl}/{programme}brochure/page-{number}/" in listed
        assert f"{built_site.siteurl}/{programme}brochure/embed/" not in listed
        assert f"{built_site.siteurl}/{programme}" in listed
    assert f"{built_site.siteurl}/404.html" not in listed
    assert list(listed) == sorted(listed)


def test_lastmod_is_the_date_of_the_content_never_the_build_time(built_site):
    listed = entries(built_site)
    site = built_site.siteurl
    content = DEMO / "content"
    # A post or event: its `modified:`, else its `date:` (the cancelled workshop has one).
    for folder in ("blog", "events"):
        for source in (content / folder).glob("*.md"):
            assert listed[f"{site}/{folder}/{source.stem}/"] == source_date(source), source
    assert listed[f"{site}/events/atelier-portfolio-janvier-2027/"] == "2026-11-26T16:00:00+01:00"
    # Undated pages have no lastmod rather than an invented one.
    for page in ("a-propos/", "contact/", "mentions-legales/"):
        assert listed[f"{site}/{page}"] is None
    # A programme: the latest of its own date, its posts' and its events' (the LP's
    # cancelled workshop was modified last); its brochure pages are dated like it.
    assert listed[f"{site}/{LP}"] == "2026-11-26T16:00:00+01:00"
    assert listed[f"{site}/{LP}brochure/page-3/"] == listed[f"{site}/{LP}"]
    assert listed[f"{site}/{MASTER}"] == "2026-11-20T14:00:00+01:00"  # its hackathon
    # Lists: the newest of what they list.
    newest_post = max((source_date(p) for p in (content / "blog").glob("*.md")),
                      key=datetime.fromisoformat)  # fmt: skip
    for page in ("archives/", "categories/", "tags/"):
        assert listed[f"{site}/{page}"] == newest_post == "2026-11-20T09:30:00+01:00"
    assert listed[f"{site}/categories/vie-du-campus/"] == "2026-10-15T08:00:00+02:00"
    assert listed[f"{site}/tags/photographie/"] == "2026-11-20T09:30:00+01:00"
    assert listed[f"{site}/events/"] == "2026-11-26T16:00:00+01:00"
    assert listed[f"{site}/"] == "2026-11-26T16:00:00+01:00"  # posts, events, programmes


@pytest.mark.slow
def test_two_builds_on_different_days_give_the_same_sitemap(built_site, tmp_path):
    """After the LP's workshop (23 January) and the open day (6 February) are over: they
    leave the "upcoming" lists, and no date moves."""
    later = build(tmp_path, siteurl=built_site.siteurl, build_date="2027-02-10")
    assert later.returncode == 0, later.stderr
    before = (built_site.output / "sitemap.xml").read_bytes()
    assert (later.output / "sitemap.xml").read_bytes() == before


@pytest.mark.slow
def test_redirect_pages_and_short_links_are_left_out(tmp_path):
    content = copy_content(tmp_path / "content")
    post = content / "blog" / "2026-10-portes-ouvertes.md"
    post.write_text("redirect_from: /jpo-2027/\nshortlink: jpo\n" + post.read_text())
    site = build(tmp_path, content=content)
    assert site.returncode == 0, site.stderr
    assert_valid(site)
    listed = entries(site)
    assert set(listed) == indexable_pages(site)
    redirects = {f"{site.siteurl}/jpo-2027/", f"{site.siteurl}/go/jpo/"}
    for url in redirects:  # written, and a crawler follows them elsewhere
        page = site.page(url.removeprefix(site.siteurl))
        assert 'http-equiv="refresh"' in page.read_text(encoding="utf-8")
    assert not redirects & set(listed)
    assert f"{site.siteurl}/blog/2026-10-portes-ouvertes/" in listed
