"""Everything a page's head says about it to networks and search engines, from its context.

The page kind is read from the variables Pelican and the relais generators pass to
templates: `event`, `programme`, `article`, `page` (content pages), else `template_name` /
`page_name` (lists). Each value is plain text; the template escapes it.
"""

from collections.abc import Mapping

from markupsafe import Markup

from . import jsonld

LOCALES = {"fr": "fr_FR", "en": "en_GB"}
CONTENT_KEYS = ("event", "programme", "article", "page")


def _url(siteurl: str, save_as: str) -> str:
    return f"{siteurl}/{save_as.removesuffix('index.html')}"


def _plain(html) -> str:
    return Markup(str(html or "")).striptags()


def content_of(ctx: Mapping):
    for key in CONTENT_KEYS:
        if ctx.get(key) is not None:
            return key, ctx[key]
    return None, None


def description_of(content, s: Mapping) -> str:
    for attribute in ("summary_text", "summary", "description"):
        value = getattr(content, attribute, None)
        if value:
            return _plain(value)
    return s.get("SITE_DESCRIPTION", "")


def list_page(ctx: Mapping, s: Mapping, _) -> tuple[str, str, list]:
    """(title, description, breadcrumb trail after "home") of a list page.

    The descriptions are the ones the theme's list templates put in <meta name=description>.
    """
    siteurl = s["SITEURL"]
    news = (_("Actualités"), _url(siteurl, s.get("ARCHIVES_SAVE_AS", "")))
    categories = (_("Catégories"), _url(siteurl, s.get("CATEGORIES_SAVE_AS", "")))
    tags = (_("Mots-clés"), _url(siteurl, s.get("TAGS_SAVE_AS", "")))
    here = _url(siteurl, ctx.get("output_file", ""))
    template = ctx.get("template_name") or ctx.get("page_name")
    if template == "category":
        name = str(ctx["category"])
        return name, f"{_('Actualités de la catégorie')} {name}", [news, categories, (name, here)]
    if template == "tag":
        name = str(ctx["tag"])
        return name, f"{_('Actualités avec le mot-clé')} {name}", [news, tags, (name, here)]
    known = {
        "archives": (
            news[0],
            _("Toutes les actualités, de la plus récente à la plus ancienne."),
            [news],
        ),
        "categories": (categories[0], _("Les actualités par catégorie."), [news, categories]),
        "tags": (tags[0], _("Les actualités par mot-clé."), [news, tags]),
        "programmes": (
            _("Formations"),
            _("Toutes les formations : diplôme, durée, dates limites de candidature."),
            [(_("Formations"), here)],
        ),
    }
    if template in known:
        return known[template]
    return s.get("SITENAME", ""), s.get("SITE_DESCRIPTION", ""), []


def page_meta(ctx: Mapping, s: Mapping, _) -> dict:
    """The values head_meta.html writes: Open Graph, Twitter card, JSON-LD nodes."""
    siteurl = s["SITEURL"]
    lang = s.get("DEFAULT_LANG", "fr")
    kind, content = content_of(ctx)
    is_404 = content is not None and getattr(content, "template", "") == "404"
    home = (_("Accueil"), f"{siteurl}/")
    meta = {
        "site_name": s.get("SITENAME", ""),
        "locale": s.get("OG_LOCALE") or LOCALES.get(lang, lang),
        "lang": lang,
        "url": None if is_404 else _url(siteurl, ctx.get("output_file", "")),
        "type": "article" if kind == "article" else "website",
        "published": None,
        "modified": None,
        "section": None,
        "tags": [],
    }
    if content is not None:
        meta["title"] = str(content.title)
        meta["description"] = description_of(content, s)
        trail = [*_section(kind, s, _), (meta["title"], meta["url"])]
        image = getattr(content, "card_image", None) or ctx.get("site_card")
    else:
        meta["title"], meta["description"], trail = list_page(ctx, s, _)
        image = ctx.get("site_card")
    meta["image"] = dict(image, alt=image.get("alt") or meta["title"]) if image else None

    if kind == "article":
        meta["published"] = content.date.isoformat()
        meta["modified"] = getattr(content, "modified", content.date).isoformat()
        category = getattr(content, "category", None)
        meta["section"] = str(category) if category else None
        meta["tags"] = [str(tag) for tag in getattr(content, "tags", [])]

    is_home = content is None and (ctx.get("template_name") or ctx.get("page_name")) == "index"
    meta["jsonld"] = _nodes(kind, content, meta, s, [home, *trail], is_home)
    return meta


def _section(kind: str, s: Mapping, _) -> list:
    siteurl = s["SITEURL"]
    if kind == "article":
        return [(_("Actualités"), _url(siteurl, s.get("ARCHIVES_SAVE_AS", "")))]
    if kind == "programme":
        return [(_("Formations"), _url(siteurl, s.get("PROGRAMMES_SAVE_AS", "")))]
    return []


def _nodes(kind, content, meta, s, trail, is_home) -> list[dict]:
    siteurl = s["SITEURL"]
    org = s.get("ORGANIZATION") or {}
    nodes = []
    if is_home:
        nodes.append(jsonld.website(meta["site_name"], meta["description"], siteurl, meta["lang"]))
        nodes.append(jsonld.organization(org, siteurl))
    if kind == "article":
        nodes.append(
            jsonld.blog_posting(
                content, meta, s.get("AUTHOR", ""), org.get("name", meta["site_name"]), siteurl
            )
        )
    nodes.append(jsonld.breadcrumb(trail))
    return nodes
