"""Counts a message the way each network does: X's weighted length, graphemes, UTF-16 units.

Rules from twitter-text's config/v3.json (X), Mastodon's StatusLengthValidator and the
Bluesky post lexicon. Whenever this code cannot know exactly how a network reads a
piece of text (an odd bare domain, a link to an unknown host), it counts the piece
the more expensive way: a message that is counted too long loses a word, one counted
too short gets cut or refused by the network.
"""

import unicodedata
from dataclasses import dataclass

import regex

# Conservative URL characters: a network that reads a longer link than this only
# lowers the real count. Trailing characters a link cannot end with are left as text.
_URL_CHAR = r"[A-Za-z0-9\-._~/?#=&%+]"
_SCHEME_URL = regex.compile(
    r"https?://(?P<host>[A-Za-z0-9\-.]+)(?::[0-9]{1,5})?(?:(?!https?://)" + _URL_CHAR + r")*",
    regex.IGNORECASE,
)
_BARE_DOMAIN = regex.compile(
    r"(?<![\p{L}\p{N}\p{M}_@$#.\-/])"
    r"(?P<first>[\p{L}\p{N}\p{M}\-]+\.)(?:[\p{L}\p{N}\p{M}\-]+\.)*\p{L}{2,}"
    r"(?:[/?#](?:(?!https?://)" + _URL_CHAR + r")*)?"
)
_URL_END = regex.compile(r"[A-Za-z0-9=_#/+\-&]")
_NAMED_HOST = regex.compile(r"(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}\.?")

# X weighs these code points 1 and every other one 2 (twitter-text v3 "ranges").
_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_EMOJI = regex.compile(
    r"\p{RI}\p{RI}"
    r"|[#*0-9]\uFE0F?\u20E3"
    r"|\p{Extended_Pictographic}[\uFE0E\uFE0F]?\p{Emoji_Modifier}?"
    r"(?:[\U000E0020-\U000E007E]+\U000E007F)?"
    r"(?:\u200D\p{Extended_Pictographic}[\uFE0E\uFE0F]?\p{Emoji_Modifier}?)*"
)
# Text of light code points only, none pictographic, holds no emoji (each needs a
# pictograph, a regional indicator or U+20E3): it weighs its length.
_LIGHT_TEXT = regex.compile(
    "[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _LIGHT_RANGES) + "]*+"
)
_PICTOGRAPHIC = regex.compile(r"\p{Extended_Pictographic}")

TWITTER_URL_LENGTH = 23


@dataclass(frozen=True)
class Rule:
    """How one network counts: `unit` is "twitter", "graphemes" or "utf16".

    `url_length`: what a link counts (None: its own length). X always counts 23.
    """

    unit: str
    url_length: int | None = None


def graphemes(text: str) -> list[str]:
    return regex.findall(r"\X", text)


def count(text: str, rule: Rule) -> int:
    if rule.unit == "twitter":
        text = unicodedata.normalize("NFC", text)
        url_length = rule.url_length or TWITTER_URL_LENGTH
        return _count_with_links(text, _x_weight, url_length, bare_domains=True)
    if rule.unit == "graphemes":
        if rule.url_length is None:
            return len(graphemes(text))
        return _count_with_links(text, _grapheme_count, rule.url_length, bare_domains=False)
    if rule.unit == "utf16":
        return len(text.encode("utf-16-le")) // 2
    raise ValueError(f"unknown counting unit {rule.unit!r}")


def _count_with_links(text, measure, url_length, bare_domains):
    total, position = 0, 0
    for start, end, cost in _links(text, measure, url_length, bare_domains):
        total += measure(text[position:start]) + cost
        position = end
    return total + measure(text[position:])


def _links(text, measure, url_length, bare_domains):
    """(start, end, cost) of each link, in order, without overlaps."""
    found = []
    for match in _SCHEME_URL.finditer(text):
        end = _trim_end(text, match.start(), match.end())
        host = match["host"]
        # A host that is an IP address or has no real TLD is not shortened: full length.
        short = bool(_NAMED_HOST.fullmatch(host))
        span = text[match.start() : end]
        found.append((match.start(), end, url_length if short else measure(span)))
    if bare_domains:
        taken = [(s, e) for s, e, _ in found]
        for match in _BARE_DOMAIN.finditer(text):
            end = _trim_end(text, match.start(), match.end())
            if any(s < end and match.start() < e for s, e in taken):
                continue
            span = text[match.start() : end]
            # Recognised or not, and from whichever label it starts: never more than this.
            cost = max(measure(span), url_length + measure(match["first"]))
            found.append((match.start(), end, cost))
    return sorted(found)


def _trim_end(text, start, end):
    while end > start and not _URL_END.match(text[end - 1]):
        end -= 1
    return end


def _x_weight(text: str) -> int:
    if _LIGHT_TEXT.fullmatch(text) and not _PICTOGRAPHIC.search(text):
        return len(text)  # most French and English text: no need to split it in graphemes
    weight = 0
    for cluster in graphemes(text):
        if _EMOJI.fullmatch(cluster):
            weight += 2
        else:
            weight += sum(_code_point_weight(ord(c)) for c in cluster)
    return weight


def _code_point_weight(code: int) -> int:
    return 1 if any(low <= code <= high for low, high in _LIGHT_RANGES) else 2


def _grapheme_count(text: str) -> int:
    return len(graphemes(text))
