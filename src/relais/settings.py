"""The kit's settings: plugins, theme, URLs, Markdown, caches, feeds.

A site's pelicanconf.py starts with `from relais.settings import *` and then sets only
what the site decides (name, address, language, institution, colours, networks...).
Everything here is a default: a site may override any of it, at the price of keeping
the override up to date across kit upgrades (CHANGELOG.md says when a default changes).
"""

from relais import __version__, theme_path

RELAIS_VERSION = __version__

# --- Site defaults (pelicanconf.py sets them) ------------------------------------
SITENAME = "Formations"
SITE_DESCRIPTION = ""
AUTHOR = "Service communication"
ORGANIZATION = {"name": "", "url": "", "email": ""}
SITEURL = "http://127.0.0.1:8000"
RELATIVE_URLS = False  # absolute links everywhere: 404.html is served at any depth
DEFAULT_LANG = "fr"
TIMEZONE = "Europe/Paris"
BUILD_DATE = ""  # the date the build takes as today; empty: the real date

# --- Content layout ----------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["blog"]
PAGE_PATHS = ["pages"]
PROGRAMME_PATHS = ["programmes"]
STATIC_PATHS = ["images", "brochures", "extra"]
# A static file (a brochure PDF, an image) is copied again only when it changed: its copy
# has its size and date (plugins/core/staging.py), Pelican compares the dates.
STATIC_CHECK_IF_MODIFIED = True
EXTRA_PATH_METADATA = {}
# Never read nor copied, anywhere under content/: hidden files (.env, .htaccess,
# .DS_Store, .git/), editor backups and swap files (x.md~, #x.md#, .x.md.swp). Matched
# against each file and folder name (Pelican's own default, "**/.*", matches none).
IGNORE_FILES = [".*", "*~", "#*#", "*.swp", "*.swo", "*.bak", "Thumbs.db", "desktop.ini"]
# Drafts (`status: draft`) are never written by `make html`. `make serve` previews them
# (it passes DRAFTS_PREVIEW=true) under drafts/, with a "Brouillon" banner, unlisted.
DRAFTS_PREVIEW = False
DRAFT_URL = "drafts/blog/{slug}/"
DRAFT_SAVE_AS = "drafts/blog/{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"

# « à préciser » (what `make new` could not know, docs/authoring.md): shown by a preview,
# refused by `make check` and `make publish`, which build with REFUSE_PLACEHOLDERS = True.
REFUSE_PLACEHOLDERS = False

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
THEME = str(theme_path())
# The site's own templates and static files (logo, custom.css), beside content/;
# they win over the kit's theme (docs/customising.md). Relative to the site folder.
SITE_THEME = "site-theme"
SITE_LOGO = None  # a path under site-theme/static/, e.g. "images/logo.svg"
# The kit's plugins (relais.plugins.<job>, one folder each under plugins/), installed with
# the kit. Pelican imports only those listed.
PLUGINS = [
    "relais.plugins.core",
    "relais.plugins.theme_i18n",
    "relais.plugins.site_theme",
    "relais.plugins.programmes",
    "relais.plugins.redirects",
    "relais.plugins.shortlinks",
    "relais.plugins.robots",  # robots.txt and sitemap.xml
    "relais.plugins.fingerprint",
    "relais.plugins.analytics",
    "relais.plugins.brochure",
    "relais.plugins.cards",
    "relais.plugins.covers",
    "relais.plugins.seo_meta",
    "relais.plugins.events",
    "relais.plugins.feeds",
    "relais.plugins.search",  # after the plugins whose content it indexes
    "relais.plugins.incremental",  # last: it records what the others wrote
]
# Autoescape: a title or setting containing < or " stays text; rendered Markdown is
# marked `| safe` where templates output it.
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": True,
    # Templates do not change during a build (each build makes its environments): Jinja
    # need not check every template file's date each time a page includes it.
    "auto_reload": False,
}
TYPOGRIFY = False
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}

# Pelican's built-in feeds are off: relais writes its own (plugins/feeds).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Relay feeds (plugins/feeds/README.md) -------------------------------
FEEDS_SOCIAL_RESERVE = {}
FEEDS_SOCIAL_CALL_TO_ACTION = ""
FEEDS_WEBSUB_HUB = ""

# Local builds redo only what changed (plugins/incremental); publishconf.py turns the
# content cache off so that what is deployed is built from scratch.
CACHE_PATH = "cache/pelican"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# Pelican saves its content cache after every build: compressing it cost a third of a
# second of each rebuild of a 1,000-post site, for a few megabytes of disk saved.
GZIP_CACHE = False

# --- Redirects, short links, sitemap, analytics (docs/publishing.md) ----------------
SHORTLINK_PREFIX = "go"
# sitemap.xml comes from robots (plugins/robots/README.md), not the PyPI plugin
# pelican-sitemap, which dated most pages by the build's clock and listed the brochure's
# embed pages: it lists every public HTML page whose head makes it indexable as itself (no
# noindex, canonical to itself, no redirect), dated by its content. It has no setting: a
# page is left out with `status: hidden` or a canonical URL elsewhere.
ANALYTICS = None

# --- Share cards (plugins/cards) -----------------------------------------------------
CARDS_COLORS = {
    "background": "#0b4f8a",
    "text": "#ffffff",
    "muted": "#d7e6f5",
    "accent": "#a3151c",
}
CARDS_FORMAT = "jpeg"  # "jpeg", "png" or "webp" (networks read JPEG and PNG best)
CARDS_LOGO = None

# --- Events calendar (plugins/events/README.md) ------------------------------------
# EVENTS_TIMEZONE defaults to TIMEZONE. Event UIDs are "<file name>@EVENTS_UID_DOMAIN":
# never change it once calendars subscribe.
EVENTS_UID_DOMAIN = "example.org"
EVENTS_REFRESH_HOURS = 12  # how often subscribed calendars reload the feed
EVENTS_HOME_COUNT = 3  # events shown on the home page

# --- Publishing (publishconf.py) -------------------------------------------------
PUBLISH_REMOTE = "origin"
PUBLISH_BRANCH = "gh-pages"
PUBLISH_CNAME = ""

# Metadata fields a site adds to its content (any other unknown field is an error).
RELAIS_EXTRA_METADATA = []

__all__ = [name for name in dict(globals()) if name.isupper()]
