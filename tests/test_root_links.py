"""Links written as site addresses (`/images/x.png`, `/blog/old/`, SITEURL + a path) must
lead to a file the build writes: a missing one stops `make html` with one line naming
the file, the link and what to write."""

import pytest
from bs4 import BeautifulSoup

from tests.sitebuild import build, copy_content
from tests.test_author_mistakes import POST_HEAD, error_lines, existing_output, snapshot, write

SITEURL = "https://formations.example.org"
# Addresses the kit makes besides the pages of content files: each must count as existing.
KIT_ADDRESSES = [
    "/",
    "/events/",
    "/events/portes-ouvertes-2027/",
    "/events/agenda.ics",
    "/events/portes-ouvertes-2027.ics",
    "/programmes/",
    "/programmes/lp-photographie-audiovisuel/",
    "/programmes/lp-photographie-audiovisuel/agenda.ics",
    "/programmes/lp-photographie-audiovisuel/brochure/embed/",
    "/feeds/all.atom.xml",
    "/feeds/social/x.rss.xml",
    "/go/jpo/",
    "/ancien-site/journee-portes-ouvertes.html",
    "/tags/",
    "/categories/",
    "/archives/",
    "/robots.txt",
    "/images/events/portes-ouvertes-2027.jpg",
    "/brochures/lp-photographie-audiovisuel.pdf",
    "/a-propos/",
    "/contact/#formulaire",
    "/programmes/?formation=lp#liste",
    f"{SITEURL}/programmes/master-humanites-numeriques/",
]


@pytest.fixture(scope="module")
def linking_site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("root-links")
    content = copy_content(tmp_path / "content")
    links = "\n".join(f"- [lien {n}]({address})" for n, address in enumerate(KIT_ADDRESSES))
    write(
        content,
        "blog/liens-du-site.md",
        f"{POST_HEAD}shortlink: jpo\nredirect_from: /ancien-site/journee-portes-ouvertes.html\n\n"
        f"{links}\n\n![Affiche](/images/events/portes-ouvertes-2027.jpg)\n\n"
        '<a href="/theme/css/does-not-matter.css">thème</a>\n',
    )
    return build(tmp_path, content=content, siteurl=SITEURL)


def test_links_to_every_address_the_kit_makes_pass(linking_site):
    assert linking_site.returncode == 0, linking_site.stderr
    page = BeautifulSoup(linking_site.page("blog/liens-du-site/").read_text(), "lxml")
    hrefs = [a["href"] for a in page.select("article a[href]")]
    assert set(KIT_ADDRESSES) <= set(hrefs)  # left as written


def test_a_missing_image_or_page_stops_the_build_naming_the_link_and_what_to_write(tmp_path):
    content = copy_content(tmp_path / "content")
    before = existing_output(tmp_path)
    post = write(
        content,
        "blog/liens-casses.md",
        f"{POST_HEAD}\n![Plan](/images/plan-campus.png)\n\n"
        "![Affiche](/images/events/portes-ouverte-2027.jpg)\n\n"
        "[Nous écrire](/contacts/) et [l’ancien site](/vieux/)\n\n"
        f'<img src="{SITEURL}/images/logo-absent.svg" alt="">\n',
    )
    site = build(tmp_path, content=content, siteurl=SITEURL)
    assert site.returncode == 1
    where = f"ERREUR {post}: lien"
    assert set(error_lines(site)) == {
        f"{where} « /images/plan-campus.png » : aucun fichier du site à cette adresse — "
        "attendu : {static}/images/plan-campus.png, le fichier rangé dans "
        "content/images/plan-campus.png",
        f"{where} « /images/events/portes-ouverte-2027.jpg » : aucun fichier du site à cette "
        "adresse — attendu : {static}/images/events/portes-ouvertes-2027.jpg (l’adresse "
        "existante la plus proche)",
        f"{where} « /contacts/ » : aucun fichier du site à cette adresse — attendu : "
        "{filename}/pages/contact.md (l’adresse existante la plus proche)",
        f"{where} « /vieux/ » : aucun fichier du site à cette adresse — attendu : l’adresse "
        "d’une page du site, ou {filename}/chemin/du/fichier.md",
        f"{where} « {SITEURL}/images/logo-absent.svg » : aucun fichier du site à cette adresse "
        "— attendu : {static}/images/logo-absent.svg, le fichier rangé dans "
        "content/images/logo-absent.svg",
    }
    assert "Traceback" not in site.stderr + site.stdout
    assert snapshot(site.output) == before


def test_a_site_published_under_a_path_owns_only_the_addresses_under_it(tmp_path):
    siteurl = "https://example.github.io/formations"
    content = copy_content(tmp_path / "content")
    post = write(
        content,
        "blog/sous-chemin.md",
        f"{POST_HEAD}\n[Formations](/formations/programmes/) "
        f"[À propos]({siteurl}/a-propos/)\n\n"
        "![Affiche](/images/events/portes-ouvertes-2027.jpg)\n\n[Contact](/contact/)\n",
    )
    site = build(tmp_path, content=content, siteurl=siteurl)
    assert site.returncode == 1
    outside = "cette adresse est hors du site, publié sous /formations/"
    assert set(error_lines(site)) == {
        f"ERREUR {post}: lien « /images/events/portes-ouvertes-2027.jpg » : {outside} — "
        "attendu : {static}/images/events/portes-ouvertes-2027.jpg",
        f"ERREUR {post}: lien « /contact/ » : {outside} — attendu : {{filename}}/pages/contact.md",
    }
