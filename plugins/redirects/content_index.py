"""What the generators hold once every file is read: published content and taken paths."""

import os

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

# Drafts have no public URL. Other statuses are live: published, hidden, and content
# types that give `status` their own meaning (an event is "cancelled" yet still online).
DRAFT = "draft"


def published_contents(generators) -> list[Content]:
    """Every non-draft item of every generator (posts, pages, programmes, events…).

    Generators keep their items in list attributes; reading them all keeps this
    independent of which content types the site has.
    """
    seen, found = set(), []
    for item in _items(generators):
        if isinstance(item, Content) and id(item) not in seen:
            seen.add(id(item))
            if getattr(item, "status", "published") != DRAFT and item.save_as:
                found.append(item)
    return found


def taken_paths(generators, settings) -> dict[str, str]:
    """Output file → what writes it: content files, static files, list and index pages."""
    taken = {}
    for name, value in settings.items():
        # PROGRAMMES_SAVE_AS, ARCHIVES_SAVE_AS…: fixed list pages (no "{slug}" in them).
        if name.endswith("_SAVE_AS") and isinstance(value, str) and value and "{" not in value:
            taken[value] = f"la page générée {name}"
    for template in settings.get("DIRECT_TEMPLATES", []):
        save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
        if save_as:
            taken[save_as] = f"la page générée « {template} »"
    seen = set()
    for item in _items(generators):
        if id(item) in seen:  # a post is in several lists of its generator
            continue
        seen.add(id(item))
        if isinstance(item, Content) and item.save_as:
            taken[item.save_as] = shown(item.source_path)
        elif isinstance(item, URLWrapper) and item.save_as:
            taken[item.save_as] = f"la page de « {item.name} »"
    return taken


def shown(path: str) -> str:
    """content/blog/x.md when building from the project folder, the full path otherwise."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _items(generators):
    for generator in generators:
        for value in vars(generator).values():
            if isinstance(value, dict):
                yield from value.keys()
            elif isinstance(value, list | tuple):
                for item in value:
                    # Tags and categories are (URLWrapper, [articles]) pairs.
                    yield item[0] if isinstance(item, tuple) and item else item
