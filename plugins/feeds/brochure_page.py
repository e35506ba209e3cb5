"""The share kit's message for one page of a programme's brochure (`make share SLUG=… PAGE=7`).

Its link is the page's own address (plugins/brochure/page_share.py), whose preview shows
that page, tagged for each network like every other campaign link.
"""

from relais.plugins.core import tr

from .items import absolute
from .social import Shareable


class NoSuchPage(LookupError):
    pass


def page_shareable(context, slug: str, number: int) -> Shareable | None:
    """None when no programme has this slug; NoSuchPage when it has no such brochure page.
    `context` is a generators' context (the settings and what was read)."""
    programme = next((p for p in context.get("programmes", []) if p.slug == slug), None)
    if programme is None:
        return None
    pages = programme.brochure_pages
    if not pages:
        raise NoSuchPage(
            tr(
                f"La formation « {slug} » n’a pas de brochure.",
                f'Programme "{slug}" has no brochure.',
            )
        )
    if not 1 <= number <= len(pages):
        count = len(pages)
        raise NoSuchPage(
            tr(
                f"La brochure de « {slug} » a {count} page(s) : indiquez PAGE=1 à {count}.",
                f'The brochure of "{slug}" has {count} page(s): give PAGE=1 to {count}.',
            )
        )
    page = pages[number - 1]
    short = programme.facts.short_title
    return Shareable(
        source_path=programme.source_path,
        title=page.title,
        url=absolute(context, page.url),
        campaign=programme.slug,
        summary=programme.facts.summary,
        # As plugins/brochure/generator.py names a brochure.
        short_title=f"Brochure — {short} · {page.label}" if short else "",
        tags=tuple(getattr(t, "name", t) for t in getattr(programme, "tags", []) or []),
    )
