"""Covers on the built site (plugins/covers): what the pages carry, what the renders are,
what the cache saves, and how a wrong `cover:` or `cover_alt:` stops the build.

Pages are read with BeautifulSoup (lxml), renders with Pillow. One demo copy is built
twice (the second build must render nothing); one broken copy is built once.
"""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageStat

from plugins.cards.test_cards import huge_png
from relais.checks import lighthouse
from relais.checks.site import Site
from relais.plugins.cards.render import COVER_WIDTH, HEIGHT, WIDTH
from tests.sitebuild import build, copy_content

PROGRAMME = "programmes/lp-photographie-audiovisuel/"  # has a cover
BARE = "programmes/master-humanites-numeriques/"  # has none: the default shows
POST = "blog/2026-10-portes-ouvertes/"  # has a cover
PROGRAMME_ALT = "Un objectif photographique devant les lumières floues d’un studio (illustration)"
APPLY = {
    PROGRAMME: "https://candidature.example.org/lp-photo",
    BARE: "https://www.monmaster.gouv.fr/",
}


def _post(content: Path, name: str, header: str) -> None:
    (content / "blog" / f"{name}.md").write_text(
        f"{header}\n\nCorps du billet.\n" if header.startswith("---") else f"{header}\nCorps.\n",
        encoding="utf-8",
    )


def _cache(workdir: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in (workdir / "covers").iterdir()}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo, plus two posts whose cover is decorative (Markdown and YAML headers),
    built, then built again without any change."""
    work = tmp_path_factory.mktemp("covers")
    content = copy_content(work / "content")
    _post(
        content,
        "decor-markdown",
        "title: Décor en Markdown\ndate: 2026-11-28 09:00\ncategory: Tests\n"
        'cover: images/covers/campus-soir.jpg\ncover_alt: ""\nsummary: Un décor.\n',
    )
    _post(
        content,
        "decor-yaml",
        "---\ntitle: Décor en YAML\ndate: 2026-11-29 09:00\ncategory: Tests\n"
        'cover: images/covers/lp-photo-studio.jpg\ncover_alt: ""\nsummary: Un autre décor.\n---',
    )
    own_cache = {"COVERS_CACHE_PATH": str(work / "covers")}
    first = build(work, content=content, settings=own_cache)
    assert first.returncode == 0, first.stderr
    cache = _cache(work)
    outputs = {p.name: p.read_bytes() for p in (first.output / "covers").iterdir()}
    again = build(work, content=content, siteurl=first.siteurl, settings=own_cache)
    assert again.returncode == 0, again.stderr
    return {"build": first, "again": again, "work": work, "cache": cache, "outputs": outputs}


def soup(site, url_path: str) -> BeautifulSoup:
    return BeautifulSoup(site["build"].page(url_path).read_text(encoding="utf-8"), "lxml")


def _render(site, url: str) -> Path:
    return site["build"].output / url.removeprefix(site["build"].siteurl + "/")


def _srcset(img) -> list[tuple[str, int]]:
    entries = [part.split() for part in img["srcset"].split(",")]
    return [(url, int(width.removesuffix("w"))) for url, width in entries]


# --- What the pages carry ---------------------------------------------------------------


def test_home_page_shows_programmes_then_events_then_news(site):
    home = soup(site, "")
    sections = [s.get("aria-labelledby") for s in home.select("main section[aria-labelledby]")]
    assert sections == ["formations", "agenda-accueil", "actualites"]
    cards = home.select("section[aria-labelledby=formations] li.card")
    assert [c.select_one(".card-title a")["href"].removeprefix(site["build"].siteurl + "/")
            for c in cards] == [PROGRAMME, BARE]  # fmt: skip
    for card, url_path in zip(cards, (PROGRAMME, BARE), strict=True):
        assert card.select(".cover"), url_path  # a picture or the default box
        assert card.select_one(".deadline time")["datetime"]  # both are open on 2026-12-01
        button = card.select_one(".card-apply a.button")
        assert button["href"] == APPLY[url_path]
        # Its accessible name says which programme, although the buttons read the same.
        assert button.get_text(" ", strip=True).startswith("Candidater —")


@pytest.mark.parametrize(
    ("url_path", "selector", "alt"),
    [
        ("", "section[aria-labelledby=formations] img.cover", PROGRAMME_ALT),
        ("programmes/", "img.cover", PROGRAMME_ALT),
        (PROGRAMME, "article > header img.cover", PROGRAMME_ALT),
        (POST, "article > header img.cover", "Les bâtiments du campus éclairés à la tombée"),
        ("", "section[aria-labelledby=actualites] img.cover", ""),  # decorative posts first
    ],
    ids=["home", "programme-list", "programme-header", "post", "news-card"],
)
def test_covers_have_webp_renders_sizes_dimensions_and_alt(site, url_path, selector, alt):
    img = soup(site, url_path).select_one(selector)
    assert img is not None
    assert img.has_attr("alt") and img["alt"].startswith(alt) and (alt or img["alt"] == "")
    width, height = int(img["width"]), int(img["height"])
    assert width * 2 == height * 3 or abs(width / height - 1.5) < 0.01  # the 3:2 box
    assert img["sizes"].endswith("100vw")
    entries = _srcset(img)
    assert img["src"] in [url for url, _ in entries]
    assert [w for _, w in entries] == sorted(w for _, w in entries)
    assert (entries[-1][1], round(entries[-1][1] / 1.5)) == (width, height)
    for url, declared in entries:
        with Image.open(_render(site, url)) as render:
            assert render.format == "WEBP"
            assert render.width == declared
            assert abs(render.width / render.height - 1.5) < 0.01


def test_the_demo_renders_are_480_800_and_1200_pixels_wide_and_light(site):
    img = soup(site, PROGRAMME).select_one("article > header img.cover")
    assert [w for _, w in _srcset(img)] == [480, 800, 1200]
    for url, _ in _srcset(img):
        assert _render(site, url).stat().st_size < 120_000


def test_only_the_page_header_cover_is_fetched_first(site):
    for url_path in (PROGRAMME, POST):
        header = soup(site, url_path).select_one("article > header img.cover")
        assert header["fetchpriority"] == "high" and not header.has_attr("loading")
    for url_path in ("", "programmes/", "archives/"):
        for img in soup(site, url_path).select("img.cover"):
            assert img["loading"] == "lazy" and img["decoding"] == "async"
            assert not img.has_attr("fetchpriority")


def test_without_a_cover_the_default_box_is_silent_and_the_same_size(site):
    header = soup(site, BARE).select_one("article > header")
    assert header.select("img") == []
    box = header.select_one(".cover.cover-default")
    assert box.get_text(strip=True) == "" and not box.find(True)  # nothing to read out
    assert not {"role", "aria-label", "alt"} & set(box.attrs)
    card = soup(site, "").select_one(f"li.card:has(a[href$='/{BARE}']) .cover")
    assert "cover-default" in card["class"]
    stylesheet = soup(site, "").select_one("link[rel=stylesheet][href*='css/site']")["href"]
    css = _render(site, stylesheet).read_text(encoding="utf-8")
    rule = re.search(r"\.cover \{([^}]*)\}", css).group(1)
    assert "aspect-ratio: 3 / 2" in rule  # the box of the pictures, whether one loads or not
    assert "var(--brand)" in re.search(r"\.cover-default \{([^}]*)\}", css).group(1)


def test_posts_without_a_cover_have_no_picture_on_their_page_or_card(site):
    page = soup(site, "blog/2026-10-alternance-mode-emploi/")
    assert page.select("article .cover") == []
    card = soup(site, "archives/").select_one("li:has(a[href$='/2026-10-alternance-mode-emploi/'])")
    assert card.select(".cover") == []


# --- Cache and share card -----------------------------------------------------------------


def test_a_rebuild_without_change_renders_no_cover(site):
    assert _cache(site["work"]) == site["cache"]  # not one cached render rewritten
    again = site["again"]
    assert {p.name: p.read_bytes() for p in (again.output / "covers").iterdir()} == site["outputs"]
    log = again.stdout + again.stderr
    assert re.search(r"Couvertures : 0 image\(s\) rendue\(s\), 6 reprise\(s\) du cache", log), log


def test_the_share_card_still_shows_the_cover(site):
    def right_panel_mean(url_path):
        og = soup(site, url_path).select_one("meta[property='og:image']")["content"]
        with Image.open(_render(site, og)) as card:
            assert card.size == (WIDTH, HEIGHT)
            panel = card.convert("RGB").crop((WIDTH - COVER_WIDTH + 20, 20, WIDTH - 20, 300))
            return ImageStat.Stat(panel).mean

    source = site["build"].output.parent / "content" / "images/covers/lp-photo-studio.jpg"
    with Image.open(source) as cover:
        top = cover.convert("RGB").crop((0, 0, cover.width, cover.height // 3))
        expected = ImageStat.Stat(top).mean
    with_cover, without = right_panel_mean(PROGRAMME), right_panel_mean(BARE)
    assert all(abs(a - b) < 45 for a, b in zip(with_cover, expected, strict=True))
    assert any(abs(a - b) > 45 for a, b in zip(with_cover, without, strict=True))


# --- Wrong covers -----------------------------------------------------------------------------


BROKEN = {
    # post name: (header lines, field named, words the line must hold)
    "sans-alt": ("cover: images/ok.jpg\n", "cover_alt", ["images/ok.jpg", "cover_alt: "]),
    "introuvable": ("cover: images/nulle-part.jpg\ncover_alt: x\n", "cover", ["introuvable"]),
    "pas-une-image": ("cover: images/texte.jpg\ncover_alt: x\n", "cover", ["pas une image"]),
    "trop-grande": ("cover: images/bombe.png\ncover_alt: x\n", "cover", ["CARDS_MAX_IMAGE"]),
    "trop-petite": ("cover: images/vignette.jpg\ncover_alt: x\n", "cover", ["300×200", "480×320"]),
    "gif": ("cover: images/anime.gif\ncover_alt: x\n", "cover", ["GIF", "JPEG, PNG ou WebP"]),
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    work = tmp_path_factory.mktemp("broken-covers")
    content = copy_content(work / "content")
    images = content / "images"
    Image.new("RGB", (900, 600), "#336699").save(images / "ok.jpg")
    Image.new("RGB", (300, 200), "#336699").save(images / "vignette.jpg")
    Image.new("RGB", (900, 600), "#336699").save(images / "anime.gif")
    (images / "texte.jpg").write_text("Ceci n’est pas une image.\n", encoding="utf-8")
    huge_png(images / "bombe.png")
    for name, (header, _, _) in BROKEN.items():
        _post(content, name, f"title: {name}\ndate: 2026-11-25 10:00\n{header}summary: x\n")
    return build(work, content=content)


@pytest.mark.slow
@pytest.mark.parametrize("name", BROKEN)
def test_a_wrong_cover_stops_the_build_with_one_line_naming_file_and_field(broken, name):
    assert broken.returncode == 1
    assert "Traceback" not in broken.stderr
    assert not (broken.output / "index.html").exists()
    lines = [line for line in broken.stderr.splitlines() if f"blog/{name}.md" in line]
    assert len(lines) == 1, broken.stderr
    _, field, words = BROKEN[name]
    assert lines[0].startswith("ERREUR ") and f"« {field} »" in lines[0]
    for word in words:
        assert word in lines[0], lines[0]


# --- Lighthouse -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.browser
def test_lighthouse_scores_and_no_layout_shift_on_home_programme_and_post(site, tmp_path):
    """`make audit`'s pages, with covers: 100 for accessibility, best practices and SEO, and
    CLS 0. The performance score is a timing (its blocking time follows the machine's load):
    `make audit` measures it, this test does not."""
    built = site["build"]
    pages = ["index.html", f"{PROGRAMME}index.html", f"{POST}index.html"]
    audits = lighthouse.run(Site(built.output, built.siteurl), pages, tmp_path)
    for audit in audits:
        assert audit.error is None, lighthouse.format_table(audits)
        scores = {k: v for k, v in audit.scores.items() if k != "performance"}
        assert set(scores.values()) == {100}, lighthouse.format_table(audits)
        report = (tmp_path / (audit.page.replace("/", "_") + ".json")).read_text("utf-8")
        shift = json.loads(report)["audits"]["cumulative-layout-shift"]["numericValue"]
        assert shift == 0, (audit.page, shift)


def _kit_plugins() -> list[str]:
    """PLUGINS as relais/settings.py lists them."""
    from relais.settings import PLUGINS

    return list(PLUGINS)


@pytest.mark.slow
def test_without_the_cards_plugin_covers_are_checked_all_the_same(tmp_path):
    content = copy_content(tmp_path / "content")
    _post(
        content,
        "sans-alt",
        "title: Sans alt\ndate: 2026-11-25 10:00\n"
        "cover: images/covers/campus-soir.jpg\nsummary: x\n",
    )
    site = build(
        tmp_path,
        content=content,
        settings={"PLUGINS": [p for p in _kit_plugins() if not p.endswith(".cards")]},
    )
    assert site.returncode == 1 and "Traceback" not in site.stderr
    lines = [line for line in site.stderr.splitlines() if "blog/sans-alt.md" in line]
    assert len(lines) == 1 and "« cover_alt »" in lines[0], site.stderr


def _jsonld(site, url_path: str, kind: str) -> dict:
    blocks = soup(site, url_path).select('script[type="application/ld+json"]')
    return next(n for n in map(lambda b: json.loads(b.string), blocks) if n["@type"] == kind)


def test_structured_data_shows_the_cover_at_its_widest_beside_the_share_card(site):
    header = soup(site, PROGRAMME).select_one("article > header img.cover")
    widest = _srcset(header)[-1][0]
    assert _jsonld(site, PROGRAMME, "EducationalOccupationalProgram")["image"] == widest
    assert "image" not in _jsonld(site, BARE, "EducationalOccupationalProgram")
    post_cover = _srcset(soup(site, POST).select_one("article > header img.cover"))[-1][0]
    card = soup(site, POST).select_one('meta[property="og:image"]')["content"]
    assert _jsonld(site, POST, "BlogPosting")["image"] == [post_cover, card]
    with Image.open(_render(site, widest)) as render:
        assert render.width == 1200
