"""File names (and so URLs) for content a kit command writes."""

from pelican.utils import slugify

MAX_LENGTH = 60
# Pelican's default substitutions, so a command names files as an author would.
SUBSTITUTIONS = [
    (r"[’']", "-"),
    (r"[^\w\s-]", ""),
    (r"(?u)\A\s*", ""),
    (r"(?u)\s*\Z", ""),
    (r"[-\s]+", "-"),
]


def slug_from_title(title: str) -> str:
    """ "Master Humanités numériques" → "master-humanites-numeriques", at most 60
    characters, cut between words; never empty."""
    slug = slugify(title, regex_subs=SUBSTITUTIONS, preserve_case=False, use_unicode=False)
    slug = slug.replace("_", "-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0]
    return slug or "formation"
