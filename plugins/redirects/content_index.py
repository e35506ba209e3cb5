"""What the generators hold once every file is read: published content."""

import os

from pelican.contents import Content

from relais.plugins.core.collisions import generator_items

# Drafts have no public URL. Other statuses are live: published, hidden, and content
# types that give `status` their own meaning (an event is "cancelled" yet still online).
DRAFT = "draft"


def published_contents(generators) -> list[Content]:
    """Every non-draft item of every generator (posts, pages, programmes, events…).

    Generators keep their items in list attributes; reading them all keeps this
    independent of which content types the site has.
    """
    seen, found = set(), []
    for item in generator_items(generators):
        if isinstance(item, Content) and id(item) not in seen:
            seen.add(id(item))
            if getattr(item, "status", "published") != DRAFT and item.save_as:
                found.append(item)
    return found


def shown(path: str) -> str:
    """content/blog/x.md when building from the project folder, the full path otherwise."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative
