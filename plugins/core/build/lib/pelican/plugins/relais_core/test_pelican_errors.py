"""Pelican's own errors, as the collector sees them on Pelican's logger (no message read)."""

import logging

import pytest
from pelican.contents import Article
from pelican.plugins.relais_core.errors import ContentError, report, reported_errors, set_aside
from pelican.plugins.relais_core.pelican_errors import PelicanErrorCollector, check_pelican_rules
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import get_date

LOGGER = logging.getLogger("pelican.test_pelican_errors")


@pytest.fixture
def collector():
    set_aside(lambda error: True)  # no error left by another test
    handler = PelicanErrorCollector()
    LOGGER.addHandler(handler)
    yield handler
    LOGGER.removeHandler(handler)
    set_aside(lambda error: True)


def test_the_content_error_being_handled_is_reported_whatever_pelican_writes(collector):
    error = ContentError("content/blog/a.md", "date", "« hier » ne convient pas")
    try:
        raise error
    except ContentError:
        LOGGER.error("Could not process %s\n%s", "blog/a.md", "any text, any release")
    assert reported_errors() == [str(error)]


def test_another_pelican_error_is_reported_as_pelican_wrote_it(collector):
    LOGGER.error("Skipping %s: file %r would be written outside output path", "a.md", "../x")
    assert reported_errors() == ["Skipping a.md: file '../x' would be written outside output path"]


def test_a_crash_after_reported_errors_lists_them_without_a_traceback(collector, capsys):
    report(ContentError("content/blog/a.md", "programme", "« x » n’est pas une formation"))
    with pytest.raises(SystemExit) as stop:
        try:
            "lp-photo".short_title  # noqa: B018 — a plugin meeting the unchecked value
        except AttributeError:
            LOGGER.critical("AttributeError", exc_info=True)
    assert stop.value.code == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("ATTENTION une extension a échoué sur ce contenu (AttributeError")
    assert lines[1:] == [
        "ERREUR content/blog/a.md: champ « programme » : « x » n’est pas une formation",
        "La construction est arrêtée : 1 erreur(s) dans le contenu, rien n’a été écrit.",
    ]


def test_a_crash_without_reported_errors_is_left_to_pelican(collector):
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        LOGGER.critical("RuntimeError", exc_info=True)
    assert reported_errors() == []


@pytest.mark.parametrize(
    ("metadata", "field", "line"),
    [
        ({"date": "2026-11-16"}, "title", "champ « title » : manquant"),
        ({"title": "T"}, "date", "champ « date » : manquant"),
        ({"title": "T", "date": "2026-11-16", "status": "brouillon"}, "status",
         "« brouillon » ne convient pas — attendu : l’un de : published, hidden, draft, skip"),
    ],
)  # fmt: skip
def test_what_pelican_would_skip_stops_the_file_with_a_content_error(metadata, field, line):
    if "date" in metadata:
        metadata = {**metadata, "date": get_date(metadata["date"])}
    settings = {**DEFAULT_CONFIG, "DEFAULT_DATE": None}
    with pytest.raises(ContentError) as refused:
        check_pelican_rules(Article("Texte", metadata, settings, "content/blog/a.md"))
    assert refused.value.field == field
    assert line in str(refused.value)
