"""Social feeds: one RSS per network whose items are the ready-to-post message.

Lengths are measured with twitter-text-parser (X) and grapheme counts written here
(Mastodon, Bluesky), not with relais's own counter; a real bot (feed2toot 0.17, which
reads feeds with feedparser) posts the items in dry-run mode, offline.
"""

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import feedparser
import pytest
import regex
from twitter_text import parse_tweet

from tests.sitebuild import DEMO, ROOT, build, copy_content, kit_environment

SITEURL = "https://relais.example.org/iut"  # a real domain: X shortens its links to 23
NETWORKS = ("x", "mastodon", "bluesky", "linkedin")
CTA = "Merci de RT !"
FEED2TOOT = Path(sys.executable).with_name("feed2toot")

AUTHOR_POST = """title: Salon de l’étudiant : rendez-vous stand B12
date: 2026-11-25 09:00
category: Vie du campus
tags: salon, orientation
social: Ce week-end au salon de Bordeaux 👋 venez nous voir stand B12 !
social_x: Salon de Bordeaux ce week-end, stand B12 👋

Venez nous voir.
"""

LONG_POST = """title: Été 2027 🎓 : l’alternance, les entreprises d’accueil et « tout ce qu’il faut savoir » avant de s’engager
date: 2026-11-26 10:00
category: Conseils
tags: alternance, humanités numériques, 2027, été
summary: {summary}

Texte.
"""  # noqa: E501

SUMMARY = (
    "Contrat d’apprentissage ou de professionnalisation, rythme, rémunération, aides : "
    "anticonstitutionnellementinterminablementmotcomposé 日本語のテキスト 👩🏽‍💻 🇫🇷 voir "
    "https://www.monmaster.gouv.fr/ et les fiches de l’ONISEP, puis candidatez. " * 3
).strip()


# A summary too long for X and Bluesky whose deadline comes last: cut, it keeps the date.
# The second one writes it with [[date limite]], which the build fills from the programme.
DATED_POST = """title: La licence pro photographie et audiovisuel recrute sa promotion 2027
date: 2026-11-27 10:00
category: Formations
programme: lp-photographie-audiovisuel
summary: La licence accueille 24 alternant·es chaque année dans une trentaine d’entreprises partenaires, des studios photo aux services d’archives des collectivités, avec un projet tuteuré mené de janvier à juin et une semaine de terrain à Arles. {last_words}

Texte.
"""  # noqa: E501
DATED_SUMMARIES = {
    "2026-11-lp-photo-recrute": "Candidatures jusqu’au 15 mai 2027 sur eCandidat.",
    "2026-11-lp-photo-dates": "Candidatures jusqu’au [[date limite]], rentrée en septembre.",
}


def with_social_posts(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "blog" / "2026-11-salon-bordeaux.md").write_text(AUTHOR_POST)
    (content / "blog" / "2026-11-alternance-ete.md").write_text(LONG_POST.format(summary=SUMMARY))
    for slug, last in DATED_SUMMARIES.items():
        (content / "blog" / f"{slug}.md").write_text(DATED_POST.format(last_words=last))
    return content


@pytest.fixture(scope="session")
def cards_cache(tmp_path_factory):
    return str(tmp_path_factory.mktemp("cards-cache"))


def social_build(workdir, content, cards_cache, **settings):
    site = build(
        workdir,
        content=content,
        siteurl=SITEURL,
        settings={"FEEDS_SOCIAL_CALL_TO_ACTION": CTA, "CARDS_CACHE_PATH": cards_cache, **settings},
    )
    assert site.returncode == 0, site.stderr
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory, cards_cache):
    workdir = tmp_path_factory.mktemp("social")
    return social_build(workdir, with_social_posts(workdir), cards_cache)


def feed(site, network):
    return feedparser.parse((site.output / f"feeds/social/{network}.rss.xml").read_bytes())


def graphemes(text):
    return len(regex.findall(r"\X", text))


def mastodon_length(text):
    return graphemes(re.sub(r"https?://\S+", "x" * 23, text))


@pytest.mark.parametrize("network", NETWORKS)
def test_each_item_is_the_message_guid_is_canonical_link_is_tagged(site, network):
    parsed = feed(site, network)
    assert not parsed.bozo and parsed.version == "rss20"
    assert parsed.feed.link == f"{SITEURL}/"
    assert len(parsed.entries) >= 5
    for entry in parsed.entries:
        # The same plain text, posted verbatim from either (<description> is HTML-escaped).
        assert html.unescape(entry.summary) == entry.title
        assert "<" not in entry.title and entry.title.endswith(" " + entry.link)
        assert CTA in entry.title
        assert entry.id.startswith(SITEURL + "/") and "?" not in entry.id
        query = parse_qsl(urlsplit(entry.link).query)
        assert [k for k, _ in query] == ["utm_source", "utm_medium", "utm_campaign"]
        values = dict(query)
        assert values["utm_source"] == network and values["utm_medium"] == "social"
        assert re.fullmatch(r"[a-z0-9_-]+", values["utm_campaign"])
        assert entry.link.split("?")[0] == entry.id  # removing the campaign gives the guid
        assert "tags" not in entry  # hashtags are in the text; feed2toot would repeat them
        (enclosure,) = entry.enclosures
        size = (site.output / urlsplit(enclosure.href).path.removeprefix("/iut/")).stat().st_size
        assert int(enclosure.length) == size and enclosure.type.startswith("image/")
        assert entry.media_content[0]["medium"] == "image"
    published = [e.published_parsed for e in parsed.entries]
    assert published == sorted(published, reverse=True)


def test_x_messages_weigh_at_most_280_minus_the_reserve(site):
    for entry in feed(site, "x").entries:
        tweet = parse_tweet(entry.title)
        assert tweet.valid and tweet.weightedLength + 16 <= 280, entry.title


def test_mastodon_messages_fit_500_and_survive_bots_that_cut_with_len(site):
    for entry in feed(site, "mastodon").entries:
        assert mastodon_length(entry.title) <= 500 and len(entry.title) <= 499


def test_bluesky_messages_fit_300_graphemes_with_the_whole_link(site):
    for entry in feed(site, "bluesky").entries:
        assert graphemes(entry.title) <= 300 and len(entry.title.encode()) <= 3000


def test_linkedin_messages_fit_3000(site):
    for entry in feed(site, "linkedin").entries:
        assert len(entry.title.encode("utf-16-le")) // 2 <= 3000


def message(site, network, slug):
    return next(e.title for e in feed(site, network).entries if e.id.endswith(f"/{slug}/"))


def test_the_authors_social_text_and_per_network_override_are_used(site):
    x = message(site, "x", "2026-11-salon-bordeaux")
    assert x.startswith(f"Salon de Bordeaux ce week-end, stand B12 👋 {CTA} #salon #orientation")
    mastodon = message(site, "mastodon", "2026-11-salon-bordeaux")
    assert mastodon.startswith("Ce week-end au salon de Bordeaux 👋 venez nous voir stand B12 !")


def test_a_long_post_is_cut_between_words_with_an_ellipsis(site):
    x = message(site, "x", "2026-11-alternance-ete")
    assert "…" in x and "https://www.monmaster.gouv.fr/…" not in x
    body = x.split("…")[0]
    source = LONG_POST.split("\n")[0].removeprefix("title: ") + " — " + SUMMARY
    assert source.startswith(body.rstrip(" ,:;"))
    assert source[len(body.rstrip(" ,:;"))] in " ,:;"  # the cut fell between two words
    linkedin = message(site, "linkedin", "2026-11-alternance-ete")
    assert "#HumanitésNumériques #été" in linkedin and "…" not in linkedin  # 2027: no hashtag


@pytest.mark.parametrize("slug", sorted(DATED_SUMMARIES))
def test_every_network_s_message_keeps_the_deadline_the_summary_gives(site, slug):
    messages = {network: message(site, network, slug) for network in NETWORKS}
    assert "…" in messages["x"] and "…" in messages["bluesky"]  # cut to fit
    for network, text in messages.items():
        assert "Candidatures jusqu’au 15 mai 2027" in text, network
    assert "[[" not in messages["linkedin"]


def test_only_recent_items_are_relayed(site):
    ids = {e.id for e in feed(site, "x").entries}
    assert f"{SITEURL}/blog/2026-11-temoignage-iconographe/" in ids  # 11 days before the build
    assert f"{SITEURL}/blog/2026-10-portes-ouvertes/" not in ids  # 47 days: feed2fedi forgot it


def test_an_overlong_social_text_stops_the_build_naming_file_network_and_length(tmp_path):
    content = copy_content(tmp_path / "content")
    post = content / "blog" / "2026-10-portes-ouvertes.md"
    post.write_text("social_bluesky: " + "Venez nombreux " * 25 + "\n" + post.read_text())
    broken = build(tmp_path, content=content, siteurl=SITEURL)
    assert broken.returncode == 1
    (line,) = [line for line in broken.stderr.splitlines() if line.startswith("ERREUR")]
    assert "content/blog/2026-10-portes-ouvertes.md" in line and "social_bluesky" in line
    link = (
        f"{SITEURL}/blog/2026-10-portes-ouvertes/"
        "?utm_source=bluesky&utm_medium=social&utm_campaign=vie-du-campus"
    )
    length = graphemes(("Venez nombreux " * 25).strip() + " " + link)
    assert f" : {length} caractères comptés pour Bluesky avec le lien — la limite est 300" in line
    assert "Traceback" not in broken.stderr and not (tmp_path / "output" / "feeds").exists()


# --- a real bot reads the feed ---------------------------------------------------------------


def feed2toot(workdir: Path, feed_file: Path, *options):
    """feed2toot 0.17 offline: dry-run never contacts the (invalid) instance."""
    config = workdir / "feed2toot.ini"
    config.write_text(
        "[mastodon]\ninstance_url=https://mastodon.invalid\n"
        f"user_credentials={workdir}/user.secret\nclient_credentials={workdir}/client.secret\n"
        f"[cache]\ncachefile={workdir}/cache.db\n[lock]\nlock_file={workdir}/feed2toot.lock\n"
        f"[rss]\nuri={feed_file}\ntoot={{title}}\n"
    )
    done = subprocess.run(
        [str(FEED2TOOT), "-c", str(config), *options], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    # feed2toot writes a no-break space after the colon.
    return re.findall(r'^Would toot with visibility "public":\s(.*)$', done.stderr, re.M)


def test_feed2toot_posts_every_item_exactly_as_written(site, tmp_path):
    path = site.output / "feeds/social/mastodon.rss.xml"
    toots = feed2toot(tmp_path, path, "--dry-run", "--all")
    titles = [e.title for e in feed(site, "mastodon").entries[:10]]
    assert sorted(toots) == sorted(titles)  # no cut, no extra hashtags, no lost link


def test_feed2toot_posts_nothing_again_after_a_rebuild_and_only_the_new_post(
    site, tmp_path, cards_cache
):
    bot = tmp_path / "bot"
    bot.mkdir()
    live = bot / "mastodon.rss.xml"
    shutil.copy(site.output / "feeds/social/mastodon.rss.xml", live)
    assert feed2toot(bot, live, "--populate-cache") == []
    content = with_social_posts(tmp_path / "n1")
    rebuilt = social_build(tmp_path / "n1", content, cards_cache)
    assert (rebuilt.output / "feeds/social/mastodon.rss.xml").read_bytes() == live.read_bytes()
    assert feed2toot(bot, rebuilt.output / "feeds/social/mastodon.rss.xml", "--dry-run") == []
    (content / "blog" / "2026-11-nouveau.md").write_text(
        "title: Inscriptions ouvertes\ndate: 2026-11-30 12:00\ncategory: Formations\n\nTexte.\n"
    )
    newer = social_build(tmp_path / "n2", content, cards_cache)
    toots = feed2toot(bot, newer.output / "feeds/social/mastodon.rss.xml", "--dry-run")
    assert toots == [
        f"Inscriptions ouvertes — Texte. {CTA} "
        f"{SITEURL}/blog/2026-11-nouveau/?utm_source=mastodon&utm_medium=social"
        "&utm_campaign=formations"
    ]


# --- share kit --------------------------------------------------------------------------------


def test_share_kit_prints_each_networks_message_length_and_campaign_link(tmp_path):
    env = {**kit_environment(), "RELAIS_BUILD_DATE": "2026-12-01"}
    conf = tmp_path / "conf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(DEMO)!r})\nfrom pelicanconf import *\n"
        f"PATH = {str(DEMO / 'content')!r}\nSITEURL = {SITEURL!r}\n"
        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n"
    )
    share = "relais.plugins.feeds.share"
    command = [sys.executable, "-m", share, "2026-10-portes-ouvertes",
               "--settings", str(conf)]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    blocks = re.findall(r"^── (.+?) : (\d+)/(\d+).*\n(.+)\nLien de campagne : (\S+)$", done.stdout,
                        re.M)  # fmt: skip
    assert [b[0] for b in blocks] == ["X (Twitter)", "Mastodon", "Bluesky", "LinkedIn"]
    _label, x_length, x_limit, x_text, x_link = blocks[0]
    assert int(x_length) == parse_tweet(x_text).weightedLength and x_limit == "280"
    assert x_text.endswith(x_link) and "utm_source=x&utm_medium=social&utm_campaign=" in x_link
    assert int(blocks[2][1]) == graphemes(blocks[2][3])
    assert int(blocks[1][1]) == mastodon_length(blocks[1][3])
    missing = subprocess.run([*command[:3], "portes-ouvertes", "--settings", str(conf)], cwd=ROOT,
                             env=env, capture_output=True, text=True, check=False)  # fmt: skip
    assert missing.returncode == 1
    assert "« portes-ouvertes »" in missing.stdout and "2026-10-portes-ouvertes" in missing.stdout
