"""Drafts (`status: draft`) are never published: `make html` does not write them.

`make serve` previews them (it passes DRAFTS_PREVIEW = True): Pelican then writes
them under drafts/, where the theme shows a « Brouillon » banner. Either way they are
in no list, feed, sitemap or calendar (Pelican and the kit's plugins list published
content only).
"""

SETTING = "DRAFTS_PREVIEW"
# Where Pelican (articles, pages) and the kit (programmes) keep drafts.
DRAFT_LISTS = ("drafts", "drafts_translations", "draft_pages", "draft_translations")


def previewing(settings) -> bool:
    return bool(settings.get(SETTING, False))


def drop_drafts(generators) -> None:
    """Empties Pelican's draft lists (in place: the context shares them), so nothing
    writes a draft, whatever its `save_as:` says."""
    if previewing(generators[0].settings):
        return
    for generator in generators:
        for name in DRAFT_LISTS:
            drafts = getattr(generator, name, None)
            if isinstance(drafts, list):
                drafts.clear()
