"""Unit tests of the events plugin: parsing, validation, iCalendar, links, JSON-LD, listing.

The whole-site behaviour (pages, feeds on disk, rebuilds) is in tests/test_events.py.
"""

import copy
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from pelican.settings import DEFAULT_CONFIG

from relais.plugins.events import fields, listing
from relais.plugins.events.content import Event
from relais.plugins.events.formatting import filters
from relais.plugins.events.ical import FeedSettings, event_calendar, feed_calendar
from relais.plugins.events.links import calendar_links, webcal
from relais.plugins.events.validation import validate
from relais.plugins.seo_meta.event_jsonld import event as event_data

PARIS = ZoneInfo("Europe/Paris")
SETTINGS = {
    **copy.deepcopy(DEFAULT_CONFIG),
    "TIMEZONE": "Europe/Paris",
    "DEFAULT_LANG": "fr",
    "SLUGIFY_SOURCE": "basename",
    "EVENT_URL": "events/{slug}/",
    "EVENT_SAVE_AS": "events/{slug}/index.html",
}
PROGRAMME = SimpleNamespace(
    slug="master-hn", title="Master Humanités numériques", url="programmes/master-hn/", cover=None
)
FEED = FeedSettings(
    prodid="-//Test//relais//FR",
    siteurl="https://formations.example.org",
    timezone="Europe/Paris",
    refresh=timedelta(hours=12),
    organizer_name="IUT",
    organizer_email="com@example.org",
    gettext=lambda message: message,
)


def read_event(tmp_path, name="evenement", **metadata):
    """An Event as the generator gets it from a Markdown file, then validated."""
    metadata.setdefault("title", "Journée portes ouvertes")
    metadata.setdefault("date", datetime(2026, 10, 15, 8, 0))
    metadata.setdefault("location", "IUT")
    event = Event(
        "<p>Texte</p>",
        metadata,
        settings=SETTINGS,
        source_path=str(tmp_path / "content" / "events" / f"{name}.md"),
        context={},
    )
    errors = validate(event, tmp_path / "content", "Europe/Paris", {"master-hn": PROGRAMME})
    if not errors:
        event.uid = event.uid or f"{event.slug}@example.org"
    return event, [str(error) for error in errors]


def valid_event(tmp_path, **metadata):
    event, errors = read_event(tmp_path, **metadata)
    assert errors == []
    return event


# --- fields ------------------------------------------------------------------------------


def test_a_local_time_gets_the_offset_of_its_own_day():
    winter = fields.when("2027-03-26 18:00", PARIS)
    summer = fields.when("2027-03-28 18:00", PARIS)
    assert (winter.hour, winter.utcoffset()) == (18, timedelta(hours=1))
    assert (summer.hour, summer.utcoffset()) == (18, timedelta(hours=2))


def test_a_date_alone_means_an_all_day_event():
    assert fields.when("2027-06-01", PARIS) == date(2027, 6, 1)


def test_a_bare_time_is_on_the_start_day():
    end = fields.when("17:00", PARIS, day=date(2027, 2, 6))
    assert end == datetime(2027, 2, 6, 17, 0, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        ("06/02/2027", "AAAA-MM-JJ"),
        ("2027-02-31", "une date qui existe"),
        ("2027-02-06 25:00", "entre 00:00 et 23:59"),
        ("2027-02-06T09:00+01:00", "sans décalage horaire"),
        ("2027-03-28 02:30", "on change d’heure"),  # skipped by the spring DST change
    ],
)
def test_badly_written_times_are_refused_with_what_to_write(raw, hint):
    with pytest.raises(ValueError, match=hint):
        fields.when(raw, PARIS)


def test_the_repeated_autumn_hour_is_accepted():
    assert fields.when("2027-10-31 02:30", PARIS).utcoffset() == timedelta(hours=2)


def test_status_accepts_french_words():
    assert fields.status("Annulé") == "cancelled"
    assert fields.status("reporté") == "postponed"
    with pytest.raises(ValueError, match="cancelled"):
        fields.status("supprimé")


# --- validation ----------------------------------------------------------------------------


def test_a_valid_file_is_typed(tmp_path):
    event = valid_event(
        tmp_path,
        start="2027-02-06 09:00",
        end="17:00",
        programme="master-hn",
        status="annulé",
        sequence="2",
        online_url="https://live.example.org/direct",
    )
    assert event.start == datetime(2027, 2, 6, 9, tzinfo=PARIS)
    assert event.end == datetime(2027, 2, 6, 17, tzinfo=PARIS)
    assert (event.all_day, event.status, event.sequence) == (False, "cancelled", 2)
    assert event.programme is PROGRAMME
    assert event.attendance == "mixed"


def test_an_all_day_range_keeps_its_last_day_and_exports_the_next(tmp_path):
    event = valid_event(tmp_path, start="2027-06-01", end="2027-09-30")
    assert (event.start, event.end) == (date(2027, 6, 1), date(2027, 9, 30))
    assert event.end_exclusive == date(2027, 10, 1)


@pytest.mark.parametrize(
    ("metadata", "field", "hint"),
    [
        ({"start": "2027-02-06 17:00", "end": "09:00"}, "end", "ne vient pas après le début"),
        ({"start": "2027-06-30", "end": "2027-06-01"}, "end", "ne vient pas après le début"),
        ({"start": "2027-02-06", "end": "2027-02-06 10:00"}, "end", "mélange journée entière"),
        ({"start": "2027-02-06 09:00"}, "end", "une heure de fin"),
        (
            {"start": "2027-02-06 09:00", "end": "10:00", "timezone": "Europe/Angouleme"},
            "timezone",
            "Europe/Paris",
        ),
        ({"start": "2027-02-06", "programme": "bts-x"}, "programme", "master-hn"),
        ({"start": "le 6 février"}, "start", "AAAA-MM-JJ HH:MM"),
        ({"start": "2027-02-06", "image": "images/absente.jpg"}, "image", "introuvable"),
        ({"start": "2027-02-06", "online_url": "www.example.org"}, "online_url", "https://"),
        ({}, "start", "manquant"),
    ],
)
def test_bad_input_gives_one_line_naming_file_field_and_what_to_write(
    tmp_path, metadata, field, hint
):
    _, errors = read_event(tmp_path, name="mauvais", **metadata)
    assert len(errors) == 1, errors
    assert "mauvais.md" in errors[0]
    assert f"champ « {field} »" in errors[0]
    assert "attendu" in errors[0] and hint in errors[0]
    assert "\n" not in errors[0]


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    _, errors = read_event(
        tmp_path, start="06/02/2027", end="2027-02-31", status="supprimé", title=""
    )
    fields_named = sorted(error.split("champ « ")[1].split(" »")[0] for error in errors)
    assert fields_named == ["end", "start", "status", "title"]


def test_a_place_or_a_link_is_required(tmp_path):
    _, errors = read_event(tmp_path, start="2027-02-06", location=None)
    assert any("« location »" in error and "online_url" in error for error in errors)


# --- iCalendar --------------------------------------------------------------------------


def parse_both(data: bytes):
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


def test_an_event_across_the_spring_change_keeps_its_wall_times(tmp_path):
    event = valid_event(tmp_path, start="2027-03-26 18:00", end="2027-03-28 18:00")
    data = event_calendar(event, FEED)
    assert b"DTSTART;TZID=Europe/Paris:20270326T180000" in data
    assert b"DTEND;TZID=Europe/Paris:20270328T180000" in data
    ical, vcal = parse_both(data)
    for start, end in (
        (ical.events[0].start, ical.events[0].end),
        (vcal.vevent.dtstart.value, vcal.vevent.dtend.value),
    ):
        assert (start.hour, start.utcoffset()) == (18, timedelta(hours=1))
        assert (end.hour, end.utcoffset()) == (18, timedelta(hours=2))
        # The night is one hour shorter: 47 real hours between two 18:00.
        assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=47)


def test_an_event_across_the_autumn_change_keeps_its_wall_times(tmp_path):
    event = valid_event(tmp_path, start="2027-10-30 10:00", end="2027-10-31 10:00")
    ical, vcal = parse_both(event_calendar(event, FEED))
    for start, end in (
        (ical.events[0].start, ical.events[0].end),
        (vcal.vevent.dtstart.value, vcal.vevent.dtend.value),
    ):
        assert (start.utcoffset(), end.utcoffset()) == (timedelta(hours=2), timedelta(hours=1))
        assert (start.hour, end.hour) == (10, 10)


def test_every_tzid_used_has_its_vtimezone(tmp_path):
    paris = valid_event(tmp_path, start="2027-02-06 09:00", end="10:00")
    montreal = valid_event(
        tmp_path, name="autre", start="2027-02-06 09:00", end="10:00", timezone="America/Montreal"
    )
    ical, _ = parse_both(feed_calendar([paris, montreal], FEED, **FEED_NAMES))
    assert ical.get_used_tzids() == {"Europe/Paris", "America/Montreal"}
    assert ical.get_missing_tzids() == set()
    assert montreal.start.utcoffset() == timedelta(hours=-5)


FEED_NAMES = {
    "name": "Agenda",
    "description": "Tous les événements",
    "page_url": "https://formations.example.org/events/",
    "source_url": "https://formations.example.org/events/agenda.ics",
}


def test_all_day_events_are_dates_with_an_exclusive_end(tmp_path):
    event = valid_event(tmp_path, start="2027-06-01", end="2027-09-30")
    data = event_calendar(event, FEED)
    assert b"DTSTART;VALUE=DATE:20270601" in data
    assert b"DTEND;VALUE=DATE:20271001" in data
    assert b"TRANSP:TRANSPARENT" in data
    _, vcal = parse_both(data)
    assert vcal.vevent.dtend.value == date(2027, 10, 1)


def test_the_feed_has_the_rfc_properties_and_nothing_from_the_clock(tmp_path):
    event = valid_event(
        tmp_path,
        start="2027-02-06 09:00",
        end="17:00",
        modified=datetime(2026, 11, 26, 16, 0, tzinfo=PARIS),
        sequence="3",
        status="cancelled",
    )
    first = feed_calendar([event], FEED, **FEED_NAMES)
    assert first == feed_calendar([event], FEED, **FEED_NAMES)
    ical, vcal = parse_both(first)
    assert str(ical["PRODID"]) == "-//Test//relais//FR" and str(ical["VERSION"]) == "2.0"
    assert str(ical["X-WR-CALNAME"]) == "Agenda"
    assert ical["REFRESH-INTERVAL"].dt == timedelta(hours=12)
    assert ical["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"  # RFC 7986 §5.7
    assert vcal.contents["refresh-interval"][0].params == {"VALUE": ["DURATION"]}
    assert str(ical["X-PUBLISHED-TTL"]) == "PT12H"
    vevent = ical.events[0]
    assert str(vevent["UID"]) == "evenement@example.org"
    assert vevent["DTSTAMP"].dt == datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    assert vevent["LAST-MODIFIED"].dt == vevent["DTSTAMP"].dt
    assert vevent["CREATED"].dt == datetime(2026, 10, 15, 6, 0, tzinfo=UTC)
    assert int(vevent["SEQUENCE"]) == 3
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["SUMMARY"]) == "Annulé : Journée portes ouvertes"
    assert str(vevent["URL"]) == "https://formations.example.org/events/evenement/"
    assert vcal.vevent.status.value == "CANCELLED"


def test_without_modified_the_stamp_is_the_publication_date(tmp_path):
    event = valid_event(tmp_path, start="2027-02-06")
    vevent = icalendar.Calendar.from_ical(event_calendar(event, FEED)).events[0]
    assert vevent["DTSTAMP"].dt == datetime(2026, 10, 15, 6, 0, tzinfo=UTC)
    assert int(vevent["SEQUENCE"]) == 0


# --- add-to-calendar links -------------------------------------------------------------


def query(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_google_link_keeps_local_times_in_the_event_zone(tmp_path):
    event = valid_event(tmp_path, start="2027-03-26 18:00", end="2027-03-28 18:00")
    google = query(calendar_links(event, "https://x.org/events/evenement/")["google"])
    assert google["dates"] == "20270326T180000/20270328T180000"
    assert google["ctz"] == "Europe/Paris"
    assert google["text"] == "Journée portes ouvertes"
    assert google["details"].endswith("https://x.org/events/evenement/")


def test_outlook_links_use_utc_instants_or_dates(tmp_path):
    timed = valid_event(tmp_path, start="2027-03-28 18:00", end="19:00")
    outlook = query(calendar_links(timed, "u")["outlook_live"])
    assert (outlook["startdt"], outlook["enddt"]) == (
        "2027-03-28T16:00:00Z",
        "2027-03-28T17:00:00Z",
    )
    all_day = valid_event(tmp_path, start="2027-06-01", end="2027-09-30")
    links = calendar_links(all_day, "u")
    office = query(links["outlook_office"])
    assert (office["startdt"], office["enddt"], office["allday"]) == (
        "2027-06-01",
        "2027-10-01",
        "true",
    )
    assert query(links["google"])["dates"] == "20270601/20271001"


def test_webcal_keeps_host_and_path():
    assert webcal("https://u.github.io/repo/events/agenda.ics") == (
        "webcal://u.github.io/repo/events/agenda.ics"
    )


# --- schema.org ------------------------------------------------------------------------


ORG = {"name": "IUT", "url": "https://www.example.org/", "email": "com@example.org"}


def test_structured_data_gives_offsets_status_and_both_locations(tmp_path):
    event = valid_event(
        tmp_path,
        start="2027-03-26 18:00",
        end="2027-03-28 18:00",
        status="postponed",
        address="1 rue X, 86000 Poitiers",
        online_url="https://live.example.org/d",
    )
    data = event_data(event, "https://x.org", ORG, "fr")
    assert data["startDate"] == "2027-03-26T18:00:00+01:00"
    assert data["endDate"] == "2027-03-28T18:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"] == [
        {"@type": "Place", "name": "IUT", "address": "1 rue X, 86000 Poitiers"},
        {"@type": "VirtualLocation", "url": "https://live.example.org/d"},
    ]
    assert data["organizer"]["name"] == "IUT"


def test_online_only_event_has_a_virtual_location(tmp_path):
    event = valid_event(
        tmp_path, start="2027-01-14 18:00", end="19:30", location=None, online_url="https://l.org"
    )
    data = event_data(event, "https://x.org", ORG, "fr")
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://l.org"}


# --- listing and wording ------------------------------------------------------------------


def test_upcoming_past_and_months_follow_the_build_date(tmp_path):
    past = valid_event(tmp_path, name="passe", start="2026-11-21 09:30", end="18:00")
    today = valid_event(tmp_path, name="jour", start="2026-12-01 20:00", end="21:00")
    summer = valid_event(tmp_path, name="ete", start="2026-06-01", end="2027-01-31")
    later = valid_event(tmp_path, name="plus-tard", start="2027-02-06 09:00", end="17:00")
    events = [later, past, today, summer]
    build = date(2026, 12, 1)
    assert listing.upcoming(events, build) == [summer, today, later]
    assert listing.past(events, build) == [past]
    assert listing.by_month(events, build) == [
        (date(2026, 12, 1), [summer, today]),  # an ongoing campaign shows under this month
        (date(2027, 2, 1), [later]),
    ]
    assert listing.past(events, date(2027, 2, 7)) == [later, today, past, summer]  # by start


def test_dates_are_written_in_the_site_language(tmp_path):
    timed = valid_event(tmp_path, start="2027-02-06 09:00", end="17:00")
    all_day = valid_event(tmp_path, start="2027-06-01", end="2027-09-30")
    french = filters("fr", "Europe/Paris")["event_dates"]
    english = filters("en", "Europe/Paris")["event_dates"]
    assert french(timed) == "samedi 6 février 2027, 09:00 – 17:00"
    assert english(timed) == "Saturday, February 6, 2027, 9:00\u202fAM – 5:00\u202fPM"
    assert french(all_day) == "1er juin – 30 septembre 2027"
    assert english(all_day) == "June 1 – September 30, 2027"
    assert filters("fr", "Europe/Paris")["month_year"](date(2027, 2, 1)) == "Février 2027"


def test_another_zone_is_named(tmp_path):
    event = valid_event(
        tmp_path, start="2027-02-06 09:00", end="10:00", timezone="America/Montreal"
    )
    text = filters("fr", "Europe/Paris")["event_dates"](event)
    assert text.startswith("samedi 6 février 2027, 09:00 – 10:00 (")
    assert "Est" in text


def test_a_rescheduled_event_tells_its_previous_date(tmp_path):
    event = valid_event(
        tmp_path,
        start="2027-02-13 09:00",
        end="17:00",
        status="reprogrammé",
        previous_start="2027-02-06 09:00",
    )
    data = event_data(event, "https://x.org", ORG, "fr")
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2027-02-06T09:00:00+01:00"
    vevent = icalendar.Calendar.from_ical(event_calendar(event, FEED)).events[0]
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_naming_a_programme_that_has_its_own_errors_is_not_a_second_error(tmp_path):
    metadata = {"title": "X", "date": datetime(2026, 10, 15), "location": "IUT"}
    metadata |= {"start": "2027-02-06", "programme": "lp-cassee"}
    event = Event("", metadata, settings=SETTINGS, source_path=str(tmp_path / "x.md"))
    assert validate(event, tmp_path, "Europe/Paris", {}, broken={"lp-cassee"}) == []
    assert event.programme is None
