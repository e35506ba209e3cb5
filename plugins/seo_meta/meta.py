"""Everything a page's head says about it to networks and search engines, from its context.

The page kind is read from the variables Pelican and the relais generators pass to
templates: `event`, `programme`, `article`, `page` (content pages), else `page_name`, `tag`,
`category` (lists). Each value is plain text; the template escapes it.
"""

import html
import os
from collections.abc import Mapping

from markupsafe import Markup

from relais.plugins.theme_i18n.plugin import og_locale

from . import event_jsonld, jsonld

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
    facts = getattr(content, "facts", None)  # a programme's: its summary in plain text
    if facts is not None:
        return facts.summary
    for attribute in ("summary_text", "summary", "description"):
        value = getattr(content, attribute, None)
        if value:
            return _plain(value)
    return s.get("SITE_DESCRIPTION", "")


def list_trail(ctx: Mapping, s: Mapping, _, title: str) -> list:
    """The breadcrumb trail after "home" of a page without content (a list)."""
    siteurl = s["SITEURL"]
    news = (_("Actualités"), _url(siteurl, s.get("ARCHIVES_SAVE_AS", "")))
    categories = (_("Catégories"), _url(siteurl, s.get("CATEGORIES_SAVE_AS", "")))
    tags = (_("Mots-clés"), _url(siteurl, s.get("TAGS_SAVE_AS", "")))
    here = (title, _url(siteurl, ctx.get("output_file", "")))
    return {
        "index": [],
        "archives": [news],
        "categories": [news, categories],
        "tags": [news, tags],
        "category": [news, categories, here],
        "tag": [news, tags, here],
    }.get(list_kind(ctx, s), [here])


def list_kind(ctx: Mapping, s: Mapping) -> str | None:
    """Which list a content-less page is. Pelican passes `page_name` (its save_as without
    extension) to direct templates, `tag` / `category` to those lists."""
    if ctx.get("tag") is not None:
        return "tag"
    if ctx.get("category") is not None:
        return "category"
    name = ctx.get("page_name")
    for template in ("index", "archives", "categories", "tags"):
        if name == os.path.splitext(s.get(f"{template.upper()}_SAVE_AS", f"{template}.html"))[0]:
            return template
    return name  # "programmes" (plugins/programmes), or a list this module does not know


def _title_from_block(block: str, site_name: str) -> str:
    """ "Actualités — Formations & relais" → "Actualités": the site name goes in og:site_name."""
    title = " ".join(block.split())
    return title.removesuffix(f" — {site_name}") or site_name


def page_meta(
    ctx: Mapping,
    s: Mapping,
    _,
    blocks: tuple[str, str] | None = None,
    canonical: str | None = None,
) -> dict:
    """The values head_meta.html writes: Open Graph, Twitter card, JSON-LD nodes.

    `blocks` are the page's rendered title and description blocks (see plugin.py); without
    them the title and description come from the content object or the site settings.
    `canonical` is given by a view of another page (a brochure's embed page, canonical to its
    programme): a link to it previews as that page does (same tags, og:url = that page), and
    its JSON-LD is left to that page (one node per thing for search engines).
    """
    siteurl = s["SITEURL"]
    lang = s.get("DEFAULT_LANG", "fr")
    site_name = s.get("SITENAME", "")
    kind, content = content_of(ctx)
    is_404 = content is not None and getattr(content, "template", "") == "404"
    # Some templates escape inside their blocks, others do not: back to plain text either
    # way, and the partial escapes once.
    title_block, description_block = (html.unescape(b) for b in blocks or ("", ""))
    meta = {
        "site_name": site_name,
        "locale": og_locale(s),
        "lang": lang,
        "url": canonical or (None if is_404 else _url(siteurl, ctx.get("output_file", ""))),
        "type": "article" if kind == "article" else "website",
        "description": " ".join(description_block.split()),
        "published": None,
        "modified": None,
        "section": None,
        "tags": [],
    }
    if content is not None:
        meta["title"] = str(content.title)
        meta["description"] = meta["description"] or description_of(content, s)
        trail = [*_section(kind, s, _), (meta["title"], meta["url"])]
        image = getattr(content, "card_image", None) or ctx.get("site_card")
    else:
        meta["title"] = _title_from_block(title_block, site_name)
        meta["description"] = meta["description"] or s.get("SITE_DESCRIPTION", "")
        trail = list_trail(ctx, s, _, meta["title"])
        image = ctx.get("site_card")
    meta["image"] = dict(image, alt=image.get("alt") or meta["title"]) if image else None

    if kind == "article":
        meta["published"] = content.date.isoformat()
        meta["modified"] = getattr(content, "modified", content.date).isoformat()
        category = getattr(content, "category", None)
        meta["section"] = str(category) if category else None
        meta["tags"] = [str(tag) for tag in getattr(content, "tags", [])]

    is_home = content is None and list_kind(ctx, s) == "index"
    on_list = content is None and list_kind(ctx, s) == "programmes"
    listed = ctx.get("programmes") if on_list else None
    trail = [(_("Accueil"), f"{siteurl}/"), *trail]
    meta["jsonld"] = [] if canonical else _nodes(kind, content, meta, s, _, trail, is_home, listed)
    return meta


def _section(kind: str, s: Mapping, _) -> list:
    siteurl = s["SITEURL"]
    if kind == "article":
        return [(_("Actualités"), _url(siteurl, s.get("ARCHIVES_SAVE_AS", "")))]
    if kind == "programme":
        return [(_("Formations"), _url(siteurl, s.get("PROGRAMMES_SAVE_AS", "")))]
    if kind == "event" and s.get("EVENTS_SAVE_AS"):  # plugins/events
        return [(_("Agenda"), _url(siteurl, s["EVENTS_SAVE_AS"]))]
    return []


def _nodes(kind, content, meta, s, _, trail, is_home, programmes=None) -> list[dict]:
    """The page's JSON-LD nodes; `programmes` is the list on the programmes page."""
    siteurl = s["SITEURL"]
    org = s.get("ORGANIZATION") or {}
    nodes = []
    if is_home:
        nodes.append(jsonld.website(meta["site_name"], meta["description"], siteurl, meta["lang"]))
        nodes.append(jsonld.organization(org, siteurl))
    if kind == "article":
        meta = dict(meta, author_urls=s.get("AUTHOR_URLS") or {})
        nodes.append(jsonld.blog_posting(content, meta, s.get("AUTHOR", ""), org, siteurl))
    if kind == "programme":
        nodes.append(jsonld.programme(content, siteurl, org, _))
        if content.facts.faq:
            nodes.append(jsonld.faq_page(content, siteurl))
    if kind == "event":
        nodes.append(event_jsonld.event(content, siteurl, org, meta["lang"]))
    if programmes is not None:
        nodes.append(jsonld.course_list(programmes, siteurl, org, meta["lang"]))
    # Google shows a trail of two steps or more: the home page's would be "Accueil" alone.
    if len(trail) > 1:
        nodes.append(jsonld.breadcrumb(trail))
    return nodes
