"""Text layout by measured pixels: wrap, shrink to fit, and cut with "…" as a last resort.

Every result is checked against the real ink bounding boxes of the glyphs, so a line can
never leave its box, whatever the font, script, accents or emoji. Right-to-left titles
(Arabic, Hebrew) are right-aligned and their runs ordered by the bidi algorithm.
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import regex

from . import direction, fonts

ELLIPSIS = "…"
SPACES = regex.compile(r"[ \t\r\n]+")  # not str.split(): no break at no-break spaces
# French sets a space before : ; ! ? » and after « that must not start or end a line.
_BEFORE = regex.compile(r"[ \u00a0\u202f]+([:;!?»])")
_AFTER = regex.compile(r"(«)[ \u00a0\u202f]+")
_CUT_TRAIL = " ,;:.–—-\u00a0\u202f،؛"  # left out before an ellipsis
# Scripts written without spaces between words: where their lines may break is ICU's
# business (UAX #14, plus its dictionaries for Thai, Lao, Khmer and Myanmar words), so that
# no line starts with 。、」 or ends with 「, and no Thai word is cut in two.
_UNSPACED = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
    r"\u3000-\u303f\uff00-\uffef]"
)
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
    rtl: bool = False

    @property
    def direction(self) -> str | None:
        """For Raqm; Pillow's basic layout refuses any direction (no right-to-left text
        reaches it: fonts.undrawable() keeps it out)."""
        if not fonts.RAQM:
            return None
        return "rtl" if self.rtl else "ltr"

    def font(self):
        return fonts.font(self.run.face, self.size, self.weight)

    def ink(self) -> Box:
        left, top, right, bottom = self.font().getbbox(
            self.run.text, direction=self.direction, anchor="ls"
        )
        return Box(
            int(self.x + left), int(self.y + top), int(self.x + right) + 1, int(self.y + bottom) + 1
        )


@dataclass(frozen=True)
class Block:
    """A laid-out text: its lines in reading order, and the runs to draw."""

    lines: tuple[str, ...] = ()
    placed: tuple[Placed, ...] = ()
    rtl: bool = False


@dataclass(frozen=True)
class Line:
    """One line set at the origin (0, baseline): its runs in display order and its ink."""

    pieces: tuple[Placed, ...]
    advance: float
    ink: Box | None

    def extent(self) -> int:
        """Width the line needs: its advance, widened by ink that overhangs either end."""
        if self.ink is None:
            return math.ceil(self.advance)
        return math.ceil(max(self.advance, self.ink.right) - min(0, self.ink.left))


@lru_cache(maxsize=65536)  # the same words come back card after card
def width_of(text: str, size: int, weight: int) -> float:
    return sum(fonts.font(run.face, size, weight).getlength(run.text) for run in fonts.runs(text))


@lru_cache(maxsize=4096)
def set_line(text: str, size: int, weight: int, rtl: bool) -> Line:
    pieces, x = [], 0.0
    for run, backwards in direction.visual(fonts.runs(text), rtl):
        piece = Placed(x, 0.0, run, size, weight, backwards)
        pieces.append(piece)
        x += piece.font().getlength(run.text, direction=piece.direction)
    return Line(tuple(pieces), x, ink_of(pieces))


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


@lru_cache(maxsize=1024)  # the same text is wrapped at every size tried
def _break_units(word: str) -> tuple[str, ...]:
    from icu4py.breakers import LineBreaker  # ICU (4 MB) only where a card is drawn

    return tuple(LineBreaker(word, "root"))  # the dictionaries follow the script, not a locale


def _split_word(word: str, width: int, size: int, weight: int) -> list[str]:
    """A word wider than the line, in lines: at line-break opportunities in text written
    without spaces (CJK, Thai…), else between graphemes."""
    units = _break_units(word) if _UNSPACED.search(word) else (word,)
    pieces, piece = [], ""
    for unit in units:
        # A unit wider than the line has no opportunity in it: cut between any graphemes.
        too_wide = width_of(unit, size, weight) > width
        for part in regex.findall(r"\X", unit) if too_wide else [unit]:
            if piece and width_of(piece + part, size, weight) > width:
                pieces.append(piece)
                piece = ""
            piece += part
    return [*pieces, piece] if piece else pieces


def wrap_within(text: str, box: Box, size: int, weight: int, rtl: bool) -> list[str]:
    """wrap(), narrowed until every line's ink (overhangs, kerning, shaping) fits the width."""
    width = box.width
    for _ in range(8):
        lines = wrap(text, width, size, weight)
        overflow = max(set_line(line, size, weight, rtl).extent() for line in lines) - box.width
        if overflow <= 0 or width <= size:
            return lines
        width -= overflow
    return lines


def _placed(lines: tuple[str, ...], box: Box, size: int, weight: int, rtl: bool):
    """Left-aligned lines (right-aligned if rtl), the first baseline low enough for its ink.

    Returns the runs to draw and the ink of them all, from each line's ink measured once.
    """
    placed: list[Placed] = []
    inks: list[Box] = []
    y = float(box.top + size * BASELINE)
    for index, text in enumerate(lines):
        line = set_line(text, size, weight, rtl)
        if index == 0 and line.ink is not None:
            y = max(y, box.top - line.ink.top)
        if rtl:
            x = box.right - max(line.advance, line.ink.right if line.ink else 0)
        else:
            x = box.left - min(0, line.ink.left if line.ink else 0)
        placed += [
            Placed(x + p.x, y, p.run, size, weight, p.rtl) for p in line.pieces if p.run.text
        ]
        if line.ink is not None:  # moved by (x, y), widened to whole pixels
            left, top = math.floor(x + line.ink.left), math.floor(y + line.ink.top)
            inks.append(
                Box(left, top, math.ceil(x + line.ink.right), math.ceil(y + line.ink.bottom))
            )
        y += size * LEADING
    return placed, _union(inks)


def ink_of(placed) -> Box | None:
    return _union([p.ink() for p in placed if p.run.text.strip()])


def _union(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return Box(
        min(b.left for b in boxes),
        min(b.top for b in boxes),
        max(b.right for b in boxes),
        max(b.bottom for b in boxes),
    )


def fits(placed: list[Placed], box: Box) -> bool:
    """Checks run by run what _fitting() checks line by line (the tests use both)."""
    ink = ink_of(placed)
    return ink is None or box.contains(ink)


def _fitting(lines, box: Box, size: int, weight: int, rtl: bool) -> list[Placed] | None:
    placed, ink = _placed(tuple(lines), box, size, weight, rtl)
    return placed if ink is None or box.contains(ink) else None


def fit(text: str, box: Box, sizes: range, weight: int, max_lines: int = 4) -> Block:
    """The largest size in `sizes` at which `text` fits in `box`; cut with … if none does."""
    text = " ".join(SPACES.split(text.strip()))
    if not text:
        return Block()
    rtl = direction.is_rtl(text)
    # Binary search over the sizes (largest first): fitting is monotonic in practice, and
    # whatever is returned has been checked against its box.
    best: Block | None = None
    low, high = 0, len(sizes) - 1
    while low <= high:
        middle = (low + high) // 2
        block = _attempt(text, box, sizes[middle], weight, max_lines, rtl)
        if block is None:
            low = middle + 1
        else:
            best, high = block, middle - 1
    return best if best is not None else _truncated(text, box, sizes[-1], weight, max_lines, rtl)


def _attempt(text: str, box: Box, size: int, weight: int, max_lines: int, rtl: bool):
    lines = wrap_within(text, box, size, weight, rtl)
    if len(lines) > max_lines:
        return None
    placed = _fitting(lines, box, size, weight, rtl)
    return None if placed is None else Block(tuple(lines), tuple(placed), rtl)


def _truncated(text: str, box: Box, size: int, weight: int, max_lines: int, rtl: bool) -> Block:
    """As many lines as fit, the last one cut after a whole word (or grapheme) and "…"."""
    lines = wrap_within(text, box, size, weight, rtl)
    keep = min(max_lines, len(lines))
    while keep > 1 and _fitting(lines[:keep], box, size, weight, rtl) is None:
        keep -= 1
    kept = lines[:keep]
    if keep < len(lines):
        kept[-1] = _with_ellipsis(kept[-1], box, size, weight, rtl)
    return Block(tuple(kept), tuple(_placed(tuple(kept), box, size, weight, rtl)[0]), rtl)


def _with_ellipsis(line: str, box: Box, size: int, weight: int, rtl: bool) -> str:
    """The longest start of `line` that still fits with "…": whole words if it can."""
    words = line.split(" ")
    candidates = [" ".join(words[:count]) for count in range(len(words), 0, -1)]
    graphemes = regex.findall(r"\X", words[0])
    candidates += ["".join(graphemes[:count]) for count in range(len(graphemes) - 1, 0, -1)]
    for start in candidates:
        cut = start.rstrip(_CUT_TRAIL) + ELLIPSIS
        if set_line(cut, size, weight, rtl).extent() <= box.width:
            return cut
    return ELLIPSIS
