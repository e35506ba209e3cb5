"""make new and make upgrade, function by function: names, dates and refusals."""

import json
import shutil
from datetime import date
from pathlib import Path
from string import Template

import pytest

from relais.degrees import degree_facts
from relais.newsite import (
    SKELETON,
    Answers,
    Refusal,
    site_is_pristine_demo,
    validate,
    values,
    yaml_quoted,
)
from relais.slugs import slug_from_title
from tests.sitebuild import DEMO

ANSWERS = Answers(
    name="Master Humanités numériques",
    url="https://hn.example.fr",
    institution="Université d’Exemple",
    email="master-hn@example.fr",
    programme="Master Humanités numériques",
    pdf=DEMO / "content" / "brochures" / "master-humanites-numeriques.pdf",
    deadline="2027-03-13",
    start="2027-09-06",
    apply="https://www.monmaster.gouv.fr/",
    place="Maison des sciences de l’homme, Poitiers",
)
MADE_ON = date(2026, 11, 29)
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


def test_only_what_a_national_degree_fixes_is_filled_in_the_rest_is_to_confirm():
    assert degree_facts("Master Humanités numériques")["ects"] == "120"
    assert degree_facts("Licence professionnelle Métiers du livre")["duration"] == "1 an"
    assert degree_facts("BUT Informatique")["level"] == "Bac+3"
    du = degree_facts("Diplôme d’université Photographie")
    assert du["degree"] == "Diplôme d’université"
    assert du["level"] == du["duration"] == du["ects"] == "à préciser"
    assert set(degree_facts("Certificat Photographie").values()) == {"à préciser"}


def test_dates_place_and_apply_address_are_the_answers_never_guesses():
    made = values(ANSWERS, MADE_ON)
    assert (made["deadline"], made["start"]) == ("2027-03-13", "2027-09-06")
    assert made["apply_url"] == "https://www.monmaster.gouv.fr/"
    assert made["location"] == "Maison des sciences de l’homme, Poitiers"
    assert made["institution"] not in made["location"]
    unknown_place = values(Answers(**{**ANSWERS.__dict__, "place": "À préciser"}), MADE_ON)
    assert unknown_place["location"] == "à préciser"
    header = yaml_quoted(made)
    assert (header["deadline"], header["start"]) == ("2027-03-13", "2027-09-06")


def test_the_skeleton_invents_no_date_and_its_post_and_event_are_drafts():
    for name in ("blog/POST.md", "events/EVENT.md"):
        text = (SKELETON / "content" / name).read_text(encoding="utf-8")
        assert "\nstatus: draft\n" in text
    post = (SKELETON / "content" / "blog" / "POST.md").read_text(encoding="utf-8")
    assert "[[date limite]]" in post and "[[rentrée]]" in post  # they follow the programme
    assert "\nstart: à préciser\n" in (SKELETON / "content/events/EVENT.md").read_text()
    programme = (SKELETON / "content" / "programmes" / "PROGRAMME.md").read_text()
    assert "## Après la formation" not in programme  # the page makes that section itself
    assert "location: $location" in programme and "apply_url: $apply_url" in programme


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"url": "http://hn.example.fr"}, "URL"),
        ({"url": "hn.example.fr"}, "URL"),
        ({"email": "master hn"}, "EMAIL"),
        ({"pdf": Path("/nonexistent.pdf")}, "introuvable"),
        ({"pdf": Path(__file__)}, "n’est pas un PDF"),
        ({"programme": "  "}, "PROGRAMME"),
        ({"deadline": "15/05/2027"}, "DEADLINE : « 15/05/2027 » : attendu une date"),
        ({"deadline": "2027-02-30"}, "DEADLINE"),
        ({"deadline": "2026-05-15"}, "DEADLINE : « 2026-05-15 » : la date limite est passée"),
        ({"start": "à préciser"}, "START"),
        ({"deadline": "2027-10-01"}, "tombe après la rentrée"),
        ({"apply": "http://www.monmaster.gouv.fr/"}, "APPLY"),
        ({"place": " "}, "PLACE"),
    ],
)
def test_wrong_answers_are_refused_with_the_variable_to_correct(change, message):
    with pytest.raises(Refusal, match=message):
        validate(Answers(**{**ANSWERS.__dict__, **change}), MADE_ON)


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
    replies = iter(
        ["https://hn.example.fr", "master-hn@example.fr", str(ANSWERS.pdf), "13/03/2027",
         "2027-03-13", "2027-09-06", ANSWERS.apply, ANSWERS.place]
    )  # fmt: skip
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: asked.append(question) or next(replies))
    given = argparse.Namespace(
        name=ANSWERS.name, url="", institution=ANSWERS.institution, email="",
        programme=ANSWERS.programme, pdf="", deadline="", start="", apply="", place="",
    )  # fmt: skip
    answers = ask_missing(given, MADE_ON)
    assert [question.split(" (")[0].split(",")[0].split(" :")[0] for question in asked] == [
        "Adresse publique du site",
        "Adresse électronique de contact",
        "Chemin de sa brochure PDF",
        "Date limite de candidature",  # « 13/03/2027 » is not a date: asked again
        "Date limite de candidature",
        "Date de la rentrée",
        "Adresse où candidater",
        "Lieu des cours",
    ]
    assert answers == ANSWERS
