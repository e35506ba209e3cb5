"""The facts applicants look for, on the programme page and side by side on /programmes/
(issue 15, parts 1 and 3): shown when given, absent when not, in the site's language; a
wrong value is one line naming the file and the field; the comparison is a table on a
desktop and a list on a phone, both passing axe and the Nu checker."""

import re
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from relais.checks import accessibility, html_validator, tools
from relais.checks.server import serve
from relais.checks.site import Site
from tests.sitebuild import build, copy_content, serve_build

MASTER = "programmes/master-humanites-numeriques/"
LP = "programmes/lp-photographie-audiovisuel/"
BARE = "programmes/du-bare/"
LP_TITLE = "Licence professionnelle Gestion et édition de fonds photographiques et audiovisuels"
DESKTOP, PHONE = 1280, 390

BARE_PROGRAMME = """title: Diplôme d’université Écritures numériques
short_title: DU écritures numériques
degree: Diplôme d’université
level: Bac+3
duration: 6 mois
ects: 30
location: Poitiers
start: 2027-10-04
deadline: 2027-06-30
apply_url: https://candidature.example.org/du
contact: du@example.org
summary: Un diplôme court sans aucun des champs facultatifs.

Texte.
"""


def facts_of(soup) -> dict[str, str]:
    return {
        # Spaces and line breaks only: the no-break spaces of "3 900 €" stay.
        div.dt.get_text(strip=True): re.sub(r"[ \t\n]+", " ", div.dd.get_text(" ", strip=True))
        for div in soup.select("dl.facts > div")
    }


def parse(site, url_path):
    return BeautifulSoup(site.page(url_path).read_text(encoding="utf-8"), "lxml")


# --- The programme page ---------------------------------------------------------------------


def test_the_facts_box_shows_each_fact_the_file_gives(soup_of):
    facts = facts_of(soup_of(MASTER))
    assert facts["Places"] == "20"
    assert facts["Rythme"] == "Formation initiale, Formation continue"
    assert facts["Modalité"] == "Hybride (présentiel et à distance)"
    assert facts["Langues d’enseignement"] == "français, anglais"
    assert facts["Frais"].startswith("250\u00a0€ — droits nationaux d’inscription en master")
    assert "3\u202f900\u00a0€ — formation continue" in facts["Frais"]
    assert facts["Candidature sur"] == "Mon Master"
    assert facts["Handicap et accessibilité"].startswith("Service handicap de l’université")
    lp = facts_of(soup_of(LP))
    assert lp["Places"] == "16" and lp["Rythme"] == "Alternance (apprentissage)"
    assert lp["Frais"].startswith("Gratuit en apprentissage")
    assert lp["Candidature sur"] == "eCandidat"


def test_admission_outcomes_and_faq_are_sections_of_the_page(soup_of):
    page = soup_of(MASTER)
    admission = page.select_one('section[aria-labelledby="admission"]')
    assert [h.get_text() for h in admission.find_all("h3")] == [
        "Attendus et prérequis",
        "Étapes de la sélection",
        "Calendrier de candidature sur Mon Master",
    ]
    first_phase = admission.select_one("ul.phases li")
    assert [t["datetime"] for t in first_phase.find_all("time")] == ["2027-02-25", "2027-03-30"]
    rates = [li.get_text(" ", strip=True) for li in page.select("ul.outcomes li")]
    assert rates[0].startswith("82 % en emploi — diplômés en emploi salarié en France")
    assert "Source : InserSup (chiffres fictifs de démonstration), diplômés 2024." in rates[0]
    faq = page.select_one("section.faq")
    assert faq.h2.get_text() == "Questions fréquentes"
    assert faq.h3.get_text() == "Faut-il savoir programmer pour candidater ?"
    # The licence gives no FAQ and no rates: neither section appears empty.
    lp = soup_of(LP)
    assert lp.select("section.faq, ul.outcomes") == []
    assert lp.select_one('section[aria-labelledby="debouches"] h3').get_text() == "Métiers visés"


# --- A programme without them, in English ---------------------------------------------------


@pytest.fixture(scope="module")
def english_site(tmp_path_factory):
    """The demo in English, with a third programme that gives none of the optional facts,
    built after the master's deadline (30 March 2027) and before the others'."""
    work = tmp_path_factory.mktemp("facts-en")
    content = copy_content(work / "content")
    (content / "programmes" / "du-bare.md").write_text(BARE_PROGRAMME, encoding="utf-8")
    site = build(work, content=content, settings={"DEFAULT_LANG": "en"}, build_date="2027-04-01")
    assert site.returncode == 0, site.stderr
    return site


def test_a_programme_without_optional_facts_shows_none_of_them(english_site):
    page = parse(english_site, BARE)
    facts = facts_of(page)
    assert set(facts) == {
        "Degree",
        "Level",
        "Duration",
        "ECTS credits",
        "Location",
        "Start date",
        "Application deadline",
        "Contact",
    }, facts
    assert page.select("#admission, #debouches, section.faq") == []


def test_an_english_site_names_the_facts_in_english(english_site):
    facts = facts_of(parse(english_site, MASTER))
    assert facts["Places"] == "20"
    assert facts["Rhythm"] == "Initial education, Continuing education"
    assert facts["Teaching mode"] == "Hybrid (on site and distance)"
    assert facts["Languages of teaching"] == "French, English"
    assert facts["Fees"].startswith("€250 — ")
    table = parse(english_site, "programmes/").select_one("table.compare-table")
    assert table.caption.get_text().startswith("The programmes side by side")
    for template in table.find_all("template"):  # a later state, not shown
        template.decompose()
    rows = {tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr("td")]
            for tr in table.select("tbody tr")}  # fmt: skip
    assert rows["Diplôme d’université Écritures numériques"][2] == "not given"
    assert rows["Master Humanités numériques"][3] == "March 30, 2027 (applications closed)"
    assert rows[LP_TITLE][3] == "May 15, 2027"


# --- Mistakes -------------------------------------------------------------------------------


WRONG = {
    "capacity": ("vingt", "un nombre de places, par exemple 24"),
    "rhythm": ("alternance, temps partiel", "l’un de : formation initiale"),
    "teaching_mode": ("en ligne parfois", "l’un de : présentiel"),
    "languages": ("français, anglaise", "« anglaise » n’est pas une langue connue"),
    "fees": ("178 €", "un montant en euros puis ce qu’il couvre"),
    "platform": ("Parcoursupp", "l’un de : Parcoursup"),
    "phases": ("15/03/2027 dépôt", "une date AAAA-MM-JJ"),
    "accessibility": ("Mission handicap", "une adresse électronique"),
}


def test_each_wrong_fact_is_one_line_naming_the_file_and_the_field(tmp_path):
    content = copy_content(tmp_path / "content")
    lp = content / "programmes" / "lp-photographie-audiovisuel.md"
    head, body = lp.read_text(encoding="utf-8").split("\n\n", 1)
    kept = [line for line in head.splitlines() if line.split(":")[0] not in WRONG]
    kept = [line for line in kept if not line.startswith("    ")]  # continuation lines
    lines = [f"{field}: {value}" for field, (value, _) in WRONG.items()]
    lp.write_text("\n".join([*kept, *lines]) + "\n\n" + body, encoding="utf-8")
    master = content / "programmes" / "master-humanites-numeriques.md"
    text = master.read_text(encoding="utf-8")
    master.write_text(
        text.replace("    source: InserSup (chiffres fictifs de démonstration)\n", "")
    )
    site = build(tmp_path, content=content)
    assert site.returncode == 1
    errors = [line for line in site.stderr.splitlines() if line.startswith("ERREUR")]
    for field, (value, expected) in WRONG.items():
        (line,) = [e for e in errors if f"champ « {field} »" in e]
        assert "lp-photographie-audiovisuel.md" in line and f"« {value} »" in line, line
        assert expected in line, line
    (outcome,) = [e for e in errors if "champ « outcomes »" in e]
    assert "master-humanites-numeriques.md" in outcome
    assert "élément 1 : il manque « source »" in outcome
    assert not (tmp_path / "output").exists()


# --- Comparing programmes on /programmes/ ---------------------------------------------------


def test_the_comparison_table_has_a_caption_and_headers_for_columns_and_rows(soup_of):
    page = soup_of("programmes/")
    table = page.select_one("section.compare table")
    assert table.caption.get_text(strip=True)
    headers = [th.get_text(strip=True) for th in table.select("thead th[scope=col]")]
    assert headers == [
        "Formation",
        "Niveau",
        "Rythme",
        "Places",
        "Date limite de candidature",
        "Frais",
    ]
    rows = table.select("tbody tr")
    cards = [a.get_text() for a in page.select(".cards .card-title a")]
    assert [tr.select_one("th[scope=row]").get_text(strip=True) for tr in rows] == cards
    master = next(tr for tr in rows if "Humanités" in tr.th.get_text())
    for template in master.find_all("template"):  # the state after the deadline, not shown
        template.decompose()
    cells = [td.get_text(" ", strip=True) for td in master.find_all("td")]
    assert cells[:4] == [
        "Master, Bac+5",
        "Formation initiale, Formation continue",
        "20",
        "30 mars 2027",
    ]
    assert master.find_all("td")[3].time["datetime"] == "2027-03-30"
    # The phone list says the same, programme by programme.
    listed = page.select("ul.compare-list > li")
    assert [li.h3.get_text(strip=True) for li in listed] == cards


@pytest.mark.browser
def test_the_comparison_is_a_table_on_a_desktop_and_a_list_on_a_phone(built_site, browser):
    context = browser.new_context()
    # Served at its own SITEURL: the page's stylesheet is an absolute address there.
    with serve_build(built_site):
        page = context.new_page()
        page.goto(f"{built_site.siteurl}/programmes/")
        for width, table, listed in ((DESKTOP, True, False), (PHONE, False, True)):
            page.set_viewport_size({"width": width, "height": 800})
            assert page.locator("table.compare-table").is_visible() is table, width
            assert page.locator("ul.compare-list").is_visible() is listed, width
            scroll = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
            assert scroll[0] <= scroll[1], f"{width} px: the page scrolls sideways {scroll}"
    context.close()


@pytest.mark.browser
def test_programme_pages_pass_axe_at_both_widths_and_the_nu_checker(
    built_site, browser, monkeypatch
):
    widths = {
        "mobile": {"width": PHONE, "height": 800},
        "desktop": {"width": DESKTOP, "height": 800},
    }
    monkeypatch.setattr(accessibility, "VIEWPORTS", widths)
    context = browser.new_context()
    context.add_init_script(path=str(tools.AXE_JS))
    with serve(Site(built_site.output, built_site.siteurl)) as server:
        for rel in ("programmes/index.html", f"{MASTER}index.html", f"{LP}index.html"):
            page = context.new_page()
            found = accessibility.check_page(page, server, rel, ["light"], Counter())
            page.close()
            assert found == [], [str(p) for p in found]
    context.close()
    # Every page under /programmes/: the list, both programmes, their brochure pages.
    checked = html_validator.run(Site(built_site.output / "programmes"))
    assert checked.problems == [], [str(p) for p in checked.problems]
