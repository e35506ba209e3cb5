"""Vanilla Pelican for the benchmark: its default theme and feeds, no relais plugins."""

SITENAME = "Bench"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
PATH = "content"
ARTICLE_PATHS = ["blog"]
DEFAULT_PAGINATION = False
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
PLUGINS = []  # Pelican would otherwise load every installed namespace plugin
