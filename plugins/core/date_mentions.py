"""Dates as people write them in a text, in French or English.

« 15 mai 2027 », « 1er mai », « jeudi 15 mai », « 15/05/2027 », « 2027-05-15 »,
"May 15, 2027", "15 May 2027", "May 15th". Read where a text states a date: the build
compares a programme's deadline and start with what posts and pages say
(programmes.text_dates), and social messages keep such a date when they cut a text
(feeds.fitting). A date without its year has `year` None.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

# Month names and their usual abbreviations, compared without accents or case.
MONTHS = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "september": 9, "sep": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<{}>[A-Za-zÀ-ÿ]{{3,10}})\.?"
_DAY = r"(?P<{}>[0-3]?\d)(?:er|re|st|nd|rd|th)?"
_YEAR = r"(?P<{}>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    re.compile(r"\b(?P<d>[0-3]?\d)[/.](?P<m>[01]?\d)[/.](?P<y>(?:19|20)\d\d)\b"),
    re.compile(rf"\b{_DAY.format('d')}\s+{_MONTH.format('mn')}(?:\s+{_YEAR.format('y')})?\b"),
    re.compile(rf"\b{_MONTH.format('mn')}\s+{_DAY.format('d')}(?:,?\s+{_YEAR.format('y')})?\b"),
]


@dataclass(frozen=True)
class Mention:
    start: int  # where it is in the text
    end: int
    text: str
    day: int
    month: int
    year: int | None

    def is_day(self, day: date) -> bool:
        """Whether it names `day` (a date written without its year: any year)."""
        same = (self.month, self.day) == (day.month, day.day)
        return same and self.year in (None, day.year)


def plain(text: str) -> str:
    """Lower case without accents, each character where it was (offsets stay valid)."""
    lowered = text.lower()
    return lowered if lowered.isascii() else "".join(map(_plain_character, lowered))


@cache
def _plain_character(character: str) -> str:
    return unicodedata.normalize("NFKD", character)[:1] or character


def mentions(text: str) -> list[Mention]:
    """The dates written in `text`, in order, none overlapping another."""
    found = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            mention = _read(match)
            if mention and not any(_overlap(mention, other) for other in found):
                found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _read(match: re.Match) -> Mention | None:
    groups = match.groupdict()
    named = "mn" in groups
    month = MONTHS.get(plain(groups["mn"]).rstrip(".")) if named else int(groups["m"])
    year = int(groups["y"]) if groups.get("y") else None
    day = int(groups["d"])
    if month is None or not _exists(year or 2028, month, day):  # 2028: 29 February exists
        return None
    return Mention(match.start(), match.end(), match.group(0), day, month, year)


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _overlap(one: Mention, other: Mention) -> bool:
    return one.start < other.end and other.start < one.end


# Words that make a date just after them (a few words on, same sentence) the deadline or
# the start, compared without accents or case: the nearest one decides.
_DEADLINE_CUES = re.compile(
    r"\b(jusqu\W?(?:au|a)|date limite|au plus tard|avant le|clotur\w*|deadline|until|by|"
    r"closes?|no later than)\b"
)
_START_CUES = re.compile(
    r"\b(rentree|debut des cours|debutera|debute|commence\w*|demarre\w*|starts?|begins?|"
    r"start date)\b"
)
_RANGE_END = re.compile(r"\b(au|to|-|–)\s+(?:le\s+)?(?:\w+di\s+|\w+day,?\s+)?$")
_ABOUT_APPLYING = re.compile(r"candidat|inscri|dossier|appl(?:y|ication)|date limite|deadline")
_SENTENCE_END = re.compile(r"[.!?;]\s")
_CUE_REACH = 5  # words between a cue and its date, at most: « rentrée a lieu le »


def stated_dates(line: str):
    """(mention, "deadline" or "start") for each date a text gives as one of them: a few
    words after « jusqu’au », « date limite », « avant le »… in a sentence about applying,
    after « rentrée », « début des cours »…; the end of « candidatures du 1er février au 15
    mai »."""
    dates = mentions(line)
    if not dates:
        return
    lowered = plain(line)
    for index, mention in enumerate(dates):
        ends = [m.end() for m in _SENTENCE_END.finditer(lowered, 0, mention.start)]
        sentence_start = max([*ends, dates[index - 1].end if index else 0])
        before = lowered[sentence_start : mention.start]
        sentence = lowered[max(ends, default=0) : _sentence_end(lowered, mention.end)]
        cue = _nearest_cue(before)
        if cue == "start":
            yield mention, "start"
        elif cue == "deadline" and _ABOUT_APPLYING.search(sentence):
            yield mention, "deadline"
        elif _ends_a_range(dates, index, before, max(ends, default=0)) and _ABOUT_APPLYING.search(
            sentence
        ):
            yield mention, "deadline"  # « candidatures du 1er février au 15 mai »


def _ends_a_range(dates, index: int, before: str, sentence_start: int) -> bool:
    """Whether the date ends « du 1er février au 15 mai » (both dates in one sentence)."""
    return bool(index and _RANGE_END.search(before) and dates[index - 1].start >= sentence_start)


def _nearest_cue(before: str) -> str | None:
    """ "start" or "deadline": the cue closest to the date, within _CUE_REACH words."""
    found = None
    for kind, cues in (("deadline", _DEADLINE_CUES), ("start", _START_CUES)):
        for match in cues.finditer(before):
            words_between = len(before[match.end() :].split())
            if words_between <= _CUE_REACH and (found is None or match.end() > found[1]):
                found = (kind, match.end())
    return found[0] if found else None


def _sentence_end(text: str, start: int) -> int:
    found = _SENTENCE_END.search(text, start)
    return found.start() + 1 if found else len(text)
