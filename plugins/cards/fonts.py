"""The card typefaces: Noto Sans first, then symbols, then emoji, picked per character.

The fonts come from the pinned `manimgx-fonts` wheel (SIL OFL 1.1): installed with the
other requirements, so nothing is downloaded while building.
"""

import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

import manimgx_fonts
from fontTools.ttLib import TTFont
from PIL import ImageFont

FONT_DIR = Path(manimgx_fonts.__file__).parent
# Order matters: a character is set in the first face that has a glyph for it.
STACK = ("NotoSans[wght].ttf", "NotoSansSymbols[wght].ttf", "NotoEmoji[wght].ttf")
EMOJI = STACK[-1]
# Characters that only join or modify their neighbour: they stay in the neighbour's run
# so that HarfBuzz can shape emoji sequences (👩🏽‍🎓, ❤️) into one glyph.
JOINERS = {0x200D, 0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400))


@dataclass(frozen=True)
class Run:
    text: str
    face: str


@cache
def coverage(face: str) -> frozenset[int]:
    with TTFont(FONT_DIR / face, lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def font(face: str, size: int, weight: int) -> ImageFont.FreeTypeFont:
    loaded = ImageFont.truetype(str(FONT_DIR / face), size, layout_engine=ImageFont.Layout.RAQM)
    axes = loaded.get_variation_axes()
    low, high = axes[0]["minimum"], axes[0]["maximum"]
    loaded.set_variation_by_axes([min(max(weight, low), high)])
    return loaded


def face_for(char: str) -> str:
    code = ord(char)
    for face in STACK:
        if code in coverage(face):
            return face
    return STACK[0]  # no face has it: Noto Sans draws its "missing glyph" box


def runs(text: str) -> list[Run]:
    """Splits text into runs of characters set in the same face."""
    result: list[Run] = []
    for char in text:
        face = result[-1].face if result and ord(char) in JOINERS else face_for(char)
        if result and result[-1].face == face:
            result[-1] = Run(result[-1].text + char, face)
        else:
            result.append(Run(char, face))
    return result


@cache
def fingerprint() -> str:
    """Changes when the font files change: part of every card's cache key."""
    version = metadata.version("manimgx-fonts")
    sizes = ",".join(f"{face}:{(FONT_DIR / face).stat().st_size}" for face in STACK)
    return hashlib.sha256(f"{version}|{sizes}".encode()).hexdigest()
