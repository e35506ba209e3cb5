"""Internal link gate: every URL a page uses must lead to a file of the build.

Pure Python and offline. For each *.html file it collects href/src/srcset/poster/data
attributes (links, stylesheets, feeds, icons, scripts, images, media, meta refresh and
Open Graph URLs), resolves them like a browser would (relative, root-relative and
SITEURL-absolute), and checks that the target exists and, for `#fragment`s, that the
target page has that id. URLs on other hosts are not checked. Stylesheets' url() and
@import are checked too, and any Pelican placeholder left unresolved ({filename}, ...)
is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from relais.checks.report import GateResult, Problem
from relais.checks.site import Site

# Attributes holding a single URL, per element.
URL_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "source": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "track": ("src",),
    "input": ("src",),
    "object": ("data",),
}
# Attributes holding a srcset (a list of "URL descriptor" candidates).
SRCSET_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "img": ("srcset",),
    "source": ("srcset",),
    "link": ("imagesrcset",),
}
# <meta> whose content is a URL of the site: shared links and previews break silently.
URL_METAS = {
    "og:url",
    "og:image",
    "og:image:url",
    "og:image:secure_url",
    "og:video",
    "og:audio",
    "twitter:image",
}
# Pelican's intra-site link syntax ({filename}, legacy |filename|), raw or percent-encoded.
# Left in the HTML it means Pelican could not resolve the link (it only logs a warning).
PLACEHOLDER = re.compile(
    r"(?:\{|\||%7b|%7c)(filename|static|attach|tag|category|author|index)(?:\}|\||%7d|%7c)",
    re.IGNORECASE,
)
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
REFRESH_URL = re.compile(r"""^\s*\d+(?:\.\d*)?\s*[;,]\s*url\s*=\s*['"]?([^'"]+)""", re.I)
# What a page loads to render (as opposed to links it offers). These must come from the
# site itself: offline they are broken, online they leak visitors to a third party, and
# when they all point elsewhere the site was built for another SITEURL.
ASSET_ATTRIBUTES = {
    "img[src]",
    "img[srcset]",
    "script[src]",
    "source[src]",
    "source[srcset]",
    "video[src]",
    "video[poster]",
    "audio[src]",
    "track[src]",
    "embed[src]",
    "object[data]",
    "input[src]",
}
ASSET_LINK_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preload",
    "modulepreload",
}
# Per HTML, "#top" and "#" scroll to the top even without such an id.
IMPLICIT_FRAGMENTS = {"", "top"}


@dataclass
class Link:
    line: int
    attribute: str  # e.g. "a[href]"
    url: str
    asset: bool = False  # loaded by the page (stylesheet, script, image...), not a link


@dataclass
class Page:
    rel: str
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    base: str | None = None  # <base href>, when the page sets one
    placeholders: list[Problem] = field(default_factory=list)


def utf8_parser() -> lxml.html.HTMLParser:
    # GitHub Pages serves HTML as UTF-8 whatever the page declares; left to guess, lxml
    # reads a page lacking <meta charset> as latin-1 and mangles non-ASCII ids. A new
    # parser per page: lxml parsers must not be shared between threads.
    return lxml.html.HTMLParser(encoding="utf-8")


def parse_page(site: Site, rel: str) -> Page:
    page = Page(rel)
    raw = (site.output / rel).read_bytes()
    if not raw.strip():
        return page
    root = lxml.html.document_fromstring(raw, parser=utf8_parser())
    for element in root.iter():
        if isinstance(element.tag, str):  # skip comments and processing instructions
            _read_element(page, element)
    if PLACEHOLDER.search(raw.decode("utf-8", "replace")):
        page.placeholders.extend(_text_placeholders(rel, root))
    return page


def _read_element(page: Page, element: etree._Element) -> None:
    tag = element.tag.lower()
    line = element.sourceline or 0
    if element.get("id"):
        page.ids.add(element.get("id"))
    if tag == "a" and element.get("name"):
        page.ids.add(element.get("name"))
    if tag == "base" and element.get("href") and page.base is None:
        page.base = element.get("href")
    rels = set((element.get("rel") or "").lower().split()) if tag == "link" else set()
    for attribute in URL_ATTRIBUTES.get(tag, ()):
        value = element.get(attribute)
        if value is not None:
            name = f"{tag}[{attribute}]"
            asset = name in ASSET_ATTRIBUTES or bool(rels & ASSET_LINK_RELS)
            page.links.append(Link(line, name, value, asset))
    for attribute in SRCSET_ATTRIBUTES.get(tag, ()):
        for url in parse_srcset(element.get(attribute) or ""):
            page.links.append(Link(line, f"{tag}[{attribute}]", url, asset=True))
    if tag == "meta":
        _read_meta(page, element, line)
    for name, value in element.attrib.items():
        for match in PLACEHOLDER.finditer(value):
            page.placeholders.append(
                Problem(
                    f"{page.rel}:{line}",
                    f"unresolved Pelican placeholder {match.group(0)!r} in {tag}[{name}]"
                    f" ({value!r})",
                )
            )


def _read_meta(page: Page, element: etree._Element, line: int) -> None:
    content = element.get("content") or ""
    if (element.get("http-equiv") or "").lower() == "refresh":
        match = REFRESH_URL.match(content)
        if match:
            page.links.append(Link(line, "meta[refresh]", match.group(1).strip()))
    key = (element.get("property") or element.get("name") or "").lower()
    if key in URL_METAS and content:
        page.links.append(Link(line, f"meta[{key}]", content))


def _text_placeholders(rel: str, root: etree._Element) -> list[Problem]:
    # Code samples may legitimately show Pelican syntax; prose may not.
    problems = []
    for text in root.xpath("//text()[not(ancestor::code) and not(ancestor::pre)]"):
        for match in PLACEHOLDER.finditer(text):
            line = text.getparent().sourceline or 0
            problems.append(
                Problem(f"{rel}:{line}", f"unresolved Pelican placeholder {match.group(0)!r}")
            )
    return problems


def parse_srcset(value: str) -> list[str]:
    """URLs of a srcset, following the HTML parsing rules: candidates are separated by
    commas, but a URL may itself contain commas (it ends at whitespace)."""
    urls, position = [], 0
    while position < len(value):
        while position < len(value) and value[position] in " \t\n\r\f,":
            position += 1
        start = position
        while position < len(value) and value[position] not in " \t\n\r\f":
            position += 1
        url = value[start:position]
        if not url:
            break
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            # Skip the descriptors ("2x", "640w") up to the next comma outside parentheses.
            depth = 0
            while position < len(value) and (value[position] != "," or depth):
                depth += {"(": 1, ")": -1}.get(value[position], 0)
                position += 1
        urls.append(url)
    return urls


# --- checking ------------------------------------------------------------------------


class Checker:
    """Resolves links against the site, parsing target pages once for their ids."""

    def __init__(self, site: Site):
        self.site = site
        self.pages: dict[str, Page] = {}

    def page(self, rel: str) -> Page:
        if rel not in self.pages:
            self.pages[rel] = parse_page(self.site, rel)
        return self.pages[rel]

    def check_url(self, url: str, base: str) -> str | None:
        """Why `url` (found on the page at `base`) is broken, or None if it is fine."""
        if PLACEHOLDER.search(url):
            return None  # already reported as a placeholder, once is enough
        target = self.site.resolve(url, base)
        if target is None:
            return None
        if target.file is None:
            return target.error
        if target.fragment.lower() in IMPLICIT_FRAGMENTS or target.fragment.startswith(":~:"):
            return None
        if target.file.endswith(".html") and target.fragment not in self.page(target.file).ids:
            return f"no id {target.fragment!r} in {target.file}"
        return None

    def check_page(self, rel: str) -> tuple[int, list[Problem]]:
        page = self.page(rel)
        base = self.site.url_of(rel)
        if page.base:
            base = _join(base, page.base)
        problems = list(page.placeholders)
        seen: set[tuple[str, str]] = set()
        for link in page.links:
            error = self.check_url(link.url, base)
            if error and (link.url, error) not in seen:
                seen.add((link.url, error))
                problems.append(
                    Problem(f"{rel}:{link.line}", f"{link.attribute} {link.url!r}: {error}")
                )
        problems.extend(self._scheme_mismatches(page, base))
        problems.extend(self._external_assets(page, base))
        return len(page.links), problems

    def _external_assets(self, page: Page, base: str) -> list[Problem]:
        problems = []
        for link in page.links:
            absolute = _join(base, link.url)
            if (
                link.asset
                and absolute.startswith(("http://", "https://"))
                and not self.site.is_internal(absolute)
            ):
                message = f"{link.attribute} {link.url!r}: loads from another origin"
                problems.append(Problem(f"{page.rel}:{link.line}", message))
        return problems

    def _scheme_mismatches(self, page: Page, base: str) -> list[Problem]:
        # An http:// URL to our own https site is mixed content (blocked for assets).
        if not self.site.siteurl.startswith("https://"):
            return []
        insecure = self.site.origin.replace("https://", "http://", 1)
        problems = []
        for link in page.links:
            absolute = _join(base, link.url)
            if absolute == insecure or absolute.startswith(insecure + "/"):
                message = f"{link.attribute} {link.url!r}: uses http:// on an https site"
                problems.append(Problem(f"{page.rel}:{link.line}", message))
        return problems

    def check_stylesheet(self, rel: str) -> tuple[int, list[Problem]]:
        text = (self.site.output / rel).read_text("utf-8", "replace")
        base = self.site.url_of(rel)
        count, problems = 0, []
        for match in CSS_URL.finditer(text):
            url = (match.group(2) or match.group(4) or "").strip()
            if not url or url.startswith(("data:", "#")):
                continue
            count += 1
            error = self.check_url(url, base)
            if error:
                line = text.count("\n", 0, match.start()) + 1
                problems.append(Problem(f"{rel}:{line}", f"url({url!r}): {error}"))
        return count, problems


def _join(base: str, url: str) -> str:
    return urljoin(base, url.strip())


def siteurl_mismatch(site: Site, checker: Checker) -> Problem | None:
    """When the home page's own stylesheet is on another origin, the site was almost
    certainly built for another SITEURL: say so once, before the flood of details."""
    if "index.html" not in site.files:
        return None
    base = site.url_of("index.html")
    for link in checker.page("index.html").links:
        absolute = _join(base, link.url)
        stylesheet = link.attribute == "link[href]" and urlsplit(absolute).path.endswith(".css")
        if stylesheet and absolute.startswith("http") and not site.is_internal(absolute):
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(absolute))
            return Problem(
                "index.html",
                f"its stylesheet is on {origin}, not on SITEURL {site.base_url}: was the "
                "site built with another SITEURL? (check --siteurl / --settings)",
            )
    return None


def run(site: Site) -> GateResult:
    checker = Checker(site)
    mismatch = siteurl_mismatch(site, checker)
    problems: list[Problem] = [mismatch] if mismatch else []
    links = 0
    for rel in site.html_files:
        count, found = checker.check_page(rel)
        links += count
        problems.extend(found)
    stylesheets = sorted(f for f in site.files if f.endswith(".css"))
    for rel in stylesheets:
        count, found = checker.check_stylesheet(rel)
        links += count
        problems.extend(found)
    summary = f"{links:,} URLs in {len(site.html_files)} pages, {len(stylesheets)} stylesheets"
    return GateResult("links", summary, problems)
