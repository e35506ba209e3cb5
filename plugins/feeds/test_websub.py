"""WebSub pings, against a hub served on 127.0.0.1."""

import pytest

from relais.plugins.feeds.websub import ping
from tests.mock_hub import recording_hub


@pytest.fixture
def hub():
    with recording_hub() as hub:
        yield hub


@pytest.fixture
def output(tmp_path):
    feeds = tmp_path / "output" / "feeds"
    (feeds / "social").mkdir(parents=True)
    (feeds / "all.atom.xml").write_text("<feed/>")
    (feeds / "all.rss.xml").write_text("<rss/>")
    (feeds / "social" / "x.rss.xml").write_text("<rss/>")
    return tmp_path / "output"


def test_pings_each_feed_once_then_only_changed_ones(hub, output, tmp_path):
    url, received = hub
    settings = {"SITEURL": "https://site.example/sub", "FEEDS_WEBSUB_HUB": url}
    state = tmp_path / "cache" / "websub.json"
    first = ping(output, settings, state)
    assert sorted(r["hub.url"][0] for r in received) == [
        "https://site.example/sub/feeds/all.atom.xml",
        "https://site.example/sub/feeds/all.rss.xml",
        "https://site.example/sub/feeds/social/x.rss.xml",
    ]
    assert all(r["hub.mode"] == ["publish"] for r in received)
    assert len(first.pinged) == 3
    received.clear()
    assert ping(output, settings, state).pinged == [] and received == []
    (output / "feeds" / "social" / "x.rss.xml").write_text("<rss><channel/></rss>")
    again = ping(output, settings, state)
    assert [r["hub.url"][0] for r in received] == [
        "https://site.example/sub/feeds/social/x.rss.xml"
    ]
    assert again.lines[-1].startswith("WebSub : 1 flux notifié(s)")


def test_unreachable_hub_is_skipped_with_a_clear_message(output, tmp_path):
    settings = {"SITEURL": "https://s.example", "FEEDS_WEBSUB_HUB": "http://127.0.0.1:9/"}
    outcome = ping(output, settings, tmp_path / "state.json")
    assert outcome.offline and outcome.pinged == []
    assert "injoignable" in outcome.lines[0] and "notification ignorée" in outcome.lines[0]
    # Nothing was recorded as notified: the next publish pings everything.
    assert not (tmp_path / "state.json").read_text().strip("{}\n ")


def test_no_hub_no_ping(output):
    outcome = ping(output, {"SITEURL": "https://s.example"})
    assert outcome.lines == ["WebSub : aucun hub (FEEDS_WEBSUB_HUB est vide), rien à notifier."]
