"""Settings of the relay feeds: where feeds go, and the table of social networks.

Adding a network is one line in FEEDS_SOCIAL_NETWORKS (see README.md).
"""

from dataclasses import dataclass

from relais.plugins.core import one_of, quoted, tr

from .counting import Rule
from .fitting import Limits

DEFAULTS = {
    "FEEDS_ALL_ATOM": "feeds/all.atom.xml",
    "FEEDS_ALL_RSS": "feeds/all.rss.xml",
    "FEEDS_CATEGORY_ATOM": "feeds/categories/{slug}.atom.xml",
    "FEEDS_CATEGORY_RSS": "feeds/categories/{slug}.rss.xml",
    "FEEDS_TAG_ATOM": "feeds/tags/{slug}.atom.xml",
    "FEEDS_TAG_RSS": "feeds/tags/{slug}.rss.xml",
    "FEEDS_PROGRAMME_ATOM": "feeds/programmes/{slug}.atom.xml",
    "FEEDS_PROGRAMME_RSS": "feeds/programmes/{slug}.rss.xml",
    "FEEDS_SOCIAL_RSS": "feeds/social/{network}.rss.xml",
    "FEEDS_MAX_ITEMS": 30,
    # Below feed2fedi's 30-day memory: an item still listed after it forgets would post again.
    "FEEDS_SOCIAL_MAX_AGE_DAYS": 28,
    "FEEDS_SOCIAL_MAX_ITEMS": 20,
    "FEEDS_SOCIAL_RESERVE": 0,
    "FEEDS_SOCIAL_CALL_TO_ACTION": "",
    "FEEDS_WEBSUB_HUB": "",
    "FEEDS_EVENTS_CAMPAIGN": "agenda",
    "FEEDS_SOCIAL_NETWORKS": {
        "x": {"label": "X (Twitter)", "limit": 280, "count": "twitter"},
        "mastodon": {
            "label": "Mastodon",
            "limit": 500,
            "count": "graphemes",
            "url_length": 23,
            "max_codepoints": 499,
        },
        "bluesky": {"label": "Bluesky", "limit": 300, "count": "graphemes", "max_bytes": 3000},
        "linkedin": {"label": "LinkedIn", "limit": 3000, "count": "utf16"},
    },
}

UNITS = ("twitter", "graphemes", "utf16")
NETWORK_EXAMPLE = (
    '{"threads": {"label": "Threads", "limit": 500, "count": "graphemes", "url_length": 23}}'
)


class BadSetting(ValueError):
    def __init__(self, setting: str, problem: str, expected: str = ""):
        super().__init__(problem)
        self.setting, self.problem, self.expected = setting, problem, expected


@dataclass(frozen=True)
class Network:
    key: str  # also utm_source, the feed's file name and the `social_<key>:` field
    label: str
    limits: Limits
    call_to_action: str

    @property
    def field(self) -> str:
        return f"social_{self.key}"


def networks(settings) -> list[Network]:
    table = settings.get("FEEDS_SOCIAL_NETWORKS") or {}
    if not isinstance(table, dict):
        problem = tr("n’est pas un tableau", "is not a dictionary")
        raise BadSetting("FEEDS_SOCIAL_NETWORKS", problem, NETWORK_EXAMPLE)
    reserve = settings.get("FEEDS_SOCIAL_RESERVE", 0)
    call = settings.get("FEEDS_SOCIAL_CALL_TO_ACTION", "")
    return [
        _network(key, row, _per(reserve, key, 0), _per(call, key, "")) for key, row in table.items()
    ]


def _per(value, key, default):
    """A setting given once for every network, or as {network: value}."""
    return value.get(key, default) if isinstance(value, dict) else value


def _network(key, row, reserve, call) -> Network:
    where = f"FEEDS_SOCIAL_NETWORKS[{key!r}]"
    if not (isinstance(key, str) and key.isascii() and key.isalnum() and key.islower()):
        problem = tr(
            "le nom doit être en minuscules sans accent",
            "the name must be lowercase without accents",
        )
        raise BadSetting(where, problem, NETWORK_EXAMPLE)
    if not isinstance(row, dict) or row.get("count") not in UNITS:
        problem = tr("« count » manque ou est inconnu", '"count" is missing or unknown')
        raise BadSetting(where, problem, one_of(UNITS))
    numbers = {
        name: row.get(name)
        for name in ("limit", "url_length", "max_codepoints", "max_bytes")
        if row.get(name) is not None
    }
    numbers["reserve"] = reserve
    for name, number in numbers.items():
        if not isinstance(number, int) or number < 0:
            expected = tr("un nombre entier positif", "a positive whole number")
            raise BadSetting(where, f"{quoted(name)} = {number!r}", expected)
    if "limit" not in numbers:
        raise BadSetting(
            where,
            tr("« limit » manque", '"limit" is missing'),
            tr("la longueur maximale d’un message", "the longest length of a message"),
        )
    limits = Limits(
        Rule(row["count"], row.get("url_length")),
        numbers["limit"],
        reserve,
        row.get("max_codepoints"),
        row.get("max_bytes"),
    )
    return Network(key, str(row.get("label", key)), limits, str(call or "").strip())
