"""Feeds as bytes: Atom and RSS 2.0 with feedgen, byte-identical for identical content.

Every date written is a content date (feedgen defaults to the wall clock), entries
are added newest first in that order (feedgen prepends by default), and the RSS
channel <link> is set last (feedgen takes the last link for it).
"""

from dataclasses import dataclass
from datetime import datetime

from .images import Enclosure

TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


@dataclass(frozen=True)
class Site:
    url: str
    name: str
    lang: str
    author: str
    hub: str
    fallback_date: datetime  # when a feed has no item: the newest date of the whole site


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    page_url: str  # the page this feed follows, absolute
    self_url: str  # where the feed is published, absolute


@dataclass(frozen=True)
class Entry:
    guid: str
    permalink: bool
    title: str
    link: str
    published: datetime
    updated: datetime
    summary: str = ""  # HTML in standard feeds, the message in social feeds
    content: str = ""  # HTML, standard feeds only
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    image: Enclosure | None = None


def render(channel: Channel, entries: list[Entry], fmt: str, site: Site) -> bytes:
    # feedgen and lxml are loaded when a feed is made: a rebuild keeps unchanged ones.
    from feedgen.feed import FeedGenerator

    from .feedgen_ext import RelaisEntry, RelaisFeed

    fg = FeedGenerator()
    fg.load_extension("media")
    fg.load_extension("dc", atom=False)
    fg.register_extension("relais", RelaisFeed, RelaisEntry)
    fg.relais.hub = site.hub
    fg.id(channel.self_url)
    fg.title(channel.title)
    fg.subtitle(channel.description)  # also the RSS <description>
    fg.language(site.lang)
    fg.author(name=site.author)
    fg.generator("relais")
    fg.link(href=channel.self_url, rel="self", type=TYPES[fmt])
    fg.link(href=channel.page_url, rel="alternate", type="text/html")
    fg.updated(max((e.updated for e in entries), default=site.fallback_date))
    for entry in entries:
        _add(fg.add_entry(order="append"), entry, fmt)
    if fmt == "atom":
        return fg.atom_str(pretty=True)
    return fg.rss_str(pretty=True)


def _add(fe, entry: Entry, fmt: str) -> None:
    fe.guid(entry.guid, permalink=entry.permalink)  # also the Atom id
    fe.title(entry.title)
    if entry.summary:
        fe.summary(entry.summary, type="html")
    if entry.content:
        fe.content(entry.content, type="html")
    fe.published(entry.published)
    fe.updated(entry.updated)
    for name in entry.authors:
        if fmt == "atom":
            fe.author(name=name)
        else:
            fe.dc.dc_creator(name)
    if entry.categories:
        # In one call: feedgen rebuilds its whole RSS category list on each call, so adding
        # them one by one costs the square of their number (then times every tag feed).
        fe.category([{"term": term} for term in entry.categories])
    image = entry.image
    if fmt == "rss":
        fe.link(href=entry.link)
        if image:
            fe.enclosure(image.url, str(image.length), image.type)
    else:
        fe.relais.links.append({"rel": "alternate", "type": "text/html", "href": entry.link})
        if image:
            fe.relais.links.append(
                {"rel": "enclosure", "type": image.type, "length": str(image.length),
                 "href": image.url}
            )  # fmt: skip
    if image:
        media = {"url": image.url, "type": image.type, "medium": "image",
                 "fileSize": str(image.length)}  # fmt: skip
        if image.width and image.height:
            media.update(width=str(image.width), height=str(image.height))
        fe.media.content(media, group=None)
