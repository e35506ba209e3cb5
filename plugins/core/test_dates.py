"""Dates in words: "1er septembre" in French, everything else as CLDR (Babel) writes it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from relais.plugins.core.dates import format_day, format_day_skeleton, format_moment

FIRST = date(2026, 9, 1)


@pytest.mark.parametrize(
    "format, expected",
    [
        ("long", "1er septembre 2026"),
        ("full", "mardi 1er septembre 2026"),
        ("medium", "1er sept. 2026"),
        ("d MMMM", "1er septembre"),
        ("short", "01/09/2026"),  # two digits: no ordinal
        ("LLLL y", "septembre 2026"),  # no day at all
    ],
)
def test_french_writes_the_first_of_the_month_as_an_ordinal(format, expected):
    assert format_day(FIRST, format, "fr") == expected


@pytest.mark.parametrize("day", [date(2026, 9, 2), date(2026, 9, 11), date(2026, 9, 21)])
def test_other_days_stay_cardinal(day):
    assert format_day(day, "long", "fr") == f"{day.day} septembre 2026"


def test_regional_french_and_other_languages():
    assert format_day(FIRST, "long", "fr_CA") == "1er septembre 2026"
    assert format_day(FIRST, "long", "en") == "September 1, 2026"
    assert format_day(FIRST, "full", "de") == "Dienstag, 1. September 2026"


def test_quoted_literals_in_a_pattern_are_left_alone():
    assert format_day(FIRST, "'day' d MMMM", "fr") == "day 1er septembre"


def test_skeletons_and_moments():
    assert format_day_skeleton("MMMMd", FIRST, "fr") == "1er septembre"
    assert format_day_skeleton("MMMMd", FIRST, "en") == "September 1"
    moment = datetime(2026, 9, 1, 18, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert format_moment(moment, "full", "fr").startswith("mardi 1er septembre 2026")
    assert "18:00" in format_moment(moment, "full", "fr")


def test_a_datetime_is_written_as_its_day():
    assert format_day(datetime(2027, 5, 1, 23, 59), "long", "fr") == "1er mai 2027"
