"""Which feeds exist and what each holds: site, category, tag, programme, one per network."""

import html
from dataclasses import dataclass
from datetime import UTC, datetime

from relais.plugins.theme_i18n.plugin import translator

from .collect import Relay, recent
from .images import enclosure
from .items import FeedItem, absolute
from .writing import Channel, Entry, Site, render


@dataclass(frozen=True)
class Feed:
    """Everything a feed file is made from: equal feeds give identical bytes."""

    channel: Channel
    entries: tuple[Entry, ...]
    fmt: str
    site: Site

    def render(self) -> bytes:
        return render(self.channel, list(self.entries), self.fmt, self.site)

    def key(self, digest, entry_keys: dict) -> str:
        """What the feed is made of, as a digest: its channel, format and site, and each
        entry's own digest, made once for the entries feeds share (`entry_keys`, by id)."""
        entries = []
        for entry in self.entries:
            found = entry_keys.get(id(entry))
            if found is None:
                found = entry_keys[id(entry)] = (entry, digest(entry))  # keeps it alive
            entries.append(found[1])
        return digest(self.channel, self.fmt, self.site, tuple(entries))


def feed_files(relay: Relay, context, settings, output_path) -> dict[str, Feed]:
    """output-relative path → every feed."""
    words = _translator(settings)
    site = _site(relay, settings)
    images = {}

    def image(item):
        if item.guid not in images:
            images[item.guid] = enclosure(item.source, settings, output_path)
        return images[item.guid]

    files = {}
    limit = int(settings["FEEDS_MAX_ITEMS"])
    name = settings["SITENAME"]
    home = absolute(settings, "")

    made = {}  # an item's entry, the same object in every feed that carries it

    def entry(item):
        if id(item) not in made:
            made[id(item)] = _standard_entry(item, image(item))
        return made[id(item)]

    def standard(kind, slug, title, description, page_url, items):
        entries = tuple(entry(i) for i in items[:limit])
        for fmt in ("atom", "rss"):
            path = settings[f"FEEDS_{kind}_{fmt.upper()}"].format(slug=slug)
            channel = Channel(title, description, page_url, absolute(settings, path))
            files[path] = Feed(channel, entries, fmt, site)

    everything = relay.items
    by_source = _index(everything)
    standard("ALL", "", f"{name} — {words('Toutes les actualités')}",
             settings.get("SITE_DESCRIPTION") or name, home, everything)  # fmt: skip
    for category, articles in context.get("categories", []):
        standard("CATEGORY", category.slug, f"{name} — {words('Catégorie :')} {category.name}",
                 f"{words('Actualités de la catégorie')} {category.name}",
                 absolute(settings, category.url), _of(by_source, articles))  # fmt: skip
    for tag, articles in context.get("tags", []):
        standard("TAG", tag.slug, f"{name} — {words('Mot-clé :')} {tag.name}",
                 f"{words('Actualités avec le mot-clé')} {tag.name}",
                 absolute(settings, tag.url), _of(by_source, articles))  # fmt: skip
    for programme in context.get("programmes", []):
        items = [i for i in everything if i.programme == programme.slug]
        standard("PROGRAMME", programme.slug, f"{name} — {programme.title}",
                 f"{words('Actualités de la formation')} {programme.title}",
                 absolute(settings, programme.url), items)  # fmt: skip

    in_window = recent(everything, settings)
    for network in relay.networks:
        path = settings["FEEDS_SOCIAL_RSS"].format(network=network.key)
        channel = Channel(
            f"{name} — {words('Messages pour')} {network.label}",
            words("Messages prêts à publier, avec liens de campagne"),
            home,
            absolute(settings, path),
        )
        entries = tuple(
            _social_entry(item, relay.messages[(item.guid, network.key)], image(item))
            for item in in_window
            if (item.guid, network.key) in relay.messages
        )
        files[path] = Feed(channel, entries, "rss", site)
    return files


def _standard_entry(item: FeedItem, image) -> Entry:
    categories = ([item.category[0]] if item.category else []) + [n for n, _ in item.tags]
    return Entry(
        guid=item.guid,
        permalink=item.permalink,
        title=item.title,
        link=item.url,
        published=item.published,
        updated=item.updated,
        summary=item.summary_html,
        content=item.content_html or item.summary_html or item.title,
        authors=tuple(item.authors),
        categories=tuple(dict.fromkeys(categories)),
        image=image,
    )


def _social_entry(item: FeedItem, message, image) -> Entry:
    # Title and description are the same plain message: consumers post one or the
    # other verbatim. No <category>: the hashtags are in the text already, and bots
    # such as feed2toot would append them a second time.
    return Entry(
        guid=item.guid,
        permalink=item.permalink,
        title=message.text,
        link=message.link,
        published=item.published,
        updated=item.published,
        summary=html.escape(message.text, quote=False),  # <description> is HTML
        image=image,
    )


def _index(items: list[FeedItem]) -> dict[int, tuple[int, FeedItem]]:
    """id of a content → (its rank in `items`, its item)."""
    return {id(item.source): (rank, item) for rank, item in enumerate(items)}


def _of(by_source: dict, contents) -> list[FeedItem]:
    """The items of `contents`, in the site feed's order: in time proportional to the
    contents, not to the whole site (a category or tag feed each)."""
    found = (by_source[id(c)] for c in contents if id(c) in by_source)
    return [item for _rank, item in sorted(found, key=lambda pair: pair[0])]


def _site(relay: Relay, settings) -> Site:
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    newest = max((i.updated for i in relay.items), default=epoch)
    return Site(
        url=absolute(settings, ""),
        name=settings["SITENAME"],
        lang=settings.get("DEFAULT_LANG", "fr"),
        author=settings.get("AUTHOR") or settings["SITENAME"],
        hub=settings.get("FEEDS_WEBSUB_HUB") or "",
        fallback_date=newest,
    )


def _translator(settings):
    return translator(settings)
