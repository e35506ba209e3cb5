"""How each programme field reads what an author wrote."""

from datetime import date

import pytest

from relais.plugins.programmes.fields import (
    duration,
    duration_iso,
    ects,
    email,
    https_url,
    iso_date,
)


def test_dates_are_iso_and_must_exist():
    assert iso_date(" 2027-09-06 ") == date(2027, 9, 6)
    for wrong in ("06/09/2027", "2027-9-6", "2027-02-29", "septembre"):
        with pytest.raises(ValueError, match="AAAA-MM-JJ"):
            iso_date(wrong)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("1 an", "P1Y"),
        ("2 ans", "P2Y"),
        ("18 mois", "P18M"),
        ("3 semestres", "P18M"),
        ("2 years", "P2Y"),
        ("6 Months", "P6M"),
    ],
)
def test_durations_keep_the_author_words_and_give_schema_org_its_form(written, iso):
    assert duration(written) == written
    assert duration_iso(written) == iso


def test_ects_are_whole_credits():
    assert ects("60") == 60
    for wrong in ("0", "60.5", "soixante", "400"):
        with pytest.raises(ValueError):
            ects(wrong)


def test_urls_and_emails_must_be_complete():
    assert https_url("https://example.org/lp") == "https://example.org/lp"
    with pytest.raises(ValueError):
        https_url("example.org/lp")
    assert email("lp@example.org") == "lp@example.org"
    with pytest.raises(ValueError):
        email("lp at example.org")
