"""Text layout by measured pixels: wrap, shrink to fit, and cut with "…" as a last resort.

Every result is checked against the real ink bounding boxes of the glyphs, so a line can
never leave its box, whatever the font, accents or emoji.
"""

from dataclasses import dataclass
from functools import lru_cache

import regex

from . import fonts

ELLIPSIS = "…"
SPACES = regex.compile(r"[ \t\r\n]+")  # not str.split(): no break at no-break spaces
# French sets a space before : ; ! ? » and after « that must not start or end a line.
_BEFORE = regex.compile(r"[ \u00a0\u202f]+([:;!?»])")
_AFTER = regex.compile(r"(«)[ \u00a0\u202f]+")
BASELINE = 0.96  # first baseline below the box top, in em: room for accented capitals
LEADING = 1.18  # distance between baselines, in em


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    right: int
    bottom: int

    @property
    def width(self) -> int:
        return self.right - self.left

    def contains(self, other: "Box") -> bool:
        return (
            other.left >= self.left
            and other.top >= self.top
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True)
class Placed:
    """A run of text drawn with its baseline's left end at (x, y)."""

    x: float
    y: float
    run: fonts.Run
    size: int
    weight: int

    def font(self):
        return fonts.font(self.run.face, self.size, self.weight)

    def ink(self) -> Box:
        left, top, right, bottom = self.font().getbbox(self.run.text, anchor="ls")
        return Box(
            int(self.x + left), int(self.y + top), int(self.x + right) + 1, int(self.y + bottom) + 1
        )


@lru_cache(maxsize=65536)  # the same words come back card after card
def width_of(text: str, size: int, weight: int) -> float:
    return sum(fonts.font(run.face, size, weight).getlength(run.text) for run in fonts.runs(text))


def wrap(text: str, width: int, size: int, weight: int) -> list[str]:
    """Greedy line filling; a word wider than the line is split between graphemes.

    Words are measured once each (linear, not quadratic, in the title's length); the
    caller checks the real ink of the result, so ignoring kerning around spaces is safe.
    """
    space = width_of(" ", size, weight)
    lines: list[str] = []
    line, used = "", 0.0
    for word in SPACES.split(glue_french_punctuation(text).strip()):
        wide = width_of(word, size, weight)
        if line and used + space + wide <= width:
            line, used = f"{line} {word}", used + space + wide
            continue
        if line:
            lines.append(line)
        if wide <= width:
            line, used = word, wide
            continue
        *whole, line = _split_word(word, width, size, weight)
        lines.extend(whole)
        used = width_of(line, size, weight)
    if line:
        lines.append(line)
    return lines


def glue_french_punctuation(text: str) -> str:
    return _AFTER.sub("\\1\u00a0", _BEFORE.sub("\u00a0\\1", text))


def _split_word(word: str, width: int, size: int, weight: int) -> list[str]:
    pieces, piece = [], ""
    for grapheme in regex.findall(r"\X", word):
        if piece and width_of(piece + grapheme, size, weight) > width:
            pieces.append(piece)
            piece = ""
        piece += grapheme
    return [*pieces, piece] if piece else pieces


def place(lines: list[str], box: Box, size: int, weight: int) -> list[Placed]:
    placed = []
    for index, line in enumerate(lines):
        x = float(box.left)
        y = box.top + size * BASELINE + index * size * LEADING
        for run in fonts.runs(line):
            placed.append(Placed(x, y, run, size, weight))
            x += fonts.font(run.face, size, weight).getlength(run.text)
    return placed


def ink_of(placed: list[Placed]) -> Box | None:
    boxes = [p.ink() for p in placed if p.run.text.strip()]
    if not boxes:
        return None
    return Box(
        min(b.left for b in boxes),
        min(b.top for b in boxes),
        max(b.right for b in boxes),
        max(b.bottom for b in boxes),
    )


def fits(placed: list[Placed], box: Box) -> bool:
    ink = ink_of(placed)
    return ink is None or box.contains(ink)


def fit(text: str, box: Box, sizes: range, weight: int, max_lines: int = 4) -> list[Placed]:
    """The largest size in `sizes` at which `text` fits in `box`; cut with … if none does."""
    text = " ".join(SPACES.split(text.strip()))
    if not text:
        return []
    # Binary search over the sizes (largest first): fitting is monotonic in practice, and
    # whatever is returned has been checked against its box.
    best: list[Placed] | None = None
    low, high = 0, len(sizes) - 1
    while low <= high:
        middle = (low + high) // 2
        placed = _attempt(text, box, sizes[middle], weight, max_lines)
        if placed is None:
            low = middle + 1
        else:
            best, high = placed, middle - 1
    return best if best is not None else _truncated(text, box, sizes[-1], weight, max_lines)


def _attempt(text: str, box: Box, size: int, weight: int, max_lines: int):
    lines = wrap(text, box.width, size, weight)
    if len(lines) > max_lines:
        return None
    placed = place(lines, box, size, weight)
    return placed if fits(placed, box) else None


def _truncated(text: str, box: Box, size: int, weight: int, max_lines: int) -> list[Placed]:
    lines = wrap(text, box.width, size, weight)
    keep = max_lines
    while keep > 0 and not fits(place(lines[:keep], box, size, weight), box):
        keep -= 1
    if keep == 0:
        return []
    kept = lines[:keep]
    graphemes = regex.findall(r"\X", kept[-1])
    while graphemes:
        last = "".join(graphemes).rstrip(" ,;:.–—-") + ELLIPSIS
        placed = place([*kept[:-1], last], box, size, weight)
        if width_of(last, size, weight) <= box.width and fits(placed, box):
            return placed
        graphemes.pop()
    return place(kept[:-1], box, size, weight)
