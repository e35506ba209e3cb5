"""sitemap.xml (sitemaps.org 0.9): every public page of the site, dated by its content.

Which pages: each HTML page written (or kept by plugins/incremental) during the build, as
`content_written` announces it, except
- a content that is not public (`status: draft` previews, `status: hidden` pages such as 404);
- a page whose head says it is not indexed as itself: `<meta name="robots" content="noindex">`,
  a `<link rel="canonical">` to another address (a brochure's embed page, a redirect), a meta
  refresh (a moved address). The head is read from the written file: the sitemap lists what
  a search engine would index, whichever template or plugin wrote the page.

What a page's head says is kept between builds (`heads`, in CACHE_PATH): a page whose
file is the one read last time (same inode, size and modification time: plugins/incremental
keeps unchanged pages as they are) is not read again. A rebuild of a 2,000-page site
reads only the pages it wrote.

`<lastmod>` is a content date, never the clock, so a rebuild of unchanged content gives the
same bytes (and the file is left alone):
- a post, page or event: its `modified:`, else its `date:` (neither: no `<lastmod>`);
- a programme page, and its brochure page addresses: the latest of the programme's own date
  and those of its posts and events — all its events, past ones included: the day an event
  is over must not move the date back, nor make two builds on different days differ;
- a list: the newest date of what it lists. Posts for the archives, categories, tags and
  each category or tag page; posts, events and programmes for the home page; events for
  the agenda (`page_name` "events"), programmes for the programmes page ("programmes").

No `<changefreq>` nor `<priority>`: Google ignores both, and they would be guesses.
"""

import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path
from urllib.parse import quote, urljoin
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
SAVE_AS = "sitemap.xml"
# What a page is about, in the order plugins/seo_meta reads them. A brochure page's address
# (plugins/brochure) is given its `programme`, and is dated like the programme page.
CONTENT_KEYS = ("event", "programme", "article", "page")
NOT_PUBLIC = ("draft", "hidden")


class Sitemap:
    """The pages of one build (`content_written`), written out at `finalized`."""

    def __init__(self):
        self.pages: dict[str, datetime | None] = {}  # written file → lastmod

    def written(self, path, context=None):
        if not str(path).endswith(".html") or context is None:
            return
        content = content_of(context)
        if getattr(content, "status", None) in NOT_PUBLIC:
            return
        self.pages[os.path.abspath(path)] = lastmod(context, content)

    def render(self, output: str, siteurl: str, heads: dict | None = None) -> bytes:
        """`heads`: page (relative path) → [inode, size, mtime_ns, indexable] from the last
        build; updated in place with this build's pages."""
        known = {} if heads is None else heads
        seen, urls = set(), {}
        for path, modified in self.pages.items():
            relative = os.path.relpath(path, output)
            url = page_url(siteurl, relative)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            stamp = [stat.st_ino, stat.st_size, stat.st_mtime_ns]
            entry = known.get(relative)
            if entry is None or entry[:3] != stamp:
                entry = known[relative] = [*stamp, indexable(Path(path), url)]
            seen.add(relative)
            if entry[3]:
                urls[url] = modified
        for gone in known.keys() - seen:
            del known[gone]
        return render(sorted(urls.items()))


def content_of(context: Mapping):
    return next((context[k] for k in CONTENT_KEYS if context.get(k) is not None), None)


def lastmod(context: Mapping, content) -> datetime | None:
    zone = ZoneInfo(context.get("TIMEZONE") or "UTC")
    if content is None:
        dated = listed(context)
    elif context.get("programme") is content:
        dated = [content, *getattr(content, "posts", []), *getattr(content, "events", [])]
    else:
        dated = [content]
    return max(filter(None, (own_date(item, zone) for item in dated)), default=None)


def listed(context: Mapping) -> Iterable:
    """What a list page lists (Pelican passes a tag's or category's posts as `articles`)."""
    name = context.get("page_name")
    if name in ("events", "programmes"):  # plugins/events, plugins/programmes
        return context.get(name) or []
    posts = context.get("articles") or []
    if name == os.path.splitext(context.get("INDEX_SAVE_AS") or "index.html")[0]:
        return [*posts, *(context.get("events") or []), *(context.get("programmes") or [])]
    return posts


def own_date(content, zone: ZoneInfo) -> datetime | None:
    """`modified:`, else `date:`; a day alone counts from its midnight in TIMEZONE."""
    moment = getattr(content, "modified", None) or getattr(content, "date", None)
    if not isinstance(moment, date):
        return None
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time(), zone)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def page_url(siteurl: str, relative: str) -> str:
    """The address a page is served at: a folder's index.html is the folder."""
    relative = relative.replace(os.sep, "/")
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative.removesuffix("index.html")
    return f"{siteurl.rstrip('/')}/{quote(relative)}"


def indexable(page: Path, url: str) -> bool:
    """What the page's head tells a search engine: not noindex, canonical to itself (or no
    canonical link), no meta refresh."""
    head = _head(page).decode("utf-8", errors="replace")
    if not head.strip():
        return True
    import lxml.html  # only when a page was written: a warm rebuild reads no head

    for element in lxml.html.document_fromstring(head + "</head>").iter("meta", "link"):
        name = (element.get("name") or "").lower()
        content = (element.get("content") or "").lower().replace(",", " ").split()
        if name == "robots" and ("noindex" in content or "none" in content):
            return False
        if (element.get("http-equiv") or "").lower() == "refresh":
            return False
        rel = (element.get("rel") or "").lower().split()
        href = (element.get("href") or "").strip()
        if element.tag == "link" and "canonical" in rel and href and urljoin(url, href) != url:
            return False
    return True


def _head(page: Path, chunk: int = 16384) -> bytes:
    """The page's bytes up to its first </head>, or all of them: not the body."""
    data = b""
    with page.open("rb") as stream:
        while block := stream.read(chunk):
            data += block
            end = data.find(b"</head>", max(0, len(data) - len(block) - 6))
            if end >= 0:
                return data[:end]
    return data


def render(urls: list[tuple[str, datetime | None]]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NAMESPACE}">']
    for url, modified in urls:
        lines.append(f"  <url>\n    <loc>{escape(url)}</loc>")
        if modified is not None:
            lines.append(f"    <lastmod>{modified.isoformat(timespec='seconds')}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")
