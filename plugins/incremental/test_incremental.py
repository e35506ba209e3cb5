"""An incremental build gives exactly the files a build from scratch gives.

Each test builds a copy of the demo site, changes one kind of input, rebuilds in
the same folder (reusing what it can) and compares every output file, byte for
byte, with a build of the changed site from scratch. It also checks that files
whose inputs did not change were kept, not written again.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from relais.plugins.incremental.memo import OutputMemo
from relais.plugins.incremental.site_key import reading_key, stable
from tests.sitebuild import DEMO, PELICAN, ROOT, build, copy_content, kit_environment

SITEURL = "http://127.0.0.1:8123"
SUMMARY = re.compile(r"Fichiers : (\d+) refait\(s\), (\d+) inchangé\(s\) repris")
# Static files are copied by Pelican on every build.
ALWAYS_WRITTEN = re.compile(r"^(theme/|brochures/|images/)")


class Site:
    """One site folder rebuilt in place, with caches that survive between builds."""

    def __init__(self, root: Path, shared: Path):
        self.root, self.content = root, copy_content(root / "content")
        self.shared = shared  # rendered brochures and cards: keyed by content, safe to share
        self.settings: dict = {}
        self.build_date = "2026-12-01"

    def build(self, workdir: Path | None = None, **settings):
        overrides = {
            "BROCHURE_CACHE_PATH": str(self.shared / "brochures"),
            "CARDS_CACHE_PATH": str(self.shared / "cards"),
            **self.settings,
            **settings,
        }
        done = build(
            workdir or self.root / "site",
            self.content,
            SITEURL,
            overrides,
            build_date=self.build_date,
        )
        assert done.returncode == 0, done.stderr
        return done

    def rebuild_and_compare(self, tmp_path: Path, name: str) -> dict[str, int]:
        """Rebuilds in place; returns what it made and kept after checking its output."""
        before = stamps(self.root / "site" / "output")
        done = self.build()
        scratch = self.build(tmp_path / f"scratch-{name}", LOAD_CONTENT_CACHE=False)
        assert_same_files(scratch.output, done.output, name)
        made, kept = map(int, SUMMARY.search(done.stdout).groups())
        after = stamps(done.output)
        rewritten = {p for p in after if p in before and after[p] != before[p]}
        return {"made": made, "kept": kept, "rewritten": rewritten}


def stamps(output: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for path in output.rglob("*"):
        relative = path.relative_to(output).as_posix()
        if path.is_file() and not ALWAYS_WRITTEN.match(relative):
            stat = path.stat()
            found[relative] = (stat.st_ino, stat.st_mtime_ns)
    return found


def assert_same_files(expected: Path, actual: Path, step: str):
    """The files of the build from scratch, with the same bytes, and no other: what an
    earlier build wrote and this one no longer makes (a brochure's old page images) is
    gone (core.staging)."""

    def files(root):
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    only_scratch, only_rebuilt = files(expected) - files(actual), files(actual) - files(expected)
    assert not only_scratch and not only_rebuilt, (step, sorted(only_scratch), sorted(only_rebuilt))
    different = [
        name
        for name in sorted(files(expected))
        if (expected / name).read_bytes() != (actual / name).read_bytes()
    ]
    assert different == [], step


@pytest.fixture
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    site = Site(root, tmp_path_factory.getbasetemp() / "incremental-shared-caches")
    first = site.build()
    assert SUMMARY.search(first.stdout)[2] == "0"  # nothing to reuse yet
    return site


def edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


POST = "blog/2026-10-portes-ouvertes.md"


def test_an_unchanged_site_is_kept_whole(site, tmp_path):
    result = site.rebuild_and_compare(tmp_path, "unchanged")
    assert result["made"] == 0 and result["kept"] > 50
    assert result["rewritten"] == set()


def test_a_post_body_edit_remakes_its_page_and_the_feeds_that_carry_it(site, tmp_path):
    with (site.content / POST).open("a", encoding="utf-8") as post:
        post.write("\nUne phrase ajoutée pour vérifier la reconstruction. ✨\n")
    result = site.rebuild_and_compare(tmp_path, "body")
    pages = {p for p in result["rewritten"] if p.endswith(".html")}
    assert pages == {"blog/2026-10-portes-ouvertes/index.html"}
    assert "feeds/all.atom.xml" in result["rewritten"]  # full text is in the feeds
    assert not any(p.endswith(".ics") for p in result["rewritten"])


def test_a_title_edit_remakes_every_page_that_may_list_it(site, tmp_path):
    edit(site.content / POST, "title: ", "title: Nouveau titre — ")
    result = site.rebuild_and_compare(tmp_path, "title")
    assert {"index.html", "archives/index.html"} <= result["rewritten"]
    # Calendars show no post, feeds only those they carry: neither is made again.
    calendars = list((site.root / "site/output").rglob("*.ics"))
    assert result["kept"] >= len(calendars) > 0
    assert "feeds/all.atom.xml" in result["rewritten"]


def test_programme_event_and_brochure_edits(site, tmp_path):
    programme = site.content / "programmes/lp-photographie-audiovisuel.md"
    edit(programme, "deadline: 2027-05-15", "deadline: 2027-06-30")
    result = site.rebuild_and_compare(tmp_path, "programme")
    assert "programmes/lp-photographie-audiovisuel/agenda.ics" in result["rewritten"]

    event = sorted((site.content / "events").glob("*.md"))[0]
    edit(event, "title: ", "title: Reporté — ")
    site.rebuild_and_compare(tmp_path, "event")

    # Same file name, other PDF: the viewer, the embed page and the programme page follow.
    brochures = site.content / "brochures"
    first, second = sorted(brochures.glob("*.pdf"))
    swapped = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(swapped)
    site.rebuild_and_compare(tmp_path, "brochure")


def test_an_event_status_or_time_zone_change_is_seen(site, tmp_path):
    """Events keep `status:` and `timezone:` outside Pelican's metadata."""
    event = site.content / "events/portes-ouvertes-2027.md"
    edit(event, "location:", "status: cancelled\nlocation:")
    result = site.rebuild_and_compare(tmp_path, "status")
    assert "events/portes-ouvertes-2027.ics" in result["rewritten"]
    edit(event, "status: cancelled\n", "timezone: America/Martinique\n")
    site.rebuild_and_compare(tmp_path, "timezone")


def test_the_build_date_closes_deadlines_everywhere(site, tmp_path):
    site.build_date = "2027-09-15"
    result = site.rebuild_and_compare(tmp_path, "date")
    assert result["made"] > 0 and "index.html" in result["rewritten"]


def test_settings_and_theme_changes_remake_what_they_touch(site, tmp_path):
    site.settings = {"SITENAME": "Autre nom de site"}
    site.rebuild_and_compare(tmp_path, "setting")

    theme = site.root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    site.settings["THEME"] = str(theme)
    site.rebuild_and_compare(tmp_path, "theme-moved")
    edit(theme / "templates" / "base.html", "</footer>", "<p>Pied de page modifié</p></footer>")
    result = site.rebuild_and_compare(tmp_path, "template")
    assert "Pied de page modifié" in (site.root / "site/output/index.html").read_text()
    # Every page and calendar is made again; feeds, made without templates, are kept.
    output = site.root / "site/output"
    feeds = [p for p in output.rglob("*.xml") if p.name != "sitemap.xml"]
    assert feeds and result["kept"] == len(feeds)


def test_a_page_made_again_with_the_same_bytes_keeps_its_date(site, tmp_path):
    """A setting change remakes every file; only those that came out different are
    written (deploys, rsync and browser caches see the real changes)."""
    site.settings = {"FEEDS_SOCIAL_CALL_TO_ACTION": "Merci de relayer !"}
    result = site.rebuild_and_compare(tmp_path, "call to action")
    assert result["made"] > 50
    assert {p for p in result["rewritten"] if p.endswith(".html")} == set()
    assert "feeds/social/mastodon.rss.xml" in result["rewritten"]


def test_templates_from_theme_templates_overrides_count(site, tmp_path):
    overrides = site.root / "overrides" / "partials"
    overrides.mkdir(parents=True)
    shutil.copy(ROOT / "theme/templates/partials/contact_email.html", overrides)
    site.settings = {"THEME_TEMPLATES_OVERRIDES": [str(overrides.parent)]}
    site.build()
    edit(overrides / "contact_email.html", '[{{ _("arobase") }}]', "(at)")
    result = site.rebuild_and_compare(tmp_path, "override")
    assert "programmes/lp-photographie-audiovisuel/index.html" in result["rewritten"]


def test_pelican_autoreload_starts_each_build_from_the_last_record(site, tmp_path):
    """`pelican --autoreload` builds many times in one process."""
    log = tmp_path / "autoreload.log"
    with log.open("w") as out:
        server = autoreload(site, out)
        try:
            wait_for(lambda: log.read_text().count("Fichiers :") >= 1)
            time.sleep(1.5)  # the next change must have a later date than the first build
            edit(site.content / POST, "title: ", "title: Nouveau titre — ")
            wait_for(lambda: log.read_text().count("Fichiers :") >= 2)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
    scratch = site.build(tmp_path / "scratch", LOAD_CONTENT_CACHE=False)
    assert_same_files(scratch.output, site.root / "site" / "output", "reload")
    first, second = [(int(made), int(kept)) for made, kept in SUMMARY.findall(log.read_text())]
    assert second[0] > 0 and sum(second) == sum(first)  # counts of that build alone


def autoreload(site, out):
    overrides = {
        "SITEURL": SITEURL,
        "CACHE_PATH": str(site.root / "site" / "cache"),
        "BROCHURE_CACHE_PATH": str(site.shared / "brochures"),
        "CARDS_CACHE_PATH": str(site.shared / "cards"),
    }
    command = [str(PELICAN), str(site.content), "-s", str(DEMO / "pelicanconf.py"), "-r"]
    command += ["-o", str(site.root / "site" / "output"), "-e"]
    command += [f"{key}={json.dumps(value)}" for key, value in overrides.items()]
    env = {**kit_environment(), "RELAIS_BUILD_DATE": site.build_date}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )


def wait_for(condition, seconds=90):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "pelican --autoreload did not rebuild in time"
        time.sleep(0.3)


def test_markdown_settings_are_not_hidden_by_pelicans_content_cache(site, tmp_path):
    """Pelican's content cache only looks at file dates: relais reads again when settings
    that shape the HTML change."""
    site.settings = {
        "MARKDOWN": {
            "extension_configs": {
                "markdown.extensions.extra": {},
                "markdown.extensions.toc": {"permalink": "¶"},
            },
            "output_format": "html5",
        }
    }
    site.rebuild_and_compare(tmp_path, "markdown")
    post = (site.root / "site/output/blog/2026-10-alternance-mode-emploi/index.html").read_text()
    assert 'class="headerlink"' in post


def test_a_deleted_or_hand_edited_output_is_made_again(site, tmp_path):
    output = site.root / "site" / "output"
    (output / "programmes" / "index.html").unlink()
    page = output / "blog" / "2026-10-portes-ouvertes" / "index.html"
    page.write_text("modifié à la main", encoding="utf-8")
    result = site.rebuild_and_compare(tmp_path, "outputs")
    assert result["made"] == 2


def test_a_build_from_scratch_reuses_nothing(site, tmp_path):
    done = site.build(LOAD_CONTENT_CACHE=False)
    assert SUMMARY.search(done.stdout)[2] == "0"


def test_builds_from_scratch_sharing_a_template_cache_compile_each_template_once(tmp_path):
    """TEMPLATE_CACHE_PATH: a second build from scratch, its own content cache empty, loads
    the first one's compiled templates (Jinja writes a template's file only when it
    compiles it) and makes the same site as a build that compiled everything itself."""
    shared = {"TEMPLATE_CACHE_PATH": str(tmp_path / "templates")}
    first = build(tmp_path / "first", siteurl=SITEURL, settings=shared)
    assert first.returncode == 0, first.stderr
    compiled = {path: path.stat().st_mtime_ns for path in (tmp_path / "templates").rglob("*")}
    assert len(compiled) > 10  # the theme's pages, partials and macros

    second = build(tmp_path / "second", siteurl=SITEURL, settings=shared)
    alone = build(tmp_path / "alone", siteurl=SITEURL, settings={"TEMPLATE_CACHE_PATH": ""})

    assert second.returncode == 0 and alone.returncode == 0, second.stderr + alone.stderr
    assert {path: path.stat().st_mtime_ns for path in (tmp_path / "templates").rglob("*")} == (
        compiled
    )
    assert_same_files(alone.output, second.output, "shared template cache")
    assert list((tmp_path / "alone" / "cache" / "jinja").rglob("*.cache"))  # its own


# --- units -----------------------------------------------------------------------------


def test_a_record_counts_only_while_its_file_is_untouched(tmp_path):
    target = tmp_path / "page.html"
    memo = OutputMemo(tmp_path / "outputs.json", reading="r1")
    assert memo.write(target, "k1", lambda: b"one") is True
    assert memo.write(target, "k1", lambda: b"never called") is False
    memo.save()

    again = OutputMemo(tmp_path / "outputs.json", reading="r1", load=True)
    assert again.is_current(target, "k1") and not again.is_current(target, "k2")
    stat = target.stat()
    target.write_bytes(b"two")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert not again.is_current(target, "k1")


def test_a_record_made_with_other_settings_or_plugins_is_not_trusted(tmp_path):
    memo = OutputMemo(tmp_path / "outputs.json", reading="r1")
    memo.write(tmp_path / "page.html", "k1", lambda: b"one")
    memo.save()
    other = OutputMemo(tmp_path / "outputs.json", reading="r2", load=True)
    assert other.reading_changed and not other.is_current(tmp_path / "page.html", "k1")


def test_an_unchanged_file_keeps_its_date(tmp_path):
    """A key change that gives the same bytes does not touch the file (rsync, browsers)."""
    target = tmp_path / "feed.xml"
    memo = OutputMemo()
    memo.write(target, "k1", lambda: b"same")
    before = target.stat().st_mtime_ns
    memo.write(target, "k2", lambda: b"same")
    assert target.stat().st_mtime_ns == before


def test_stable_keys_ignore_memory_addresses_but_not_code():
    class Thing:
        pass

    def first(x):
        return x + 1

    def second(x):
        return x + 2

    assert stable({"b": Thing(), "a": [1, "x"]}) == stable({"a": [1, "x"], "b": Thing()})
    assert stable(first).split(":")[1] != stable(second).split(":")[1]


def test_plugin_code_counts_but_not_its_readme_or_tests(tmp_path):
    plugin = tmp_path / "plugins" / "example"
    plugin.mkdir(parents=True)
    for name in ("plugin.py", "README.md", "test_example.py"):
        (plugin / name).write_text("one\n", encoding="utf-8")
    settings = {"PLUGIN_PATHS": [str(tmp_path / "plugins")], "SITENAME": "x"}
    before = reading_key(settings)
    (plugin / "README.md").write_text("two\n", encoding="utf-8")
    (plugin / "test_example.py").write_text("two\n", encoding="utf-8")
    assert reading_key(settings) == before
    (plugin / "plugin.py").write_text("two\n", encoding="utf-8")
    assert reading_key(settings) != before
    assert reading_key({**settings, "SITENAME": "y"}) != reading_key(settings)
