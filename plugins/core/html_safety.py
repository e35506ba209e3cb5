"""Raw HTML in a team's Markdown and `summary:` is held to an allow-list.

Markdown lets any HTML through, and Pelican publishes it as written on the post, the home
page, the archives, the category, tag and programme pages: a `<script>`, an `onerror=`, a
`javascript:` or `data:` link would run on the site's own address. Here, as each file is
read:

- every tag, attribute or address outside the allow-list below is a content error naming
  the file, the field (`texte`/`text`, or `summary`) and its line: scripts, event
  handlers (`onclick`, `onerror`…), `javascript:`/`vbscript:`/`data:` addresses, forms,
  `<object>`, `<embed>`, `<style>`, `<base>`, `<meta>`… The build stops, nothing is written;
- what is published is then cleaned by nh3 (Ammonia, a maintained sanitiser that parses
  as browsers do) with the same allow-list, so that HTML which a browser would read
  otherwise than this check (a mutation trick) is dropped, never run.

A team's own HTML keeps working: tables, `<details>`, figures, `<video>`/`<audio>`, and
`<iframe>` from an https address (a map, a video); docs/authoring.md lists what is
allowed ("HTML dans le texte").
"""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nh3

from .bounds import keep_out_of_cache
from .errors import ContentError, line_of, report, tr, tr_later

# What Markdown and its extensions write (tables, footnotes, abbreviations, definition
# lists, code blocks, headings with ids) and what a team adds by hand.
TAGS = frozenset(nh3.ALLOWED_TAGS) | {
    "address", "audio", "figure", "figcaption", "iframe", "picture", "section", "source",
    "tfoot", "track", "video",
}  # fmt: skip
# Attributes every allowed tag may have.
GENERIC = frozenset({"class", "id", "title", "lang", "dir", "role", "hidden", "style",
                     "translate", "tabindex"})  # fmt: skip
ATTRIBUTE_PREFIXES = frozenset({"aria-"})
ATTRIBUTES = {
    "a": {"href", "hreflang", "rel", "target", "download", "type", "name"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding",
            "align", "border"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "loading",
               "referrerpolicy", "sandbox", "frameborder", "name"},
    "video": {"src", "poster", "controls", "width", "height", "preload", "muted", "loop",
              "playsinline", "autoplay"},
    "audio": {"src", "controls", "preload", "muted", "loop"},
    "source": {"src", "srcset", "sizes", "type", "media", "width", "height"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "td": {"colspan", "rowspan", "headers", "align", "valign", "width", "height"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "align", "valign", "width",
           "height"},
    "col": {"span", "align"},
    "colgroup": {"span"},
    "ol": {"start", "reversed", "type"},
    "ul": {"type"},
    "li": {"value"},
    "time": {"datetime"},
    "data": {"value"},
    "details": {"open"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "abbr": {"title"},
    "area": {"alt", "coords", "href", "shape", "target", "rel"},
    "map": {"name"},
    "table": {"align", "border", "cellpadding", "cellspacing", "width", "summary"},
    "p": {"align"},
    "div": {"align"},
    "h1": {"align"}, "h2": {"align"}, "h3": {"align"},
    "h4": {"align"}, "h5": {"align"}, "h6": {"align"},
}  # fmt: skip
# Attributes holding an address, and the schemes an address may have (none: relative,
# `{static}/…`, `#anchor`).
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster", "cite"})
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# An iframe shows another site inside the page: only from an https address.
IFRAME_SCHEMES = frozenset({"https"})
# Content is left out with these (what is inside a <script> is code, not text).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "object",
                                  "embed", "applet", "svg", "math"})  # fmt: skip


def _allowed(tag: str, attribute: str) -> bool:
    return (
        attribute in GENERIC
        or attribute in ATTRIBUTES.get(tag, ())
        or attribute.startswith(tuple(ATTRIBUTE_PREFIXES))
    )


def _scheme(value: str) -> str | None:
    """The scheme of an address as a browser reads it (spaces and control characters
    inside `java\tscript:` are ignored by browsers), None for a relative one."""
    cleaned = "".join(ch for ch in value if ch > " " and ch != "\x7f").lower()
    if cleaned.startswith("{"):
        return None  # {static}/…, {filename}…: Pelican's links to files of the site
    try:
        scheme = urlsplit(cleaned).scheme
    except ValueError:
        return "?"
    return scheme or None


class _Finder(HTMLParser):
    """Every tag, attribute and address outside the allow-list, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (what the author wrote, kind)

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.found.append((f"<{tag}", "tag"))
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((name, "handler"))
            elif not _allowed(tag, name):
                self.found.append((name, "attribute"))
            elif name in URL_ATTRIBUTES and value:
                for address in _addresses(name, value):
                    scheme = _scheme(address)
                    schemes = IFRAME_SCHEMES if tag == "iframe" else SCHEMES
                    if scheme is not None and scheme not in schemes:
                        self.found.append((address.strip(), "scheme"))
                    elif tag == "iframe" and scheme is None and name == "src":
                        self.found.append((address.strip(), "iframe"))

    handle_startendtag = handle_starttag


def _addresses(name: str, value: str) -> list[str]:
    if name == "srcset":
        return [part.split()[0] for part in value.split(",") if part.split()]
    return [value]


def unsafe_html(html: str) -> list[tuple[str, str]]:
    """(what, kind) for each tag, attribute or address the allow-list refuses."""
    if "<" not in html:
        return []
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return list(dict.fromkeys(finder.found))


def clean(html: str) -> str:
    """The HTML as published: nh3 with the allow-list (what the check let through is kept;
    a trick that a browser would read otherwise is dropped)."""
    if "<" not in html:
        return html
    attributes = {tag: set(ATTRIBUTES.get(tag, ())) for tag in TAGS}
    attributes["*"] = set(GENERIC)
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=attributes,
        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
        url_schemes=set(SCHEMES),
        attribute_filter=_iframe_https_only,
        strip_comments=False,
        link_rel=None,
    )


def _iframe_https_only(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src" and _scheme(value) not in IFRAME_SCHEMES:
        return None
    return value


def check_and_clean(path: str, field: str, html: str) -> str:
    """Reports each refused tag, attribute or address of `html` (the body, or a field such
    as `summary`) as a content error at its line; returns the HTML to publish."""
    found = unsafe_html(html)
    for what, kind in found:
        report(_error(path, field, what, kind))
    if found:
        keep_out_of_cache(path)  # the next build reports it again
    return clean(html)


_PROBLEMS = {
    "tag": tr_later(
        "la balise « {what}> » n’est pas permise : ni script, ni formulaire, ni contenu "
        "embarqué hors de la liste du site",
        'the tag "{what}>" is not allowed: no script, form or embedded content outside the '
        "site's list",
    ),
    "handler": tr_later(
        "l’attribut « {what} » lance du code (JavaScript), ce que le site ne publie pas",
        'the attribute "{what}" runs code (JavaScript), which the site does not publish',
    ),
    "attribute": tr_later(
        "l’attribut « {what} » n’est pas permis",
        'the attribute "{what}" is not allowed',
    ),
    "scheme": tr_later(
        "l’adresse « {what} » n’est pas permise : seules les adresses http(s), mailto:, tel: "
        "et celles des fichiers du site le sont (ni javascript:, ni data:)",
        'the address "{what}" is not allowed: only http(s), mailto:, tel: and the addresses '
        "of the site's files are (no javascript:, no data:)",
    ),
    "iframe": tr_later(
        "un <iframe> montre une page d’un autre site : « {what} » n’est pas une adresse https",
        'an <iframe> shows a page of another site: "{what}" is not an https address',
    ),
}


def _error(path: str, field: str, what: str, kind: str) -> ContentError:
    problem = str(_PROBLEMS[kind]).format(what=what)
    if kind == "handler":
        where = line_of(path, f"{what}=", part=_part(field))
    else:
        where = line_of(path, what, part=_part(field))
    return ContentError(
        path,
        field,
        problem,
        tr(
            "du texte Markdown, ou le HTML permis (docs/authoring.md, « HTML dans le texte ») ; "
            'une image ou un fichier : {static}/images/… ; une vidéo : <iframe src="https://…">',
            'Markdown text, or the HTML allowed (docs/authoring.md, "HTML in the text"); an '
            'image or a file: {static}/images/…; a video: <iframe src="https://…">',
        ),
        line=where or line_of(path, what),
    )


def _part(field: str) -> str:
    return "body" if field in ("texte", "text") else "header"


# An SVG image opened on its own runs its scripts on the site's address.
_SVG_CODE = re.compile(
    rb"<script|<foreignObject|\son[a-z]+\s*=|javascript:|<!ENTITY", re.IGNORECASE
)


def check_svg(path: str) -> None:
    """A published SVG file holding a script, an event attribute, a `javascript:` address,
    embedded HTML or an XML entity is a content error naming it."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return
    found = _SVG_CODE.search(data)
    if found is None:
        return
    what = found.group().decode("ascii", "replace").strip()
    report(
        ContentError(
            path,
            tr("image SVG", "SVG image"),
            tr(
                f"contient « {what} » : une image SVG ouverte seule lancerait ce code sur "
                "l’adresse du site",
                f'holds "{what}": an SVG image opened on its own would run that code on the '
                "site's address",
            ),
            tr(
                "une image SVG sans script ni attribut d’événement (réexportée en « SVG "
                "simple »), ou une image PNG",
                'an SVG image without script or event attribute (exported again as "plain '
                'SVG"), or a PNG image',
            ),
            line=line_of(path, what),
        )
    )
