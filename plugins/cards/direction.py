"""Right-to-left titles: which way a title reads, and the order its runs are drawn in.

Raqm orders the characters inside one call, but a line is drawn in several calls, one per
face (Arabic words, a Latin acronym, digits, an emoji). GNU FriBidi, the library Raqm itself
runs the Unicode bidirectional algorithm with (Debian: libfribidi0, which Pillow's Raqm
loads too), gives each character its level, brackets included; rule L2 then orders the
runs on the line.
"""

import ctypes
import ctypes.util
import unicodedata

import regex

from .fonts import Run

# Without these, a left-to-right line resolves to level 0 throughout: no need to run the
# algorithm (right-to-left letters, Arabic digits, explicit embeddings and isolates).
_RAISES_LEVELS = regex.compile(
    r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}\p{Bidi_Class=AN}\u202a-\u202e\u2066-\u2069]"
)
# fribidi-bidi-types.h: FRIBIDI_PAR_LTR is MASK_STRONG | MASK_LETTER, RTL adds MASK_RTL.
_PAR_LTR, _PAR_RTL = 0x110, 0x111


def _load_fribidi():
    name = ctypes.util.find_library("fribidi") or "libfribidi.so.0"
    try:
        return ctypes.CDLL(name)
    except OSError:  # then Raqm is off too, and no right-to-left text reaches the layout
        return None


_FRIBIDI = _load_fribidi()


def is_rtl(text: str) -> bool:
    """The paragraph direction: that of its first strong character (rules P2, P3)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL", "L"):
            return kind != "L"
    return False


def levels(line: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character (FriBidi, rules P2 to I2 and N0)."""
    size = len(line)
    if _FRIBIDI is None or not size:
        return [int(rtl)] * size
    chars = (ctypes.c_uint32 * size)(*map(ord, line))
    types = (ctypes.c_uint32 * size)()
    brackets = (ctypes.c_uint32 * size)()
    result = (ctypes.c_int8 * size)()
    base = ctypes.c_uint32(_PAR_RTL if rtl else _PAR_LTR)
    _FRIBIDI.fribidi_get_bidi_types(chars, size, types)
    _FRIBIDI.fribidi_get_bracket_types(chars, size, types, brackets)
    if not _FRIBIDI.fribidi_get_par_embedding_levels_ex(
        types, brackets, size, ctypes.byref(base), result
    ):
        raise MemoryError("fribidi_get_par_embedding_levels_ex")
    return list(result)


def visual(runs: list[Run], rtl: bool) -> list[tuple[Run, bool]]:
    """The runs of one line, cut where the level changes, in display order (left to right).

    Each comes with its direction: True where Raqm must set it right to left.
    """
    line = "".join(run.text for run in runs)
    if not rtl and not _RAISES_LEVELS.search(line):
        return [(run, False) for run in runs]
    per_char = levels(line, rtl)
    pieces: list[tuple[Run, int]] = []
    start = 0
    for run in runs:
        for offset, char in enumerate(run.text):
            level = per_char[start + offset]
            if pieces and pieces[-1][1] == level and offset:
                pieces[-1] = (Run(pieces[-1][0].text + char, run.face), level)
            else:
                pieces.append((Run(char, run.face), level))
        start += len(run.text)
    # L2: from the highest level down to the lowest odd one, reverse every sequence of
    # pieces at that level or higher.
    lowest_odd = min(level for _, level in pieces) | 1
    for target in range(max(level for _, level in pieces), lowest_odd - 1, -1):
        index = 0
        while index < len(pieces):
            if pieces[index][1] < target:
                index += 1
                continue
            end = index
            while end < len(pieces) and pieces[end][1] >= target:
                end += 1
            pieces[index:end] = pieces[index:end][::-1]
            index = end
    return [(run, level % 2 == 1) for run, level in pieces]
