"""page_meta: what each kind of page says about itself, from the template context alone."""

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from relais.plugins.programmes.content import ProgrammeFacts
from relais.plugins.seo_meta.meta import page_meta

SITEURL = "https://example.org/site"
SETTINGS = {
    "SITEURL": SITEURL,
    "SITENAME": "Formations & relais",
    "SITE_DESCRIPTION": "Le site.",
    "DEFAULT_LANG": "fr",
    "AUTHOR": "Service communication",
    "ORGANIZATION": {"name": "IUT", "url": "https://iut.example.org/", "email": "a@b.org"},
    "ARCHIVES_SAVE_AS": "archives/index.html",
    "CATEGORIES_SAVE_AS": "categories/index.html",
    "TAGS_SAVE_AS": "tags/index.html",
    "PROGRAMMES_SAVE_AS": "programmes/index.html",
    "EVENTS_SAVE_AS": "events/index.html",
}
CARD = {"url": f"{SITEURL}/cards/a.jpg", "width": 1200, "height": 630, "type": "image/jpeg"}
SITE_CARD = dict(CARD, url=f"{SITEURL}/cards/site.jpg", alt="Formations & relais")


def meta(blocks=None, **ctx):
    return page_meta({"site_card": SITE_CARD, **ctx}, SETTINGS, lambda m: m, blocks)


def node(result, kind):
    return next(n for n in result["jsonld"] if n["@type"] == kind)


def crumbs(result):
    return [(i["name"], i.get("item")) for i in node(result, "BreadcrumbList")["itemListElement"]]


def test_a_post_is_an_article_with_dates_tags_section_and_blog_posting():
    when = datetime(2026, 10, 15, 8, tzinfo=ZoneInfo("Europe/Paris"))
    article = SimpleNamespace(
        title="Portes ouvertes 🎓",
        summary="<p>Venez <b>nombreux</b></p>",
        date=when,
        category="Vie du campus",
        tags=["orientation"],
        authors=["Service communication"],
        card_image=CARD,
    )
    result = meta(article=article, output_file="blog/po/index.html")
    assert result["type"] == "article"
    assert result["url"] == f"{SITEURL}/blog/po/"
    assert result["description"] == "Venez nombreux"
    assert result["published"] == result["modified"] == "2026-10-15T08:00:00+02:00"
    assert result["tags"] == ["orientation"] and result["section"] == "Vie du campus"
    assert result["image"]["url"] == CARD["url"] and result["image"]["alt"] == article.title
    posting = node(result, "BlogPosting")
    assert posting["headline"] == article.title
    # The site's author is the institution: its site is the author's page.
    assert posting["author"] == [
        {
            "@type": "Organization",
            "name": "Service communication",
            "url": "https://iut.example.org/",
        }
    ]
    assert crumbs(result) == [
        ("Accueil", f"{SITEURL}/"),
        ("Actualités", f"{SITEURL}/archives/"),
        (article.title, f"{SITEURL}/blog/po/"),
    ]


def test_the_page_blocks_win_over_the_content_for_the_description():
    page = SimpleNamespace(title="À propos", summary="Résumé", template="page")
    result = meta(
        ("À propos — Formations & relais", "  Bloc\n description "),
        page=page,
        output_file="a-propos/index.html",
    )
    assert result["description"] == "Bloc description"
    assert result["title"] == "À propos"


def event_like(**facts):
    """What plugins/events makes of an all-day event file with a place."""
    return SimpleNamespace(
        **{
            "title": "Salon",
            "summary_text": "Stand 12",
            "url": "events/salon/",
            "start": date(2027, 1, 9),
            "end": date(2027, 1, 10),
            "all_day": True,
            "status": "scheduled",
            "attendance": "offline",
            "location": "Parc des expositions",
            "address": None,
            "online_url": None,
            "image": None,
            "programme": None,
            "card_image": CARD,
            "source_path": "content/events/salon.md",
            "stream": None,
            "replay": None,
            "replay_date": None,
            **facts,
        }
    )


def test_an_event_page_gets_its_card_a_trail_through_the_agenda_and_its_event_node():
    result = meta(event=event_like(), output_file="events/salon/index.html")
    assert result["type"] == "website"
    assert result["image"]["url"] == CARD["url"]
    assert result["description"] == "Stand 12"
    assert crumbs(result)[1] == ("Agenda", f"{SITEURL}/events/")
    event = node(result, "Event")
    assert (event["startDate"], event["endDate"]) == ("2027-01-09", "2027-01-10")
    assert event["location"]["name"] == "Parc des expositions"
    assert event["image"] == [CARD["url"]]


def programme_like(**facts):
    """What plugins/programmes makes of a programme file with only the required fields."""
    return SimpleNamespace(
        title="Master HN",
        url="programmes/hn/",
        source_path="content/programmes/hn.md",
        facts=ProgrammeFacts(
            title="Master HN",
            short_title="Master HN",
            degree="Master",
            level="Bac+5",
            duration="2 ans",
            duration_iso="P2Y",
            ects=120,
            location="Campus",
            start=date(2027, 9, 13),
            deadline=date(2027, 3, 30),
            apply_url="https://apply.example.org/hn",
            contact="hn@example.org",
            **{"summary": "Deux ans.", **facts},
        ),
        card_image=CARD,
        cover_image=None,
        brochure_doc=None,
    )


def test_a_programme_is_found_before_the_page_it_also_is():
    programme = programme_like()
    result = meta(programme=programme, page=programme, output_file="programmes/hn/index.html")
    assert result["title"] == "Master HN"
    assert crumbs(result)[1] == ("Formations", f"{SITEURL}/programmes/")


def test_a_programme_without_optional_facts_says_only_what_it_knows():
    programme = programme_like()
    result = meta(programme=programme, output_file="programmes/hn/index.html")
    node_ = node(result, "EducationalOccupationalProgram")
    assert node_["educationalCredentialAwarded"]["educationalLevel"] == "Bac+5"
    assert node_["numberOfCredits"] == {
        "@type": "QuantitativeValue",
        "value": 120,
        "unitText": "ECTS",
    }
    assert node_["offers"] == [
        {"@type": "Offer", "category": "Candidature", "url": "https://apply.example.org/hn",
         "validThrough": "2027-03-30"}
    ]  # fmt: skip
    for absent in ("maximumEnrollment", "programType", "occupationalCategory", "subjectOf"):
        assert absent not in node_
    assert [n["@type"] for n in result["jsonld"]] == [
        "EducationalOccupationalProgram",
        "BreadcrumbList",
    ]


def test_the_404_page_has_no_url_of_its_own():
    page = SimpleNamespace(title="Page introuvable", summary="Perdu.", template="404")
    result = meta(page=page, output_file="404.html")
    assert result["url"] is None
    assert crumbs(result)[-1] == ("Page introuvable", None)


def test_lists_take_their_title_from_the_title_block_and_the_site_card():
    result = meta(
        ("Catégories — Formations & relais", "Par catégorie."),
        page_name="categories/index",
        output_file="categories/index.html",
    )
    assert result["title"] == "Catégories"
    assert result["description"] == "Par catégorie."
    assert result["image"]["url"] == SITE_CARD["url"]
    assert [name for name, _ in crumbs(result)] == ["Accueil", "Actualités", "Catégories"]

    tag = meta(
        ("alternance — Formations & relais", "x"),
        tag="alternance",
        page_name="tags/alternance",
        output_file="tags/alternance/index.html",
    )
    assert crumbs(tag)[-1] == ("alternance", f"{SITEURL}/tags/alternance/")

    unknown = meta(
        ("Agenda — Formations & relais", "Tout."),
        page_name="events",
        output_file="events/index.html",
    )
    assert crumbs(unknown) == [("Accueil", f"{SITEURL}/"), ("Agenda", f"{SITEURL}/events/")]


def test_the_home_page_describes_the_website_and_the_organization():
    result = meta(("Formations & relais", "Le site."), page_name="index", output_file="index.html")
    assert result["title"] == "Formations & relais"
    assert node(result, "WebSite")["url"] == f"{SITEURL}/"
    organization = node(result, "Organization")
    assert organization["name"] == "IUT" and organization["email"] == "a@b.org"
    # A one-step trail ("Accueil" alone): no BreadcrumbList (Google shows two steps or more).
    assert [n["@type"] for n in result["jsonld"]] == ["WebSite", "Organization"]


def test_a_view_of_another_page_takes_its_address_and_leaves_it_the_json_ld():
    """A brochure's embed page, canonical to its programme: the programme's tags, og:url
    included, and none of its JSON-LD (the programme page has it)."""
    programme = programme_like(summary="Éditer.")
    embed = page_meta(
        {"programme": programme, "output_file": "programmes/hn/brochure/embed/index.html"},
        SETTINGS,
        lambda m: m,
        canonical=f"{SITEURL}/programmes/hn/",
    )
    assert embed["url"] == f"{SITEURL}/programmes/hn/"
    assert (embed["title"], embed["description"]) == ("Master HN", "Éditer.")
    assert embed["image"]["url"] == CARD["url"]
    assert embed["jsonld"] == []


def test_english_sites_say_en_gb():
    result = page_meta(
        {"output_file": "index.html", "page_name": "index"},
        {**SETTINGS, "DEFAULT_LANG": "en"},
        lambda m: m,
    )
    assert result["locale"] == "en_GB" and result["image"] is None


def test_without_the_cards_plugin_pages_simply_have_no_image():
    when = datetime(2026, 10, 15, 8, tzinfo=ZoneInfo("Europe/Paris"))
    article = SimpleNamespace(title="T", summary="S", date=when, category=None, tags=[])
    result = page_meta(
        {"article": article, "output_file": "blog/t/index.html"}, SETTINGS, lambda m: m
    )
    assert result["image"] is None
    assert "image" not in node(result, "BlogPosting")


def test_blocks_escaped_by_their_template_are_not_escaped_twice():
    event = event_like(title="A & B", summary_text="x")
    result = meta(
        ("A &amp; B — Formations &amp; relais", "Tom &amp; Jerry &lt;3"),
        event=event,
        output_file="events/a/index.html",
    )
    assert result["description"] == "Tom & Jerry <3"
    unknown = meta(
        ("Q &amp; R — Formations & relais", ""), page_name="faq", output_file="faq/index.html"
    )
    assert unknown["title"] == "Q & R"
