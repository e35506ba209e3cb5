"""Every page tells social networks and search engines what it is, with a card image.

Read back with independent parsers: extruct (Open Graph, JSON-LD), lxml (Twitter tags, which
extruct does not extract), Pillow (the card files).
"""

import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import extruct
import pytest
from bs4 import BeautifulSoup
from lxml import html as lxml_html
from PIL import Image

from plugins.cards.test_cards import huge_png
from tests.sitebuild import build, copy_content

SITENAME = "Formations & relais"
REQUIRED_OG = (
    "og:title",
    "og:description",
    "og:type",
    "og:image",
    "og:image:width",
    "og:image:height",
    "og:image:type",
    "og:image:alt",
    "og:locale",
    "og:site_name",
)
LONG = ("Très long titre accentué " * 10)[:199] + "Z"  # 200 characters
HOSTILE = "\"</script><b>x & 'quote' <i>"


def pages(site):
    """Every HTML page of the site, except those that stand for another page: stubs that
    redirect moved URLs, and views (brochure embeds) whose canonical URL is another page."""
    for path in sorted(site.output.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        canonical = lxml_html.fromstring(text).xpath("//head/link[@rel='canonical']/@href")
        own_url = f"{site.siteurl}/{path.relative_to(site.output).as_posix()}"
        elsewhere = canonical and canonical[0] != own_url.removesuffix("index.html")
        if 'http-equiv="refresh"' not in text and not elsewhere:
            yield path, text


def extract(site, path, text):
    url = f"{site.siteurl}/{path.relative_to(site.output).as_posix()}"
    data = extruct.extract(text, base_url=url, syntaxes=["opengraph", "json-ld"])
    og = {}
    for item in data["opengraph"]:
        for key, value in item["properties"]:
            if key == "article:tag":  # the one property a page repeats
                og.setdefault(key, []).append(value)
            else:
                assert key not in og, f"{key} given twice"
                og[key] = value
    tree = lxml_html.fromstring(text)
    twitter = {m.get("name"): m.get("content") for m in tree.xpath("//head/meta[@name]")}
    return og, data["json-ld"], twitter, tree


def local_file(site, url):
    assert url.startswith(site.siteurl + "/"), url
    return site.output / urlsplit(url).path.lstrip("/")


def jsonld_types(nodes):
    return [node.get("@type") for node in nodes]


def test_every_page_has_open_graph_twitter_and_breadcrumb(built_site):
    checked = 0
    for path, text in pages(built_site):
        og, nodes, twitter, tree = extract(built_site, path, text)
        missing = [key for key in REQUIRED_OG if not og.get(key)]
        assert not missing, f"{path}: {missing}"
        assert og["og:site_name"] == SITENAME
        assert og["og:locale"] == "fr_FR"
        description = tree.xpath("//head/meta[@name='description']/@content")[0]
        assert og["og:description"] == description, path
        assert twitter["twitter:card"] == "summary_large_image"
        assert twitter["twitter:title"] == og["og:title"]
        assert twitter["twitter:image"] == og["og:image"]
        canonical = tree.xpath("//head/link[@rel='canonical']/@href")
        if path.name == "404.html":  # served at any address: no URL of its own
            assert not canonical and "og:url" not in og
        else:
            assert og["og:url"] == canonical[0], path
            assert og["og:url"].startswith(built_site.siteurl + "/")
        if path == built_site.page(""):  # the trail would be "Accueil" alone (below)
            assert "BreadcrumbList" not in jsonld_types(nodes)
        else:
            assert "BreadcrumbList" in jsonld_types(nodes), path
            crumbs = next(n for n in nodes if n["@type"] == "BreadcrumbList")["itemListElement"]
            assert crumbs[0]["item"] == f"{built_site.siteurl}/"
            assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
        checked += 1
    assert checked >= 15


def test_no_breadcrumb_has_a_single_step(built_site):
    """Google shows a breadcrumb trail from two steps: a one-item BreadcrumbList (the home
    page's "Accueil") is left out rather than written."""
    trails = {}
    for path in sorted(built_site.output.rglob("*.html")):
        _, nodes, _, _ = extract(built_site, path, path.read_text(encoding="utf-8"))
        for node in nodes:
            if node["@type"] == "BreadcrumbList":
                trails[path.relative_to(built_site.output).as_posix()] = node["itemListElement"]
    assert len(trails) >= 30
    assert {path: len(items) for path, items in trails.items() if len(items) < 2} == {}
    assert "index.html" not in trails
    _, home, _, _ = extract(built_site, built_site.page(""), built_site.page("").read_text())
    assert {"WebSite", "Organization"} <= set(jsonld_types(home))


def test_embed_pages_preview_as_the_programme_they_show(built_site):
    """A brochure's embed page (…/brochure/embed/, canonical to its programme) has the
    programme page's Open Graph and Twitter tags: a link to it previews as the programme."""
    embeds = sorted(built_site.output.glob("programmes/*/brochure/embed/index.html"))
    assert len(embeds) == 2
    for embed in embeds:
        programme = embed.parent.parent.parent / "index.html"
        og, nodes, twitter, tree = extract(built_site, embed, embed.read_text(encoding="utf-8"))
        for key in ("og:title", "og:image", "og:url"):
            assert og.get(key), (embed, key)
        assert twitter["twitter:card"] == "summary_large_image"
        assert twitter["twitter:title"] == og["og:title"] and twitter["twitter:image"]
        assert local_file(built_site, og["og:image"]).is_file()
        page_og, _, page_twitter, page_tree = extract(
            built_site, programme, programme.read_text(encoding="utf-8")
        )
        assert og == page_og
        assert {k: v for k, v in twitter.items() if k.startswith("twitter:")} == {
            k: v for k, v in page_twitter.items() if k.startswith("twitter:")
        }
        # The canonical stays the programme page, which og:url names too.
        canonical = tree.xpath("//head/link[@rel='canonical']/@href")
        assert canonical == page_tree.xpath("//head/link[@rel='canonical']/@href")
        assert canonical == [og["og:url"]]
        # The programme's structured data lives on the programme page only.
        assert nodes == []


def test_every_card_image_is_a_1200x630_jpeg_within_150_kb(built_site):
    seen = set()
    for path, text in pages(built_site):
        og, _, _, _ = extract(built_site, path, text)
        card = local_file(built_site, og["og:image"])
        with Image.open(card) as image:
            assert image.size == (1200, 630)
            assert image.format == "JPEG" and og["og:image:type"] == "image/jpeg"
        assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
        assert card.stat().st_size <= 150_000
        seen.add(card)
    # one card per post, page and programme, plus the site card for lists
    assert len(seen) >= 11


def test_post_is_an_article_with_dates_tags_and_blog_posting(built_site):
    path = built_site.page("blog/2026-10-portes-ouvertes/")
    text = path.read_text(encoding="utf-8")
    og, nodes, _, tree = extract(built_site, path, text)
    title = "Portes ouvertes : venez rencontrer les équipes 🎓"
    assert og["og:type"] == "article"
    assert og["og:title"] == title
    shown_date = tree.xpath("//article//time/@datetime")[0]
    assert og["article:published_time"] == shown_date == "2026-10-15T08:00:00+02:00"
    assert og["article:modified_time"] == shown_date
    tags = tree.xpath("//ul[@class='tags']//a/text()")
    assert sorted(og["article:tag"]) == sorted(tags) == ["orientation", "portes ouvertes"]
    posting = next(n for n in nodes if n["@type"] == "BlogPosting")
    assert posting["headline"] == title
    assert posting["datePublished"] == shown_date
    assert posting["url"] == og["og:url"]
    assert posting["image"][-1] == og["og:image"]  # after the cover (tests/test_covers.py)
    assert posting["publisher"]["name"] == "Université de démonstration — IUT"
    crumbs = next(n for n in nodes if n["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Accueil", "Actualités", title]


def test_home_page_describes_the_website_and_organization(built_site):
    path = built_site.page("")
    og, nodes, _, _ = extract(built_site, path, path.read_text(encoding="utf-8"))
    assert og["og:type"] == "website"
    website = next(n for n in nodes if n["@type"] == "WebSite")
    organization = next(n for n in nodes if n["@type"] == "Organization")
    assert website["name"] == SITENAME
    assert website["url"] == f"{built_site.siteurl}/"
    assert organization["name"] == "Université de démonstration — IUT"
    assert organization["url"] == "https://www.example.org/"
    assert organization["email"] == "communication@example.org"


def test_programme_and_list_pages_have_their_own_titles(built_site):
    for url_path, title in [
        ("programmes/lp-photographie-audiovisuel/", None),
        ("programmes/", "Formations"),
        ("archives/", "Actualités"),
        ("categories/", "Catégories"),
        ("tags/", "Mots-clés"),
        ("categories/recherche/", "Recherche"),
    ]:
        path = built_site.page(url_path)
        og, nodes, _, tree = extract(built_site, path, path.read_text(encoding="utf-8"))
        if title is None:
            title = tree.xpath("//h1")[0].text_content().strip()
        assert og["og:title"] == title, url_path
        assert og["og:type"] == "website"
        crumbs = next(n for n in nodes if n["@type"] == "BreadcrumbList")["itemListElement"]
        assert crumbs[-1]["name"] == title
        assert crumbs[-1]["item"] == og["og:url"]


def _post(folder: Path, name: str, title: str, extra: str = "") -> None:
    (folder / "blog" / f"{name}.md").write_text(
        f"title: {title}\ndate: 2026-11-25 10:00\ncategory: Tests\n{extra}"
        f"summary: Résumé « {title} »\n\nCorps.\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """Titles with markup, quotes, emoji, accents and 200 characters."""
    work = tmp_path_factory.mktemp("hostile")
    content = copy_content(work / "content")
    _post(content, "hostile", HOSTILE)
    _post(content, "emoji", "Bravo aux diplômé·es 🎓👩🏽‍🎓 : « l’été » arrive ❤️")
    _post(content, "long", LONG)
    site = build(work, content=content)
    assert site.returncode == 0, site.stderr
    return site


@pytest.mark.slow
def test_markup_in_a_title_stays_text_in_meta_and_json_ld(hostile_site):
    path = hostile_site.page("blog/hostile/")
    text = path.read_text(encoding="utf-8")
    head = BeautifulSoup(text, "lxml").head
    assert head.find("b") is None and head.find("i") is None
    scripts = head.find_all("script", type="application/ld+json")
    assert all(json.loads(s.string) for s in scripts)  # each script holds whole JSON
    og, nodes, twitter, _ = extract(hostile_site, path, text)
    assert og["og:title"] == HOSTILE
    assert twitter["twitter:title"] == HOSTILE
    assert next(n for n in nodes if n["@type"] == "BlogPosting")["headline"] == HOSTILE
    # the summary is Markdown: its tags are markup, stripped from the plain-text description
    assert og["og:description"] == "Résumé « \"x & 'quote' »"


@pytest.mark.slow
def test_emoji_and_long_titles_are_kept_whole_in_meta(hostile_site):
    for slug, title in [
        ("emoji", "Bravo aux diplômé·es 🎓👩🏽‍🎓 : « l’été » arrive ❤️"),
        ("long", LONG),
    ]:
        path = hostile_site.page(f"blog/{slug}/")
        og, _, _, _ = extract(hostile_site, path, path.read_text(encoding="utf-8"))
        assert og["og:title"] == title
        card = local_file(hostile_site, og["og:image"])
        assert Image.open(card).size == (1200, 630)
        assert card.stat().st_size <= 150_000


def _card_files(workdir: Path) -> dict[str, tuple[int, int]]:
    files = list((workdir / "cards").glob("*.jpg"))  # the cache
    files += list((workdir / "output" / "cards").glob("*.jpg"))
    return {str(f): (f.stat().st_ino, f.stat().st_mtime_ns) for f in files}


def _drawn(workdir: Path) -> list[str]:
    return json.loads((workdir / "cards" / "last-build.json").read_text())["drawn"]


@pytest.mark.slow
def test_an_unchanged_rebuild_draws_no_card_and_an_edit_draws_one(tmp_path):
    content = copy_content(tmp_path / "content")
    own_cache = {"CARDS_CACHE_PATH": str(tmp_path / "cards")}
    first = build(tmp_path, content=content, siteurl="http://127.0.0.1:9", settings=own_cache)
    assert first.returncode == 0, first.stderr
    assert len(_drawn(tmp_path)) >= 11
    before = _card_files(tmp_path)

    again = build(tmp_path, content=content, siteurl="http://127.0.0.1:9", settings=own_cache)
    assert again.returncode == 0, again.stderr
    assert _drawn(tmp_path) == []
    assert _card_files(tmp_path) == before  # same inodes, same mtimes: nothing rewritten

    post = content / "blog" / "2026-10-portes-ouvertes.md"
    post.write_text(post.read_text().replace("venez rencontrer", "rencontrez"))
    edited = build(tmp_path, content=content, siteurl="http://127.0.0.1:9", settings=own_cache)
    assert edited.returncode == 0, edited.stderr
    assert len(_drawn(tmp_path)) == 1
    page = edited.page("blog/2026-10-portes-ouvertes/").read_text(encoding="utf-8")
    og, _, _, _ = extract(edited, edited.page("blog/2026-10-portes-ouvertes/"), page)
    assert local_file(edited, og["og:image"]).is_file()
    # the old card no longer belongs to any page: it is not published any more
    assert len(list((tmp_path / "output" / "cards").glob("*.jpg"))) == len(before) // 2


def _bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _image(path: Path, size, colour="#c05020", kind="JPEG"):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, kind)


@pytest.mark.slow
def test_an_authors_own_image_replaces_the_generated_card(tmp_path):
    content = copy_content(tmp_path / "content")
    _image(content / "images" / "photo.jpg", (1000, 600))
    _post(content, "photo", "Avec photo", "image: images/photo.jpg\nimage_alt: Une façade\n")
    site = build(tmp_path, content=content)
    assert site.returncode == 0, site.stderr
    path = site.page("blog/photo/")
    og, _, _, _ = extract(site, path, path.read_text(encoding="utf-8"))
    assert og["og:image"] == f"{site.siteurl}/images/photo.jpg"
    assert (og["og:image:width"], og["og:image:height"]) == ("1000", "600")
    assert og["og:image:alt"] == "Une façade"
    assert Image.open(local_file(site, og["og:image"])).size == (1000, 600)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        (lambda c: _bytes(c / "images" / "x.jpg", b"not a picture"), "lisible"),
        (lambda c: _image(c / "images" / "x.jpg", (120, 80)), "120×80"),
        (lambda c: None, "introuvable"),
    ],
    ids=["unreadable", "too-small", "missing"],
)
def test_a_bad_author_image_stops_the_build_naming_file_and_field(tmp_path, setup, problem):
    content = copy_content(tmp_path / "content")
    setup(content)
    _post(content, "bad", "Mauvaise image", "image: images/x.jpg\n")
    site = build(tmp_path, content=content)
    assert site.returncode == 1
    assert "Traceback" not in site.stderr
    line = next(x for x in site.stderr.splitlines() if "bad.md" in x)
    assert line.startswith("ERREUR ") and "« image »" in line and problem in line
    assert not (site.output / "index.html").exists()


@pytest.mark.slow
def test_an_oversize_author_image_stops_the_build(tmp_path):
    content = copy_content(tmp_path / "content")
    _image(content / "images" / "x.png", (800, 800), kind="PNG")
    _post(content, "big", "Trop lourde", "image: images/x.png\n")
    site = build(tmp_path, content=content, settings={"CARDS_AUTHOR_IMAGE_MAX_BYTES": 1000})
    assert site.returncode == 1
    assert any("big.md" in x and "« image »" in x and "ko" in x for x in site.stderr.splitlines())


@pytest.mark.slow
def test_english_site_says_en_gb(tmp_path):
    site = build(tmp_path, settings={"DEFAULT_LANG": "en"})
    assert site.returncode == 0, site.stderr
    path = site.page("blog/2026-10-portes-ouvertes/")
    og, nodes, _, _ = extract(site, path, path.read_text(encoding="utf-8"))
    assert og["og:locale"] == "en_GB"
    crumbs = next(n for n in nodes if n["@type"] == "BreadcrumbList")["itemListElement"]
    assert crumbs[0]["name"] == "Home"
    shutil.rmtree(tmp_path / "output")


@pytest.mark.slow
def test_a_site_under_a_path_prefix_keeps_the_prefix_in_every_url(tmp_path):
    prefix = "http://127.0.0.1:9/relais"
    site = build(tmp_path, siteurl=prefix)
    assert site.returncode == 0, site.stderr
    path = site.page("blog/2026-10-portes-ouvertes/")
    og, nodes, _, _ = extract(site, path, path.read_text(encoding="utf-8"))
    assert og["og:url"] == f"{prefix}/blog/2026-10-portes-ouvertes/"
    assert og["og:image"].startswith(f"{prefix}/cards/")
    card = site.output / og["og:image"].removeprefix(f"{prefix}/")
    assert Image.open(card).size == (1200, 630)
    crumbs = next(n for n in nodes if n["@type"] == "BreadcrumbList")["itemListElement"]
    assert crumbs[0]["item"] == f"{prefix}/"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("extra", "settings", "where", "field"),
    [
        ("cover: images/nope.jpg\n", {}, "cover.md", "cover"),
        ("cover: images/broken.jpg\n", {}, "cover.md", "cover"),
        ("", {"CARDS_COLORS": {"background": "bleu roi"}}, "pelicanconf.py", "CARDS_COLORS"),
        ("", {"CARDS_LOGO": "images/absent.png"}, "pelicanconf.py", "CARDS_LOGO"),
    ],
    ids=["missing-cover", "unreadable-cover", "bad-colour", "missing-logo"],
)
def test_bad_covers_and_settings_stop_the_build_with_one_line(
    tmp_path, extra, settings, where, field
):
    content = copy_content(tmp_path / "content")
    _bytes(content / "images" / "broken.jpg", b"\xff\xd8 not really a jpeg")
    _post(content, "cover", "Avec couverture", extra)
    site = build(tmp_path, content=content, settings=settings)
    assert site.returncode == 1
    assert "Traceback" not in site.stderr
    lines = [x for x in site.stderr.splitlines() if where in x and f"« {field}" in x]
    assert len(lines) == 1 and lines[0].startswith("ERREUR "), site.stderr
    assert not (site.output / "index.html").exists()


@pytest.mark.slow
def test_bombs_and_truncated_images_stop_the_build_with_one_line_each(tmp_path):
    content = copy_content(tmp_path / "content")
    huge_png(content / "images" / "bomb.png")  # 20000×20000 pixels in a few dozen kB
    _image(content / "images" / "photo.jpg", (900, 700))
    data = (content / "images" / "photo.jpg").read_bytes()
    _bytes(content / "images" / "cut.jpg", data[: len(data) // 3])
    _post(content, "bomb-image", "Bombe", "image: images/bomb.png\n")
    _post(content, "bomb-cover", "Bombe en couverture", "cover: images/bomb.png\n")
    _post(content, "cut-image", "Tronquée", "image: images/cut.jpg\n")
    _post(content, "cut-cover", "Tronquée en couverture", "cover: images/cut.jpg\n")
    site = build(tmp_path, content=content)
    assert site.returncode == 1
    assert "Traceback" not in site.stderr and "DecompressionBomb" not in site.stderr
    lines = {}
    for line in site.stderr.splitlines():
        for name in ("bomb-image", "bomb-cover", "cut-image", "cut-cover"):
            if f"{name}.md" in line:
                assert line.startswith("ERREUR ") and name not in lines, site.stderr
                lines[name] = line
    assert "« image »" in lines["bomb-image"] and "« cover »" in lines["bomb-cover"]
    for name in ("bomb-image", "bomb-cover"):
        assert "bomb.png" in lines[name] and "50\u202f000\u202f000 pixels" in lines[name]
        assert "CARDS_MAX_IMAGE_PIXELS" in lines[name]
    assert "« image »" in lines["cut-image"] and "tronquée" in lines["cut-image"]
    assert "« cover »" in lines["cut-cover"] and "tronquée" in lines["cut-cover"]
    assert not (site.output / "index.html").exists()


@pytest.mark.slow
def test_titles_in_any_script_get_a_card_and_unknown_scripts_the_site_card(tmp_path):
    content = copy_content(tmp_path / "content")
    _post(content, "arabe", "ماجستير العلوم الإنسانية الرقمية")
    _post(content, "chinois", "数字人文硕士课程")
    _post(content, "tibetain", "བོད་ཡིག་གི་སློབ་ཚན")  # no Tibetan face among the card fonts
    site = build(tmp_path, content=content)
    assert site.returncode == 0, site.stderr
    images = {}
    for name in ("arabe", "chinois", "tibetain"):
        path = site.page(f"blog/{name}/")
        og, _, _, _ = extract(site, path, path.read_text(encoding="utf-8"))
        images[name] = og["og:image"]
        assert Image.open(local_file(site, og["og:image"])).size == (1200, 630)
    home = site.page("")
    site_card = extract(site, home, home.read_text(encoding="utf-8"))[0]["og:image"]
    assert images["tibetain"] == site_card
    assert len({images["arabe"], images["chinois"], site_card}) == 3
    warnings = [x for x in site.stderr.splitlines() if "tibetain.md" in x]
    assert len(warnings) == 1 and warnings[0].startswith("ATTENTION ")
    assert "« title »" in warnings[0] and "« བོད" in warnings[0]
    assert "carte du site" in warnings[0]
