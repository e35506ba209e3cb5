"""Which pages the browser gates look at.

A browser check costs about half a second per page, so by default the axe gate checks
one page of each *type* rather than all of them. A page's type comes from where it
lives, since Pelican saves each template's output in its own place:

- index.html (home), 404.html, and each other root-level *.html file;
- for each top-level folder D holding deeper pages (programmes/, blog/, tags/, go/...):
  its listing D/index.html, plus the first page at each deeper level (D/x/index.html:
  a programme, a post, a tag, a redirect stub...); from D/x/y/z/index.html down, one per
  folder name with its numbers aside (a brochure's embed/ page, its page-N/ pages);
- the top-level folders holding only an index.html (a-propos/, contact/, but also
  archives/) are told apart by their layout: the (tag, class) pairs of the elements
  near the top of <main>. Pages rendered by one template share that scaffolding, so
  one of each layout is checked (a few extra pages at worst, never a missed template).

Pages asked for with --page are added. `--all-pages` skips the sampling.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import lxml.html

from relais.checks.site import Site

# How deep below <main> the layout signature looks: template scaffolding lives there,
# page prose (whose classes vary from page to page) mostly below.
LAYOUT_DEPTH = 3


def page_type(site: Site, rel: str, sectioned: set[str]) -> tuple:
    """A key shared by pages rendered by the same template (see the module docstring)."""
    parts = rel.split("/")
    if len(parts) == 1:
        return ("root", rel) if rel in ("index.html", "404.html") else ("root-file", rel)
    top = parts[0]
    if top not in sectioned:
        return ("static-page", layout_signature(site, rel))
    if parts[1:] == ["index.html"]:
        return ("listing", top)
    if len(parts) >= 5:
        # Pages under a page's own folder (a brochure's embed/ and page-N/) each have their
        # template: told apart by their folder's name, numbers aside.
        return ("detail", top, str(len(parts)), re.sub(r"\d+", "N", parts[-2]))
    return ("detail", top, str(len(parts)))


def sample_pages(site: Site, extra: list[str] = ()) -> list[str]:
    """One page per type (sorted, so the choice is stable), then the `extra` pages."""
    pages = site.html_files
    # A top-level folder is a section when it has HTML below its own index.html.
    sectioned = {rel.split("/")[0] for rel in pages if rel.count("/") >= 2}
    chosen: dict[tuple, str] = {}
    for rel in pages:
        chosen.setdefault(page_type(site, rel, sectioned), rel)
    picked = list(chosen.values())
    for spec in extra:
        rel = page_file(site, spec)
        if rel not in picked:
            picked.append(rel)
    return picked


def layout_signature(site: Site, rel: str) -> frozenset[tuple[str, str]]:
    """(tag, class) of the elements within LAYOUT_DEPTH levels below <main> (or <body>)."""
    root = lxml.html.parse(str(site.output / rel)).getroot()
    if root is None:
        return frozenset()
    top = root.find(".//main")
    if top is None:
        top = root.find(".//body")
    found: set[tuple[str, str]] = set()
    level = [top] if top is not None else []
    for _depth in range(LAYOUT_DEPTH):
        level = [child for element in level for child in element if isinstance(child.tag, str)]
        found.update((e.tag, e.get("class", "")) for e in level if e.get("class"))
    return frozenset(found)


def page_file(site: Site, spec: str) -> str:
    """Turn '/', 'programmes/x/', 'blog/y/index.html' or a full SITEURL URL into the
    output file it serves. Raises ValueError if there is no such page."""
    if spec.startswith(("http://", "https://")):
        target = site.resolve(spec)
        if target is None or target.file is None:
            raise ValueError(f"{spec} is not a page of {site.base_url}")
        return target.file
    path = unquote(urlsplit(spec).path).lstrip("/")
    target = site.resolve(site.base_url + path)
    if target is None or target.file is None or not target.file.endswith(".html"):
        raise ValueError(f"no page {spec!r} in {site.output}")
    return target.file


def first_page_under(site: Site, folder: str) -> str:
    """The first page below `folder`'s listing (e.g. the first programme or post).
    Shallowest first: programmes/x/ before programmes/x/brochure/embed/."""
    folder = folder.strip("/") + "/"
    below = [r for r in site.html_files if r.startswith(folder) and r != folder + "index.html"]
    if not below:
        raise ValueError(f"no page under {folder} in {site.output}")
    return min(below, key=lambda rel: (rel.count("/"), rel))


def url_path(rel: str) -> str:
    """The path a visitor uses for an output file: 'blog/x/' rather than 'blog/x/index.html'."""
    if rel == "index.html":
        return ""
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel
