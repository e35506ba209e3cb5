"""The ready-to-post message of one post for one network, and the error when it cannot fit."""

from dataclasses import dataclass

from relais.plugins.core import ContentError, tr

from .campaign import campaign_link
from .config import Network
from .fitting import TooLong, fit_author_text, fit_composed
from .hashtags import hashtags


@dataclass(frozen=True)
class Shareable:
    """What a message is made of: a post, an event or a programme."""

    source_path: str
    title: str
    url: str  # canonical, absolute
    campaign: str
    summary: str = ""
    short_title: str = ""
    tags: tuple[str, ...] = ()
    social: tuple[tuple[str, str], ...] = ()  # ("", text) for social:, ("x", text) for social_x:
    starts: str = ""  # when an event starts: always said, after the title or the author's text


@dataclass(frozen=True)
class Message:
    network: Network
    text: str
    length: int  # as the network counts it
    link: str  # the campaign link the text ends with
    author_text: bool
    cut: bool


def shareable_item(item) -> Shareable:
    return Shareable(
        source_path=item.source_path,
        title=item.title,
        url=item.url,
        campaign=item.campaign,
        summary=item.summary_text,
        short_title=item.short_title,
        tags=tuple(name for name, _slug in item.tags),
        social=tuple(sorted(item.social.items())),
        starts=item.starts,
    )


def compose(post: Shareable, network: Network) -> Message:
    """Raises ContentError when the author's text for this network cannot fit."""
    link = campaign_link(post.url, network.key, post.campaign)
    texts = dict(post.social)
    own = texts.get(network.key) or texts.get("")
    tags = hashtags(post.tags)
    limits = network.limits
    if own is None:
        title = post.short_title or post.title
        summary = "" if post.summary == title else post.summary
        title = _with_start(title, post.starts)
        fitted = fit_composed(title, summary, network.call_to_action, tags, link, limits)
        return Message(network, fitted.text, fitted.length, link, False, fitted.cut)
    try:
        own = _with_start(own.strip(), post.starts)
        fitted = fit_author_text(own, network.call_to_action, tags, link, limits)
    except TooLong as too_long:
        raise _too_long(post, network, too_long, specific=network.key in texts) from None
    return Message(network, fitted.text, fitted.length, link, True, False)


def _with_start(text: str, starts: str) -> str:
    return f"{text} — {starts}" if starts else text


def _too_long(post, network, too_long, specific) -> ContentError:
    limits = network.limits
    budget = limits.limit - limits.reserve
    field = network.field if specific else "social"
    reserve = ""
    if limits.reserve:
        reserve = tr(f", dont {limits.reserve} réservés", f", {limits.reserve} of them reserved")
    if network.call_to_action:
        extras = tr("le lien et l’appel à l’action", "the link and the call to action")
    else:
        extras = tr("le lien", "the link")
    over = tr(
        f"{too_long.length} caractères comptés pour {network.label} avec {extras}",
        f"{too_long.length} characters counted for {network.label} with {extras}",
    )
    problem = over + tr(
        f" — la limite est {limits.limit}{reserve}", f" — the limit is {limits.limit}{reserve}"
    )
    if too_long.length <= budget:  # the count fits, a consumer's byte or len() limit does not
        problem += tr(
            " (texte trop long pour les robots de publication)",
            " (text too long for the publishing robots)",
        )
    shorter = max(too_long.length - budget, 1)
    fix = tr(
        f"un texte plus court d’au moins {shorter} caractères",
        f"a text shorter by at least {shorter} characters",
    )
    if not specific:
        fix += tr(
            f", ou un champ « {network.field}: » propre à {network.label}",
            f', or a field "{network.field}:" of its own for {network.label}',
        )
    return ContentError(post.source_path, field, problem, fix)
