"""make new and make upgrade, function by function: names, dates and refusals."""

import json
import shutil
from datetime import date
from pathlib import Path
from string import Template

import pytest

from relais.degrees import degree_facts
from relais.newsite import SKELETON, Answers, Refusal, site_is_pristine_demo, validate, values
from relais.slugs import slug_from_title
from tests.sitebuild import DEMO

ANSWERS = Answers(
    name="Master Humanités numériques",
    url="https://hn.example.fr",
    institution="Université d’Exemple",
    email="master-hn@example.fr",
    programme="Master Humanités numériques",
    pdf=DEMO / "content" / "brochures" / "master-humanites-numeriques.pdf",
)
DEMO_SETTINGS = {
    "sitename": "Formations & relais",
    "description": (
        "Les formations de l’IUT et leurs actualités : dates clés, brochures, candidatures."
    ),
    "institution": "Université de démonstration — IUT",
    "institution_url": "https://www.example.org/",
    "email": "communication@example.org",
    "uid_domain": "example.org",
    "siteurl": "https://relais-demo.github.io/relais",
}


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Master Humanités numériques", "master-humanites-numeriques"),
        ("Licence pro « Métiers du livre » : l’édition", "licence-pro-metiers-du-livre-l-edition"),
        ("数字人文硕士", "shu-zi-ren-wen-shuo-shi"),
        ("!!!", "formation"),
        (
            "Master " + "très long intitulé " * 10,
            "master-tres-long-intitule-tres-long-intitule-tres-long",
        ),
    ],
)
def test_a_programme_file_is_named_after_its_title_in_url_safe_words(title, slug):
    assert slug_from_title(title) == slug
    assert len(slug) <= 60


def test_degree_facts_are_guessed_from_the_title_and_marked_when_unknown():
    assert degree_facts("Master Humanités numériques")["ects"] == "120"
    assert degree_facts("Licence professionnelle Métiers du livre")["duration"] == "1 an"
    assert degree_facts("BUT Informatique")["level"] == "Bac+3"
    assert degree_facts("Diplôme d’université Photographie")["level"] == "à préciser"


def test_dates_are_in_the_future_of_the_day_the_site_is_made():
    autumn = values(ANSWERS, date(2026, 11, 29))
    assert (autumn["start"], autumn["deadline"]) == ("2027-09-01", "2027-05-15")
    spring = values(ANSWERS, date(2027, 3, 2))
    assert (spring["start"], spring["deadline"]) == ("2027-09-01", "2027-05-15")
    summer = values(ANSWERS, date(2027, 7, 1))
    assert (summer["start"], summer["deadline"]) == ("2028-09-01", "2028-05-15")
    assert autumn["event_day"] == "2026-12-27"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"url": "http://hn.example.fr"}, "--url"),
        ({"url": "hn.example.fr"}, "--url"),
        ({"email": "master hn"}, "--email"),
        ({"pdf": Path("/nonexistent.pdf")}, "introuvable"),
        ({"pdf": Path(__file__)}, "n’est pas un PDF"),
        ({"programme": "  "}, "--programme"),
    ],
)
def test_wrong_answers_are_refused_with_the_option_to_correct(change, message):
    with pytest.raises(Refusal, match=message):
        validate(Answers(**{**ANSWERS.__dict__, **change}))


def test_only_a_checkout_still_holding_the_demo_counts_as_fresh(tmp_path):
    shutil.copytree(DEMO, tmp_path / "demo")  # the kit's demo, beside the site: compared
    shutil.copytree(DEMO / "content", tmp_path / "content")
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy2(DEMO / name, tmp_path / name)
    assert site_is_pristine_demo(tmp_path) == []
    (tmp_path / "content" / "blog" / "x.md").write_text("title: x\n")
    (tmp_path / "pelicanconf.py").write_text("SITENAME = 'Nous'\n")
    assert site_is_pristine_demo(tmp_path) == ["pelicanconf.py", "content/"]


def test_the_demo_settings_are_the_skeleton_filled_with_the_demo_answers():
    """So `make new` writes settings files that are known to build and pass the gates."""
    literals = {key: json.dumps(value, ensure_ascii=False) for key, value in DEMO_SETTINGS.items()}
    for name in ("pelicanconf.py", "publishconf.py"):
        template = Template((SKELETON / f"{name}.tmpl").read_text(encoding="utf-8"))
        assert template.substitute(literals) == (DEMO / name).read_text(encoding="utf-8")


def test_make_new_asks_in_french_for_what_was_not_given(monkeypatch):
    import argparse

    from relais.newsite import ask_missing

    asked = []
    replies = iter(["https://hn.example.fr", "master-hn@example.fr", str(ANSWERS.pdf)])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or next(replies))
    given = argparse.Namespace(
        name=ANSWERS.name, url="", institution=ANSWERS.institution, email="",
        programme=ANSWERS.programme, pdf="",
    )  # fmt: skip
    answers = ask_missing(given)
    assert [question.split(" (")[0].split(" :")[0] for question in asked] == [
        "Adresse publique du site, en https",
        "Adresse électronique de contact",
        "Chemin de sa brochure PDF",
    ]
    assert answers == ANSWERS
