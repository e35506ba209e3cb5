"""The field parsers programmes and events share read and refuse a value the same way."""

import re

import pytest

from relais.plugins.core import parsers
from relais.plugins.events import fields as event_fields
from relais.plugins.programmes import fields as programme_fields


def test_both_plugins_read_texts_and_dates_with_the_same_parsers():
    assert event_fields.web_url.__code__ is programme_fields.https_url.__code__
    assert programme_fields.text is parsers.text and programme_fields.iso_date is parsers.iso_date
    assert parsers.text("  Salle\n B104  ") == "Salle B104"


@pytest.mark.parametrize(
    "wrong", ["example.org/lp", "ftp://example.org", "https://", "https://a b"]
)
def test_a_web_address_error_shows_the_example_that_fits_the_field(wrong):
    with pytest.raises(ValueError, match=re.escape("https://live.example.org/direct")):
        event_fields.web_url(wrong)
    with pytest.raises(ValueError, match=re.escape("https://candidature.example.org/lp")):
        programme_fields.https_url(wrong)


def test_an_empty_text_is_refused():
    with pytest.raises(ValueError, match="un texte non vide"):
        parsers.text(" \n ")
