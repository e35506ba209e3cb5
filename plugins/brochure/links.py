"""Links and outline of a brochure: which PDF targets the site keeps, and what templates see.

A PDF link can point anywhere: a web page, an address, another page, but also a script
(javascript:), an inline document (data:), a file on the author's disk or a program to
launch. The site keeps web (http, https) and mailto links and links to a page of the same
PDF (as `#page=N`, which the viewer follows); every other link is dropped, and the build
says so in a warning naming the PDF and the page (`warnings`).

Extraction itself is in pdf_links.py (PDFium, worker processes); this module is plain
Python, used on both sides.
"""

from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from relais.plugins.core import ContentError, quoted, tr, tr_later
from relais.plugins.core.errors import warning_line

# Bounds against a hostile PDF (a million link annotations make a page of HTML as large).
# Real brochures are far below: tens of links a page, an outline of a few dozen entries.
MAX_LINKS_PER_PAGE = 200
MAX_OUTLINE_ENTRIES = 1000
MAX_OUTLINE_DEPTH = 6
WEB = ("http", "https")


def classify(raw: tuple, page_count: int) -> tuple[str | None, dict | None]:
    """(target, problem) for a raw PDF target (pdf_links): the site's href, or why not."""
    kind, value = raw
    if kind == "page":
        if value is None or not 0 <= value < page_count:
            return None, {"why": "missing_page"}
        return f"#page={value + 1}", None
    if kind == "uri":
        return _uri(value)
    if kind == "file":
        return None, {"why": "file", "target": value}
    return None, {"why": "unsupported"}


def _uri(text: str) -> tuple[str | None, dict | None]:
    text = text.strip()
    # Browsers skip tabs and line breaks inside a URL ("java\tscript:" runs): refuse them.
    if any(ord(char) < 33 or ord(char) == 127 for char in text):
        return None, {"why": "scheme", "target": text}
    parts = urlsplit(text)
    if parts.scheme.lower() in WEB and parts.netloc:
        return text, None
    if parts.scheme.lower() == "mailto" and "@" in parts.path:
        return text, None
    return None, {"why": "scheme" if parts.scheme else "relative", "target": text}


@dataclass(frozen=True)
class Link:
    """A link over a page image; the box is in percentages of the page (left, top, w, h)."""

    box: tuple[float, float, float, float]
    name: str  # the text under it in the PDF ("" over a picture)
    target: str  # "#page=N", "http(s)://…" or "mailto:…"
    min_width: int = 0  # page width (CSS px) from which it is a target clear of the others

    @property
    def kind(self) -> str:
        if self.target.startswith("#page="):
            return "page"
        return "email" if self.target.lower().startswith("mailto:") else "web"

    @property
    def page(self) -> int:
        return int(self.target.removeprefix("#page="))

    @property
    def email(self) -> tuple[str, str, str]:
        """(user, domain, "?subject=…" or ""): the parts the harvester-proof markup keeps
        apart (partials/contact_email.html)."""
        user, _, rest = self.target.split(":", 1)[1].partition("@")
        domain, mark, query = rest.partition("?")
        return user, domain, mark + query

    @property
    def style(self) -> str:
        """CSS custom properties for brochure.css: where the link's box is, in %."""
        left, top, width, height = self.box
        return f"--x:{left}%;--y:{top}%;--w:{width}%;--h:{height}%"


@dataclass(frozen=True)
class Entry:
    """One bookmark of the outline: a title, the page it opens (or none) and sub-entries."""

    title: str
    page: int | None
    children: tuple["Entry", ...]


# Where links crowd each other, which one stays over the page: web links first (the apply
# link of a call to action), then addresses, then links to other pages; in reading order.
PRIORITY = {"web": 0, "email": 1, "page": 2}


def page_links(entries: list[dict], ratio: float) -> tuple[Link, ...]:
    """The page's links, in reading order; `ratio` is the page's height / width. Each one is
    laid over the page from the width where it is clear of every link before it in
    PRIORITY order: the first of a crowded group is always there, even on a phone."""
    links = [Link(tuple(e["box"]), e["name"], e["target"]) for e in entries]
    ranked = sorted(links, key=lambda link: PRIORITY[link.kind])  # stable: reading order
    before = {id(link): [other.box for other in ranked[:i]] for i, link in enumerate(ranked)}
    return tuple(
        replace(link, min_width=clear_from(link.box, before[id(link)], ratio)) for link in links
    )


TARGET_PX = 24  # WCAG 2.5.8: a pointer target of 24 × 24 CSS px
NEVER = 100_000  # px: wider than any screen


def clear_from(box: tuple, boxes: list[tuple], ratio: float) -> int:
    """The narrowest page width (CSS px) at which this link, grown to 24 × 24 px around its
    centre (brochure.css), overlaps none of `boxes` grown alike: below it, the link is not
    laid over the page (brochure.js) and the list of the page's links under it is the way to
    it (WCAG 2.5.8's "equivalent" exception). Links whose rectangles overlap in the PDF are
    never clear: NEVER."""
    needed = 0
    for other in boxes:
        if other is not box:
            apart = min(_apart_from(box, other, 0, 1), _apart_from(box, other, 1, ratio))
            needed = max(needed, min(apart, NEVER))
    return needed


def _apart_from(a: tuple, b: tuple, axis: int, scale: float) -> float:
    """Smallest page width at which a and b, grown to 24 px, are apart along one axis (0: x,
    1: y; `scale` turns the page width into that axis's length). Infinity if they never
    are: their spans on this axis overlap."""
    start, size = axis, axis + 2
    gap = abs((a[start] + a[size] / 2) - (b[start] + b[size] / 2)) * scale / 100  # × width
    if gap * 2 <= (a[size] + b[size]) * scale / 100:
        return float("inf")

    def apart(width: float) -> bool:
        grown = max(TARGET_PX, a[size] * scale / 100 * width) + max(
            TARGET_PX, b[size] * scale / 100 * width
        )
        return gap * width >= grown / 2 + 1  # a pixel to spare: boxes are rounded to 0.01 %

    low, high = 1, NEVER  # apart(width) only becomes true as the width grows
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if apart(middle) else (middle + 1, high)
    return low


def outline_entries(entries: list[dict]) -> tuple[Entry, ...]:
    return tuple(
        Entry(e["title"] or "—", e["page"], outline_entries(e["children"])) for e in entries
    )


_DROPPED = {
    "scheme": tr_later(
        "lien « {target} » ignoré : adresse non sûre", 'link "{target}" left out: unsafe address'
    ),
    "relative": tr_later(
        "lien « {target} » ignoré : adresse incomplète (sans http:// ni https://)",
        'link "{target}" left out: incomplete address (no http:// or https://)',
    ),
    "file": tr_later(
        "lien vers le fichier « {target} » ignoré : un lecteur n’a pas ce fichier",
        'link to the file "{target}" left out: a reader does not have that file',
    ),
    "missing_page": tr_later(
        "lien vers une page qui n’existe pas dans le PDF ignoré",
        "link to a page that does not exist in the PDF left out",
    ),
    "unsupported": tr_later(
        "lien d’un type que le site ne reprend pas (script, formulaire, "
        "commande du lecteur PDF) ignoré",
        "link of a kind the site does not keep (script, form, PDF reader command) left out",
    ),
    "too_many": tr_later(
        "{count} liens ignorés, au-delà de {max_links} liens par page",
        "{count} links left out, over {max_links} links per page",
    ),
    "too_many_entries": tr_later(
        "sommaire coupé après {count} entrées", "outline cut after {count} entries"
    ),
    "too_deep": tr_later(
        "sommaire coupé au-delà de {depth} niveaux d’imbrication",
        "outline cut beyond {depth} levels of nesting",
    ),
}
_EXPECTED = tr_later(
    "un lien http:, https:, mailto: ou vers une page de la brochure (à corriger dans le "
    "logiciel de mise en page, puis réexporter le PDF)",
    "an http:, https:, mailto: link or one to a page of the brochure (to fix in the layout "
    "software, then export the PDF again)",
)


def warnings(programme, manifest: dict) -> list[str]:
    """One line per link the site dropped, naming the programme file, the PDF and the page."""
    lines = []
    where = [(manifest["outline_dropped"], None)]
    where += [(page["dropped"], page["number"]) for page in manifest["pages"]]
    for dropped, number in where:
        for problem in dropped:
            place = f"page {number}" if number else tr("sommaire (signets)", "outline (bookmarks)")
            facts = {
                "target": _short(problem.get("target", "")),
                "max_links": MAX_LINKS_PER_PAGE,
                "depth": MAX_OUTLINE_DEPTH,
            }
            text = str(_DROPPED[problem["why"]]).format(**{**problem, **facts})
            line = ContentError(
                programme.source_path,
                "brochure",
                f"{quoted(programme.facts.brochure)}, {place}{tr(' : ', ': ')}{text}",
                str(_EXPECTED),
            )
            lines.append(warning_line(line))
    return lines


def _short(target: str, length: int = 80) -> str:
    """A data: link can be megabytes: the warning shows its start."""
    return target if len(target) <= length else target[: length - 1] + "…"
