"""Feed items: what every feed says about one post or event, read once from the content.

Identity never depends on the build: the guid is the canonical URL (or the author's
permanent `guid:`), dates are the content's own.
"""

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from relais.plugins.core import ContentError, tr, tr_later

from .campaign import campaign_value
from .plaintext import plain

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s]+$")
GUID_EXPECTED = tr_later(
    "une adresse permanente, p. ex. https://exemple.org/jpo-2027 ou tag:exemple.org,2027:jpo",
    "a permanent address, e.g. https://example.org/open-day-2027 or tag:example.org,2027:open-day",
)


@dataclass
class FeedItem:
    source: object  # the Pelican content object (card image read from it at write time)
    source_path: str
    kind: str  # "article" or "event"
    title: str
    url: str
    guid: str
    published: datetime
    updated: datetime
    campaign: str
    summary_html: str = ""
    content_html: str = ""
    summary_text: str = ""
    short_title: str = ""
    authors: list[str] = field(default_factory=list)
    category: tuple[str, str] | None = None  # (name, slug)
    tags: list[tuple[str, str]] = field(default_factory=list)  # (name, slug)
    programme: str | None = None  # slug
    social: dict[str, str] = field(default_factory=dict)  # "" → social:, "x" → social_x:
    starts: str = ""  # an event's start, said in its messages ("jeudi 14 janvier 2027, 18:00")

    @property
    def permalink(self) -> bool:
        return self.guid == self.url


def from_article(article, settings, errors: list) -> FeedItem:
    url = absolute(settings, article.url)
    programme = getattr(article, "programme", None)
    category = getattr(article, "category", None)
    campaign = programme.slug if programme else (category.slug if category else "site")
    published = aware(article.date, settings)
    return FeedItem(
        source=article,
        source_path=article.source_path,
        kind="article",
        title=plain(article.title),
        url=url,
        guid=_guid(article, url, errors),
        published=published,
        updated=updated_of(article, published, settings),
        campaign=campaign_value(campaign),
        summary_html=str(getattr(article, "summary", "") or ""),
        content_html=str(getattr(article, "content", "") or ""),
        summary_text=plain(getattr(article, "summary", "")),
        short_title=plain(article.metadata.get("short_title", "")),
        authors=[a.name for a in getattr(article, "authors", []) or []],
        category=(category.name, category.slug) if category else None,
        tags=[(t.name, t.slug) for t in getattr(article, "tags", []) or []],
        programme=programme.slug if programme else None,
        social=social_texts(article.metadata),
    )


def from_event(event, settings, errors: list) -> FeedItem:
    """An event of the events plugin: title, url, summary, date (publication), programme."""
    url = absolute(settings, event.url)
    programme_slug = event.programme.slug if event.programme else None
    metadata = getattr(event, "metadata", {}) or {}
    published = aware(event.date, settings)
    return FeedItem(
        source=event,
        source_path=getattr(event, "source_path", "") or event.url,
        kind="event",
        title=plain(event.title),
        url=url,
        guid=_guid(event, url, errors),
        published=published,
        updated=updated_of(event, published, settings),
        campaign=campaign_value(programme_slug or settings["FEEDS_EVENTS_CAMPAIGN"]),
        summary_html=str(getattr(event, "summary", "") or ""),
        content_html=str(getattr(event, "content", "") or getattr(event, "summary", "") or ""),
        summary_text=event.summary_text,  # stripped once, as the event was read
        short_title=plain(metadata.get("short_title", "")),
        authors=[a.name for a in getattr(event, "authors", []) or []],
        tags=[(t.name, t.slug) for t in getattr(event, "tags", []) or [] if hasattr(t, "slug")],
        programme=programme_slug,
        social=social_texts(metadata),
        starts=event.starts_text,
    )


def replay_of(event, original: FeedItem) -> FeedItem | None:
    """The "replay available" message the author asks for with `replay_date:`.

    A second item with its own guid, link and date (the page's #replay section), so
    consumers post it once and never post the original again: the original keeps its
    guid, link and date (consumers key on any of the three). Its guid is a tag URI
    (RFC 4151) made from the original's, not the URL with a fragment: bots that strip
    fragments would take it for the original.
    """
    moment = event.replay_date
    if moment is None:
        return None
    title = plain(event.replay_title or original.title)
    return replace(
        original,
        kind="replay",
        title=title,
        url=f"{original.url}#replay",
        guid=replay_guid(original),
        published=moment,
        updated=moment,
        short_title="",
        social={},
        starts="",
    )


def replay_guid(original: FeedItem) -> str:
    """tag:<host>,<year the original was published>:<path>replay for a URL guid, else the
    author's own guid with /replay."""
    parts = urlsplit(original.guid)
    if parts.scheme not in ("http", "https"):
        return f"{original.guid}/replay"
    path = parts.path.lstrip("/")
    return f"tag:{parts.hostname},{original.published.year}:{path}replay"


def social_texts(metadata) -> dict[str, str]:
    texts = {}
    for name, value in metadata.items():
        if name == "social" or name.startswith("social_"):
            text = str(value).strip()
            if text:
                texts[name.removeprefix("social").removeprefix("_")] = text
    return texts


def absolute(settings, url: str) -> str:
    return f"{settings['SITEURL'].rstrip('/')}/{url.lstrip('/')}"


def updated_of(content, published: datetime, settings) -> datetime:
    """The content's `modified:` when it has one, else its publication: an Atom entry's
    <updated>, which feed readers show and bots such as feediverse key on (an edited
    event, a new time or place, must reach them; an unedited one must never move)."""
    modified = getattr(content, "modified", None)
    return aware(modified, settings) if modified else published


def aware(moment: datetime, settings) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    return moment


def _guid(content, url: str, errors: list) -> str:
    metadata = getattr(content, "metadata", {}) or {}
    guid = str(metadata.get("guid", "")).strip()
    if not guid:
        return url
    if not _URI.match(guid):
        problem = tr(f"« {guid} » n’est pas une adresse", f'"{guid}" is not an address')
        errors.append(ContentError(content.source_path, "guid", problem, str(GUID_EXPECTED)))
        return url
    return guid
