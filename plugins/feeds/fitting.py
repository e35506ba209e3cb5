"""Fits a post into a network's limit: whole words only, an ellipsis where text was cut.

A message is `body [call to action] [#hashtags] link`. A body the site composed
(title — summary) may be cut; an author's own `social:` text never is: if it does not
fit, that is the author's call (TooLong). Cuts fall between words, so a URL, a
hashtag, a word or a grapheme cluster (emoji, letter + combining accent) stays whole.
A summary that gives a date (« candidatures jusqu’au 13 mars 2027 ») keeps the words
that give it: the cut falls before them, « … accueille 56 étudiants… Candidatures
jusqu’au 13 mars 2027. », on every network.
"""

from dataclasses import dataclass

import regex

from relais.plugins.core.date_mentions import mentions, stated_dates

from .counting import Rule, count, graphemes

ELLIPSIS = "…"
SEPARATOR = " — "
# Clusters a cut text should not end on before its ellipsis ("mot,…" → "mot…").
_DANGLING = regex.compile(r"[\s,;:\-‐‑–—(\[«\"'’]+")
# Where the words giving a date begin (after a clause's end) and end (a sentence's end).
_CLAUSE_START = regex.compile(r"[.!?;:,—–]\s+|\s\(")
_SENTENCE_END = regex.compile(r"[.!?](?=\s|$)")
_WORDS_BEFORE_DATE = 8  # at most, from its clause: « candidatures ouvertes jusqu’au »


@dataclass(frozen=True)
class Limits:
    rule: Rule
    limit: int
    reserve: int = 0  # kept free, e.g. for a manual "RT @name: "
    max_codepoints: int | None = None  # for bots that cut with len() (feed2toot, feediverse)
    max_bytes: int | None = None

    def length(self, text: str) -> int:
        return count(text, self.rule)

    def fits(self, text: str) -> bool:
        return (
            self.length(text) + self.reserve <= self.limit
            and (self.max_codepoints is None or len(text) <= self.max_codepoints)
            and (self.max_bytes is None or len(text.encode()) <= self.max_bytes)
        )


@dataclass(frozen=True)
class Fitted:
    text: str
    length: int  # as the network counts it, reserve not included
    cut: bool
    hashtags: tuple[str, ...]


class TooLong(ValueError):
    def __init__(self, length: int, limits: Limits):
        super().__init__(f"{length} > {limits.limit - limits.reserve}")
        self.length = length
        self.limits = limits


def words(text: str) -> list[str]:
    """Runs of grapheme clusters between whitespace clusters."""
    found, current = [], []
    for cluster in graphemes(text):
        if cluster.isspace():
            if current:
                found.append("".join(current))
            current = []
        else:
            current.append(cluster)
    if current:
        found.append("".join(current))
    return found


def assemble(body: str, call_to_action: str, tags, link: str) -> str:
    return " ".join(part for part in (body, call_to_action, " ".join(tags), link) if part)


def fit_author_text(
    text: str, call_to_action: str, tags: list[str], link: str, limits: Limits
) -> Fitted:
    """The author's words as written, with as many hashtags as fit; TooLong otherwise."""
    text = text.strip()
    tags = _not_in(tags, text)
    kept = _most_tags(
        len(tags), lambda k: limits.fits(assemble(text, call_to_action, tags[:k], link))
    )
    if kept is None:
        raise TooLong(limits.length(assemble(text, call_to_action, [], link)), limits)
    message = assemble(text, call_to_action, tags[:kept], link)
    return Fitted(message, limits.length(message), False, tuple(tags[:kept]))


def fit_composed(
    title: str, summary: str, call_to_action: str, tags: list[str], link: str, limits: Limits
) -> Fitted:
    """Title — summary, cut if needed: first the summary, then hashtags, then the title."""
    title_words = words(title)
    body_words = title_words + (words(SEPARATOR + summary) if summary else [])
    tags = _not_in(tags, " ".join(body_words))
    whole = " ".join(body_words)
    kept = _most_tags(
        len(tags), lambda k: limits.fits(assemble(whole, call_to_action, tags[:k], link))
    )
    if kept is not None:
        message = assemble(whole, call_to_action, tags[:kept], link)
        return Fitted(message, limits.length(message), False, tuple(tags[:kept]))

    dated = _dated_clause(summary)

    def cut(k):
        if dated:  # the cut falls before the words that give the date
            before, clause = dated
            kept_words = title_words + (words(SEPARATOR + before) if before.strip() else [])
            message = _cut(kept_words, len(title_words), call_to_action, tags[:k], link,
                           limits, tail=clause)  # fmt: skip
            if message is not None:
                return message
        return _cut(body_words, len(title_words), call_to_action, tags[:k], link, limits)

    kept = _most_tags(len(tags), lambda k: cut(k) is not None)
    if kept is not None:
        message = cut(kept)
        return Fitted(message, limits.length(message), True, tuple(tags[:kept]))
    message = _cut(body_words, 0, call_to_action, [], link, limits) or assemble(
        "", call_to_action, [], link
    )
    return Fitted(message, limits.length(message), True, ())


def _most_tags(count: int, fits) -> int | None:
    """The most hashtags, of `count`, with which `fits(kept)` holds; None if not even with 0.

    Each hashtag only lengthens a message, so this is a bisection: dropping them one by
    one would count the message once per hashtag (minutes for a post with a thousand).
    """
    if not fits(0):
        return None
    low, high = 0, count
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _dated_clause(summary: str) -> tuple[str, str] | None:
    """(what comes before, the words giving the summary's date, up to its sentence's end),
    or None when the summary gives no date. The date is its first deadline or start
    (« jusqu’au 13 mars », « rentrée le 6 septembre »), else its first date."""
    found = [mention for mention, _what in stated_dates(summary)] or mentions(summary)
    if not found:
        return None
    date = found[0]
    starts = [m.end() for m in _CLAUSE_START.finditer(summary, 0, date.start)]
    start = max(starts, default=0)
    before_date = list(regex.finditer(r"\S+", summary, pos=start, endpos=date.start))
    if len(before_date) > _WORDS_BEFORE_DATE:
        start = before_date[-_WORDS_BEFORE_DATE].start()
    end = _SENTENCE_END.search(summary, date.end)
    clause = summary[start : end.end() if end else len(summary)].strip()
    return summary[:start].strip(), clause


def _cut(body_words, minimum, call_to_action, tags, link, limits, tail="") -> str | None:
    """The longest `words… [tail]` message that fits, keeping at least `minimum` words."""

    def message(kept):
        if not tail:
            return assemble(_shortened(body_words[:kept]), call_to_action, tags, link)
        # Nothing cut before the tail: no ellipsis there.
        body = " ".join(body_words) if kept == len(body_words) else _shortened(body_words[:kept])
        return assemble(f"{body} {tail}", call_to_action, tags, link)

    low, high = minimum, len(body_words) - (0 if tail else 1)  # all words did not fit
    if low > high or (low and not limits.fits(message(low))):
        return None
    # The count grows with every word kept, so the longest fitting prefix is a bisection.
    while low < high:
        middle = (low + high + 1) // 2
        if limits.fits(message(middle)):
            low = middle
        else:
            high = middle - 1
    shortened = message(low)
    return shortened if low or limits.fits(shortened) else None


def _shortened(kept_words: list[str]) -> str:
    while kept_words:
        clusters = graphemes(kept_words[-1])
        while clusters and _DANGLING.fullmatch(clusters[-1]):
            clusters.pop()
        if clusters:
            last = "".join(clusters)
            # Glued to a link or a hashtag, the ellipsis would read as part of it.
            glue = " " if last.startswith("#") or "://" in last else ""
            return " ".join([*kept_words[:-1], last]) + glue + ELLIPSIS
        kept_words = kept_words[:-1]
    return ""


def _not_in(tags: list[str], text: str) -> list[str]:
    """Hashtags the text does not already carry."""
    present = {w.casefold().rstrip(".,;:!?…") for w in words(text) if w.startswith("#")}
    return [t for t in tags if t.casefold() not in present]
