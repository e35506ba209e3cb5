"""schema.org nodes as plain dicts; the template serialises each with `| tojson`."""

from relais.plugins.core.build import current
from relais.plugins.core.placeholders import ToConfirm
from relais.plugins.programmes.facts import LABELS

CONTEXT = "https://schema.org"


def organization(org: dict, siteurl: str, logo: dict | None = None) -> dict:
    node = {
        "@context": CONTEXT,
        "@type": "Organization",
        "@id": f"{siteurl}/#organization",
        "name": org.get("name", ""),
        "url": org.get("url") or f"{siteurl}/",
    }
    if org.get("email"):
        node["email"] = org["email"]
    if logo:
        node["logo"] = logo
    return node


def website(name: str, description: str, siteurl: str, lang: str) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "@id": f"{siteurl}/#website",
        "name": name,
        "description": description,
        "url": f"{siteurl}/",
        "inLanguage": lang,
        "publisher": {"@id": f"{siteurl}/#organization"},
    }


def blog_posting(article, meta: dict, site_author: str, org: dict, siteurl: str) -> dict:
    org_name = org.get("name") or meta["site_name"]
    urls = {site_author: org.get("url") or f"{siteurl}/", **(meta.get("author_urls") or {})}
    node = {
        "@context": CONTEXT,
        "@type": "BlogPosting",
        "headline": meta["title"],
        "description": meta["description"],
        "url": meta["url"],
        "mainEntityOfPage": meta["url"],
        "datePublished": meta["published"],
        "dateModified": meta["modified"],
        "inLanguage": meta["lang"],
        "author": [_author(str(a), site_author, urls) for a in getattr(article, "authors", [])]
        or [{"@type": "Organization", "name": org_name, "url": urls[site_author]}],
        "publisher": {"@type": "Organization", "@id": f"{siteurl}/#organization", "name": org_name},
    }
    images = _images(article, meta)
    if images:
        node["image"] = images
    if meta["section"]:
        node["articleSection"] = meta["section"]
    if meta["tags"]:
        node["keywords"] = meta["tags"]
    return node


def _images(content, meta: dict) -> list[str]:
    """The cover's widest render (plugins/covers), then the share card (plugins/cards):
    search engines pick the aspect ratio they need."""
    cover = getattr(content, "cover_image", None)
    card = meta.get("image")  # None when the cards plugin is off
    return [url for url in (cover and cover.largest, card and card["url"]) if url]


def _author(name: str, site_author: str, urls: dict) -> dict:
    # The site's default author is a service, not a person: the institution's own site is
    # its page. A person has one when AUTHOR_URLS names it (author pages are not written).
    node = {"@type": "Organization" if name == site_author else "Person", "name": name}
    url = urls.get(name)
    if url:
        node["url"] = url
    return node


def breadcrumb(trail: list[tuple[str, str | None]]) -> dict:
    items = []
    for position, (name, url) in enumerate(trail, start=1):
        item = {"@type": "ListItem", "position": position, "name": name}
        if url:
            item["item"] = url
        items.append(item)
    return {"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": items}


# --- Programmes -------------------------------------------------------------------------------
# Only what schema.org defines on each type, with its expected value type (checked against the
# vocabulary by tests/test_structured_data.py): a programme is an EducationalOccupationalProgram,
# its level belongs to the credential, and its credits are a QuantitativeValue.


def _provider(org: dict, siteurl: str) -> dict:
    return {
        "@type": "EducationalOrganization",
        "name": org.get("name", ""),
        "url": org.get("url") or f"{siteurl}/",
    }


def _credits(ects) -> dict | None:
    """None while the programme's credits are « à préciser »."""
    if not isinstance(ects, int):
        return None
    return {"@type": "QuantitativeValue", "value": ects, "unitText": "ECTS"}


def _known(node: dict) -> dict:
    """The node without the facts a new site has not given yet (« à préciser », None):
    structured data states only what the programme file says."""
    kept = {}
    for key, value in node.items():
        if isinstance(value, dict):
            value = _known(value)
        if value is None or isinstance(value, ToConfirm):
            continue
        kept[key] = value
    return kept


def _offers(programme, _) -> list[dict]:
    """What applying costs: one offer per fee line, else the application itself."""
    base = {
        "@type": "Offer",
        "category": _("Candidature"),
        "url": programme.facts.apply_url,
        "validThrough": programme.facts.deadline.isoformat(),
    }
    fees = programme.facts.fees
    if not fees:
        return [base]
    return [
        dict(
            base,
            category=_("Frais de formation"),
            price=float(fee.amount) if fee.amount % 1 else int(fee.amount),
            priceCurrency="EUR",
            description=fee.covers or _("Gratuit"),
        )
        for fee in fees
    ]


def programme(programme, siteurl: str, org: dict, _) -> dict:
    """The programme as schema.org sees it: its page's JSON-LD, its /programmes/<slug>.json
    and its item in the index. Built once per build and site address; never changed."""
    nodes = current().extra("seo_meta:programme-nodes", dict)
    key = (programme.source_path, siteurl)
    if key not in nodes:
        nodes[key] = _programme(programme, siteurl, org, _)
    return nodes[key]


def _programme(programme, siteurl: str, org: dict, _) -> dict:
    url = f"{siteurl}/{programme.url}"
    node = {
        "@context": CONTEXT,
        "@type": "EducationalOccupationalProgram",
        "@id": f"{url}#programme",
        "name": programme.title,
        "description": programme.facts.summary,
        "url": url,
        "provider": _provider(org, siteurl),
        "educationalCredentialAwarded": {
            "@type": "EducationalOccupationalCredential",
            "name": programme.facts.degree,
            "credentialCategory": programme.facts.degree,
            "educationalLevel": programme.facts.level,
        },
        "numberOfCredits": _credits(programme.facts.ects),
        "timeToComplete": programme.facts.duration_iso,
        "applicationDeadline": programme.facts.deadline.isoformat(),
        "startDate": programme.facts.start.isoformat(),
        "offers": _offers(programme, _),
        "potentialAction": {"@type": "ApplyAction", "target": programme.facts.apply_url},
    }
    if programme.cover_image is not None:
        node["image"] = programme.cover_image.largest
    node.update(_facts(programme.facts, _))
    brochure = programme.brochure_doc
    if brochure is not None:
        node["subjectOf"] = {
            "@type": "DigitalDocument",
            "name": brochure.title,
            "encodingFormat": "application/pdf",
            "url": f"{siteurl}/{brochure.pdf_url}",
        }
    return _known(node)


def _facts(facts, _) -> dict:
    """The optional facts schema.org has a property for (plugins/programmes/content.py)."""
    node = {}
    if facts.capacity:
        node["maximumEnrollment"] = facts.capacity
    if facts.rhythm:
        node["programType"] = [_(LABELS["rhythm"][key]) for key in facts.rhythm]
    if facts.teaching_mode:
        node["educationalProgramMode"] = facts.teaching_mode  # onsite, online, blended
    if facts.prerequisites:
        node["programPrerequisites"] = list(facts.prerequisites)
    if facts.phases:
        node["applicationStartDate"] = min(phase.start for phase in facts.phases).isoformat()
    if facts.jobs:
        node["occupationalCategory"] = list(facts.jobs)
    return node


def faq_page(programme, siteurl: str) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "FAQPage",
        "url": f"{siteurl}/{programme.url}",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": item.answer},
            }
            for item in programme.facts.faq
        ],
    }


def course_list(programmes, siteurl: str, org: dict, lang: str) -> dict:
    """Google's course list (a carousel): every programme as a Course on /programmes/."""
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "item": _course(p, siteurl, org, lang)}
            for position, p in enumerate(programmes, start=1)
        ],
    }


def _course(programme, siteurl: str, org: dict, lang: str) -> dict:
    course = {
        "@type": "Course",
        "name": programme.title,
        "description": programme.facts.summary,
        "url": f"{siteurl}/{programme.url}",
        "provider": _provider(org, siteurl),
        "educationalCredentialAwarded": programme.facts.degree,
        "numberOfCredits": _credits(programme.facts.ects),
        "timeRequired": programme.facts.duration_iso,
    }
    course["inLanguage"] = list(programme.facts.languages) or [lang]
    return _known(course)


def programme_index(programmes, index_url: str, siteurl: str, org: dict, _) -> dict:
    """/programmes/index.json: every programme's full node, in the order of the list page;
    each item's `url` is its own /programmes/<slug>.json."""
    return {
        "@context": CONTEXT,
        "@type": "ItemList",
        "name": _("Formations"),
        "url": f"{siteurl}/{index_url}",
        "numberOfItems": len(programmes),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "url": f"{siteurl}/{p.data_url}",
                "item": {k: v for k, v in programme(p, siteurl, org, _).items() if k != "@context"},
            }
            for position, p in enumerate(programmes, start=1)
        ],
    }
