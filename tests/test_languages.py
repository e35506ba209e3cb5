"""French by default; English with one setting; no interface string left untranslated."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from bs4 import BeautifulSoup

from relais.plugins.theme_i18n import catalogue_for
from tests.sitebuild import DEMO, ROOT, build


def template_strings():
    method_map = [("templates/**.html", "jinja2")]
    options = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = extract_from_dir(str(ROOT / "theme"), method_map=method_map, options_map=options)
    return {message for _file, _line, message, _comments, _context in found}


def test_every_interface_string_has_an_english_translation():
    english = catalogue_for(str(ROOT / "theme"), "en")
    missing = sorted(template_strings() - english.keys())
    assert not missing, f"add these to theme/translations/en/LC_MESSAGES/messages.po: {missing}"


def test_an_english_site_speaks_english(tmp_path):
    site = build(tmp_path, settings={"DEFAULT_LANG": "en"})
    assert site.returncode == 0, site.stderr
    page = BeautifulSoup(
        site.page("programmes/lp-photographie-audiovisuel/").read_text(encoding="utf-8"), "lxml"
    )
    assert page.html["lang"] == "en"
    assert [a.get_text(strip=True) for a in page.select("header nav a")][:2] == [
        "Programmes",
        "News",
    ]
    assert page.select_one("#candidater").get_text(strip=True) == "Apply"
    deadline = page.select_one("section.apply time").get_text(strip=True)
    assert deadline == "May 15, 2027"


def test_an_unknown_language_is_refused_with_the_available_ones(tmp_path):
    site = build(tmp_path, settings={"DEFAULT_LANG": "xx"})
    assert site.returncode == 1
    assert "ERREUR demo/pelicanconf.py: réglage « DEFAULT_LANG » : Langue « xx »" in site.stderr
    assert "en, fr" in site.stderr
    assert "Traceback" not in site.stderr + site.stdout


def test_french_is_the_default(soup_of):
    home = soup_of("")
    assert home.html["lang"] == "fr"
    assert home.select_one("a.skip-link").get_text() == "Aller au contenu"
    assert Path(DEMO / "pelicanconf.py").read_text().count('DEFAULT_LANG = "fr"') == 1


def test_french_dates_read_as_people_write_them(soup_of):
    """ "1er mars", not "1 mars": on the programme's facts and in the calendar."""
    facts = soup_of("programmes/lp-photographie-audiovisuel/").get_text(" ", strip=True)
    assert "du 1er mars 2027 au 15 mai 2027" in facts
    assert " 1 mars" not in facts
    calendar = soup_of("events/").get_text(" ", strip=True)
    assert "1er juin" in calendar and " 1 juin" not in calendar
