"""The events calendar, end to end: the demo site's agenda, event pages and iCalendar files.

Each .ics file is read back by two independent parsers (icalendar, vobject), each page's
JSON-LD by extruct. Unit tests of the plugin's parts: plugins/events/test_events.py.
"""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import extruct
import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from tests.sitebuild import build, copy_content, free_port

DST_EVENT = "hackathon-editions-numeriques-2027"
CANCELLED = "atelier-portfolio-janvier-2027"
POSTPONED = "journee-etude-correspondances"  # in edited_site only
EVENT_PAGES = {
    "atelier-portfolio-janvier-2027",
    "campagne-alternance-ete-2027",
    "hackathon-editions-numeriques-2027",
    "journee-etude-correspondances",
    "portes-ouvertes-2027",
    "presentation-lp-photo-2027",
    "reunion-information-master-hn",
    "salon-etudiant-bordeaux-2026",
}
PROGRAMMES = ("lp-photographie-audiovisuel", "master-humanites-numeriques")


def soup(site, url_path):
    return BeautifulSoup(site.page(url_path).read_text(encoding="utf-8"), "lxml")


def calendars(site) -> dict[str, bytes]:
    return {
        str(path.relative_to(site.output)): path.read_bytes()
        for path in sorted(site.output.rglob("*.ics"))
    }


def vevents_by_uid(data: bytes) -> dict[str, str]:
    """The raw text of each VEVENT, by UID (to compare events across builds)."""
    text = data.decode("utf-8").replace("\r\n ", "")
    blocks = re.findall(r"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", text, re.S)
    return {re.search(r"^UID:(.*)\r$", block, re.M)[1]: block for block in blocks}


def jsonld_event(site, url_path):
    html = site.page(url_path).read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=f"{site.siteurl}/{url_path}", syntaxes=["json-ld"])
    events = [node for node in data["json-ld"] if node.get("@type") == "Event"]
    assert len(events) == 1
    return events[0]


def section_links(page, heading_id) -> set[str]:
    section = page.find(attrs={"aria-labelledby": heading_id})
    return {
        urlsplit(a["href"]).path.strip("/").split("/")[-1] for a in section.select("h3 a, h4 a")
    }


# --- iCalendar files -----------------------------------------------------------------


def test_every_calendar_is_written(built_site):
    files = calendars(built_site)
    expected = {"events/agenda.ics"}
    expected |= {f"programmes/{slug}/agenda.ics" for slug in PROGRAMMES}
    expected |= {f"events/{slug}.ics" for slug in EVENT_PAGES}
    assert set(files) == expected


def test_every_calendar_parses_with_two_independent_parsers(built_site):
    for name, data in calendars(built_site).items():
        ical = icalendar.Calendar.from_ical(data)
        vcal = vobject.readOne(data.decode("utf-8"))
        assert vcal.validate(), name
        ical_uids = [str(event["UID"]) for event in ical.events]
        vobject_uids = [event.uid.value for event in vcal.vevent_list]
        assert ical_uids == vobject_uids and ical_uids, name
        assert len(set(ical_uids)) == len(ical_uids), name
        assert str(ical["VERSION"]) == "2.0" and str(ical["PRODID"]).startswith("-//"), name
        assert ical.get_missing_tzids() == set(), name  # a VTIMEZONE for every TZID
        for event in ical.events:
            for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL", "SEQUENCE"):
                assert required in event, (name, required)
            assert event["DTSTAMP"].dt.tzinfo is not None and event["DTSTAMP"].dt.utcoffset() == (
                timedelta(0)
            )
        lines = data.split(b"\r\n")
        assert lines[-1] == b"" and all(len(line) <= 75 for line in lines), name


def test_feeds_name_themselves_and_say_how_often_to_reload(built_site):
    agenda = icalendar.Calendar.from_ical(built_site.page("events/agenda.ics").read_bytes())
    assert str(agenda["X-WR-CALNAME"]) == "Formations & relais — Agenda"
    assert str(agenda["X-PUBLISHED-TTL"]) == "PT12H"
    assert agenda["REFRESH-INTERVAL"].dt == timedelta(hours=12)
    assert str(agenda["URL"]) == f"{built_site.siteurl}/events/"
    lp = icalendar.Calendar.from_ical(
        built_site.page("programmes/lp-photographie-audiovisuel/agenda.ics").read_bytes()
    )
    assert "Licence pro photographie" in str(lp["X-WR-CALNAME"])


@pytest.mark.parametrize(
    "path", ["events/agenda.ics", *(f"programmes/{p}/agenda.ics" for p in PROGRAMMES)]
)
def test_refresh_interval_is_typed_as_a_duration_for_both_parsers(built_site, path):
    """RFC 7986 §5.7: REFRESH-INTERVAL;VALUE=DURATION:PT12H; the VALUE parameter is part of
    the property's grammar, and clients that check it ignore a bare REFRESH-INTERVAL."""
    data = built_site.page(path).read_bytes()
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT12H\r\n" in data
    ical = icalendar.Calendar.from_ical(data)["REFRESH-INTERVAL"]
    assert ical.params["VALUE"] == "DURATION" and ical.dt == timedelta(hours=12)
    vcal = vobject.readOne(data.decode("utf-8")).contents["refresh-interval"]
    assert [(line.params, line.value) for line in vcal] == [({"VALUE": ["DURATION"]}, "PT12H")]


def test_feeds_hold_every_event_and_the_programme_dates(built_site):
    agenda = vevents_by_uid(built_site.page("events/agenda.ics").read_bytes())
    expected = {f"{slug}@example.org" for slug in EVENT_PAGES}
    for slug in PROGRAMMES:
        expected |= {f"{slug}-date-limite@example.org", f"{slug}-rentree@example.org"}
    assert set(agenda) == expected
    master = vevents_by_uid(
        built_site.page("programmes/master-humanites-numeriques/agenda.ics").read_bytes()
    )
    assert set(master) == {
        "master-humanites-numeriques-date-limite@example.org",
        "master-humanites-numeriques-rentree@example.org",
        "reunion-information-master-hn@example.org",
        "hackathon-editions-numeriques-2027@example.org",
        "journee-etude-correspondances@example.org",
    }
    assert (
        "DTSTART;VALUE=DATE:20270330"
        in master["master-humanites-numeriques-date-limite@example.org"]
    )


def test_the_programme_deadline_is_an_all_day_event_with_exclusive_end(built_site):
    ical = icalendar.Calendar.from_ical(built_site.page("events/agenda.ics").read_bytes())
    (deadline,) = [
        e
        for e in ical.events
        if str(e["UID"]).startswith("lp-photo") and "date-limite" in str(e["UID"])
    ]
    assert deadline["DTSTART"].dt == date(2027, 5, 15)
    assert deadline["DTEND"].dt == date(2027, 5, 16)
    assert str(deadline["URL"]) == f"{built_site.siteurl}/programmes/lp-photographie-audiovisuel/"


def test_the_summer_campaign_spans_june_to_september(built_site):
    data = built_site.page("events/campagne-alternance-ete-2027.ics").read_bytes()
    vcal = vobject.readOne(data.decode("utf-8"))
    assert vcal.vevent.dtstart.value == date(2027, 6, 1)
    assert vcal.vevent.dtend.value == date(2027, 10, 1)  # exclusive: 30 September included
    assert vcal.vevent.transp.value == "TRANSPARENT"


def test_an_event_across_the_dst_change_keeps_its_wall_time_in_the_feeds(built_site):
    for path in ("events/agenda.ics", f"events/{DST_EVENT}.ics"):
        data = built_site.page(path).read_bytes()
        (ical_event,) = [
            e for e in icalendar.Calendar.from_ical(data).events if DST_EVENT in str(e["UID"])
        ]
        (vobject_event,) = [
            e for e in vobject.readOne(data.decode()).vevent_list if DST_EVENT in e.uid.value
        ]
        for start, end in (
            (ical_event["DTSTART"].dt, ical_event["DTEND"].dt),
            (vobject_event.dtstart.value, vobject_event.dtend.value),
        ):
            assert (start.hour, start.minute, start.utcoffset()) == (18, 0, timedelta(hours=1))
            assert (end.hour, end.minute, end.utcoffset()) == (18, 0, timedelta(hours=2))
            assert end.astimezone(UTC) == datetime(2027, 3, 28, 16, 0, tzinfo=UTC)


def test_an_event_across_the_dst_change_keeps_its_wall_time_on_the_page(built_site):
    page = soup(built_site, f"events/{DST_EVENT}/")
    when = page.select_one(".facts time")
    assert when["datetime"] == "2027-03-26T18:00:00+01:00"
    assert when.get_text() == "vendredi 26 mars 2027, 18:00 – dimanche 28 mars 2027, 18:00"
    data = jsonld_event(built_site, f"events/{DST_EVENT}/")
    assert (data["startDate"], data["endDate"]) == (
        "2027-03-26T18:00:00+01:00",
        "2027-03-28T18:00:00+02:00",
    )


def test_a_cancelled_event_stays_in_the_feeds_as_cancelled(built_site):
    for path in (
        "events/agenda.ics",
        "programmes/lp-photographie-audiovisuel/agenda.ics",
        f"events/{CANCELLED}.ics",
    ):
        event = vevents_by_uid(built_site.page(path).read_bytes())[f"{CANCELLED}@example.org"]
        assert "STATUS:CANCELLED" in event
        assert "SEQUENCE:1" in event
        assert "SUMMARY:Annulé : Atelier « Préparer son portfolio »" in event


# --- pages ----------------------------------------------------------------------------


def test_a_cancelled_event_page_says_so_and_offers_no_calendar_links(built_site):
    page = soup(built_site, f"events/{CANCELLED}/")
    assert page.title.get_text().startswith("Annulé : ")
    assert "Cet événement est annulé." in page.select_one(".event-status").get_text()
    assert page.select_one(".facts s time") is not None  # the date is struck through
    assert not page.select('a[href^="https://calendar.google.com"]')
    assert jsonld_event(built_site, f"events/{CANCELLED}/")["eventStatus"] == (
        "https://schema.org/EventCancelled"
    )
    agenda_item = (
        soup(built_site, "events/").find("a", href=re.compile(CANCELLED)).find_parent("li")
    )
    assert "Annulé" in agenda_item.get_text()


def test_an_event_page_offers_its_ics_google_outlook_and_a_subscription(built_site):
    page = soup(built_site, "events/portes-ouvertes-2027/")
    links = [a["href"] for a in page.select("#ajouter-agenda ~ ul a, #ajouter-agenda ~ p a")]
    ics = f"{built_site.siteurl}/events/portes-ouvertes-2027.ics"
    assert ics in links
    assert built_site.page("events/portes-ouvertes-2027.ics").is_file()
    assert any(link.startswith("https://calendar.google.com/calendar/render?") for link in links)
    assert any(link.startswith("https://outlook.live.com/") for link in links)
    assert any(link.startswith("https://outlook.office.com/") for link in links)
    host = urlsplit(built_site.siteurl).netloc
    assert f"webcal://{host}/events/agenda.ics" in links
    assert page.select_one(".facts time").get_text() == "samedi 6 février 2027, 09:00 – 17:00"
    assert "4 avenue de Varsovie, 16000 Angoulême" in page.select_one(".facts").get_text()


def test_an_online_event_page_gives_the_join_link(built_site):
    page = soup(built_site, "events/reunion-information-master-hn/")
    join = page.find("a", string="Suivre en direct")
    assert join["href"] == "https://live.example.org/master-humanites-numeriques"
    data = jsonld_event(built_site, "events/reunion-information-master-hn/")
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://live.example.org/master-humanites-numeriques",
    }


@pytest.mark.parametrize("slug", sorted(EVENT_PAGES))
def test_every_event_page_has_a_complete_schema_org_event(built_site, slug):
    data = jsonld_event(built_site, f"events/{slug}/")
    for key in (
        "name",
        "description",
        "startDate",
        "endDate",
        "eventStatus",
        "eventAttendanceMode",
        "location",
        "organizer",
        "url",
        "image",
    ):
        assert data.get(key), key
    assert data["url"] == f"{built_site.siteurl}/events/{slug}/"
    assert data["organizer"]["name"] == "Université de démonstration — IUT"
    if "T" in data["startDate"]:
        assert re.search(r"[+-]\d\d:\d\d$", data["startDate"]), data["startDate"]
        assert re.search(r"[+-]\d\d:\d\d$", data["endDate"]), data["endDate"]
    for image in data["image"]:  # every image it names is published
        assert image.startswith(built_site.siteurl)
        assert built_site.page(image.removeprefix(built_site.siteurl)).is_file(), image


def test_the_open_day_image_is_the_authors(built_site):
    data = jsonld_event(built_site, "events/portes-ouvertes-2027/")
    assert data["image"] == [f"{built_site.siteurl}/images/events/portes-ouvertes-2027.jpg"]
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"] == "4 avenue de Varsovie, 16000 Angoulême"


def test_the_live_streamed_presentation_is_mixed_attendance(built_site):
    data = jsonld_event(built_site, "events/presentation-lp-photo-2027/")
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]


def test_the_agenda_splits_upcoming_and_past_at_the_build_date(built_site):
    page = soup(built_site, "events/")
    upcoming = section_links(page, "a-venir")
    assert section_links(page, "passes") == {"salon-etudiant-bordeaux-2026"}
    assert EVENT_PAGES - {"salon-etudiant-bordeaux-2026"} <= upcoming
    assert set(PROGRAMMES) <= upcoming  # deadlines and start dates link to the programme
    months = [h.get_text() for h in page.select("#a-venir ~ h3")]
    assert months[:3] == ["Décembre 2026", "Janvier 2027", "Février 2027"]
    assert "Juin 2027" in months and "Septembre 2027" in months


def test_home_page_shows_the_next_three_events(built_site):
    section = soup(built_site, "").find(attrs={"aria-labelledby": "agenda-accueil"})
    # The next three are held in reserve, hidden, for theme/static/js/clock.js.
    titles = [a.get_text() for a in section.select("li:not([hidden]) h3 a")]
    assert titles == [
        "Journée d’étude : éditer les correspondances d’écrivains",
        "Réunion d’information en ligne : master Humanités numériques",
        "Atelier « Préparer son portfolio »",
    ]


def test_programme_pages_list_their_upcoming_events_and_a_subscription(built_site):
    page = soup(built_site, "programmes/master-humanites-numeriques/")
    section = page.find(attrs={"aria-labelledby": "agenda-formation"})
    assert [a.get_text() for a in section.select("h3 a")] == [
        "Journée d’étude : éditer les correspondances d’écrivains",
        "Réunion d’information en ligne : master Humanités numériques",
        "Hackathon « Éditions numériques » : 48 heures pour publier un corpus",
    ]
    host = urlsplit(built_site.siteurl).netloc
    assert section.find(
        "a", href=f"webcal://{host}/programmes/master-humanites-numeriques/agenda.ics"
    )


def test_the_navigation_has_an_agenda_entry(built_site):
    nav = soup(built_site, "events/").select_one("header nav")
    current = nav.select_one('[aria-current="page"]')
    assert current.get_text() == "Agenda" and current["href"] == f"{built_site.siteurl}/events/"
    assert (
        soup(built_site, f"events/{DST_EVENT}/").select_one('nav [aria-current="page"]')["href"]
        == f"{built_site.siteurl}/events/"
    )


# --- other builds: later date, rebuilds, edits, English, bad input ------------------------


@pytest.fixture(scope="module")
def spring_site(tmp_path_factory):
    """The demo built on 1 March 2027: winter events are over."""
    site = build(tmp_path_factory.mktemp("spring"), build_date="2027-03-01")
    assert site.returncode == 0, site.stderr
    return site


@pytest.mark.slow
def test_a_later_build_moves_events_to_the_archive(spring_site):
    page = soup(spring_site, "events/")
    past = section_links(page, "passes")
    assert past == {
        "salon-etudiant-bordeaux-2026",
        "journee-etude-correspondances",
        "reunion-information-master-hn",
        "atelier-portfolio-janvier-2027",
        "portes-ouvertes-2027",
    }
    assert "presentation-lp-photo-2027" in section_links(page, "a-venir")
    assert page.select_one("#a-venir ~ h3").get_text() == "Mars 2027"
    open_day = soup(spring_site, "events/portes-ouvertes-2027/")
    assert "Cet événement a eu lieu." in open_day.select_one(".event-status").get_text()
    assert not open_day.select('a[href^="https://calendar.google.com"]')
    home = soup(spring_site, "").find(attrs={"aria-labelledby": "agenda-accueil"})
    assert home.select("h3 a")[0].get_text().startswith("Présentation de la licence pro")


@pytest.fixture(scope="module")
def rebuilt_site(tmp_path_factory, built_site):
    """The demo built again into a fresh folder, with the same SITEURL as built_site."""
    site = build(tmp_path_factory.mktemp("rebuild"), siteurl=built_site.siteurl)
    assert site.returncode == 0, site.stderr
    return site


def event_outputs(site) -> dict[str, bytes]:
    files = {**calendars(site)}
    for path in (site.output / "events").rglob("*.html"):
        files[str(path.relative_to(site.output))] = path.read_bytes()
    return files


@pytest.mark.slow
def test_rebuilding_unchanged_content_is_byte_identical(built_site, rebuilt_site):
    first, second = event_outputs(built_site), event_outputs(rebuilt_site)
    assert len(first) == 1 + 2 + 2 * len(EVENT_PAGES) + 1  # feeds, .ics, pages, agenda
    assert set(first) == set(second)
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.slow
def test_uids_do_not_depend_on_the_site_address_or_build_date(spring_site, built_site):
    assert spring_site.siteurl != built_site.siteurl
    assert set(vevents_by_uid(spring_site.page("events/agenda.ics").read_bytes())) == set(
        vevents_by_uid(built_site.page("events/agenda.ics").read_bytes())
    )


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory, built_site):
    """The demo after two edits an author makes, rebuilt with the same SITEURL.

    The hackathon ends an hour earlier; the study day is postponed. Both follow the
    README workflow: `modified:` set to now, `sequence:` bumped.
    """
    workdir = tmp_path_factory.mktemp("edited")
    content = copy_content(workdir / "content")
    edit(
        content / "events" / f"{DST_EVENT}.md",
        ("end: 2027-03-28 18:00", "end: 2027-03-28 17:00"),
        ("title: ", "modified: 2026-12-02 10:00\nsequence: 1\ntitle: "),
    )
    edit(
        content / "events" / f"{POSTPONED}.md",
        ("title: ", "status: postponed\nmodified: 2026-12-03 09:00\nsequence: 1\ntitle: "),
    )
    site = build(workdir / "site", content=content, siteurl=built_site.siteurl)
    assert site.returncode == 0, site.stderr
    return site


def edit(path, *replacements):
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.slow
def test_an_edit_keeps_uids_and_changes_only_the_edited_events(built_site, edited_site):
    before = vevents_by_uid(built_site.page("events/agenda.ics").read_bytes())
    after = vevents_by_uid(edited_site.page("events/agenda.ics").read_bytes())
    assert set(after) == set(before)
    edited = {f"{DST_EVENT}@example.org", f"{POSTPONED}@example.org"}
    assert {k: v for k, v in after.items() if k not in edited} == {
        k: v for k, v in before.items() if k not in edited
    }
    for uid in edited:
        assert before[uid] != after[uid]
        assert "SEQUENCE:0" in before[uid] and "SEQUENCE:1" in after[uid]
    uid = f"{DST_EVENT}@example.org"
    assert "LAST-MODIFIED:20261120T130000Z" in before[uid]
    assert "LAST-MODIFIED:20261202T090000Z" in after[uid]
    assert "DTSTAMP:20261202T090000Z" in after[uid]
    assert "DTEND;TZID=Europe/Paris:20270328T170000" in after[uid]


@pytest.mark.slow
def test_a_postponed_event_is_shown_as_postponed(edited_site):
    event = vevents_by_uid(edited_site.page("events/agenda.ics").read_bytes())[
        f"{POSTPONED}@example.org"
    ]
    assert "STATUS:TENTATIVE" in event and "SUMMARY:Reporté : Journée d’étude" in event
    page = soup(edited_site, f"events/{POSTPONED}/")
    assert "Cet événement est reporté." in page.select_one(".event-status").get_text()
    assert jsonld_event(edited_site, f"events/{POSTPONED}/")["eventStatus"] == (
        "https://schema.org/EventPostponed"
    )
    item = soup(edited_site, "events/").find("a", href=re.compile(POSTPONED)).find_parent("li")
    assert "Reporté" in item.get_text()


@pytest.mark.slow
def test_an_english_site_writes_dates_and_labels_in_english(tmp_path):
    site = build(tmp_path, settings={"DEFAULT_LANG": "en"})
    assert site.returncode == 0, site.stderr
    page = soup(site, "events/portes-ouvertes-2027/")
    assert page.select_one(".facts time").get_text() == (
        "Saturday, February 6, 2027, 9:00\u202fAM – 5:00\u202fPM"
    )
    assert page.find(id="ajouter-agenda").get_text() == "Add to my calendar"
    assert soup(site, "events/").select_one('nav [aria-current="page"]').get_text() == "Events"
    agenda = icalendar.Calendar.from_ical(site.page("events/agenda.ics").read_bytes())
    assert str(agenda["X-WR-CALNAME"]) == "Formations & relais — Events"
    summaries = {str(e["SUMMARY"]) for e in agenda.events}
    assert "Cancelled: Atelier « Préparer son portfolio »" in summaries
    assert "Application deadline: Master humanités numériques" in summaries


BAD_EVENTS = {
    "fin-avant-debut.md": ("end", "start: 2027-02-06 17:00\nend: 2027-02-06 09:00\n"),
    "fuseau-inconnu.md": (
        "timezone",
        "timezone: Europe/Angouleme\nstart: 2027-02-06 09:00\nend: 10:00\n",
    ),
    "formation-inconnue.md": ("programme", "programme: bts-inconnu\nstart: 2027-02-06\n"),
    "date-mal-ecrite.md": ("start", "start: 06/02/2027 9h\nend: 12:00\n"),
    "publication-mal-ecrite.md": ("date", "start: 2027-02-06\n"),
    "heure-inexistante.md": ("start", "start: 2027-03-28 02:30\nend: 04:00\n"),
    "uid-en-double.md": ("uid", "uid: portes-ouvertes-2027@example.org\nstart: 2027-02-06\n"),
}


@pytest.mark.slow
def test_bad_event_files_stop_the_build_with_one_line_each(tmp_path):
    content = copy_content(tmp_path / "content")
    for name, (_, fields) in BAD_EVENTS.items():
        published = "le 3 truc" if name.startswith("publication") else "2026-11-01"
        (content / "events" / name).write_text(
            f"title: Événement\ndate: {published}\nlocation: IUT\n{fields}", encoding="utf-8"
        )
    site = build(tmp_path / "site", content=content)
    assert site.returncode == 1
    assert "Traceback" not in site.stderr
    errors = [line for line in site.stderr.splitlines() if line.startswith("ERREUR")]
    assert len(errors) == len(BAD_EVENTS), site.stderr
    for name, (field, _) in BAD_EVENTS.items():
        (line,) = [error for error in errors if name in error]
        assert f"champ « {field} »" in line and "— attendu : " in line, line
    assert not (site.output / "events").exists()  # nothing half-written
    assert (
        "heure-inexistante.md: champ « start » : « 2027-03-28 02:30 » ne convient pas — "
        "attendu : une heure qui existe : le 2027-03-28 à 02:30, on change d’heure (Europe/Paris)"
    ) in site.stderr


@pytest.mark.slow
def test_ics_links_resolve_under_a_path_prefix(tmp_path):
    site = build(tmp_path, siteurl=f"http://127.0.0.1:{free_port()}/relais")
    assert site.returncode == 0, site.stderr
    page = soup(site, "events/portes-ouvertes-2027/")
    ics = page.find("a", attrs={"download": True})["href"]
    assert ics == f"{site.siteurl}/events/portes-ouvertes-2027.ics"
    host_path = urlsplit(site.siteurl)
    assert page.find("a", href=f"webcal://{host_path.netloc}/relais/events/agenda.ics")
    assert Path(site.output / "events" / "portes-ouvertes-2027.ics").is_file()
