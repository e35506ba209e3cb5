"""Unit tests of live sessions: the fields, the live window, the next session, what social
messages say of the start, and the VideoObject of the JSON-LD.

The pages in a browser, the feeds and the calendar on disk: tests/test_live_sessions.py.
"""

from datetime import datetime

import pytest

from plugins.events.test_events import PARIS, PROGRAMME, read_event, valid_event
from relais.plugins.events import listing
from relais.plugins.events.formatting import starts_text
from relais.plugins.seo_meta.event_jsonld import event as event_data

ORG = {"name": "IUT", "url": "https://www.example.org/"}
WATCH = "https://www.youtube.com/watch?v=jNQXAC9IVRw"


def session(tmp_path, name="seance", **metadata):
    metadata.setdefault("start", "2027-01-14 18:00")
    metadata.setdefault("end", "19:30")
    metadata.setdefault("stream", "https://youtu.be/jNQXAC9IVRw")
    return valid_event(tmp_path, name=name, **metadata)


def test_a_stream_is_where_the_session_is_followed(tmp_path):
    event = session(tmp_path, location=None)
    assert event.online_url == WATCH
    assert event.attendance == "online"
    assert event.is_session


def test_the_live_window_is_the_session_and_the_countdown_starts_a_day_before(tmp_path):
    event = session(tmp_path)
    assert event.live_start == datetime(2027, 1, 14, 18, 0, tzinfo=PARIS)
    assert event.live_end == datetime(2027, 1, 14, 19, 30, tzinfo=PARIS)
    assert event.countdown_from == datetime(2027, 1, 13, 18, 0, tzinfo=PARIS)


def test_a_months_long_campaign_with_a_link_is_not_a_live_session(tmp_path):
    event = valid_event(
        tmp_path, start="2027-06-01", end="2027-09-30", online_url="https://example.org/offres"
    )
    assert not event.is_session


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_cancelled_or_postponed_session_is_not_announced_live(tmp_path, status):
    assert not session(tmp_path, status=status).is_session


def test_replay_date_needs_a_replay_and_comes_after_the_start(tmp_path):
    _event, errors = read_event(
        tmp_path, start="2027-01-14 18:00", end="19:30", replay_date="2027-01-15 10:00"
    )
    assert errors == [
        f"{tmp_path}/content/events/evenement.md: champ « replay_date » : donné sans "
        "« replay: » — attendu : l’adresse de l’enregistrement dans « replay: »"
    ]
    _event, errors = read_event(
        tmp_path,
        start="2027-01-14 18:00",
        end="19:30",
        replay=WATCH,
        replay_date="2027-01-14 09:00",
    )
    assert len(errors) == 1 and "« replay_date » : 2027-01-14 09:00 précède le début" in errors[0]


def test_after_a_session_the_next_one_of_its_programme_is_pointed_to(tmp_path):
    first = session(tmp_path, "janvier", programme="master-hn")
    other = session(tmp_path, "autre-formation", start="2027-01-20 18:00")
    same = session(tmp_path, "fevrier", start="2027-02-10 18:00", programme="master-hn")
    cancelled = session(
        tmp_path, "annule", start="2027-01-16 18:00", programme="master-hn", status="cancelled"
    )
    events = listing.chronological([first, other, same, cancelled])
    assert listing.next_after(first, events) is same
    assert listing.next_after(other, events) is same  # no programme: the next of all
    assert listing.next_after(same, events) is None
    assert first.programme is PROGRAMME


def test_messages_say_the_start_on_the_sites_clock_in_its_language(tmp_path):
    montreal = session(tmp_path, timezone="America/Montreal", start="2027-01-14 12:00", end="13:00")
    assert starts_text(montreal, "fr", "Europe/Paris") == "jeudi 14 janvier 2027, 18:00"
    assert starts_text(montreal, "en", "Europe/Paris") == "Thursday, January 14, 2027, 6:00\u202fPM"


def test_a_streamed_session_is_a_video_with_its_live_broadcast(tmp_path):
    data = event_data(session(tmp_path), "https://x.org", ORG, "fr")
    assert data["location"] == [
        {"@type": "Place", "name": "IUT", "address": "IUT"},
        {"@type": "VirtualLocation", "url": "https://x.org/events/seance/"},
    ]
    assert data["recordedIn"]["publication"] == {
        "@type": "BroadcastEvent",
        "isLiveBroadcast": True,
        "startDate": "2027-01-14T18:00:00+01:00",
        "endDate": "2027-01-14T19:30:00+01:00",
    }


def test_a_recording_of_a_session_that_was_not_streamed_is_not_a_live_broadcast(tmp_path):
    event = session(tmp_path, stream=None, replay="https://videos.example.org/w/6")
    video = event_data(event, "https://x.org", ORG, "fr")["recordedIn"]
    assert video["publication"]["isLiveBroadcast"] is False
    assert video["embedUrl"] == (
        "https://videos.example.org/videos/embed/00000000-0000-0000-0000-000000000005"
    )
