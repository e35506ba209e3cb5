"""The size gate: the built site against what GitHub Pages publishes (1 GB, 100 MiB a file)."""

from types import SimpleNamespace

import pytest

from relais.checks import size
from relais.publish import cli
from relais.publish.refusal import Refused


def site(tmp_path, files: dict[str, int]):
    for name, length in files.items():
        path = tmp_path / "output" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            stream.truncate(length)  # sparse: sizes without the disk space
    return tmp_path / "output"


SITE = {
    "index.html": 20_000,
    "programmes/a/brochure/k1/p001-800.webp": 3_000_000,
    "programmes/b/brochure/k2/p001-800.webp": 5_000_000,
    "brochures/a.pdf": 2_000_000,
    "cards/x.jpg": 60_000,
}


def test_the_line_states_the_total_and_names_the_largest_contributors(tmp_path):
    level, line = size.verdict(size.measure(site(tmp_path, SITE)))
    assert level == "ok"
    assert line.startswith("taille du site : 10 Mo (5 fichiers), 1 % des 1 000 Mo")
    # Largest first, each with its largest folder.
    assert "images des brochures 8,0 Mo (dont programmes/b/brochure/k2/ 5,0 Mo)" in line
    assert line.index("images des brochures") < line.index("PDF 2,0 Mo") < line.index("cartes")
    assert "pages" not in line  # three named: the smallest kinds are not
    assert "\n" not in line


def test_it_warns_from_three_quarters_and_refuses_above_the_limit(tmp_path, monkeypatch):
    output = site(tmp_path, SITE)
    monkeypatch.setattr(size, "LIMIT", 13_000_000)  # 10.08 MB is 78 % of it
    level, line = size.verdict(size.measure(output))
    assert level == "warn" and "plus de 75 % de la limite" in line
    monkeypatch.setattr(size, "LIMIT", 10_000_000)
    level, line = size.verdict(size.measure(output))
    assert level == "refuse" and "au-delà de la limite de GitHub Pages" in line
    assert "« Un site trop gros »" in line  # where the docs say what to do
    result = size.run(SimpleNamespace(output=output))
    assert not result.ok and result.problems[0].message == line


def test_a_file_git_would_not_push_to_github_is_refused(tmp_path):
    output = site(tmp_path, {"brochures/enorme.pdf": 101 * 1024 * 1024, "index.html": 10})
    level, line = size.verdict(size.measure(output))
    assert level == "refuse"
    expected = "brochures/enorme.pdf fait 106 Mo : git ne pousse pas un fichier de plus de 105 Mo"
    assert expected in line


def test_make_publish_states_the_size_and_refuses_a_site_too_large(tmp_path, monkeypatch, capsys):
    config = SimpleNamespace(output=site(tmp_path, SITE))
    cli.check_size(config)
    assert "publish: taille du site : 10 Mo" in capsys.readouterr().out
    monkeypatch.setattr(size, "LIMIT", 5_000_000)
    with pytest.raises(Refused, match="au-delà de la limite de GitHub Pages"):
        cli.check_size(config)
