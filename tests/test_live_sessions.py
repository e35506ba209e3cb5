"""Live information sessions (issue 16): the stream on the event page, then the replay.

The demo content plus five online sessions around the demo's build date (1 December 2026):
a YouTube live on 3 December, a PeerTube session, an Owncast stream, a Zoom webinar, and a
session of 24 November whose replay was announced on the 25th. Headless Chromium, its clock
set with Playwright, visits the pages before, during and after a session; provider requests
are recorded and refused (nothing leaves 127.0.0.1). JSON-LD is read with extruct, calendars
with icalendar and vobject, feeds with feedparser.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import extruct
import feedparser
import icalendar
import pytest
import vobject
from bs4 import BeautifulSoup

from relais.checks import links
from relais.checks.accessibility import AXE_OPTIONS, FAILING_IMPACTS
from relais.checks.site import Site
from relais.checks.tools import AXE_JS
from tests.schema_vocabulary import problems
from tests.sitebuild import DEMO, ROOT, build, copy_content, kit_environment, serve_build

PARIS = ZoneInfo("Europe/Paris")
YOUTUBE_ID = "jNQXAC9IVRw"
PEERTUBE_UUID = "9c9de5e8-0a1e-484a-b099-e80766180a6d"
SESSIONS = {
    # 3 December 2026, 18:00-19:30, streamed on YouTube (the /live/ share form).
    "seance-youtube": f"""title: Séance d’information en direct : master Humanités numériques
date: 2026-11-20 09:00
start: 2026-12-03 18:00
end: 19:30
stream: https://www.youtube.com/live/{YOUTUBE_ID}?si=Xk3v9nPq
programme: master-humanites-numeriques
summary: L’équipe présente le master et répond à vos questions en direct.

Posez vos questions dans la discussion du direct.
""",
    "seance-peertube": f"""title: Présentation du parcours édition, en direct sur PeerTube
date: 2026-11-20 09:00
start: 2026-12-16 17:00
end: 18:00
stream: https://framatube.org/videos/watch/{PEERTUBE_UUID}
summary: Le parcours édition numérique présenté par ses enseignant·es.
""",
    "direct-owncast": """title: Visite commentée des studios, en direct
date: 2026-11-20 09:00
start: 2026-12-17 17:00
end: 18:00
stream: https://live.iut-exemple.fr/embed/video
summary: Une visite des studios photo et vidéo, diffusée sur notre serveur Owncast.
""",
    "webinaire-zoom": """title: Webinaire candidature en licence pro
date: 2026-11-20 09:00
start: 2026-12-18 12:30
end: 13:30
stream: https://univ-exemple.zoom.us/j/81234567890?pwd=R2hZb0
summary: Comment candidater, en une heure, avec vos questions.
""",
    # Over by the build date; the author added its replay and announced it the next day.
    "seance-novembre": f"""title: Séance d’information de novembre
date: 2026-11-10 09:00
start: 2026-11-24 18:00
end: 19:00
stream: https://youtu.be/{YOUTUBE_ID}
replay: https://www.youtube.com/watch?v={YOUTUBE_ID}
replay_date: 2026-11-25 10:00
programme: master-humanites-numeriques
summary: La séance d’information de novembre, en replay.
""",
}
LIVE = "events/seance-youtube/"
STARTS = datetime(2026, 12, 3, 18, 0, tzinfo=PARIS)
FAR_BEFORE = datetime(2026, 12, 1, 9, 0, tzinfo=PARIS)  # more than 24 hours before
SOON = datetime(2026, 12, 3, 15, 30, tzinfo=PARIS)  # two and a half hours before
LAST_MINUTES = datetime(2026, 12, 3, 17, 20, tzinfo=PARIS)
DURING = datetime(2026, 12, 3, 18, 45, tzinfo=PARIS)
AFTER = datetime(2026, 12, 3, 19, 31, tzinfo=PARIS)
PROVIDER_HOSTS = ("youtube", "ytimg", "googlevideo", "framatube", "owncast", "iut-exemple")


def with_sessions(root, extra=SESSIONS):
    content = copy_content(root / "content")
    for slug, text in extra.items():
        (content / "events" / f"{slug}.md").write_text(text, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("live")
    done = build(root, content=with_sessions(root))
    assert done.returncode == 0, done.stderr
    return done


def soup(site, url_path):
    return BeautifulSoup(site.page(url_path).read_text(encoding="utf-8"), "lxml")


# --- The event page: a player that loads nothing until asked ------------------------------


def test_a_youtube_stream_is_a_click_to_load_youtube_nocookie_player(site):
    page = soup(site, LIVE)
    [load] = page.select("#direct a.player-load")
    assert load["data-embed"] == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}"
    assert load["href"] == f"https://www.youtube.com/watch?v={YOUTUBE_ID}"  # the fallback
    assert not page.select("iframe")  # nothing from the provider in the page as built
    assert page.select_one('script[src*="/js/player."]')


def test_peertube_and_owncast_streams_embed_their_own_instance(site):
    peertube = soup(site, "events/seance-peertube/").select_one("a.player-load")
    assert peertube["data-embed"] == f"https://framatube.org/videos/embed/{PEERTUBE_UUID}"
    owncast = soup(site, "events/direct-owncast/").select_one("a.player-load")
    assert owncast["data-embed"] == "https://live.iut-exemple.fr/embed/video"
    assert owncast["href"] == "https://live.iut-exemple.fr/"


def test_a_zoom_link_is_a_plain_join_link(site):
    page = soup(site, "events/webinaire-zoom/")
    assert not page.select("a.player-load")
    join = page.select_one("#direct a.button")
    assert join["href"] == "https://univ-exemple.zoom.us/j/81234567890?pwd=R2hZb0"
    assert join.get_text(strip=True) == "Rejoindre sur Zoom"


def test_the_page_carries_the_replay_or_where_to_go_next_for_after_the_session(site):
    page = soup(site, LIVE)
    player = page.select_one("#direct")
    assert player["data-until"] == "2026-12-03T19:30:00+01:00"
    after = BeautifulSoup(player.template.decode_contents(), "lxml")
    assert after.h2.get_text(strip=True) == "La séance est terminée"
    # The next event of the same programme: the study day of 12 December.
    nxt = after.select_one("#replay a")
    assert nxt["href"].endswith("/events/journee-etude-correspondances/")


def test_once_over_the_page_shows_the_replay_in_place_of_the_stream(site):
    page = soup(site, "events/seance-novembre/")
    assert not page.select("#direct")
    replay = page.select_one("#replay")
    assert replay.h2.get_text(strip=True) == "Revoir la séance"
    assert replay.select_one("a.player-load")["data-embed"].endswith(f"/embed/{YOUTUBE_ID}")


def test_the_link_gate_passes_with_the_players(site):
    assert links.run(Site(site.output, site.siteurl)).problems == []


# --- Structured data ---------------------------------------------------------------------


def jsonld_event(site, url_path):
    html = site.page(url_path).read_text(encoding="utf-8")
    data = extruct.extract(html, base_url=f"{site.siteurl}/{url_path}", syntaxes=["json-ld"])
    [event] = [node for node in data["json-ld"] if node.get("@type") == "Event"]
    return event


def test_the_event_is_online_watched_on_its_page_with_a_live_broadcast(site):
    event = jsonld_event(site, LIVE)
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation", "url": f"{site.siteurl}/{LIVE}"}
    video = event["recordedIn"]
    assert video["@type"] == "VideoObject"
    assert video["embedUrl"] == f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}"
    assert video["thumbnailUrl"] == [f"https://i.ytimg.com/vi/{YOUTUBE_ID}/hqdefault.jpg"]
    assert video["uploadDate"] == "2026-12-03T18:00:00+01:00"
    assert video["publication"] == {
        "@type": "BroadcastEvent",
        "isLiveBroadcast": True,
        "startDate": "2026-12-03T18:00:00+01:00",
        "endDate": "2026-12-03T19:30:00+01:00",
    }


def test_the_replay_is_the_recording_dated_when_it_was_announced(site):
    video = jsonld_event(site, "events/seance-novembre/")["recordedIn"]
    assert video["url"] == f"https://www.youtube.com/watch?v={YOUTUBE_ID}"
    assert video["uploadDate"] == "2026-11-25T10:00:00+01:00"
    assert video["publication"]["isLiveBroadcast"] is True  # it was streamed live


def test_every_session_s_json_ld_is_schema_org(site):
    """The VideoObject and BroadcastEvent nodes too, against the vocabulary the demo's
    structured data is checked with (tests/schema_vocabulary.py)."""
    found = []
    for slug in SESSIONS:
        found += problems(jsonld_event(site, f"events/{slug}/"), slug)
    assert found == []


def test_a_plain_link_session_is_online_with_no_video(site):
    event = jsonld_event(site, "events/webinaire-zoom/")
    assert event["location"]["url"].startswith("https://univ-exemple.zoom.us/j/")
    assert "recordedIn" not in event


# --- Calendar -----------------------------------------------------------------------------


def read_with_vobject(data: bytes):
    """vobject keeps the first VTIMEZONE it meets for a TZID for the whole process; this
    file's covers 2026 only, so the registry is put back for later tests' 2027 events."""
    registry = vars(vobject.icalendar)["__tzidMap"]
    saved = dict(registry)
    try:
        return vobject.readOne(data.decode("utf-8"))
    finally:
        registry.clear()
        registry.update(saved)


def test_the_calendar_entry_gives_the_page_and_the_join_link(site):
    data = (site.output / "events" / "webinaire-zoom.ics").read_bytes()
    join = "https://univ-exemple.zoom.us/j/81234567890?pwd=R2hZb0"
    page = f"{site.siteurl}/events/webinaire-zoom/"
    [vevent] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert join in str(vevent["DESCRIPTION"]) and page in str(vevent["DESCRIPTION"])
    assert str(vevent["URL"]) == page
    parsed = read_with_vobject(data)
    assert join in parsed.vevent.description.value
    assert page in parsed.vevent.description.value


# --- Social feeds and the share kit -------------------------------------------------------


def social_entries(site, network="mastodon"):
    feed = feedparser.parse((site.output / "feeds" / "social" / f"{network}.rss.xml").read_bytes())
    assert feed.bozo == 0
    return feed.entries


def test_messages_say_when_the_session_starts_and_link_to_the_event_page(site):
    [entry] = [e for e in social_entries(site) if e.id == f"{site.siteurl}/{LIVE}"]
    assert "jeudi 3 décembre 2026" in entry.title and "18:00" in entry.title
    assert urlsplit(entry.link)._replace(query="").geturl() == f"{site.siteurl}/{LIVE}"
    assert "youtube.com" not in entry.title and "youtu.be" not in entry.title


def test_the_replay_is_a_message_of_its_own_and_the_original_is_kept(site, tmp_path):
    entries = {e.id: e for e in social_entries(site)}
    original = f"{site.siteurl}/events/seance-novembre/"
    [replay] = [e for e in entries.values() if e.id.startswith("tag:")]
    # Its id is a tag URI with no fragment: bots that drop fragments never confuse it.
    assert replay.id == f"tag:{urlsplit(site.siteurl).hostname},2026:events/seance-novembre/replay"
    assert replay.guidislink is False
    assert replay.title.startswith("Le replay est disponible : Séance d’information de novembre")
    assert urlsplit(replay.link).fragment == "replay"
    assert parse_qs(urlsplit(replay.link).query)["utm_medium"] == ["social"]
    assert replay.published == "Wed, 25 Nov 2026 10:00:00 +0100"
    # The same content without the replay fields: the original item is identical.
    lines = SESSIONS["seance-novembre"].splitlines(keepends=True)
    without = {**SESSIONS, "seance-novembre": "".join(lines[:5] + lines[7:])}
    before = build(tmp_path, content=with_sessions(tmp_path, without), siteurl=site.siteurl)
    assert before.returncode == 0, before.stderr
    earlier = {e.id: e for e in social_entries(before)}
    assert not [key for key in earlier if key.startswith("tag:")]
    for key in ("id", "link", "published", "title"):
        assert earlier[original][key] == entries[original][key]


def test_share_prints_the_start_and_the_event_page(tmp_path):
    env = {**kit_environment(), "RELAIS_BUILD_DATE": "2026-12-01"}
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(DEMO)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(with_sessions(tmp_path))!r}\nSITEURL = 'https://iut.example.org'\n"
        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n"
    )
    command = [
        sys.executable,
        "-m",
        "relais.plugins.feeds.share",
        "seance-novembre",
        "--settings",
        str(conf),
    ]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    # The replay's message (the newest), then the session's, each linking to the page.
    replay, session = done.stdout.split(
        "Adresse : https://iut.example.org/events/seance-novembre/\n"
    )
    assert "Le replay est disponible : Séance d’information de novembre" in replay
    assert "mardi 24 novembre 2026" in session and "18:00" in session
    assert (
        "Lien de campagne : https://iut.example.org/events/seance-novembre/?utm_source=" in session
    )
    assert "/events/seance-novembre/?utm_source=x&utm_medium=social" in replay
    assert "#replay" in replay
    assert "youtube.com" not in done.stdout and "youtu.be" not in done.stdout


# --- Author mistakes ----------------------------------------------------------------------


@pytest.mark.slow
def test_bad_stream_fields_stop_the_build_with_one_line_each(tmp_path):
    bad = {
        "mauvais-direct": """title: Direct
date: 2026-11-20
start: 2026-12-03 18:00
end: 19:00
stream: https://www.youtube.com/@iut-exemple
replay: youtube.com/watch?v=jNQXAC9IVRw
summary: x
""",
        "replay-sans-lien": """title: Replay
date: 2026-11-20
start: 2026-12-03 18:00
end: 19:00
location: Amphi A
replay_date: 2026-12-04 10:00
summary: x
""",
    }
    done = build(tmp_path, content=with_sessions(tmp_path, bad))
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if "events/" in line]
    assert any(
        "mauvais-direct.md: champ « stream » : « https://www.youtube.com/@iut-exemple »" in line
        and "youtu.be" in line
        for line in lines
    ), done.stderr
    assert any("mauvais-direct.md: champ « replay »" in line for line in lines), done.stderr
    assert any(
        "replay-sans-lien.md: champ « replay_date » : donné sans « replay: »" in line
        for line in lines
    ), done.stderr
    assert "Traceback" not in done.stderr


# --- English sites ------------------------------------------------------------------------


@pytest.mark.slow
def test_an_english_site_says_it_in_english(tmp_path):
    done = build(tmp_path, content=with_sessions(tmp_path), settings={"DEFAULT_LANG": "en"})
    assert done.returncode == 0, done.stderr
    page = soup(done, LIVE)
    assert page.select_one(".player-play").get_text(strip=True) == "Play the video here"
    notice = " ".join(page.select_one(".live-notice").get_text().split())
    assert notice.startswith("Live session on Thursday, December 3, 2026 at 6:00")
    [entry] = [e for e in social_entries(done) if e.id == f"{done.siteurl}/{LIVE}"]
    assert "Thursday, December 3, 2026" in entry.title and "6:00" in entry.title
    replays = [e for e in social_entries(done) if e.id.endswith("/replay")]
    assert replays[0].title.startswith("Replay available: ")


# --- In the browser: the visitor's clock -------------------------------------------------


@pytest.fixture(scope="module")
def served(site):
    with serve_build(site):
        yield site


@pytest.fixture
def visit(browser, served):
    """Opens a page with the clock fixed `at`; every request off 127.0.0.1 is recorded in
    `page.outside` and refused (the network is blocked)."""
    contexts = []

    def open_(url_path, at, javascript=True):
        context = browser.new_context(java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.outside, page.errors = [], []

        def route(route):
            if urlsplit(route.request.url).hostname == "127.0.0.1":
                route.continue_()
            else:
                page.outside.append(route.request.url)
                route.abort("blockedbyclient")

        page.route("**/*", route)
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.clock.set_fixed_time(at)
        page.goto(f"{served.siteurl}/{url_path}", wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


# The session's notice: named by its title elsewhere, by its player on its own page.
THIS_SESSION = re.compile("Séance d’information en direct|Suivre en direct")


def notice_text(page):
    notices = page.locator(".live-notice:visible", has_text=THIS_SESSION)
    return " ".join(notices.all_inner_texts())


in_browser = pytest.mark.browser


@in_browser
@pytest.mark.parametrize("url_path", ["", "programmes/master-humanites-numeriques/", LIVE])
def test_more_than_a_day_before_the_pages_say_when_it_starts(visit, url_path):
    text = notice_text(visit(url_path, FAR_BEFORE))
    # "En direct" alone would read as live now, a month before.
    assert "Séance en direct le jeudi 3 décembre 2026 à 18:00" in text
    assert "début dans" not in text and "En direct" not in text
    assert text == notice_text(visit(url_path, FAR_BEFORE, javascript=False))


@in_browser
@pytest.mark.parametrize("url_path", ["", "programmes/master-humanites-numeriques/", LIVE])
def test_within_a_day_a_countdown_runs(visit, url_path):
    assert "début dans 2 heures" in notice_text(visit(url_path, SOON))
    assert "début dans 40 minutes" in notice_text(visit(url_path, LAST_MINUTES))


@in_browser
@pytest.mark.parametrize("url_path", ["", "programmes/master-humanites-numeriques/", LIVE])
def test_during_the_session_the_pages_say_live_now_with_a_link(visit, url_path):
    page = visit(url_path, DURING)
    banner = page.locator(".live-now", has_text=THIS_SESSION)
    assert banner.is_visible()
    assert banner.inner_text().startswith("En direct maintenant")
    href = banner.locator("a").get_attribute("href")
    assert href == "#direct" if url_path == LIVE else href.endswith(f"/{LIVE}")
    assert page.errors == []


@in_browser
def test_live_now_comes_at_the_start_s_very_second(visit):
    just_before, at_start = STARTS - timedelta(seconds=1), STARTS
    before = visit("", just_before)
    assert before.locator(".live-now").count() == 0
    assert "Séance en direct le" in notice_text(before)
    assert visit("", at_start).locator(".live-now", has_text="En direct maintenant").is_visible()


def test_on_its_own_page_the_notice_leads_to_the_player_not_to_the_page(site):
    page = soup(site, LIVE)
    own = {site.siteurl + "/" + LIVE, "/" + LIVE, LIVE, ""}
    for notice in page.select(".live-notice"):
        [link] = notice.find_all("a", recursive=False)
        assert link["href"] == "#direct" and link.get_text() == "Suivre en direct"
        assert link["href"] not in own
    assert page.select_one("#direct .player-load")
    # A session with a join link and no player: the notice gives the join link.
    joined = soup(site, "events/presentation-lp-photo-2027/").select_one(".live-notice > a")
    assert joined.get_text() == "Rejoindre la séance"
    assert joined["href"] == "https://live.example.org/lp-photographie-audiovisuel"


@in_browser
@pytest.mark.parametrize("url_path", ["", "programmes/master-humanites-numeriques/", LIVE])
def test_after_the_session_no_notice_is_left(visit, url_path):
    page = visit(url_path, AFTER)
    assert notice_text(page) == ""
    assert page.locator(".live-notice:visible", has_text="Séance d’information").count() == 0


@in_browser
def test_after_the_session_the_event_page_points_to_the_next_one(visit):
    page = visit(LIVE, AFTER)
    assert page.locator("#direct").count() == 0
    over = page.locator("#replay")
    assert over.locator("h2").inner_text() == "La séance est terminée"
    assert (
        over.locator("a").get_attribute("href").endswith("/events/journee-etude-correspondances/")
    )


@in_browser
def test_nothing_is_requested_from_youtube_until_the_visitor_clicks(visit):
    page = visit(LIVE, DURING)
    page.wait_for_load_state("networkidle")
    assert page.outside == []
    page.get_by_role("link", name="Lancer la vidéo ici").click()
    frame = page.locator("#direct iframe")
    assert (
        frame.get_attribute("title")
        == "Séance d’information en direct : master Humanités numériques"
    )
    page.wait_for_timeout(300)
    assert [urlsplit(url).hostname for url in page.outside][:1] == ["www.youtube-nocookie.com"]
    assert page.outside[0].startswith(f"https://www.youtube-nocookie.com/embed/{YOUTUBE_ID}?")


@in_browser
@pytest.mark.parametrize("at", [SOON, DURING, AFTER])
@pytest.mark.parametrize("url_path", ["", LIVE, "events/seance-novembre/"])
def test_live_pages_pass_axe_with_the_network_blocked(visit, url_path, at):
    page = visit(url_path, at)
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate("o => axe.run(document, o)", AXE_OPTIONS)["violations"]
    assert [v["id"] for v in violations if v.get("impact") in FAILING_IMPACTS] == []
    assert [url for url in page.outside if any(h in url for h in PROVIDER_HOSTS)] == []
    assert page.errors == []
