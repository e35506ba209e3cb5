"""Pelican's own errors, as the collector sees them on Pelican's logger (no message read)."""

import logging

import pytest
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import get_date

from relais.plugins.core.errors import (
    ISSUES_URL,
    ContentError,
    InternalError,
    report,
    reported_errors,
    set_aside,
)
from relais.plugins.core.pelican_errors import (
    PelicanErrorCollector,
    check_pelican_rules,
    name_failing_files,
)

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


class _Readers:
    """Pelican's Readers, reduced to the method relais wraps."""

    def __init__(self, failure: Exception):
        self.failure = failure

    def read_file(self, base_path, path, *args, **kwargs):
        raise self.failure


def _read_with(failure: Exception):
    readers = _Readers(failure)
    name_failing_files(readers)
    with pytest.raises(Exception) as raised:
        readers.read_file("content", "blog/2026-12-07-nouveau.md")
    return raised.value


def test_a_fault_of_the_kit_while_reading_is_an_internal_error_to_report():
    error = _read_with(AttributeError("'MarkdownReader' object has no attribute '_checking'"))
    assert isinstance(error, InternalError)
    line = str(error)
    assert line.startswith("content/blog/2026-12-07-nouveau.md : erreur interne de relais")
    assert "pas une erreur de ce fichier" in line and ISSUES_URL in line
    assert "AttributeError: 'MarkdownReader' object has no attribute '_checking'" in line
    assert "champ" not in line


def test_a_file_that_cannot_be_opened_is_the_authors_to_fix():
    error = _read_with(PermissionError(13, "Permission denied"))
    assert isinstance(error, ContentError)
    assert "illisible (Permission denied)" in str(error)


def test_an_authors_mistake_found_while_reading_stays_as_it_was_raised():
    mistake = ContentError("content/blog/a.md", "date", "« hier » ne convient pas")
    assert _read_with(mistake) is mistake


def test_an_internal_error_pelican_logs_stops_the_build_like_a_content_error(collector):
    try:
        raise InternalError("content/blog/a.md", "KeyError: 'x' (reading.py:90)")
    except InternalError:
        LOGGER.error("Could not process %s", "blog/a.md")
    assert reported_errors() and "erreur interne" in reported_errors()[0]
