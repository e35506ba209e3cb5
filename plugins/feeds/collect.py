"""Reads every post, event and programme once: feed items and their social messages.

Runs when all content is read, so errors (an over-long `social:` text, a bad
`guid:`) stop the build before anything is written.
"""

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from operator import attrgetter

from relais.plugins.core import ContentError, build_date, tr

from .config import Network
from .items import FeedItem, absolute, from_article, from_event, replay_of, social_texts
from .social import Message, Shareable, compose, shareable_item


@dataclass
class Relay:
    items: list[FeedItem]  # newest first
    networks: list[Network]
    messages: dict[tuple[str, str], Message] = field(default_factory=dict)  # (guid, key)
    shareables: dict[str, list[Shareable]] = field(default_factory=dict)  # slug → posts


def collect(context, settings, networks: list[Network], errors: list) -> Relay:
    items = [from_article(a, settings, errors) for a in context.get("articles", [])]
    # Events with a page of their own; a programme's deadline and start date are facts of
    # the programme page (they share its URL), not publications.
    events = [e for e in context.get("events", []) or [] if getattr(e, "has_page", True)]
    for event in events:
        item = from_event(event, settings, errors)
        items += [item] + [replay for replay in [replay_of(event, item)] if replay]
    items.sort(key=attrgetter("published"), reverse=True)
    _check_unique_guids(items, errors)
    relay = Relay(items, networks)
    # Messages are fitted for what the social feeds carry; an author's own `social:` text
    # is checked wherever it is, since it is the one text that can fail to fit.
    in_window = {id(item) for item in recent(items, settings)}
    for item in items:
        post = shareable_item(item)
        slug = getattr(item.source, "slug", None)
        if slug:
            relay.shareables.setdefault(slug, []).append(post)
        if id(item) not in in_window and not post.social:
            continue
        for network in networks:
            message = _compose(post, network, errors)
            if message:
                relay.messages[(item.guid, network.key)] = message
    for programme in context.get("programmes", []):
        post = shareable_programme(programme, settings)
        relay.shareables.setdefault(programme.slug, []).append(post)
        for network in networks if post.social else ():
            _compose(post, network, errors)
    return relay


def recent(items: list[FeedItem], settings) -> list[FeedItem]:
    """Published by the build date, not older than FEEDS_SOCIAL_MAX_AGE_DAYS (newest first)."""
    today = build_date(settings)
    days = settings.get("FEEDS_SOCIAL_MAX_AGE_DAYS")
    oldest = today - timedelta(days=int(days)) if days else date.min
    chosen = [i for i in items if oldest < i.published.date() <= today]
    return chosen[: int(settings["FEEDS_SOCIAL_MAX_ITEMS"])]


def shareable_programme(programme, settings) -> Shareable:
    return Shareable(
        source_path=programme.source_path,
        title=str(programme.title),
        url=absolute(settings, programme.url),
        campaign=programme.slug,
        summary=programme.facts.summary,
        short_title=programme.facts.short_title or "",
        tags=tuple(getattr(t, "name", t) for t in getattr(programme, "tags", []) or []),
        social=tuple(sorted(social_texts(programme.metadata).items())),
    )


def _compose(post, network, errors) -> Message | None:
    try:
        return compose(post, network)
    except ContentError as error:
        errors.append(error)
        return None


def _check_unique_guids(items, errors):
    seen = {}
    for item in items:
        earlier = seen.setdefault(item.guid, item)
        # Two contents at one address: core's clash check names them both.
        if earlier is item or (item.permalink and earlier.permalink):
            continue
        errors.append(
            ContentError(
                item.source_path,
                "guid",
                tr(
                    f"« {item.guid} » est déjà l’identifiant de {_shown(earlier.source_path)}",
                    f'"{item.guid}" is already the identifier of {_shown(earlier.source_path)}',
                ),
                tr(
                    "un identifiant propre à chaque contenu",
                    "an identifier of its own for each content",
                ),
            )
        )


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
