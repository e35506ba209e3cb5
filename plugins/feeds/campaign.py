"""Campaign links: the canonical URL plus utm_source/utm_medium/utm_campaign.

Only social feeds and the share kit use them; pages and standard feeds keep the
canonical URL. Values are lowercase and build-independent: a consumer that keys
items on their link (feed2fedi) must see the same link on every rebuild.
"""

import re
from urllib.parse import urlencode

_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def campaign_value(slug: str) -> str:
    return _UNSAFE.sub("-", str(slug).lower()).strip("-") or "site"


def campaign_link(url: str, source: str, campaign: str) -> str:
    query = urlencode(
        [
            ("utm_source", campaign_value(source)),
            ("utm_medium", "social"),
            ("utm_campaign", campaign_value(campaign)),
        ]
    )
    url, hash_, fragment = url.partition("#")  # the query goes before a #section
    return f"{url}{'&' if '?' in url else '?'}{query}{hash_}{fragment}"
