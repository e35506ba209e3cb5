"""The demo site as a reader sees it: programmes, posts, pages, navigation."""

PROGRAMME = "programmes/lp-photographie-audiovisuel/"
ANNOUNCEMENT = "blog/2026-11-ouverture-lp-photo/"


def facts(soup):
    return {
        item.dt.get_text(strip=True): item.dd.get_text(" ", strip=True)
        for item in soup.select("dl.facts > div")
    }


def test_programme_page_shows_its_key_facts(soup_of):
    page = soup_of(PROGRAMME)
    assert page.h1.get_text(strip=True).startswith("Licence professionnelle Gestion et édition")
    shown = facts(page)
    assert shown["Diplôme"] == "Licence professionnelle"
    assert shown["Niveau"] == "Bac+3"
    assert shown["Durée"] == "1 an"
    assert shown["Crédits ECTS"] == "60"
    assert shown["Rentrée"] == "6 septembre 2027"
    assert shown["Date limite de candidature"] == "15 mai 2027"


def test_programme_page_calls_to_apply_while_applications_are_open(soup_of):
    apply = soup_of(PROGRAMME).select_one("section.apply")
    assert "apply-open" in apply["class"]
    button = apply.select_one("a.button")
    assert button["href"] == "https://candidature.example.org/lp-photo"


def test_programme_page_lists_its_posts_newest_first(built_site, soup_of):
    links = [a["href"] for a in soup_of(PROGRAMME).select("#actualites-formation ~ ul a")]
    assert links == [
        f"{built_site.siteurl}/blog/2026-11-temoignage-iconographe/",
        f"{built_site.siteurl}/{ANNOUNCEMENT}",
    ]


def test_a_post_links_back_to_its_programme(built_site, soup_of):
    link = soup_of(ANNOUNCEMENT).select_one(".programme-link a")
    assert link["href"] == f"{built_site.siteurl}/{PROGRAMME}"


def test_intra_site_links_written_with_filename_are_resolved(built_site, soup_of):
    body_links = [a["href"] for a in soup_of(ANNOUNCEMENT).select(".prose a")]
    assert body_links == [f"{built_site.siteurl}/{PROGRAMME}"]


def test_programme_list_shows_every_programme(built_site, soup_of):
    titles = [a.get_text(strip=True) for a in soup_of("programmes/").select(".card-title a")]
    assert titles == [
        "Licence professionnelle Gestion et édition de fonds photographiques et audiovisuels",
        "Master Humanités numériques",
    ]


def test_home_page_lists_programmes_with_their_deadlines_and_latest_posts(soup_of):
    home = soup_of("")
    deadlines = [p.get_text(" ", strip=True) for p in home.select("#formations ~ ul .deadline")]
    assert deadlines == [
        "Candidatures jusqu’au 15 mai 2027",
        "Candidatures jusqu’au 30 mars 2027",
    ]
    assert len(home.select("#formations ~ ul .card")) == 2
    assert len(home.select("#actualites ~ ul .card")) == 5


def test_pages_are_in_the_navigation_or_the_footer(built_site, soup_of):
    home = soup_of("")
    nav = [a.get_text(strip=True) for a in home.select("header nav a")]
    assert nav[:2] == ["Formations", "Actualités"]
    assert {"À propos", "Contact"} <= set(nav)
    footer = [a["href"] for a in home.select("footer a")]
    assert f"{built_site.siteurl}/mentions-legales/" in footer


def test_every_page_has_a_language_a_skip_link_and_one_main_landmark(built_site, soup_of):
    for path in sorted(built_site.output.rglob("*.html")):
        page = soup_of(str(path.relative_to(built_site.output)))
        assert page.html["lang"] == "fr", path
        assert page.select_one("a.skip-link")["href"] == "#contenu", path
        assert len(page.find_all("main")) == 1, path


def test_not_found_page_uses_absolute_links(built_site, soup_of):
    page = soup_of("404.html")
    for element in page.select("[href], [src]"):
        url = element.get("href") or element.get("src")
        if not url.startswith(("#", "mailto:")):
            assert url.startswith(("http://", "https://")), url


def test_the_navigation_marks_the_current_section(soup_of):
    def current(url):
        return [a.get_text(strip=True) for a in soup_of(url).select('nav [aria-current="page"]')]

    assert current("programmes/") == ["Formations"]
    assert current(PROGRAMME) == ["Formations"]
    assert current("archives/") == ["Actualités"]
    assert current(ANNOUNCEMENT) == ["Actualités"]
    assert current("events/") == ["Agenda"]
    assert current("a-propos/") == ["À propos"]
    assert current("") == []
