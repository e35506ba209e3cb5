"""Dates in texts that follow the programme's fields (issue 25): `[[date limite]]` and its
kin written by the build, and a warning naming the file and line for a date written by hand
that is not the programme's. One build of the demo with a few posts and a page; the date
reader itself is tried on French and English sentences."""

from datetime import date

import feedparser
import pytest
from bs4 import BeautifulSoup

from relais.plugins.core.date_mentions import mentions, stated_dates
from tests.sitebuild import build, copy_content

# The demo's programmes: lp-photographie-audiovisuel (deadline 2027-05-15, start
# 2027-09-06) and master-humanites-numeriques (deadline 2027-03-30, start 2027-09-13).
FOLLOWING = """title: Candidatures jusqu’au [[date limite]]
date: 2026-11-28 10:00
category: Formations
programme: master-humanites-numeriques
summary: Le master reçoit les candidatures jusqu’au [[date limite]] ; rentrée le [[rentrée]].

La prochaine réunion : [[prochaine séance]].

Et pour la licence pro : [[date limite: lp-photographie-audiovisuel]].

## Date limite : [[date limite]]
"""
# Line 8 gives a wrong deadline; line 10 the right start; line 12 a wrong deadline as the
# end of a period; line 14 a date that is no deadline nor start.
BY_HAND = """title: Le master en quelques dates
date: 2026-11-27 10:00
category: Formations
programme: master-humanites-numeriques
summary: Les dates à retenir.

Les candidatures sont ouvertes
jusqu’au 15 mai 2027 sur Mon Master.

Rentrée le 13 septembre 2027.

Les dossiers se déposent du 25 février au 31 mars.

Journée d’étude le 4 février 2027.
"""
# A page names no programme: it names the one it speaks of.
PAGE = """title: Calendrier
summary: Les dates des formations.

Licence pro : candidatures jusqu’au [[date limite: lp-photographie-audiovisuel]], rentrée
le [[rentrée: lp-photographie-audiovisuel]].
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("text-dates")
    content = copy_content(root / "content")
    (content / "blog" / "2026-11-candidatures-master.md").write_text(FOLLOWING)
    (content / "blog" / "2026-11-dates-a-la-main.md").write_text(BY_HAND)
    (content / "pages" / "calendrier.md").write_text(PAGE)
    done = build(root, content=content)
    assert done.returncode == 0, done.stderr
    return done


def soup(site, path):
    return BeautifulSoup(site.page(path).read_text(encoding="utf-8"), "lxml")


def test_markers_write_the_programme_s_dates_in_the_site_s_style(site):
    page = soup(site, "blog/2026-11-candidatures-master/")
    assert page.h1.get_text() == "Candidatures jusqu’au 30 mars 2027"
    time = page.select_one('article time[datetime="2027-03-30"]')
    assert time is not None and time.get_text() == "30 mars 2027"
    text = page.select_one("article").get_text(" ", strip=True)
    assert "pour la licence pro : 15 mai 2027" in text
    assert "Date limite : 30 mars 2027" in text and "[[" not in text
    # The next event of the programme, with its day and time, linked to its page.
    [link] = [a for a in page.select("article a") if a.time and "/events/" in a["href"]]
    assert link["href"].endswith("/events/journee-etude-correspondances/")
    assert link.time.get_text() == "samedi 12 décembre 2026, 14:00"
    description = page.select_one('meta[name="description"]')["content"]
    assert description == (
        "Le master reçoit les candidatures jusqu’au 30 mars 2027 ; rentrée le 13 septembre 2027."
    )


def test_feeds_and_social_messages_say_the_same_date(site):
    for network in ("x", "bluesky"):
        parsed = feedparser.parse((site.output / f"feeds/social/{network}.rss.xml").read_bytes())
        [entry] = [e for e in parsed.entries if "2026-11-candidatures-master" in e.id]
        assert entry.title.startswith("Candidatures jusqu’au 30 mars 2027 — ")
        assert "[[" not in entry.title


def test_a_page_names_the_programme_it_speaks_of(site):
    text = " ".join(soup(site, "calendrier/").select_one("article").get_text().split())
    assert "candidatures jusqu’au 15 mai 2027, rentrée le 6 septembre 2027." in text


def test_a_date_written_by_hand_that_is_not_the_programme_s_is_a_warning_with_its_line(site):
    warnings = [line for line in site.stderr.splitlines() if "dates-a-la-main.md:" in line]
    assert len(warnings) == 2, warnings
    assert (
        "dates-a-la-main.md:8 : « 15 mai 2027 » : la date limite de candidature de Master "
        in (warnings[0])
    )
    assert "est le 30 mars 2027 (champ « deadline » de" in warnings[0]
    assert "attendu : [[date limite]]" in warnings[0]
    assert "dates-a-la-main.md:12 : « 31 mars »" in warnings[1]
    # The demo's own texts agree with their programmes: no warning.
    assert "ouverture-lp-photo" not in site.stderr


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("Candidatures jusqu’au 15 mai 2027.", [("15 mai 2027", "deadline")]),
        ("Date limite : 1er mars", [("1er mars", "deadline")]),
        ("Dépôt des dossiers avant le 30/03/2027.", [("30/03/2027", "deadline")]),
        ("Candidatures du 1er février au 15 mai.", [("15 mai", "deadline")]),
        ("La rentrée a lieu le lundi 6 septembre 2027.", [("6 septembre 2027", "start")]),
        ("Applications close on May 15, 2027.", [("May 15, 2027", "deadline")]),
        ("Classes start on 6 September 2027.", [("6 September 2027", "start")]),
        ("Portes ouvertes le 12 mars 2027.", []),
        ("Jusqu’au 15 mai, l’exposition est ouverte.", []),  # not about applying
    ],
)
def test_dates_given_as_a_deadline_or_a_start_are_recognised(text, stated):
    assert [(mention.text, what) for mention, what in stated_dates(text)] == stated


def test_a_date_without_its_year_names_that_day_in_any_year():
    [mention] = mentions("le 15 mai")
    assert mention.is_day(date(2027, 5, 15)) and mention.is_day(date(2028, 5, 15))
    assert not mention.is_day(date(2027, 5, 16))
    assert mentions("le 31 février") == [] and mentions("56 étudiants") == []


def test_an_english_site_says_the_date_in_english():
    from types import SimpleNamespace

    from relais.plugins.programmes.text_dates import _said, key_of

    programme = SimpleNamespace(facts=SimpleNamespace(deadline=date(2027, 3, 30)))
    assert key_of("Deadline") == key_of("date  limite") == "deadline"
    assert key_of("rentrée") == key_of("start") == "start"
    assert _said("deadline", programme, False, "en", "", None) == "March 30, 2027"
    assert _said("deadline", programme, True, "fr", "", None) == (
        '<time datetime="2027-03-30">30 mars 2027</time>'
    )
