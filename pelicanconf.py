"""relais — site settings for local builds (`make html`, `make serve`).

publishconf.py imports these and overrides what differs when deploying.
Settings a site owner changes are at the top; plumbing is below.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Plugins import one another's helpers (relais_core), so the folder is importable.
sys.path.insert(0, str(HERE / "plugins"))

# --- Site identity -----------------------------------------------------------
SITENAME = "Formations & relais"
SITE_DESCRIPTION = (
    "Les formations de l’IUT et leurs actualités : dates clés, brochures, candidatures."
)
AUTHOR = "Service communication"
ORGANIZATION = {
    "name": "Université de démonstration — IUT",
    "url": "https://www.example.org/",
    "email": "communication@example.org",
}
SITEURL = "http://127.0.0.1:8000"
RELATIVE_URLS = False  # absolute links everywhere: 404.html is served at any depth

# Language of the content and of the interface: "fr" (default) or "en".
DEFAULT_LANG = "fr"
TIMEZONE = "Europe/Paris"
# Date the build considers "today" (deadlines, upcoming events). Empty: the real date.
BUILD_DATE = ""

# --- Content layout ----------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["blog"]
PAGE_PATHS = ["pages"]
PROGRAMME_PATHS = ["programmes"]
STATIC_PATHS = ["images", "brochures", "extra"]
EXTRA_PATH_METADATA = {}

# URLs never change once posted: they come from file names, not titles.
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PROGRAMME_URL = "programmes/{slug}/"
PROGRAMME_SAVE_AS = "programmes/{slug}/index.html"
PROGRAMMES_SAVE_AS = "programmes/index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = "categories/{slug}/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives"]
DEFAULT_PAGINATION = False  # paginated URLs shift as posts are added; shared URLs must not

# --- Theme and plugins -------------------------------------------------------
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "relais_core", "theme_i18n", "programmes",
    "redirects", "shortlinks", "sitemap", "robots", "fingerprint", "analytics",
    "brochure", "cards", "seo_meta", "events", "relay_feeds",
    "incremental",  # last: it records what the others wrote once they are done
]  # fmt: skip
# Autoescape: a title or setting containing < or " stays text; rendered Markdown is
# marked `| safe` where templates output it.
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
}
TYPOGRIFY = False
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}

# Pelican's built-in feeds are off: relais writes its own (plugins/relay_feeds).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Relay feeds (plugins/relay_feeds/README.md) -------------------------------
# Kept free in every X message for a manual "RT @compte: " (0 on other networks).
FEEDS_SOCIAL_RESERVE = {"x": 16}
# Added before the hashtags of every social message, e.g. "Merci de RT !" (empty: none).
FEEDS_SOCIAL_CALL_TO_ACTION = ""
# WebSub hub announced in the feeds and pinged after publishing (empty: no WebSub).
FEEDS_WEBSUB_HUB = ""

# Local builds redo only what changed: Pelican keeps what it read from each file, and
# plugins/incremental keeps which output came from which inputs (see its README).
# `make publish` builds from scratch (publishconf.py).
CACHE_PATH = "cache/pelican"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True

# --- Publishing: redirects, short links, sitemap, analytics (see docs/publishing.md) ----
# Short links: `shortlink: lp-photo` in a post or programme gives SITEURL/go/lp-photo/.
SHORTLINK_PREFIX = "go"
# Redirect pages and the 404 page are not listed (they are not "published" content).
SITEMAP = {"format": "xml", "exclude": [r"\.txt$", r"\.ics$", r"\.xml$"]}
# Audience measurement, off by default. One of:
#   {"provider": "plausible", "domain": "formations.example.org"}
#   {"provider": "goatcounter", "code": "monsite"}
#   {"provider": "matomo", "url": "https://stats.example.org/", "site_id": 3}
ANALYTICS = None

# --- Brochures: each programme's `brochure:` PDF becomes a viewer (plugins/brochure/README.md) ---
# Rendered pages are kept in cache/brochures (beside CACHE_PATH), keyed by the PDF's
# content: an unchanged PDF is not re-rendered. BROCHURE_CACHE_PATH moves it elsewhere.

# --- Share cards and structured data (plugins/cards, plugins/seo_meta) ------------
# Every page gets a 1200×630 card image; an `image:` in a post or page replaces it.
# Theme colours (see theme/static/css/site.css): background, title, other text, left bar.
CARDS_COLORS = {
    "background": "#0b4f8a",
    "text": "#ffffff",
    "muted": "#d7e6f5",
    "accent": "#a3151c",
}
CARDS_FORMAT = "jpeg"  # "jpeg", "png" or "webp" (networks read JPEG and PNG best)
CARDS_LOGO = None  # e.g. "images/logo.png" (relative to content/)

# --- Events calendar (plugins/events/README.md) ------------------------------------
# One Markdown file per event under content/events/; programme deadlines and start
# dates are added by themselves. Calendars: SITEURL/events/agenda.ics (everything)
# and SITEURL/programmes/<slug>/agenda.ics (one programme).
EVENTS_TIMEZONE = TIMEZONE  # an event file may say otherwise with `timezone:`
# Event UIDs are "<file name>@EVENTS_UID_DOMAIN": never change it once calendars subscribe.
EVENTS_UID_DOMAIN = "example.org"
EVENTS_REFRESH_HOURS = 12  # how often subscribed calendars reload the feed
EVENTS_HOME_COUNT = 3  # events shown on the home page
