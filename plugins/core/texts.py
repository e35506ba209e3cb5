"""The texts an author writes in a content, rewritten in place before any output reads them.

Markers such as `[[date limite]]` (programmes.text_dates) or `[[à préciser]]`
(core.placeholders) are replaced once every file is read (`static_generator_finalized`: the
static files' generator runs after every content generator, and nothing has rendered a page,
a feed or a card yet). A rewrite reaches every copy of the text: the body, the title, the
summary (Pelican's, and the plain `summary_text` of events), the programme's typed summary
and the `social:` texts of the feeds.
"""

import dataclasses
from collections.abc import Callable

from .pelican_api import forget_rendered, replace_body, source_html

# `social:`, `social_x:`…: the texts an author writes for the networks (plugins/feeds).
SOCIAL_PREFIX = "social"


def rewrite(content, html: Callable[[str], str], plain: Callable[[str], str]) -> bool:
    """Rewrites a content's texts: `html` for its body and Pelican's summary (HTML),
    `plain` for the plain texts (title, an event's summary, a programme's facts, social).
    Returns whether any text changed."""
    changed = False
    body = source_html(content)
    if body and body != (new := html(body)):
        replace_body(content, new)
        changed = True
    metadata = getattr(content, "metadata", None)
    metadata = metadata if isinstance(metadata, dict) else {}
    for name, value in list(metadata.items()):
        if not isinstance(value, str):
            continue
        if name == "summary":
            metadata[name] = html(value)
        elif name == "title" or name.startswith(SOCIAL_PREFIX):
            metadata[name] = plain(value)
        changed |= metadata[name] != value
    for name in ("title", "summary_text"):
        value = getattr(content, name, None)
        if isinstance(value, str) and value != (new := plain(value)):
            setattr(content, name, new)
            changed = True
    if "summary" in metadata and hasattr(content, "_summary"):
        content._summary = metadata["summary"]
    facts = getattr(content, "facts", None)
    if dataclasses.is_dataclass(facts):
        texts = {name: getattr(facts, name, None) for name in ("title", "short_title", "summary")}
        new_texts = {name: plain(text) for name, text in texts.items() if isinstance(text, str)}
        new_texts = {name: text for name, text in new_texts.items() if text != texts[name]}
        if new_texts:
            content.facts = dataclasses.replace(facts, **new_texts)
            changed = True
    if changed:
        forget_rendered(content)
    return changed
