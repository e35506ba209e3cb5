"""Hashtags from tags: accents kept, spaces removed, words of a multi-word tag capitalised.

"portes ouvertes" → "#PortesOuvertes": capitals keep the words apart for screen
readers, and every network links the whole tag (letters, digits, underscore only).
"""

import unicodedata

import regex

_WORD_BREAK = regex.compile(r"[\s\-‐‑–—]+")
_NOT_HASHTAG = regex.compile(r"[^\p{L}\p{M}\p{N}_]+")


def hashtag(tag: str) -> str | None:
    """ "#Name", or None when nothing of the tag can be a hashtag (e.g. only digits)."""
    words = [w for w in _WORD_BREAK.split(unicodedata.normalize("NFC", str(tag))) if w]
    if len(words) > 1:
        words = [w[:1].upper() + w[1:] for w in words]
    name = _NOT_HASHTAG.sub("", "".join(words))
    if not name or not regex.search(r"[\p{L}_]", name):
        return None
    return f"#{name}"


def hashtags(tags) -> list[str]:
    """One hashtag per tag, in the author's order, without case-insensitive repeats."""
    seen, result = set(), []
    for tag in tags:
        made = hashtag(getattr(tag, "name", tag))
        if made and made.casefold() not in seen:
            seen.add(made.casefold())
            result.append(made)
    return result
