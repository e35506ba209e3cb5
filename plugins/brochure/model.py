"""What templates see of a rendered brochure: pages with their image URLs and text."""

import hashlib
import re
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from .links import Entry, Link, outline_entries, page_links

# The iframe the embed snippet and oEmbed give out; the embed page fits any size.
EMBED_WIDTH = 640
EMBED_CHROME_HEIGHT = 200  # title, toolbar, text toggle, thumbnails, link back (brochure.css)
# At most: the whole iframe on an 800 px-high laptop screen, under the browser's own bars.
EMBED_MAX_HEIGHT = 600


@dataclass(frozen=True)
class Image:
    url: str  # relative to SITEURL
    width: int
    height: int

    @property
    def placeholder(self) -> str:
        """An empty picture of this image's proportions, as a data: URL (no request): what
        the viewer's <img> shows without JavaScript, its page drawn behind it as a CSS
        background that loads only near the screen (brochure.css)."""
        return (
            "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20"
            f"viewBox='0%200%20{self.width}%20{self.height}'/%3E"
        )


@dataclass(frozen=True)
class Page:
    number: int
    images: tuple[Image, ...]  # narrowest first
    thumb: Image
    text: str
    zoom: Image | None = None  # loaded only when a reader zooms (brochure-zoom.js)
    links: tuple[Link, ...] = ()  # in reading order

    @property
    def image(self) -> Image:
        """The `src` fallback: the middle width."""
        return self.images[len(self.images) // 2]

    def srcset(self, siteurl: str) -> str:
        return ", ".join(f"{siteurl}/{i.url} {i.width}w" for i in self.images)


@dataclass(frozen=True)
class Brochure:
    title: str
    pdf_url: str
    pdf_bytes: int
    base_url: str  # the brochure's folder, e.g. programmes/x/brochure/
    images_url: str  # where this rendering's images live, under base_url
    pages: tuple[Page, ...]
    outline: tuple[Entry, ...] = ()  # the PDF's bookmarks, if any

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def embed_url(self) -> str:
        return f"{self.base_url}embed/"

    @property
    def oembed_url(self) -> str:
        return f"{self.base_url}oembed.json"

    @property
    def embed_size(self) -> tuple[int, int]:
        """The iframe: 640 px wide, high enough for the first page across it, at most
        EMBED_MAX_HEIGHT (the embed page then fits the page to the height)."""
        first = self.pages[0].image
        height = round(EMBED_WIDTH * first.height / first.width) + EMBED_CHROME_HEIGHT
        return EMBED_WIDTH, min(height, EMBED_MAX_HEIGHT)

    @property
    def ratio(self) -> float:
        """The first page's height / width: the room a page takes before it is drawn."""
        first = self.pages[0].image
        return round(first.height / first.width, 4)

    def iframe_html(self, siteurl: str) -> str:
        """The snippet another site pastes; also the oEmbed `html`."""
        width, height = self.embed_size
        return (
            f'<iframe src="{escape(siteurl)}/{self.embed_url}" title="{escape(self.title)}" '
            f'width="{width}" height="{height}" style="border:0;max-width:100%" '
            f'loading="lazy" allowfullscreen></iframe>'
        )


def from_manifest(manifest: dict, *, title: str, pdf_path: str, base_url: str, key: str):
    # A name per rendering, so browsers and CDNs never mix pages of two versions.
    images_url = f"{base_url}{hashlib.sha256(key.encode()).hexdigest()[:12]}/"
    pages = tuple(_page(entry, images_url) for entry in manifest["pages"])
    return Brochure(
        title=title,
        pdf_url=quote(pdf_path),
        pdf_bytes=manifest["pdf_bytes"],
        base_url=base_url,
        images_url=images_url,
        pages=pages,
        outline=outline_entries(manifest["outline"]),
    )


def _page(entry: dict, images_url: str) -> Page:
    def image(name_width_height):
        name, width, height = name_width_height
        return Image(images_url + name, width, height)

    widths = sorted((k for k in entry["images"] if k not in ("thumb", "zoom")), key=int)
    zoom = entry["images"].get("zoom")
    _, width, height = entry["images"][widths[0]]
    return Page(
        number=entry["number"],
        images=tuple(image(entry["images"][w]) for w in widths),
        thumb=image(entry["images"]["thumb"]),
        text=entry["text"],
        zoom=image(zoom) if zoom else None,
        links=page_links(entry["links"], ratio=height / width),
    )


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def email_segments(text: str) -> list[tuple[str, str]]:
    """Splits page text into ("text", …) and ("email", …) parts, so templates can render
    addresses the harvester-proof way (partials/contact_email.html)."""
    if "@" not in text:  # most pages; the pattern is slow to fail on long text
        return [("text", text)]
    parts, last = [], 0
    for match in _EMAIL.finditer(text):
        parts += [("text", text[last : match.start()]), ("email", match.group())]
        last = match.end()
    return [*parts, ("text", text[last:])]
