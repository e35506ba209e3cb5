"""How each optional programme fact reads what an author wrote (plugins/programmes/facts.py)."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from relais.plugins.programmes.facts import (
    FACT_FIELDS,
    Contact,
    Fee,
    Phase,
    Question,
    accessibility,
    capacity,
    faq,
    fees,
    languages,
    money,
    outcomes,
    phases,
    platform,
    rhythm,
    sentences,
    teaching_mode,
    words,
)


def test_places_are_a_whole_number_with_or_without_the_word():
    assert capacity("24") == capacity("24 places") == 24
    for wrong in ("0", "vingt", "24,5", "-3"):
        with pytest.raises(ValueError, match="nombre de places"):
            capacity(wrong)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (
            "178 € — droits nationaux d’inscription",
            Fee(Decimal(178), "droits nationaux d’inscription"),
        ),
        ("3 900 € : formation continue", Fee(Decimal(3900), "formation continue")),
        ("12,50 € (repas)", Fee(Decimal("12.50"), "repas")),
        ("243 euros, droits", Fee(Decimal(243), "droits")),
        ("Gratuit en apprentissage", Fee(Decimal(0), "en apprentissage")),
        ("free under apprenticeship", Fee(Decimal(0), "under apprenticeship")),
    ],
)
def test_fees_are_an_amount_and_what_it_covers_or_free(written, read):
    assert fees(written) == [read]


def test_several_fees_are_a_list_and_an_amount_alone_is_not_enough():
    assert len(fees(["178 € — droits", "gratuit en apprentissage"])) == 2
    for wrong in ("178 €", "environ 200 €", "cher"):
        with pytest.raises(ValueError, match="ce qu’il couvre"):
            fees(wrong)


def test_amounts_read_as_people_write_them_in_the_site_language():
    assert money(Decimal(3900), "fr") == "3\u202f900\u00a0€"
    assert money(Decimal("12.50"), "fr") == "12,50\u00a0€"
    assert money(Decimal(3900), "en") == "€3,900"


def test_fixed_words_are_read_in_french_or_english_whatever_the_case_and_accents():
    assert rhythm("Alternance, formation continue") == ["work-study", "continuing"]
    assert rhythm(["apprentissage", "work-study", "VAE"]) == ["work-study", "vae"]
    assert teaching_mode("Présentiel") == teaching_mode("on site") == "onsite"
    assert teaching_mode("a distance") == "online"
    assert platform("mon master") == platform("Mon Master") == "monmaster"
    assert platform("Formulaire de l’établissement") == "institution"
    with pytest.raises(ValueError, match="l’un de : formation initiale"):
        rhythm("alternance, temps partiel")
    with pytest.raises(ValueError, match="Parcoursup"):
        platform("Parcoursupp")


def test_languages_are_names_in_french_or_english_or_codes():
    assert languages("français, anglais") == ["fr", "en"]
    assert languages(["English", "es"]) == ["en", "es"]
    with pytest.raises(ValueError, match="« anglaise » n’est pas une langue connue"):
        languages("français, anglaise")


def test_sentences_keep_their_commas_and_words_split_on_them():
    assert sentences("Une licence, ou un diplôme équivalent") == [
        "Une licence, ou un diplôme équivalent"
    ]
    assert sentences(["Dossier", "  Entretien  "]) == ["Dossier", "Entretien"]
    assert words("iconographe, documentaliste") == ["iconographe", "documentaliste"]
    with pytest.raises(ValueError):
        sentences({"a": "b"})


def test_phases_are_a_date_or_a_period_then_the_step():
    assert phases(["2027-02-25 au 2027-03-24 dépôt des candidatures", "2027-06-02: réponses"]) == [
        Phase(date(2027, 2, 25), date(2027, 3, 24), "dépôt des candidatures"),
        Phase(date(2027, 6, 2), None, "réponses"),
    ]
    # YAML reads `- 2027-06-02: réponses` as a one-pair mapping: it means the same.
    assert phases([{"2027-06-02": "réponses"}]) == [Phase(date(2027, 6, 2), None, "réponses")]
    with pytest.raises(ValueError, match="une fin après le début"):
        phases("2027-03-24 au 2027-02-25 dépôt")
    with pytest.raises(ValueError, match="AAAA-MM-JJ"):
        phases("25/02/2027 dépôt")


def test_outcomes_need_rate_cohort_source_and_definition_in_either_language():
    read = outcomes(
        [
            {"taux": "87 %", "promotion": "2024", "source": "InserSup", "définition": "à 12 mois"},
            {"rate": "9", "kind": "further study", "cohort": "2023", "source": "Enquête",
             "definition": "en master"},
        ]
    )  # fmt: skip
    assert [(o.kind, o.rate, o.cohort) for o in read] == [
        ("employment", 87, 2024),
        ("study", 9, 2023),
    ]
    with pytest.raises(ValueError, match="élément 1 : il manque « source, définition »"):
        outcomes([{"taux": "87 %", "promotion": "2024"}])
    with pytest.raises(ValueError, match="élément 1 : un taux entre 0 et 100"):
        outcomes([{"taux": "120 %", "promotion": "2024", "source": "x", "définition": "y"}])
    with pytest.raises(ValueError, match="« année » n’est pas prévu"):
        outcomes([{"taux": "87", "année": "2024"}])
    with pytest.raises(ValueError, match="une liste YAML"):
        outcomes("87 % en emploi")


def test_faq_is_question_answer_pairs():
    assert faq([{"question": "Combien ?", "réponse": "Vingt."}]) == [
        Question("Combien ?", "Vingt.")
    ]
    assert faq([{"q": "How many?", "a": "Twenty."}]) == [Question("How many?", "Twenty.")]
    with pytest.raises(ValueError, match="il manque « réponse »"):
        faq([{"question": "Combien ?"}])


def test_the_accessibility_contact_is_an_address_with_an_optional_service_name():
    assert accessibility("Mission handicap — handicap@example.org") == Contact(
        "Mission handicap", "handicap@example.org"
    )
    assert accessibility("handicap@example.org") == Contact("", "handicap@example.org")
    with pytest.raises(ValueError, match="une adresse électronique"):
        accessibility("Mission handicap, bâtiment B")


# --- The authoring guide's examples -----------------------------------------------------------

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"


def guide_blocks() -> list[str]:
    return re.findall(r"```\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.DOTALL)


def test_the_guides_yaml_example_reads_without_error_with_every_field_it_shows():
    (example,) = [b for b in guide_blocks() if b.startswith("---\ntitle: Master")]
    header = yaml.load(example.strip().strip("-"), Loader=yaml.BaseLoader)
    fields = {field.name: field for field in FACT_FIELDS}
    shown = set(header) & set(fields)
    assert {"capacity", "fees", "rhythm", "platform", "phases", "outcomes", "faq"} <= shown
    for name in shown:
        fields[name].parse(header[name])


def test_the_guides_table_examples_read_without_error():
    table = GUIDE.read_text(encoding="utf-8").split("#### Ce que cherchent les candidats")[1]
    fields = {field.name: field for field in FACT_FIELDS}
    examples = re.findall(r"^\| `(\w+)` \| `\1: (.+?)` \|", table, re.MULTILINE)
    assert len(examples) >= 8
    for name, value in examples:
        fields[name].parse(value)
