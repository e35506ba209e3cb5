"""Search gate: the site's own search (plugins/search) finds its pages, offline, in Chromium.

A site with a search page (a form with `data-search`, templates/search.html) must have the
index its script loads (the Pagefind bundle `make html` writes), and real queries, typed
into that page, must find real pages:

- each programme (up to MAX_PROGRAMMES) by its title;
- a page of its brochure by the word of its text found on the fewest of its pages: the
  result opens the viewer at that page (`…/#page=N`);
- a post by its title.

Every result must lead to a file of the site, and every request other than the site's is
blocked: the search needs no server and nothing from a third party. A site without a
search page passes with a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import lxml.html

from relais.checks import tools
from relais.checks.report import GateResult, Problem
from relais.checks.server import serve
from relais.checks.site import Site

MAX_PROGRAMMES = 5
TIMEOUT_MS = 20_000
WORD = re.compile(r"[^\W\d_]{6,}")
# The search page says it is done: a count of results, or that search fails here.
DONE = """() => { const s = document.querySelector('.search-status');
  return s && s.textContent && !s.textContent.endsWith('…'); }"""
FOUND = "() => [...document.querySelectorAll('.search-results a')].map(a => a.href)"


@dataclass(frozen=True)
class Query:
    words: str
    expected: tuple[str, str]  # (file, #fragment) a result must lead to
    what: str


def run(site: Site) -> GateResult:
    page, bundle = _search_page(site)
    if page is None:
        return GateResult("search", "no search page", notes=["no form[data-search]: no search"])
    problems = []
    target = site.resolve(bundle, site.url_of(page))
    if target is None or target.file is None:
        where = f"{bundle}: missing (make html indexes the site with Pagefind)"
        return GateResult("search", "no index", [Problem(page, f"search index {where}")])
    queries = _queries(site)
    if not queries:
        return GateResult("search", "index present, nothing to query", notes=["no programme"])
    problems = _ask(site, page, queries)
    summary = f"{len(queries)} queries on {page}"
    return GateResult("search", summary, problems)


def _search_page(site: Site) -> tuple[str | None, str]:
    for rel in site.html_files:
        text = (site.output / rel).read_text("utf-8", "replace")
        if "data-search=" in text:
            form = lxml.html.fromstring(text).xpath("//form[@data-search]")
            if form:
                return rel, form[0].get("data-search")
    return None, ""


def _tree(site: Site, rel: str):
    return lxml.html.fromstring((site.output / rel).read_text("utf-8", "replace"))


def _queries(site: Site) -> list[Query]:
    queries: list[Query] = []
    programmes = [
        rel for rel in site.html_files if rel.startswith("programmes/") and rel.count("/") == 2
    ]
    for rel in programmes:
        tree = _tree(site, rel)
        if not tree.xpath("//article[contains(@class, 'programme')]"):
            continue
        if len([q for q in queries if q.what.startswith("programme")]) < MAX_PROGRAMMES:
            title = " ".join(tree.xpath("string(//article//h1)").split())
            queries.append(Query(title, (rel, ""), f"programme « {title} »"))
        brochure = _brochure_query(tree, rel)
        if brochure and not any(q.what.startswith("brochure") for q in queries):
            queries.append(brochure)
    posts = [rel for rel in site.html_files if rel.startswith("blog/") and rel.count("/") == 2]
    for rel in posts[:1]:
        title = " ".join(_tree(site, rel).xpath("string(//article//h1)").split())
        queries.append(Query(title, (rel, ""), f"post « {title} »"))
    return queries


def _brochure_query(tree, rel: str) -> Query | None:
    """The word of a brochure's text on the fewest pages, and one page it is on."""
    texts = {}
    for page in tree.xpath("//li[contains(@class, 'brochure-page')]"):
        number = page.get("id", "").removeprefix("page=")
        texts[number] = {w.lower() for w in WORD.findall(page.xpath("string(.//details)"))}
    counts: dict[str, int] = {}
    for words in texts.values():
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    if not counts:
        return None
    word = min(sorted(counts), key=lambda w: (counts[w], -len(w)))
    number = next(n for n, words in texts.items() if word in words)
    return Query(word, (rel, f"page={number}"), f"brochure page {number} « {word} »")


def _ask(site: Site, page: str, queries: list[Query]) -> list[Problem]:
    chromium = tools.require(tools.CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright  # heavy import, only when it runs

    problems: list[Problem] = []
    blocked: list[str] = []
    errors: list[str] = []
    with serve(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=tools.CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context()

            def route(route):
                local = server.local_url(route.request.url)
                if local is None:
                    blocked.append(route.request.url)
                    route.abort("blockedbyclient")
                elif local == route.request.url:
                    route.continue_()
                else:
                    route.fulfill(response=route.fetch(url=local))

            context.route("**/*", route)
            tab = context.new_page()
            tab.set_default_timeout(TIMEOUT_MS)
            tab.on("pageerror", lambda error: errors.append(str(error)))
            address = site.url_of(page).removesuffix("index.html")
            for query in queries:
                tab.goto(f"{address}?q={quote(query.words)}", wait_until="load")
                try:
                    tab.wait_for_function(DONE)
                except Exception:
                    problems.append(Problem(page, f"no answer to {query.what}"))
                    continue
                found = []
                for href in tab.evaluate(FOUND):
                    target = site.resolve(_public(server, href))
                    if target is None or target.file is None:
                        problems.append(Problem(page, f"{query.what}: result {href} is no page"))
                    else:
                        found.append((target.file, target.fragment))
                if query.expected not in found:
                    wanted = "#".join(filter(None, query.expected))
                    problems.append(Problem(page, f"{query.what}: {wanted} not found"))
        finally:
            browser.close()
    problems += [Problem(page, f"requests a third party (blocked): {url}") for url in blocked]
    problems += [Problem(page, f"JavaScript error: {error}") for error in errors]
    return problems


def _public(server, href: str) -> str:
    """A result's address as the site publishes it (SITEURL), from the local server's."""
    local = server.base_url
    if href.startswith(local):
        return server.site.base_url + href[len(local) :]
    parts = urlsplit(href)
    return href if parts.scheme else server.site.base_url + href.lstrip("/")
