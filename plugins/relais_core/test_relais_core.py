"""Content errors read as one actionable line; the build date can be frozen."""

from datetime import date

import pytest

from relais_core import ContentError, build_date
from relais_core.errors import abort_if_errors, report
from relais_core.files import write_atomically


def test_an_error_names_the_file_the_field_and_what_to_write():
    error = ContentError(
        "/elsewhere/content/blog/x.md", "date", "« hier » ne convient pas", "AAAA-MM-JJ"
    )
    assert str(error) == (
        "/elsewhere/content/blog/x.md: champ « date » : « hier » ne convient pas"
        " — attendu : AAAA-MM-JJ"
    )


def test_every_reported_error_is_printed_once_then_the_build_stops(capsys):
    report(ContentError("a.md", "ects", "manquant"))
    report(ContentError("a.md", "ects", "manquant"))
    report("b.md: illisible")
    with pytest.raises(SystemExit) as stop:
        abort_if_errors()
    assert stop.value.code == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[:2] == ["ERREUR a.md: champ « ects » : manquant", "ERREUR b.md: illisible"]
    assert "2 erreur(s)" in lines[2]
    abort_if_errors()  # reported errors are cleared: the next build in this process starts clean


def test_the_build_date_is_frozen_by_the_environment_then_the_settings(monkeypatch):
    monkeypatch.setenv("RELAIS_BUILD_DATE", "2027-01-15")
    assert build_date({"BUILD_DATE": "2026-01-01"}) == date(2027, 1, 15)
    monkeypatch.delenv("RELAIS_BUILD_DATE")
    assert build_date({"BUILD_DATE": "2026-01-01"}) == date(2026, 1, 1)
    assert isinstance(build_date({"TIMEZONE": "Europe/Paris"}), date)


def test_atomic_writes_leave_no_temporary_file(tmp_path):
    target = tmp_path / "cards" / "x.jpg"
    write_atomically(target, b"card")
    write_atomically(target, b"card 2")
    assert target.read_bytes() == b"card 2"
    assert [p.name for p in target.parent.iterdir()] == ["x.jpg"]
    assert target.stat().st_mode & 0o777 == 0o644  # readable by a web server
