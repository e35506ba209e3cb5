"""schema.org nodes as plain dicts; the template serialises each with `| tojson`."""

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


def blog_posting(article, meta: dict, site_author: str, org_name: str, siteurl: str) -> dict:
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
        "author": [_author(str(a), site_author) for a in getattr(article, "authors", [])]
        or [{"@type": "Organization", "name": org_name}],
        "publisher": {"@type": "Organization", "@id": f"{siteurl}/#organization", "name": org_name},
    }
    if meta["image"]:  # None when the cards plugin is off
        node["image"] = meta["image"]["url"]
    if meta["section"]:
        node["articleSection"] = meta["section"]
    if meta["tags"]:
        node["keywords"] = meta["tags"]
    return node


def _author(name: str, site_author: str) -> dict:
    # The site's default author is a service, not a person.
    return {"@type": "Organization" if name == site_author else "Person", "name": name}


def breadcrumb(trail: list[tuple[str, str | None]]) -> dict:
    items = []
    for position, (name, url) in enumerate(trail, start=1):
        item = {"@type": "ListItem", "position": position, "name": name}
        if url:
            item["item"] = url
        items.append(item)
    return {"@context": CONTEXT, "@type": "BreadcrumbList", "itemListElement": items}
