"""Pages follow the visitor's clock between builds (issue 12, part 5).

A page says what the build date decided: applications open or closed, events upcoming or
past. The pages carry the instants those states end (data-until) and
theme/static/js/clock.js moves them on when the visitor's clock passes one, so that between
two builds a page shows what a build of the visitor's day would show.

The demo is built on its frozen date (1 December 2026) and on two later days; headless
Chromium, its clock set with Playwright, visits the first build at instants of those later
days and its pages are compared with the later builds seen without JavaScript.
"""

from __future__ import annotations

import re
import subprocess
from contextlib import ExitStack
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from relais.checks.accessibility import AXE_OPTIONS, FAILING_IMPACTS
from relais.checks.tools import AXE_JS
from tests.sitebuild import DEMO_BUILD_DATE, ROOT, build, serve_build

SCRIPT = ROOT / "theme" / "static" / "js" / "clock.js"
PARIS = ZoneInfo("Europe/Paris")
HOME, PROGRAMMES, EVENTS = "", "programmes/", "events/"
MASTER = "programmes/master-humanites-numeriques/"  # deadline 30 March 2027
STUDY_DAY = "events/journee-etude-correspondances/"  # 12 December 2026, 14:00-18:00
PAGES = [HOME, PROGRAMMES, MASTER, EVENTS, STUDY_DAY]

BEFORE_THE_BUILD = datetime(2026, 11, 2, 9, 0, tzinfo=PARIS)  # a visitor's clock behind
STUDY_DAY_LAST_SECOND = datetime(2026, 12, 12, 23, 59, 59, tzinfo=PARIS)
STUDY_DAY_OVER = datetime(2026, 12, 13, 0, 0, 1, tzinfo=PARIS)
DEADLINE_LAST_SECOND = datetime(2027, 3, 30, 23, 59, 59, tzinfo=PARIS)  # summer time (+02:00)
DEADLINE_PASSED = datetime(2027, 3, 31, 0, 0, 1, tzinfo=PARIS)
# The day a build would be made for each instant that changes something.
BUILD_OF = {STUDY_DAY_OVER: "2026-12-13", DEADLINE_PASSED: "2027-03-31"}
# Collects layout shifts from the start of the page load (Chromium's Layout Instability API).
RECORD_SHIFTS = """window.layoutShifts = [];
new PerformanceObserver(list => window.layoutShifts.push(...list.getEntries().map(e => e.value)))
  .observe({type: "layout-shift", buffered: true});"""


# --- Builds, served, and a browser -----------------------------------------------------------


def in_browser(test):
    """A test that drives headless Chromium over the three builds."""
    return pytest.mark.slow(pytest.mark.browser(test))


@pytest.fixture(scope="module")
def sites(built_site, tmp_path_factory):
    """Build day -> the demo built that day, served at its SITEURL."""
    built = {DEMO_BUILD_DATE: built_site}
    for day in BUILD_OF.values():
        built[day] = build(tmp_path_factory.mktemp(f"clock-{day}"), build_date=day)
        assert built[day].returncode == 0, built[day].stderr
    with ExitStack() as servers:
        for site in built.values():
            servers.enter_context(serve_build(site))
        yield built


@pytest.fixture
def visit(browser, sites):
    """Opens a page of the demo built on `built` with the browser's clock fixed `at`.

    Only the page, its stylesheets and clock.js load: the site's other scripts (the e-mail
    link, the brochure viewer) would change the page too, and nothing leaves 127.0.0.1.
    """
    contexts = []

    def open_(url_path, at=None, built=DEMO_BUILD_DATE, javascript=True, init_script=None):
        context = browser.new_context(java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()

        def allowed(url):
            parts = urlsplit(url)
            script = parts.path.endswith(".js")
            return parts.hostname == "127.0.0.1" and (not script or "/clock." in parts.path)

        page.route(
            "**/*", lambda route: route.continue_() if allowed(route.request.url) else route.abort()
        )
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        if init_script:
            page.add_init_script(init_script)
        if at is not None:
            page.clock.set_fixed_time(at)
        page.goto(f"{sites[built].siteurl}/{url_path}", wait_until="load")
        return page

    yield open_
    for context in contexts:
        context.close()


def squeeze(html: str) -> str:
    """Markup with each run of white space made one space: a template's surroundings differ."""
    return re.sub(r"\s+", " ", html).strip()


def outer_html(page, selector: str) -> str:
    return squeeze(page.locator(selector).evaluate("el => el.outerHTML"))


def visible_text(page, selector: str) -> str:
    """What a reader gets: rendered text only (hidden elements and templates are not).
    The brochure viewer is left out: the clock does not touch it, and its controls exist only
    once its own script has run, sooner or later."""
    return page.locator(selector).evaluate(
        "el => { for (const b of el.querySelectorAll('.brochure'))"
        " b.style.setProperty('display', 'none', 'important'); return el.innerText; }"
    )


# --- The script -------------------------------------------------------------------------------


def test_the_script_weighs_under_a_kilobyte_gzipped():
    done = subprocess.run(["gzip", "-9", "--stdout", str(SCRIPT)], capture_output=True, check=True)
    assert len(done.stdout) < 1024, f"clock.js: {len(done.stdout)} bytes gzipped"


@pytest.mark.parametrize("url_path", PAGES)
def test_pages_load_the_fingerprinted_script_deferred_before_first_paint(built_site, url_path):
    page = BeautifulSoup(built_site.page(url_path).read_text(encoding="utf-8"), "lxml")
    [script] = page.select('script[src*="/theme/js/clock."]')
    assert re.fullmatch(r".*/theme/js/clock\.[0-9a-f]{10}\.js", script["src"])
    assert script.has_attr("defer") and script["blocking"] == "render"
    served = built_site.output / urlsplit(script["src"]).path.lstrip("/")
    assert served.read_bytes() == SCRIPT.read_bytes()


def test_pages_carry_the_instant_each_state_ends_with_its_offset(built_site):
    """A deadline closes at the end of its day in the site's TIMEZONE (Europe/Paris)."""
    home = BeautifulSoup(built_site.page(HOME).read_text(encoding="utf-8"), "lxml")
    master = BeautifulSoup(built_site.page(MASTER).read_text(encoding="utf-8"), "lxml")
    study_day = BeautifulSoup(built_site.page(STUDY_DAY).read_text(encoding="utf-8"), "lxml")
    closes = "2027-03-31T00:00:00+02:00"  # 30 March is in summer time
    assert master.select_one("section.apply-open")["data-until"] == closes
    assert master.select_one("section.apply time")["datetime"] == "2027-03-30"
    card = home.find("a", string="Master Humanités numériques").find_parent("li")
    assert card.select_one(".deadline")["data-until"] == closes
    over = "2026-12-13T00:00:00+01:00"  # the study day ends on 12 December, winter time
    item = home.find("a", string=re.compile("^Journée d’étude")).find_parent("li")
    assert item["data-until"] == over
    assert item.time["datetime"] == "2026-12-12T14:00:00+01:00"
    assert study_day.select_one("section[aria-labelledby=ajouter-agenda]")["data-until"] == over
    for page in (home, master, study_day):
        for element in page.select("[data-until]"):
            assert datetime.fromisoformat(element["data-until"]).utcoffset() is not None


# --- Nothing has passed: nothing moves --------------------------------------------------------


@in_browser
@pytest.mark.parametrize("at", [BEFORE_THE_BUILD, STUDY_DAY_LAST_SECOND])
@pytest.mark.parametrize("url_path", PAGES)
def test_while_no_instant_has_passed_the_page_is_left_untouched(visit, url_path, at):
    with_script = visit(url_path, at=at)
    without = visit(url_path, at=at, javascript=False)
    assert with_script.content() == without.content()
    assert with_script.errors == []


@in_browser
def test_applications_are_open_to_the_last_second_of_the_deadline_day_and_no_longer(visit):
    last_second = visit(MASTER, at=DEADLINE_LAST_SECOND)
    assert last_second.locator("section.apply").get_attribute("class") == "apply apply-open"
    assert last_second.get_by_role("link", name="Déposer ma candidature").is_visible()
    next_second = visit(MASTER, at=DEADLINE_PASSED)
    assert next_second.locator("section.apply").get_attribute("class") == "apply apply-closed"
    assert next_second.get_by_role("link", name="Déposer ma candidature").count() == 0


# --- An instant has passed: the page becomes what a build of that day says ----------------------


@in_browser
@pytest.mark.parametrize(
    "url_path, selector",
    [
        (MASTER, "section.apply"),
        (HOME, "li:has(a[href$='/master-humanites-numeriques/']) .deadline"),
        (PROGRAMMES, "li:has(a[href$='/master-humanites-numeriques/']) .deadline"),
    ],
)
def test_after_the_deadline_applications_are_closed_with_the_build_markup(
    visit, url_path, selector
):
    page = visit(url_path, at=DEADLINE_PASSED)
    built_then = visit(url_path, built=BUILD_OF[DEADLINE_PASSED], javascript=False)
    assert outer_html(page, selector) == outer_html(built_then, selector)
    assert "Candidatures closes" in visible_text(page, selector)
    assert page.errors == []


@in_browser
def test_after_its_end_an_event_page_says_the_event_took_place(visit):
    page = visit(STUDY_DAY, at=STUDY_DAY_OVER)
    built_then = visit(STUDY_DAY, built=BUILD_OF[STUDY_DAY_OVER], javascript=False)
    assert outer_html(page, ".event-status") == outer_html(built_then, ".event-status")
    assert visible_text(page, "main") == visible_text(built_then, "main")
    assert not page.get_by_role("heading", name="Ajouter à mon agenda").is_visible()


@in_browser
@pytest.mark.parametrize(
    "at, url_path, selector",
    [
        (STUDY_DAY_OVER, HOME, "main"),
        (STUDY_DAY_OVER, MASTER, "main"),
        (STUDY_DAY_OVER, EVENTS, "section[aria-labelledby=a-venir]"),
        (DEADLINE_PASSED, HOME, "section[aria-labelledby=formations]"),
        (DEADLINE_PASSED, PROGRAMMES, "main"),
        (DEADLINE_PASSED, MASTER, "section[aria-labelledby=agenda-formation]"),
        (DEADLINE_PASSED, EVENTS, "section[aria-labelledby=a-venir]"),
    ],
)
def test_lists_read_like_a_build_of_that_day(visit, at, url_path, selector):
    """Not compared: the agenda's archive (a build adds the events over to it, the script only
    takes them out of "À venir") and, months later, the home page's events (its reserve of
    EVENTS_HOME_COUNT is spent: the nightly build refills it)."""
    page = visit(url_path, at=at)
    built_then = visit(url_path, built=BUILD_OF[at], javascript=False)
    assert visible_text(page, selector) == visible_text(built_then, selector)
    assert page.errors == []


@in_browser
def test_an_event_over_leaves_the_upcoming_lists(visit):
    lists = {HOME: "agenda-accueil", MASTER: "agenda-formation", EVENTS: "a-venir"}
    for url_path, heading in lists.items():
        upcoming = visit(url_path, at=STUDY_DAY_OVER).locator(f"[aria-labelledby={heading}]")
        assert not upcoming.get_by_role("link", name=re.compile("^Journée d’étude")).is_visible()
        assert upcoming.get_by_role("link", name=re.compile("^Réunion d’information")).is_visible()


@in_browser
def test_the_home_page_keeps_three_events_when_one_is_over(visit):
    page = visit(HOME, at=STUDY_DAY_OVER)
    titles = page.locator("section[aria-labelledby=agenda-accueil] li:visible h3")
    assert titles.all_inner_texts() == [
        "Réunion d’information en ligne : master Humanités numériques",
        "Atelier « Préparer son portfolio »",
        "Journée portes ouvertes de l’IUT",
    ]


@in_browser
def test_a_page_left_open_changes_when_the_deadline_passes(browser, sites):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.clock.install(time=datetime(2027, 3, 30, 23, 59, 58, tzinfo=PARIS))
        page.goto(f"{sites[DEMO_BUILD_DATE].siteurl}/{MASTER}", wait_until="load")
        assert page.locator("section.apply").get_attribute("class") == "apply apply-open"
        page.clock.run_for(3000)
        assert page.locator("section.apply").get_attribute("class") == "apply apply-closed"
    finally:
        context.close()


@in_browser
def test_a_page_shown_again_after_the_computer_slept_catches_up(browser, sites):
    """Timers stand still during sleep: the page checks the clock when it is shown again."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.clock.install(time=DEADLINE_LAST_SECOND - timedelta(hours=1))
        page.goto(f"{sites[DEMO_BUILD_DATE].siteurl}/{MASTER}", wait_until="load")
        page.clock.set_system_time(DEADLINE_PASSED)  # the clock jumps, the 1-hour timer waits
        assert page.locator("section.apply").get_attribute("class") == "apply apply-open"
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
        assert page.locator("section.apply").get_attribute("class") == "apply apply-closed"
    finally:
        context.close()


# --- Without JavaScript, the build's state and its dates ----------------------------------------


@in_browser
def test_without_javascript_the_build_state_and_its_dates_show(visit):
    master = visit(MASTER, at=DEADLINE_PASSED, javascript=False)
    assert "Candidatures ouvertes jusqu’au 30 mars 2027." in visible_text(master, "section.apply")
    assert master.get_by_role("link", name="Déposer ma candidature").is_visible()
    home = visit(HOME, at=DEADLINE_PASSED, javascript=False)
    card = "li:has(a[href$='/master-humanites-numeriques/']) .deadline"
    assert visible_text(home, card) == "Candidatures jusqu’au 30 mars 2027"
    apply = "li:has(a[href$='/master-humanites-numeriques/']) .card-apply a"
    assert home.locator(apply).is_visible()  # the build's state: still open
    events = home.locator("section[aria-labelledby=agenda-accueil] li:visible")
    assert events.count() == 3  # the three held in reserve stay hidden
    assert events.first.locator("time").inner_text() == "samedi 12 décembre 2026, 14:00 – 18:00"
    study_day = visit(STUDY_DAY, at=STUDY_DAY_OVER, javascript=False)
    assert study_day.get_by_role("heading", name="Ajouter à mon agenda").is_visible()
    assert study_day.locator(".event-status").count() == 0


# --- Accessibility and layout of the changed pages ----------------------------------------------


@in_browser
@pytest.mark.parametrize("at", [STUDY_DAY_OVER, DEADLINE_PASSED])
@pytest.mark.parametrize("url_path", PAGES)
def test_changed_pages_pass_axe_and_nothing_shifts(visit, url_path, at):
    """The swap happens before the first paint (blocking="render"): no layout shift at all."""
    page = visit(url_path, at=at, init_script=RECORD_SHIFTS)
    page.add_script_tag(path=str(AXE_JS))
    violations = page.evaluate("o => axe.run(document, o)", AXE_OPTIONS)["violations"]
    serious = [v["id"] for v in violations if v.get("impact") in FAILING_IMPACTS]
    assert serious == []
    assert page.evaluate("window.layoutShifts") == []
