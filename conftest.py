"""Shared by the kit's tests (tests/) and the plugins' own tests (plugins/*/test_*.py)."""

import pytest
from pelican.plugins.relais_core.errors import set_language


@pytest.fixture(autouse=True)
def messages_in_french():
    """Each test starts with messages in French, the default: the language is process-wide
    (relais_core.set_language), and a test that ran a Pelican in English on the same
    worker must not change what the next one reads."""
    set_language("fr")
