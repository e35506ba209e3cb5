"""Unit specifications of the relay feeds: counting, fitting, hashtags, links, feedgen fixes.

Lengths are checked against twitter-text-parser (the conformance-tested port of
twitter-text) and against grapheme counts written here, never against the code
under test.
"""

import re
from datetime import UTC, datetime

import feedparser
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from twitter_text import parse_tweet

from relais.plugins.feeds.campaign import campaign_link
from relais.plugins.feeds.collect import _check_unique_guids
from relais.plugins.feeds.config import DEFAULTS, networks
from relais.plugins.feeds.counting import Rule, count
from relais.plugins.feeds.fitting import (
    ELLIPSIS,
    TooLong,
    assemble,
    fit_author_text,
    fit_composed,
    words,
)
from relais.plugins.feeds.hashtags import hashtag, hashtags
from relais.plugins.feeds.images import Enclosure
from relais.plugins.feeds.items import FeedItem
from relais.plugins.feeds.social import Shareable, compose
from relais.plugins.feeds.writing import Channel, Entry, Site, render

X = Rule("twitter")
LINK = (
    "https://www.iut-exemple.fr/blog/2026-10-portes-ouvertes/"
    "?utm_source=x&utm_medium=social&utm_campaign=vie-du-campus"
)
# Emoji that twitter-text-parser's Emoji 12 data knows (newer ones it over-counts).
EMOJI = ["🎓", "👩‍🎓", "👩🏽‍💻", "🇫🇷", "❤️", "👍🏿", "1️⃣", "😀", "🏳️‍🌈", "👨‍👩‍👧‍👦", "©"]
FRENCH = (
    "Portes ouvertes : venez rencontrer les équipes à l’IUT, été comme hiver ! "
    "Candidatures jusqu’au 15 mai ; ateliers, visites et « rencontres » avec les "
    "enseignant·es. Œuvre, cœur, naïve, Noël, où, déjà, ça — voilà."
).split()
URLS = [
    "https://www.monmaster.gouv.fr/",
    "https://candidature.example.org/lp-photo?session=2027&x=1",
    "http://univ-exemple.fr/a/b/c.html",
]
LONG_WORD = st.text(alphabet="abcdéèàùçœ", min_size=25, max_size=90)
TOKEN = st.one_of(
    st.sampled_from(FRENCH),
    st.sampled_from(EMOJI),
    st.sampled_from(URLS),
    st.sampled_from(["日本語のテキスト", "한국어", "e\u0301cole", "q\u0301", "#JPO2027"]),
    LONG_WORD,
)
TEXT = st.lists(TOKEN, min_size=0, max_size=80).map(" ".join)


def mastodon_count(text):
    """Mastodon's countable text: every http(s) link is 23 characters, then graphemes."""
    return len(regex.findall(r"\X", re.sub(r"https?://\S+", "x" * 23, text)))


def graphemes(text):
    return len(regex.findall(r"\X", text))


# --- counting ------------------------------------------------------------------------------


def test_x_weights_match_twitter_text_on_known_cases():
    for text in [
        "Bonjour 👋 https://example.org",
        "日本語のテキスト",
        "Bravo 👩‍🎓👩🏽‍💻 !",
        "Candidatures jusqu’au 15 mai — « Merci de RT »",
        "Voir https://www.iut-exemple.fr/blog/x/?utm_source=x&utm_medium=social.",
        "e\u0301cole",
        "©®™",
    ]:
        assert count(text, X) == parse_tweet(text).weightedLength, text


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_x_weight_equals_twitter_text_for_words_emoji_cjk_and_links(text):
    assert count(text, X) == parse_tweet(text).weightedLength


def test_bare_domains_are_never_counted_shorter_than_twitter_text():
    for text in ["Voir example.fr/a", "éexample.fr", "café.fr", "_example.fr", "Node.js"]:
        assert count(text, X) >= parse_tweet(text).weightedLength, text


def test_newer_emoji_count_two_as_on_x_although_twitter_text_parser_says_more():
    # twitter-text-parser 3.0.0 ships Emoji 12 data: the phoenix (Emoji 15) weighs 5 there.
    assert count("🐦‍🔥", X) == 2
    assert parse_tweet("🐦‍🔥").weightedLength == 5


def test_mastodon_counts_graphemes_and_links_as_23():
    rule = Rule("graphemes", 23)
    text = "Bravo 👩🏽‍💻 ! " + LINK
    assert count(text, rule) == mastodon_count(text) == 10 + 23


def test_bluesky_counts_the_whole_link_and_linkedin_utf16_units():
    text = "Bravo 👩🏽‍💻 ! " + LINK
    assert count(text, Rule("graphemes")) == graphemes(text)
    assert count("🎓é", Rule("utf16")) == 3


# --- fitting -------------------------------------------------------------------------------


def all_networks():
    return networks({**DEFAULTS, "FEEDS_SOCIAL_RESERVE": {"x": 16}})


def check_limits(network, text):
    """The network's limit, measured independently of relay_feeds.counting."""
    key, limits = network.key, network.limits
    if key == "x":
        parsed = parse_tweet(text)
        assert parsed.weightedLength + limits.reserve <= limits.limit, text
    elif key == "mastodon":
        assert mastodon_count(text) <= 500 and len(text) <= 499, text
    elif key == "bluesky":
        assert graphemes(text) <= 300 and len(text.encode()) <= 3000, text
    elif key == "linkedin":
        assert len(text.encode("utf-16-le")) // 2 <= 3000, text


@settings(max_examples=200, deadline=None)
@given(title=TEXT, summary=TEXT, tags=st.lists(st.sampled_from(["portes ouvertes", "été", "2027"])))
def test_composed_messages_fit_every_network_and_cut_only_between_words(title, summary, tags):
    for network in all_networks():
        fitted = fit_composed(title, summary, "Merci de RT", hashtags(tags), LINK, network.limits)
        check_limits(network, fitted.text)
        assert fitted.text.endswith(" " + LINK) or fitted.text == LINK
        body = fitted.text.removesuffix(LINK)
        original = words(title) + (words("— " + summary) if summary else [])
        kept = words(body.split(" Merci de RT")[0]) if "Merci de RT" in body else words(body)
        if fitted.cut and kept and kept[-1] == ELLIPSIS:
            kept = kept[:-1]
        if fitted.cut and kept:
            *whole, last = kept
            last = last.removesuffix(ELLIPSIS)
            assert whole == original[: len(whole)]
            source = original[len(whole)]
            # The last word lost at most trailing punctuation clusters, never part of a cluster.
            assert source.startswith(last)
            assert regex.findall(r"\X", source)[: len(regex.findall(r"\X", last))] == (
                regex.findall(r"\X", last)
            )
        elif not fitted.cut:
            assert kept[: len(original)] == original


def test_a_long_post_is_cut_with_an_ellipsis_keeping_title_link_and_hashtags():
    x = next(n for n in all_networks() if n.key == "x")
    summary = "Visites, ateliers et rencontres avec les enseignant·es. " * 8
    fitted = fit_composed("Portes ouvertes 🎓", summary, "", ["#PortesOuvertes"], LINK, x.limits)
    assert fitted.cut
    assert fitted.text.startswith("Portes ouvertes 🎓 — Visites,")
    assert f"{ELLIPSIS} #PortesOuvertes {LINK}" in fitted.text
    assert parse_tweet(fitted.text).weightedLength <= 280 - 16


def test_author_text_is_kept_verbatim_and_refused_when_it_cannot_fit():
    x = next(n for n in all_networks() if n.key == "x")
    fitted = fit_author_text("JPO samedi ! #JPO", "", ["#jpo", "#IUT"], LINK, x.limits)
    assert fitted.text == f"JPO samedi ! #JPO #IUT {LINK}"  # #jpo is already there
    try:
        fit_author_text("mot " * 70, "", [], LINK, x.limits)
    except TooLong as too_long:
        assert too_long.length == parse_tweet(("mot " * 70).strip() + " " + LINK).weightedLength
    else:
        raise AssertionError("a 300-weight text cannot fit in 264")


def test_overlong_social_text_is_a_content_error_naming_file_network_and_length():
    x = next(n for n in all_networks() if n.key == "x")
    post = Shareable("content/blog/jpo.md", "JPO", "https://a.fr/jpo/", "campus",
                     social=(("x", "très long " * 30),))  # fmt: skip
    try:
        compose(post, x)
    except Exception as error:
        message = str(error)
        assert "content/blog/jpo.md" in message and "social_x" in message
        assert "X (Twitter)" in message and "caractères comptés" in message
        assert re.search(r"\b3\d\d caractères comptés", message)
    else:
        raise AssertionError("expected a ContentError")


# --- hashtags and links --------------------------------------------------------------------


def test_hashtags_keep_accents_and_join_words():
    assert hashtag("portes ouvertes") == "#PortesOuvertes"
    assert hashtag("humanités numériques") == "#HumanitésNumériques"
    assert hashtag("alternance") == "#alternance"
    assert hashtag("d’orientation") == "#dorientation"
    assert hashtag("2027") is None
    assert hashtags(["Été", "été", "JPO 2027"]) == ["#Été", "#JPO2027"]


def test_campaign_link_adds_the_three_utm_parameters():
    assert campaign_link("https://a.fr/p/", "mastodon", "LP Photo") == (
        "https://a.fr/p/?utm_source=mastodon&utm_medium=social&utm_campaign=lp-photo"
    )


# --- feedgen fixes -------------------------------------------------------------------------


def sample(fmt, hub="https://hub.example/"):
    when = datetime(2026, 10, 15, 8, tzinfo=UTC)
    site = Site("https://a.fr/", "Site", "fr", "Com", hub, when)
    image = Enclosure("https://a.fr/cards/c.jpg", "image/jpeg", 1234, 1200, 630)
    entry = Entry("https://a.fr/p/", True, "Titre", "https://a.fr/p/", when, when,
                  "<p>résumé</p>", "<p>texte</p>", ("Com",), ("Vie du campus",), image)  # fmt: skip
    channel = Channel("Flux", "Description", "https://a.fr/", f"https://a.fr/feeds/all.{fmt}.xml")
    return render(channel, [entry], fmt, site)


def test_rss_and_atom_announce_the_hub_and_keep_the_page_as_channel_link():
    for fmt in ("rss", "atom"):
        feed = feedparser.parse(sample(fmt))
        assert not feed.bozo
        rels = {link.rel: link.href for link in feed.feed.links}
        assert rels["hub"] == "https://hub.example/"
        assert rels["self"] == f"https://a.fr/feeds/all.{fmt}.xml"
        assert feed.feed.link == "https://a.fr/"
    assert b'rel="hub"' not in sample("rss", hub="")


def test_atom_entries_keep_link_and_enclosure_attributes():
    entry = feedparser.parse(sample("atom")).entries[0]
    assert entry.link == "https://a.fr/p/"  # not the image (python-feedgen#135)
    assert [(e.href, e.type, e.length) for e in entry.enclosures] == [
        ("https://a.fr/cards/c.jpg", "image/jpeg", "1234")
    ]
    assert entry.media_content[0]["width"] == "1200"


def test_atom_links_added_by_relais_are_in_the_default_namespace():
    """Not `<ns1:link xmlns:ns1="http://www.w3.org/2005/Atom">` (feed validator: "Avoid
    Namespace Prefix"): feedgen's Atom elements are unqualified under a literal xmlns."""
    data = sample("atom")
    assert b"<ns" not in data and b"xmlns:ns" not in data
    root = etree.fromstring(data)
    links = root.findall("{http://www.w3.org/2005/Atom}link")
    assert [link.get("rel") for link in links] == ["self", "hub", "alternate"]
    entry_links = root.findall(
        "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}link"
    )
    assert [link.get("rel") for link in entry_links] == ["alternate", "enclosure"]
    assert all(e.prefix is None for e in root.iter(etree.Element) if "Atom" in e.tag)


def test_of_a_thousand_hashtags_the_message_keeps_the_longest_run_that_fits():
    many = [f"#Sujet{n}" for n in range(1000)]
    for network in all_networks():
        limits = network.limits
        fitted = fit_composed("Portes ouvertes", "", "", many, LINK, limits)
        kept = len(fitted.hashtags)
        assert fitted.hashtags == tuple(many[:kept]) and 0 < kept < 1000
        assert not limits.fits(assemble("Portes ouvertes", "", many[: kept + 1], LINK))
        own = fit_author_text("Venez nombreux !", "", many, LINK, limits)
        assert not limits.fits(
            assemble("Venez nombreux !", "", many[: len(own.hashtags) + 1], LINK)
        )


# --- identifiers -----------------------------------------------------------------------------


def _item(path, url, guid=None):
    moment = datetime(2026, 11, 16, tzinfo=UTC)
    return FeedItem(None, path, "article", "T", url, guid or url, moment, moment, "c")


def test_an_author_guid_taken_twice_names_the_first_file():
    errors = []
    _check_unique_guids(
        [_item("content/blog/a.md", "https://a.fr/a/", "tag:a.fr,2026:jpo"),
         _item("content/blog/b.md", "https://a.fr/b/", "tag:a.fr,2026:jpo"),
         _item("content/blog/c.md", "https://a.fr/c/"),
         _item("content/blog/d.md", "https://a.fr/d/", "https://a.fr/c/")],
        errors,
    )  # fmt: skip
    assert [(error.path, error.field) for error in errors] == [
        ("content/blog/b.md", "guid"),
        ("content/blog/d.md", "guid"),
    ]
    assert "tag:a.fr,2026:jpo » est déjà l’identifiant de content/blog/a.md" in str(errors[0])


def test_two_contents_at_one_address_are_left_to_the_clash_check():
    errors = []
    _check_unique_guids(
        [
            _item("content/blog/a.md", "https://a.fr/a/"),
            _item("content/blog/b.md", "https://a.fr/a/"),
        ],
        errors,
    )
    assert errors == []
