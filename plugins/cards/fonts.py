"""The card typefaces, picked per character from a fallback chain of Noto faces.

Latin (Noto Sans) first, then the faces of the other scripts (Arabic first), then Chinese,
Japanese and Korean, then symbols, then emoji. The fonts come from the pinned
`manimgx-fonts` and `manimgx-fonts-cjk` wheels (SIL OFL 1.1): installed with the other
requirements, so nothing is downloaded while building. Which face has a glyph for a
character is read from the face's own cmap (fontTools), so no character is ever drawn as
a "missing glyph" box: `undrawable()` names those no face has, and the caller does not
draw them.
"""

import hashlib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

import manimgx_fonts
import manimgx_fonts_cjk
import regex
from PIL import ImageFont, features

FONT_DIR = Path(manimgx_fonts.__file__).parent
CJK_FILE = Path(manimgx_fonts_cjk.__file__).parent / "NotoSansCJK-VF.otf.ttc"
LATIN = "NotoSans[wght].ttf"
SYMBOLS = "NotoSansSymbols[wght].ttf"
EMOJI = "NotoEmoji[wght].ttf"
# The collection's faces differ in the shapes of shared Han characters: Japanese text is
# set in the JP face, Korean in KR, Traditional Chinese in TC, the rest in SC (index in the
# .ttc file).
CJK = {"CJK JP": 0, "CJK KR": 1, "CJK SC": 2, "CJK TC": 3}
SCRIPTS = tuple(
    f"NotoSans{script}[wght].ttf"
    for script in (
        "Arabic Hebrew Devanagari Bengali Tamil Telugu Kannada Malayalam Gujarati Gurmukhi "
        "Oriya Sinhala Thai Lao Khmer Myanmar Armenian Georgian Ethiopic"
    ).split()
)
# Order matters: a character is set in the first face that has a glyph for it.
STACK = (LATIN, *SCRIPTS, "CJK", SYMBOLS, EMOJI)
# Faces whose scripts cannot be set without Raqm (HarfBuzz shaping and the bidi algorithm).
NEEDS_SHAPING = frozenset(SCRIPTS)
# Raqm needs the system's libfribidi at run time (Debian: libfribidi0); without it Pillow
# falls back to its basic layout, which neither joins Arabic letters nor orders RTL text.
RAQM = features.check("raqm")
# Characters that only join or modify their neighbour: they stay in the neighbour's run
# so that HarfBuzz can shape emoji sequences (👩🏽‍🎓, ❤️) into one glyph.
JOINERS = {0x200C, 0x200D, 0xFE0E, 0xFE0F, 0x20E3} | set(range(0x1F3FB, 0x1F400))
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_HANGUL = regex.compile(r"\p{Hangul}")


@dataclass(frozen=True)
class Run:
    text: str
    face: str


def _source(face: str) -> tuple[Path, int]:
    return (CJK_FILE, CJK[face]) if face in CJK else (FONT_DIR / face, 0)


def coverage(face: str) -> frozenset[int]:
    """The code points `face` has glyphs for (the faces of the CJK collection share theirs)."""
    return _cmap("CJK" if face in CJK else face)


@cache
def _cmap(face: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # only for a character no build had seen

    path, index = _source("CJK SC" if face == "CJK" else face)
    with TTFont(path, fontNumber=index, lazy=True) as font:
        # Numbered glyph names: fontTools would otherwise make up 65,000 names for the CJK
        # collection (its CFF2 outlines have none) before reading the cmap, for 1.2 s.
        font.setGlyphOrder([f"g{gid}" for gid in range(font["maxp"].numGlyphs)])
        return frozenset(code for code, name in font.getBestCmap().items() if name != "g0")


@cache
def font(face: str, size: int, weight: int) -> ImageFont.FreeTypeFont:
    path, index = _source(face)
    engine = ImageFont.Layout.RAQM if RAQM else ImageFont.Layout.BASIC
    loaded = ImageFont.truetype(str(path), size, index=index, layout_engine=engine)
    axes = loaded.get_variation_axes()
    low, high = axes[0]["minimum"], axes[0]["maximum"]
    loaded.set_variation_by_axes([min(max(weight, low), high)])
    return loaded


def cjk_face(text: str) -> str:
    if _KANA.search(text):
        return "CJK JP"
    if _HANGUL.search(text):
        return "CJK KR"
    # Han text with characters only Traditional Chinese uses (說, 臺, 學…); text whose
    # characters are common to both scripts cannot tell, and stays Simplified.
    import hanzidentifier  # loads its tables: only where a card is drawn

    if hanzidentifier.identify(text) == hanzidentifier.TRADITIONAL:
        return "CJK TC"
    return "CJK SC"


def face_for(char: str, cjk: str = "CJK SC") -> str | None:
    """The first face of the chain with a glyph for `char`; None if no face has one."""
    code = ord(char)
    for face in STACK:
        if code in coverage(face):
            return cjk if face == "CJK" else face
    return None


def _invisible(char: str) -> bool:
    """Controls and format characters (joiners, marks of direction) are never drawn alone."""
    return ord(char) in JOINERS or unicodedata.category(char) in ("Cc", "Cf")


def _stays(char: str, face: str) -> bool:
    """Marks, spaces and punctuation stay in the run before them if its face has them:
    an Arabic word keeps its vowel marks and its Arabic comma in one shaped run. Not after
    an emoji or a symbol: their faces' spaces and punctuation are not text ones."""
    if face in (SYMBOLS, EMOJI):
        return False
    return unicodedata.category(char)[0] in "MZP" and ord(char) in coverage(face)


def runs(text: str) -> list[Run]:
    """Splits text into runs of characters set in the same face (logical order)."""
    cjk = cjk_face(text)
    latin = coverage(LATIN)
    result: list[Run] = []
    for char in text:
        previous = result[-1].face if result else None
        if previous == LATIN and ord(char) in latin:  # the common case, decided at once
            face = LATIN
        elif previous and (_invisible(char) or _stays(char, previous)):
            face = previous
        else:
            face = face_for(char, cjk) or LATIN
        if result and previous == face:
            result[-1] = Run(result[-1].text + char, face)
        else:
            result.append(Run(char, face))
    return result


def undrawable(text: str, known: dict[str, bool] | None = None) -> str:
    """The characters of `text` that the cards cannot draw properly, without repeats.

    Those no face has a glyph for, and, without Raqm, those of scripts that need shaping.
    `known`: character → undrawable, from earlier texts or builds (the plugin keeps it
    beside the cards, under the fonts' fingerprint); filled in with the new characters, so
    that a build whose texts use known characters never reads a font.
    """
    found = []
    for char in text:
        if char in found or char.isspace() or _invisible(char):
            continue
        bad = known.get(char) if known is not None else None
        if bad is None:
            face = face_for(char)
            bad = face is None or (not RAQM and face in NEEDS_SHAPING)
            if known is not None:
                known[char] = bad
        if bad:
            found.append(char)
    return "".join(found)


@cache
def fingerprint() -> str:
    """Changes when the fonts, the shaping or the line-breaking libraries change: part of
    every cache key."""
    versions = [metadata.version(p) for p in ("manimgx-fonts", "manimgx-fonts-cjk", "icu4py")]
    versions += [str(features.version(f)) for f in ("raqm", "fribidi", "harfbuzz", "freetype2")]
    files = [FONT_DIR / face for face in STACK if face != "CJK"] + [CJK_FILE]
    sizes = ",".join(f"{path.name}:{path.stat().st_size}" for path in files)
    return hashlib.sha256(f"{'|'.join(versions)}|{sizes}".encode()).hexdigest()
