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
    where = f"ERREUR {post}"  # and the line of the link
    assert set(error_lines(site)) == {
        f"{where}:4: lien « /images/plan-campus.png » : aucun fichier du site à cette adresse — "
        "attendu : {static}/images/plan-campus.png, le fichier rangé dans "
        "content/images/plan-campus.png",
        f"{where}:6: lien « /images/events/portes-ouverte-2027.jpg » : aucun fichier du site à "
        "cette adresse — attendu : {static}/images/events/portes-ouvertes-2027.jpg (l’adresse "
        "existante la plus proche)",
        f"{where}:8: lien « /contacts/ » : aucun fichier du site à cette adresse — attendu : "
        "{filename}/pages/contact.md (l’adresse existante la plus proche)",
        f"{where}:8: lien « /vieux/ » : aucun fichier du site à cette adresse — attendu : "
        "l’adresse d’une page du site, ou {filename}/chemin/du/fichier.md",
        f"{where}:10: lien « {SITEURL}/images/logo-absent.svg » : aucun fichier du site à cette "
        "adresse — attendu : {static}/images/logo-absent.svg, le fichier rangé dans "
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
        f"ERREUR {post}:6: lien « /images/events/portes-ouvertes-2027.jpg » : {outside} — "
        "attendu : {static}/images/events/portes-ouvertes-2027.jpg",
        f"ERREUR {post}:8: lien « /contact/ » : {outside} — attendu : "
        "{filename}/pages/contact.md",
    }


def test_a_relative_address_that_leads_nowhere_stops_the_build_at_its_line(tmp_path):
    """`![…](images/affiche.png)` is read from the page's own address (/blog/x/): the team
    meant content/images/affiche.png; one line names the file, the line and the link to
    write. A relative address that leads to a file of the site passes."""
    content = copy_content(tmp_path / "content")
    before = existing_output(tmp_path)
    post = write(
        content,
        "blog/relatifs.md",
        f"{POST_HEAD}summary: Voir [le plan](images/covers/campus-soir.jpg).\n\n"
        "![Affiche](images/affiche.png)\n\n"
        "![Campus](../images/covers/campus-soir.jpg)\n\n"
        "[Contact](../pages/contact.md) et [l’agenda](../../events/) et [haut](#haut)\n\n"
        "[L’université](www.univ-exemple.fr) ou [écrire](scol@univ-exemple.fr)\n",
    )
    site = build(tmp_path, content=content, siteurl=SITEURL)
    assert site.returncode == 1
    page = "depuis la page /blog/relatifs/, cette adresse mène à"
    assert set(error_lines(site)) == {
        f"ERREUR {post}:3: lien « images/covers/campus-soir.jpg » : une adresse relative dans "
        "« summary: » mène ailleurs sur l’accueil et les listes, où le résumé est repris — "
        "attendu : {static}/images/covers/campus-soir.jpg (le fichier "
        "content/images/covers/campus-soir.jpg)",
        f"ERREUR {post}:5: lien « images/affiche.png » : {page} "
        "/blog/relatifs/images/affiche.png, où le site n’a aucun fichier — attendu : "
        "{static}/images/affiche.png, le fichier rangé dans content/images/affiche.png",
        f"ERREUR {post}:7: lien « ../images/covers/campus-soir.jpg » : {page} "
        "/blog/images/covers/campus-soir.jpg, où le site n’a aucun fichier — attendu : "
        "{static}../images/covers/campus-soir.jpg (le fichier "
        "content/images/covers/campus-soir.jpg)",
        f"ERREUR {post}:9: lien « ../pages/contact.md » : {page} /blog/pages/contact.md, où "
        "le site n’a aucun fichier — attendu : {filename}../pages/contact.md (le fichier "
        "content/pages/contact.md)",
        f"ERREUR {post}:11: lien « www.univ-exemple.fr » : {page} "
        "/blog/relatifs/www.univ-exemple.fr, où le site n’a aucun fichier — attendu : "
        "https://www.univ-exemple.fr (une adresse web commence par https://)",
        f"ERREUR {post}:11: lien « scol@univ-exemple.fr » : {page} "
        "/blog/relatifs/scol@univ-exemple.fr, où le site n’a aucun fichier — attendu : "
        "mailto:scol@univ-exemple.fr (une adresse électronique commence par mailto:)",
    }  # ../../events/ from /blog/relatifs/ is /events/: it exists
    assert "Traceback" not in site.stderr + site.stdout
    assert snapshot(site.output) == before
