"""Wrong metadata stops the build with one line naming the file, the field and what to write."""

import re

import pytest

from tests.sitebuild import build, copy_content

PROGRAMME = "programmes/lp-photographie-audiovisuel.md"
POST = "blog/2026-11-ouverture-lp-photo.md"


def set_field(path, field, value):
    """Replaces (or with value None, removes) one metadata line of a content file."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{field}:.*\n", re.MULTILINE)
    assert pattern.search(text), f"{field} not in {path}"
    replacement = "" if value is None else f"{field}: {value}\n"
    path.write_text(pattern.sub(replacement, text, count=1), encoding="utf-8")


def build_with(tmp_path, file, field, value):
    content = copy_content(tmp_path / "content")
    set_field(content / file, field, value)
    return build(tmp_path, content=content)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("deadline", "15/05/2027", "AAAA-MM-JJ"),
        ("start", "2027-02-30", "une date qui existe"),
        ("ects", "soixante", "nombre entier"),
        ("duration", "une année", "« an(s) »"),
        ("apply_url", "candidature.example.org", "adresse web complète"),
        ("contact", "lp-photo at example.org", "adresse électronique"),
        ("brochure", "brochures/absente.pdf", "introuvable"),
        ("brochure", "/tmp/relais/secret.pdf", "« /tmp/relais/secret.pdf » est un chemin absolu"),
        ("brochure", "brochures/plaquette.docx", "fichier .pdf"),
        ("deadline", "2027-10-01", "antérieure à « start »"),
    ],
)
def test_a_wrong_programme_field_is_named_with_its_value_and_the_expected_form(
    tmp_path, field, value, expected
):
    site = build_with(tmp_path, PROGRAMME, field, value)
    assert site.returncode == 1
    errors = [line for line in site.stderr.splitlines() if line.startswith("ERREUR")]
    assert len(errors) == 1, site.stderr
    assert f"content/{PROGRAMME}" in errors[0]
    assert f"« {field} »" in errors[0]
    assert expected in errors[0]
    assert "Traceback" not in site.stderr + site.stdout


@pytest.mark.parametrize("field", ["title", "short_title", "deadline", "apply_url", "summary"])
def test_a_missing_required_programme_field_is_named(tmp_path, field):
    site = build_with(tmp_path, PROGRAMME, field, None)
    assert site.returncode == 1
    assert f"content/{PROGRAMME}: champ « {field} » : manquant" in site.stderr


def test_a_post_linked_to_an_unknown_programme_lists_the_known_ones(tmp_path):
    site = build_with(tmp_path, POST, "programme", "lp-photo-typo")
    assert site.returncode == 1
    line = next(line for line in site.stderr.splitlines() if line.startswith("ERREUR"))
    assert f"content/{POST}" in line
    assert "« lp-photo-typo » n’est pas une formation connue" in line
    assert "lp-photographie-audiovisuel" in line


def test_a_post_with_a_malformed_date_fails_instead_of_vanishing(tmp_path):
    site = build_with(tmp_path, POST, "date", "le 16 novembre")
    assert site.returncode == 1
    assert POST.split("/")[-1] in site.stderr
    assert "Traceback" not in site.stderr


def test_nothing_is_written_when_content_is_wrong(tmp_path):
    site = build_with(tmp_path, PROGRAMME, "ects", "beaucoup")
    assert site.returncode == 1
    assert not list(site.output.rglob("*.html"))


def test_all_errors_are_reported_in_one_build(tmp_path):
    content = copy_content(tmp_path / "content")
    set_field(content / PROGRAMME, "ects", "beaucoup")
    set_field(content / "programmes/master-humanites-numeriques.md", "start", "septembre")
    site = build(tmp_path, content=content)
    assert len([line for line in site.stderr.splitlines() if line.startswith("ERREUR")]) == 2


def add_field(path, field, value):
    """Adds one metadata line after the first line of a content file."""
    first, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{first}\n{field}: {value}\n{rest}", encoding="utf-8")


def error_lines(site) -> list[str]:
    return [line for line in site.stderr.splitlines() if line.startswith("ERREUR")]


def test_errors_of_every_plugin_are_reported_in_one_build_whatever_the_plugin_order(tmp_path):
    content = copy_content(tmp_path / "content")
    set_field(content / "events/portes-ouvertes-2027.md", "start", "2027-02-31 09:00")  # events
    set_field(content / PROGRAMME, "ects", "beaucoup")  # programmes
    add_field(content / "blog/2026-10-portes-ouvertes.md", "social_x", "très long " * 40)  # feeds
    add_field(content / "blog/2026-11-temoignage-iconographe.md", "programe", "x")  # core
    set_field(content / POST, "date", "le 16 novembre")  # Pelican's reader
    default = build(tmp_path / "default", content=content)
    plugins = default_plugins()
    # Reversed, but for what the contracts require (core.contracts): the programmes before
    # the plugins that read them, cards before covers, programmes, brochures and events
    # before search, incremental last.
    first = [f"relais.plugins.{name}" for name in ("programmes", "cards", "events", "brochure")]
    reversed_rest = [name for name in reversed(plugins[:-1]) if name not in first]
    reordered = build(tmp_path / "reordered", content=content,
                      settings={"PLUGINS": [*first, *reversed_rest, plugins[-1]]})  # fmt: skip
    for site in (default, reordered):
        assert site.returncode == 1, site.stdout + site.stderr
        assert "Traceback" not in site.stderr + site.stdout
        assert not site.output.exists() or not list(site.output.rglob("*.html"))
        assert "5 erreur(s) dans le contenu, rien n’a été écrit" in site.stderr
    errors = error_lines(default)
    assert errors == error_lines(reordered)  # the same lines, in the same order (by file)
    assert errors == sorted(errors)
    broken = ["events/portes-ouvertes-2027.md", PROGRAMME, "blog/2026-10-portes-ouvertes.md",
              "blog/2026-11-temoignage-iconographe.md", POST]  # fmt: skip
    assert len(errors) == len(broken)
    for path in broken:
        assert len([error for error in errors if f"content/{path}: " in error]) == 1, path
    assert any("« social_x »" in error and "X (Twitter)" in error for error in errors)


def default_plugins() -> list[str]:
    """The kit's PLUGINS, as relais/settings.py lists them (incremental last)."""
    from relais.settings import PLUGINS

    return list(PLUGINS)
