"""Content errors read as one actionable line; files are read strictly; the build date can be
frozen."""

import copy
from datetime import date, datetime

import pytest
from pelican.settings import DEFAULT_CONFIG

from relais.plugins.core import ContentError, build_date
from relais.plugins.core.build import current
from relais.plugins.core.content_files import check_content_files
from relais.plugins.core.errors import (
    abort_if_errors,
    report,
    reported,
    reported_errors,
    set_language,
    tr_later,
)
from relais.plugins.core.files import write_atomically
from relais.plugins.core.reading import MarkdownReader


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


def test_errors_are_listed_by_file_whatever_order_the_plugins_reported_in(capsys):
    report(ContentError("content/b.md", "social_x", "trop long"))
    report(ContentError("content/a.md", "start", "« 2027-02-31 » : ce jour n’existe pas"))
    report(ContentError("content/b.md", "programe", "champ inconnu"))
    with pytest.raises(SystemExit):
        abort_if_errors()
    assert capsys.readouterr().err.splitlines()[:3] == [
        "ERREUR content/a.md: champ « start » : « 2027-02-31 » : ce jour n’existe pas",
        "ERREUR content/b.md: champ « programe » : champ inconnu",
        "ERREUR content/b.md: champ « social_x » : trop long",
    ]


def test_a_plugin_can_ask_whether_a_field_was_already_refused(capsys):
    report(ContentError("content/a.md", "cover", "« x.jpg » est introuvable"))
    assert reported("content/a.md", "cover")
    assert not reported("content/a.md", "image") and not reported("content/b.md", "cover")
    with pytest.raises(SystemExit):
        abort_if_errors()
    assert not reported("content/a.md", "cover")  # the next build starts clean


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


@pytest.fixture
def reader():
    settings = copy.deepcopy(DEFAULT_CONFIG)
    return MarkdownReader(settings)


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("fr")


def test_error_lines_follow_the_site_language(english):
    error = ContentError("x.md", "date", '"hier" is not valid', "YYYY-MM-DD")
    assert str(error) == 'x.md: field "date" : "hier" is not valid — expected: YYYY-MM-DD'


OUTSIDE_NOW = tr_later("hors du dossier", "outside the folder")  # made at import, in French


def test_a_module_level_text_is_shown_in_the_language_of_the_moment():
    assert f"{OUTSIDE_NOW}" == "hors du dossier"
    set_language("en")
    try:
        assert f"« x » {OUTSIDE_NOW}" == "« x » outside the folder"
        assert str(OUTSIDE_NOW) == "outside the folder"
    finally:
        set_language("fr")


def test_yaml_front_matter_keeps_the_written_text_and_joins_lists(reader, tmp_path):
    path = tmp_path / "x.md"
    path.write_text(
        '---\n# a comment\ntitle: "Portes ouvertes : l\'IUT"\ndate: 2026-11-16 10:00\n'
        "tags:\n  - orientation\n  - alternance\nects: 060\n---\nNote: text.\n",
        encoding="utf-8",
    )
    content, metadata = reader.read(str(path))
    assert metadata["title"] == "Portes ouvertes : l'IUT"
    assert metadata["date"] == datetime(2026, 11, 16, 10, 0)
    assert [tag.name for tag in metadata["tags"]] == ["orientation", "alternance"]
    assert metadata["ects"] == "060"  # text, as without YAML: the programme rules read it
    assert content == "<p>Note: text.</p>"


@pytest.mark.parametrize(
    ("header", "field", "problem"),
    [
        ("title: X\ndate 2026-11-16\n", "date", "il manque « : »"),
        ("title: X\ndate: 2026-11-16\nTitle: Y\n", "title", "écrit deux fois (lignes 1 et 3)"),
        ("title: X\nLe texte sans ligne vide.\n", "Le texte sans ligne vide.", "n’est pas de la"),
        ("title: X\ndate: 2026-11-16T25:00\n", "date", "cette heure n’existe pas"),
        ("title: X\nmodified: 2026/11/16\n", "modified", "« 2026/11/16 » ne convient pas"),
        ("---\ntitle: X\n", "---", "n’est pas fermé"),
        ("---\ntitle: X\ntags: [a, b\n---\n", "tags", "mal formé"),
    ],
)
def test_header_mistakes_name_the_field(reader, tmp_path, header, field, problem):
    path = tmp_path / "x.md"
    path.write_text(header + "\nText.\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        reader.read(str(path))
    assert raised.value.field == field
    assert problem in raised.value.problem


def test_a_file_without_header_is_text(reader, tmp_path):
    path = tmp_path / "x.md"
    path.write_text("Le texte commence ici.\n", encoding="utf-8")
    assert reader.read(str(path)) == ("<p>Le texte commence ici.</p>", {})


@pytest.mark.parametrize(
    ("name", "advice"),
    [
        ("annonce.MD", "le fichier renommé en annonce.md"),
        ("annonce.markdown", "le fichier renommé en annonce.md"),
        ("annonce.md.txt", "le fichier renommé en annonce.md"),
        ("plaquette.odt", "le texte recopié dans plaquette.md ; un document à télécharger"),
        ("plaquette.pdf", "un PDF dans content/brochures/"),
    ],
)
def test_a_file_that_is_not_markdown_says_what_to_do(tmp_path, name, advice):
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / name).write_bytes(b"x")
    (tmp_path / "blog" / ".brouillon.swp").write_bytes(b"x")  # hidden: an editor's file
    (tmp_path / "blog" / "photo.jpg").write_bytes(b"x")  # linked by a post: copied by Pelican
    settings = {"PATH": str(tmp_path), "ARTICLE_PATHS": ["blog"], "STATIC_PATHS": []}
    check_content_files(settings, linked={"blog/photo.jpg"})
    (line,) = reported_errors()
    current().errors.clear()
    head, hint = line.split(" — attendu : ")
    assert head == (
        f"{tmp_path}/blog/{name}: champ « nom du fichier » : « {name} » n’est pas lu : "
        "seuls les fichiers .md sont du contenu"
    )
    assert hint.startswith(advice)
