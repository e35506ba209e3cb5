"""Pelican's content warnings are recognised by structure: the functions that log them must
still exist in the installed Pelican (else they would pass through, in English)."""

import importlib
import inspect
import logging

import pytest

from relais.plugins.core.pelican_warnings import DROP, KNOWN, PelicanWarnings


@pytest.mark.parametrize(("logger", "function", "values"), sorted(KNOWN))
def test_each_known_warning_is_logged_by_a_function_of_the_installed_pelican(
    logger, function, values
):
    source = inspect.getsource(importlib.import_module(logger))
    assert f"def {function}(" in source, f"{logger}.{function} is gone: update KNOWN"


def record(name: str, function: str, *args, level=logging.WARNING) -> logging.LogRecord:
    made = logging.LogRecord(name, level, "x.py", 1, "%s", args, None, func=function)
    return made


def test_a_link_pelican_cannot_find_is_left_to_relais(capsys):
    kept = PelicanWarnings().filter(record("pelican.contents", "_link_replacer", "../x.md"))
    assert kept is False
    assert capsys.readouterr().err == ""
    assert KNOWN[("pelican.contents", "_link_replacer", 1)](None, ("x",)) == DROP


def test_an_empty_alt_is_said_in_french_naming_the_file(capsys, tmp_path):
    post = tmp_path / "x.md"
    post.write_text("title: X\n\n![](images/a.png)\n", encoding="utf-8")
    kept = PelicanWarnings().filter(record("pelican.readers", "find_empty_alt", "a.png", str(post)))
    assert kept is False
    line = capsys.readouterr().err.strip()
    assert line.startswith(
        f"ATTENTION {post}:3: image « a.png » : image sans texte de remplacement"
    )


def test_any_other_warning_stays_pelicans(capsys):
    assert PelicanWarnings().filter(record("pelican.utils", "copy", "a", "b", "c")) is True
    assert PelicanWarnings().filter(record("pelican.contents", "_link_replacer", "x",
                                           level=logging.ERROR)) is True  # fmt: skip
