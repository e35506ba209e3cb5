"""Accessibility gate: axe-core in headless Chromium finds no serious/critical violation.

The output folder is served on 127.0.0.1 (checks.server). Pages are built with absolute
SITEURL links, so the browser's requests for SITEURL are rewritten to the local server
(page.route); every other request is aborted, which also proves the site needs nothing
from the network. A page loading an external stylesheet, script, font, image or media
file fails the gate: offline it is broken, online it leaks visitors to a third party.

Pages: one of each type (checks.pages), plus --page, or all with --all-pages. Each page
is loaded once and checked at a phone and a desktop width; if the theme has a dark
colour scheme, in light and dark mode too, since contrast is the violation themes most
often get wrong. Before each run the page settles (fonts, finite animations).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from relais.checks import tools
from relais.checks.pages import sample_pages, url_path
from relais.checks.report import GateResult, Problem
from relais.checks.server import SiteServer, serve
from relais.checks.site import Site

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING_IMPACTS = {"serious", "critical"}
# Subresources a page needs to render; loading them from elsewhere fails the gate.
ASSET_TYPES = {"stylesheet", "script", "font", "image", "media"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "resultTypes": ["violations"],
    # axe waits this long for an answer from each iframe; a PDF viewer never answers.
    "frameWaitTime": 2000,
}
PAGE_TIMEOUT_MS = 30_000
# Let the page reach its steady state before axe measures it: web fonts loaded and
# finite CSS/JS animations finished. A fade-in caught half-way reads as low contrast
# (seen on the brochure viewer: brand blue measured at 30 % opacity). Capped at 3 s.
SETTLE = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const deadline = performance.now() + 3000;
  await document.fonts.ready;
  // A resize reaches scripts a frame later (media-query change events, ResizeObserver), and
  // what they show may start an animation then: wait for frames first, then for the finite
  // animations running, and again until a few frames pass without one starting.
  for (;;) {
    for (let n = 0; n < 3; n++) await frame();
    const running = document.getAnimations().filter(animation => {
      const timing = animation.effect && animation.effect.getComputedTiming();
      return animation.playState === "running" && timing && Number.isFinite(timing.endTime);
    });
    const left = deadline - performance.now();
    if (running.length === 0 || left <= 0) return;
    await Promise.race([
      Promise.all(running.map(animation => animation.finished.catch(() => null))),
      new Promise(resolve => setTimeout(resolve, left)),
    ]);
  }
}"""


@dataclass
class PageState:
    """What happened while one page was loaded (filled by the route handler)."""

    navigated: bool = False
    blocked: list[tuple[str, str]] = field(default_factory=list)  # (resource type, url)
    errors: list[str] = field(default_factory=list)


def wants_dark_mode(site: Site) -> bool:
    return any(
        "prefers-color-scheme" in (site.output / rel).read_text("utf-8", "replace")
        for rel in site.files
        if rel.endswith(".css")
    )


# Each page is checked at a phone width and a desktop width: the layouts differ, and
# WCAG 2.2 target-size failures show up on the phone layout (Lighthouse audits mobile).
VIEWPORTS = {"mobile": {"width": 412, "height": 823}, "desktop": {"width": 1280, "height": 800}}


def run(site: Site, pages: list[str] = (), all_pages: bool = False) -> GateResult:
    chosen = site.html_files if all_pages else sample_pages(site, list(pages))
    if not chosen:
        return GateResult("axe", "no pages", [Problem(str(site.output), "no *.html")])
    chromium = tools.require(tools.CHROMIUM, "Chromium")
    axe_js = tools.require(tools.AXE_JS, "axe-core")
    schemes = ["light", "dark"] if wants_dark_mode(site) else ["light"]

    from playwright.sync_api import sync_playwright  # heavy import, only when axe runs

    problems: list[Problem] = []
    minor: Counter[str] = Counter()
    with serve(site) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium), args=tools.CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport=VIEWPORTS["mobile"])
            # An init script reaches every document and frame (axe needs to be in each
            # iframe), bypasses any Content-Security-Policy, and costs a tenth of what
            # add_script_tag does (measured: 0.05 s vs 0.5 s a page).
            context.add_init_script(path=str(axe_js))
            for rel in chosen:
                # A page of its own for each: a late request of the previous page (a
                # redirect stub's refresh, a lazy image) can never reach this page's routes.
                page = context.new_page()
                page.set_default_timeout(PAGE_TIMEOUT_MS)
                try:
                    problems.extend(check_page(page, server, rel, schemes, minor))
                finally:
                    page.close()
        finally:
            browser.close()
    notes = [f"{rule}: {count} page(s), moderate/minor" for rule, count in minor.most_common()]
    mode = "all pages" if all_pages else "one per page type"
    summary = f"{len(chosen)} pages ({mode}) × {len(VIEWPORTS)} widths × {len(schemes)} schemes"
    return GateResult("axe", summary, problems, notes)


def check_page(page, server: SiteServer, rel: str, schemes: list[str], minor: Counter):
    """Load `rel` once, then run axe in each colour scheme and viewport."""
    state = PageState()
    page.route("**/*", lambda route, request: _route(route, request, page, server, state))
    page.on("pageerror", lambda error: state.errors.append(str(error)))
    found: dict[str, tuple[dict, list[str]]] = {}  # rule id -> (violation, modes)
    try:
        page.emulate_media(color_scheme=schemes[0])
        page.set_viewport_size(VIEWPORTS["mobile"])
        response = page.goto(server.base_url + url_path(rel), wait_until="load")
        if response is None or (response.status >= 400 and rel != "404.html"):
            status = response.status if response else "no response"
            return [Problem(rel, f"page did not load ({status})")]
        for scheme in schemes:
            page.emulate_media(color_scheme=scheme)
            for name, size in VIEWPORTS.items():
                page.set_viewport_size(size)
                page.evaluate(SETTLE)
                violations = page.evaluate("o => axe.run(document, o)", AXE_OPTIONS)["violations"]
                mode = name if scheme == "light" else f"{name} {scheme}"
                for violation in violations:
                    found.setdefault(violation["id"], (violation, []))[1].append(mode)
    except Exception as exc:  # a page that cannot be checked fails
        return [Problem(rel, f"could not run axe: {type(exc).__name__}: {exc}")]
    return _problems(rel, found, state, minor)


def _route(route, request, page, server: SiteServer, state: PageState) -> None:
    local = server.local_url(request.url)
    if local is None:
        state.blocked.append((request.resource_type, request.url))
        route.abort("blockedbyclient")
        return
    if request.is_navigation_request() and request.frame == page.main_frame:
        if state.navigated:
            # Redirect stubs (meta refresh) would leave before axe runs. A 204 answer
            # makes the browser stay on the page under test.
            route.fulfill(status=204)
            return
        state.navigated = True
    if local == request.url:
        route.continue_()
    else:
        route.fulfill(response=route.fetch(url=local))


def _problems(rel: str, found: dict, state: PageState, minor: Counter) -> list[Problem]:
    problems = []
    for rule, (violation, modes) in found.items():
        if violation.get("impact") not in FAILING_IMPACTS:
            minor[rule] += 1
            continue
        problems.append(Problem(rel, f"{describe(violation)} [{', '.join(modes)}]"))
    for kind, url in state.blocked:
        if kind in ASSET_TYPES:
            problems.append(Problem(rel, f"loads an external {kind} (blocked offline): {url}"))
    problems.extend(Problem(rel, f"JavaScript error: {error}") for error in state.errors)
    return problems


def describe(violation: dict) -> str:
    nodes = violation.get("nodes", [])
    targets = ", ".join(" ".join(map(str, node.get("target", []))) for node in nodes[:3])
    more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
    summary = ""
    if nodes and nodes[0].get("failureSummary"):
        lines = nodes[0]["failureSummary"].splitlines()
        summary = " — " + " ".join(line.strip() for line in lines[1:3])
    return (
        f"{violation['id']} ({violation['impact']}): {violation['help']}; "
        f"{len(nodes)} element(s): {targets}{more}{summary}"
    )
