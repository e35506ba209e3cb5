"""Nothing unsafe, nothing private in what `make html` publishes.

- Raw HTML in Markdown and in `summary:` (shown on the home, archives, category, tag and
  programme pages): a script, an event handler, a `javascript:` or `data:` address stops
  the build, one line each naming the file, the field and the line; a team's own tables,
  `<details>` and https iframes are published as written (read back with BeautifulSoup).
"""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.brochure_pdfs import encrypted_pdf
from tests.sitebuild import build, copy_content
from tests.test_author_mistakes import error_lines, existing_output, snapshot, write

POST_HEAD = (
    "title: Une actualité\ndate: 2026-11-16 10:00\ncategory: Vie du campus\ntags: sécurité\n"
    "programme: lp-photographie-audiovisuel\n"
)


def test_scripts_handlers_and_javascript_or_data_addresses_stop_the_build_at_their_line(
    tmp_path,
):
    content = copy_content(tmp_path / "content")
    before = existing_output(tmp_path)
    post = write(
        content,
        "blog/piege.md",
        POST_HEAD + 'summary: Un <img src="https://a.org/x.png" onerror="alert(1)" alt="">\n\n'
        "Premier paragraphe.\n\n"
        "<script>alert(document.cookie)</script>\n\n"
        '<a href="javascript:alert(1)">le programme</a>\n\n'
        '<a href="data:text/html;base64,PHNjcmlwdD4=">la brochure</a>\n\n'
        '<p onmouseover="steal()">Survolez-moi</p>\n',
    )
    # An SVG opened on its own runs its scripts on the site's address.
    svg = write(
        content,
        "images/logo.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>\n',
    )
    site = build(tmp_path, content=content)
    assert site.returncode == 1
    expected = (
        "du texte Markdown, ou le HTML permis (docs/authoring.md, « HTML dans le texte ») ; "
        "une image ou un fichier : {static}/images/… ; une vidéo : <iframe "
        'src="https://…">'
    )
    scheme = (
        "n’est pas permise : seules les adresses http(s), mailto:, tel: et celles des "
        "fichiers du site le sont (ni javascript:, ni data:)"
    )
    assert set(error_lines(site)) == {
        f"ERREUR {post}:6: champ « summary » : l’attribut « onerror » lance du code "
        f"(JavaScript), ce que le site ne publie pas — attendu : {expected}",
        f"ERREUR {post}:10: champ « texte » : la balise « <script> » n’est pas permise : ni "
        "script, ni formulaire, ni contenu embarqué hors de la liste du site — attendu : "
        f"{expected}",
        f"ERREUR {post}:12: champ « texte » : l’adresse « javascript:alert(1) » {scheme} — "
        f"attendu : {expected}",
        f"ERREUR {post}:14: champ « texte » : l’adresse « data:text/html;base64,PHNjcmlwdD4= » "
        f"{scheme} — attendu : {expected}",
        f"ERREUR {post}:16: champ « texte » : l’attribut « onmouseover » lance du code "
        f"(JavaScript), ce que le site ne publie pas — attendu : {expected}",
        f"ERREUR {svg}:1: champ « image SVG » : contient « onload= » : une image SVG ouverte "
        "seule lancerait ce code sur l’adresse du site — attendu : une image SVG sans script ni "
        "attribut d’événement (réexportée en « SVG simple »), ou une image PNG",
    }
    assert "Traceback" not in site.stderr + site.stdout
    assert snapshot(site.output) == before


@pytest.fixture(scope="module")
def html_site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("team-html")
    content = copy_content(tmp_path / "content")
    write(
        content,
        "blog/html-maison.md",
        POST_HEAD + "summary: Le <strong>calendrier</strong> et <em>la carte</em>.\n\n"
        '<table class="horaires">\n<thead><tr><th scope="col">Jour</th><th>Salle</th></tr>'
        "</thead>\n<tbody><tr><td>Lundi</td><td>B12</td></tr></tbody>\n</table>\n\n"
        "<details><summary>Comment candidater ?</summary>\n<p>Sur la plateforme.</p>\n"
        "</details>\n\n"
        '<iframe src="https://www.openstreetmap.org/export/embed.html?bbox=0.1,45.6,0.2,45.7"'
        ' title="Plan du campus" width="600" height="400" loading="lazy"></iframe>\n',
    )
    write(
        content,
        "blog/coulisses.md",
        "title: Coulisses\ndate: 2026-11-16 10:00\nstatus: hidden\n"
        "programme: master-humanites-numeriques\n\nPour les initiés.\n",
    )
    write(content, "pages/interne.md", "title: Page interne\nstatus: hidden\n\nTexte.\n")
    site = build(tmp_path, content=content)
    assert site.returncode == 0, site.stderr
    return site


def robots_meta(site, url: str) -> list[str]:
    return [meta["content"] for meta in soup(site, url).select('meta[name="robots"]')]


def test_hidden_posts_and_pages_are_noindex_and_left_out_of_the_sitemap(html_site):
    assert robots_meta(html_site, "blog/coulisses/") == ["noindex"]
    assert robots_meta(html_site, "interne/") == ["noindex"]
    assert robots_meta(html_site, "blog/html-maison/") == []  # published ones are indexed
    assert robots_meta(html_site, "404.html") == ["noindex"]  # once, as it was
    sitemap = (html_site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "blog/coulisses/" not in sitemap and "/interne/" not in sitemap
    assert "blog/html-maison/" in sitemap


def test_a_hidden_post_links_to_its_programme_which_does_not_list_it(html_site):
    programme = soup(html_site, "programmes/master-humanites-numeriques/")
    assert "Coulisses" not in programme.get_text()
    post = soup(html_site, "blog/coulisses/")
    assert post.select_one('a[href$="/programmes/master-humanites-numeriques/"]') is not None


def soup(site, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(url).read_text(encoding="utf-8"), "lxml")


def test_a_teams_own_html_is_published_as_written(html_site):
    post = soup(html_site, "blog/html-maison/")
    table = post.select_one("table.horaires")
    assert [th.get_text() for th in table.select("th")] == ["Jour", "Salle"]
    assert table.select_one("th")["scope"] == "col"
    assert post.select_one("details summary").get_text() == "Comment candidater ?"
    iframe = post.select_one("iframe[title='Plan du campus']")
    assert iframe["src"].startswith("https://www.openstreetmap.org/export/embed.html")
    assert (iframe["width"], iframe["height"], iframe["loading"]) == ("600", "400", "lazy")


@pytest.mark.parametrize(
    "url", ["", "archives/", "categories/vie-du-campus/", "tags/securite/",
            "programmes/lp-photographie-audiovisuel/"],
)  # fmt: skip
def test_the_summarys_html_is_shown_on_every_list_and_no_script_anywhere(html_site, url):
    page = soup(html_site, url)
    assert any(strong.get_text() == "calendrier" for strong in page.select("strong")), f"/{url}"
    for tag in page.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), (url, tag)


def test_no_published_page_carries_a_javascript_or_data_link(html_site):
    for path in Path(html_site.output).rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag in page.find_all(href=True):
            assert not tag["href"].strip().lower().startswith(("javascript:", "data:")), path


# --- Images and PDFs without their author's metadata -------------------------------------

GPS_IFD, ARTIST, ORIENTATION = 0x8825, 0x013B, 0x0112
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    b"<dc:creator>Marie Dupont</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
)


def phone_photo(path: Path) -> Path:
    """A photo as a phone takes it: GPS position (48°51′24″N 2°21′3″E), Artist, XMP, an
    sRGB ICC profile, taken upright (orientation 6)."""
    from PIL import Image, ImageCms

    image = Image.new("RGB", (1200, 800), (200, 120, 40))
    for x in range(0, 1200, 40):
        image.paste((30, 60, 200), (x, 0, x + 20, 800))
    exif = Image.Exif()
    exif[ARTIST] = "Marie Dupont"
    exif[ORIENTATION] = 6
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)})
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(path, "JPEG", quality=90, exif=exif.tobytes(), icc_profile=icc, xmp=XMP,
               comment=b"Photo de Marie, rue de Rivoli")  # fmt: skip
    return path


def screenshot_png(path: Path) -> Path:
    """A PNG with an Author text chunk, an XMP chunk and an EXIF orientation."""
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Marie Dupont")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    exif = Image.Exif()
    exif[ORIENTATION] = 3
    exif[ARTIST] = "Marie Dupont"
    Image.new("RGB", (640, 480), (10, 200, 90)).save(path, "PNG", pnginfo=info, exif=exif)
    return path


def authored_pdf(path: Path) -> Path:
    """A brochure as a layout program exports it: author, a title that is the file's path on
    the author's computer, producer, and an XMP stream naming the author."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, NameObject

    from tests.brochure_pdfs import text_pdf

    writer = PdfWriter(clone_from=str(text_pdf(path.with_suffix(".tmp.pdf"), 2)))
    writer.add_metadata({
        "/Author": "Marie Dupont",
        "/Title": "/home/marie/Documents/brochure-finale.indd",
        "/Creator": "Adobe InDesign 19.0 (Macintosh)",
        "/Subject": "Licence professionnelle",
    })  # fmt: skip
    stream = DecodedStreamObject()
    stream.set_data(XMP)
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    with path.open("wb") as handle:
        writer.write(handle)
    path.with_suffix(".tmp.pdf").unlink()
    return path


@pytest.fixture(scope="module")
def private_files_site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("private-metadata")
    content = copy_content(tmp_path / "content")
    photo = phone_photo(content / "images/portrait.jpg")
    png = screenshot_png(content / "images/capture.png")
    pdf = authored_pdf(content / "brochures/lp-photographie-audiovisuel.pdf")
    (content / "extra").mkdir()
    encrypted_pdf(content / "extra/reglement.pdf")
    write(
        content,
        "blog/portrait.md",
        POST_HEAD + "summary: Un portrait.\nimage: images/portrait.jpg\n\n"
        "![Une capture de l’application]({static}/images/capture.png)\n\n"
        "[Le règlement]({static}/extra/reglement.pdf)\n",
    )
    originals = {path: path.read_bytes() for path in (photo, png, pdf)}
    # Its own cache of cleaned PDFs: the cleaning itself is what these tests check.
    site = build(tmp_path, content=content, settings={"PUBLISHED_PDFS_CACHE_PATH": ""})
    assert site.returncode == 0, site.stderr
    return site, originals


def test_a_posts_image_goes_out_without_location_artist_or_xmp(private_files_site):
    from PIL import Image

    site, originals = private_files_site
    source = next(path for path in originals if path.name == "portrait.jpg")
    with Image.open(site.output / "images/portrait.jpg") as published, Image.open(source) as mine:
        exif = published.getexif()
        assert source.read_bytes() == originals[source]  # the author's file is untouched
        assert mine.getexif().get_ifd(GPS_IFD)  # (it had a position)
        assert not exif.get_ifd(GPS_IFD)
        assert ARTIST not in exif
        assert "xmp" not in published.info and "comment" not in published.info
        assert exif[ORIENTATION] == 6  # still shown upright
        assert published.info["icc_profile"] == mine.info["icc_profile"]  # same colours
        assert published.tobytes() == mine.tobytes()  # not encoded again: same pixels
    data = (site.output / "images/portrait.jpg").read_bytes()
    assert b"Marie" not in data and b"Rivoli" not in data
    # The feeds' enclosure gives the size of the file as published.
    feed = (site.output / "feeds/all.rss.xml").read_text(encoding="utf-8")
    enclosure = BeautifulSoup(feed, "xml").find("enclosure", url=re.compile("portrait.jpg"))
    assert enclosure is not None and int(enclosure["length"]) == len(data)


def test_a_png_goes_out_without_its_text_and_xmp_chunks(private_files_site):
    from PIL import Image

    site, _ = private_files_site
    with Image.open(site.output / "images/capture.png") as published:
        assert "Author" not in published.info and "XML:com.adobe.xmp" not in published.info
        exif = published.getexif()
        assert exif[ORIENTATION] == 3 and ARTIST not in exif
    assert b"Marie" not in (site.output / "images/capture.png").read_bytes()


def test_a_brochure_goes_out_without_its_author_or_the_authors_paths(private_files_site):
    import pypdfium2 as pdfium

    site, originals = private_files_site
    content = next(iter(originals)).parent.parent
    assert error_lines(site, "ATTENTION") == [  # one that cannot be cleaned is said
        f"ATTENTION {content}/extra/reglement.pdf: champ « métadonnées » : le PDF est publié "
        "avec ses métadonnées (auteur, logiciel, chemins) : il est protégé par un mot de passe"
        " — attendu : un PDF réexporté sans mot de passe, ou sans ses propriétés (Fichier › "
        "Propriétés)"
    ]
    published = site.output / "brochures/lp-photographie-audiovisuel.pdf"
    document = pdfium.PdfDocument(published)
    info = document.get_metadata_dict()
    assert len(document) == 2  # every page is there
    assert info["Author"] == "" and info["Creator"] == "" and info["Title"] == ""
    assert info["Subject"] == "Licence professionnelle"  # what describes it stays
    document.close()
    data = published.read_bytes()
    for private in (b"Marie", b"/home/marie", b"xmpmeta", b"InDesign"):
        assert private not in data
    source = next(path for path in originals if path.suffix == ".pdf")
    assert source.read_bytes() == originals[source]


def test_on_an_english_site_the_same_mistakes_are_said_in_english(tmp_path):
    content = copy_content(tmp_path / "content")
    post = write(
        content,
        "blog/english.md",
        "title: News\ndate: 2026-11-16 10:00\n\n![Poster](images/poster.png)\n\n"
        "<script>alert(1)</script>\n",
    )
    site = build(tmp_path, content=content, settings={"DEFAULT_LANG": "en"})
    assert site.returncode == 1
    assert set(error_lines(site, "ERROR")) == {
        f'ERROR {post}:4: link "images/poster.png" : from the page /blog/english/, this address '
        "leads to /blog/english/images/poster.png, where the site has no file — expected: "
        "{static}/images/poster.png, with the file kept in content/images/poster.png",
        f'ERROR {post}:6: field "text" : the tag "<script>" is not allowed: no script, form or '
        "embedded content outside the site's list — expected: Markdown text, or the HTML "
        'allowed (docs/authoring.md, "HTML in the text"); an image or a file: '
        '{static}/images/…; a video: <iframe src="https://…">',
    }
