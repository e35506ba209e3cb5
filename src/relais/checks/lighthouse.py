"""Lighthouse audit of a few pages, offline (`make audit`).

    python -m relais.checks.lighthouse output --settings pelicanconf.py --page / --first programmes
    python -m relais.checks.lighthouse output --siteurl http://127.0.0.1:8000 \
        --page blog/x/ --strict

Runs npm's lighthouse (mobile profile, simulated throttling) in the Debian Chromium and
prints the four category scores per page. Lighthouse cannot rewrite requests, so the
browser is started with the local site server as its HTTP proxy: requests for SITEURL
are served from OUTPUT_DIR and everything else is refused. That needs an http://
SITEURL (the local build's, e.g. http://127.0.0.1:8000); no port is bound but a free one.

Exit status: 1 when Lighthouse could not audit a page; with --strict, also when a
score is below its target (accessibility, best practices, SEO 100; performance 95).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from relais.checks import tools
from relais.checks.pages import first_page_under, page_file, url_path
from relais.checks.server import SiteServer, serve
from relais.checks.site import Site

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "best", "seo": "seo"}
TIMEOUT_SECONDS = 180


@dataclass
class Audit:
    page: str
    scores: dict[str, int | None] = field(default_factory=dict)
    # Per category, the scored audits that lost points: "id (score)".
    losses: dict[str, list[str]] = field(default_factory=dict)
    error: str | None = None
    # Lighthouse's own caveats, e.g. "the tested device appears to have a slower CPU":
    # on a busy CI machine they explain a low performance score.
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def below_target(self) -> list[str]:
        return [
            f"{category} {self.scores.get(category)} < {target}"
            for category, target in TARGETS.items()
            if self.scores.get(category) is None or self.scores[category] < target
        ]


def chrome_flags(server: SiteServer) -> str:
    proxy = [
        f"--proxy-server=http://127.0.0.1:{server.port}",
        # Chromium never proxies loopback unless told; SITEURL is usually 127.0.0.1.
        "--proxy-bypass-list=<-loopback>",
    ]
    # Lighthouse wants the new headless mode; the other flags are the shared ones.
    flags = ["--headless=new", *(f for f in tools.CHROMIUM_ARGS if f != "--headless"), *proxy]
    return " ".join(flags)


def lighthouse_command(url: str, report: Path, server: SiteServer) -> list[str]:
    cli = tools.require(tools.LIGHTHOUSE_CLI, "lighthouse (npm)")
    return [
        tools.NODE,
        str(cli),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--form-factor=mobile",
        "--only-categories=" + ",".join(CATEGORIES),
        "--disable-full-page-screenshot",
        f"--chrome-flags={chrome_flags(server)}",
    ]


def audit_page(site: Site, server: SiteServer, rel: str, workdir: Path) -> Audit:
    audit = Audit(rel)
    report = workdir / (rel.replace("/", "_") + ".json")
    env = {**os.environ, "CHROME_PATH": str(tools.require(tools.CHROMIUM, "Chromium"))}
    start = time.perf_counter()
    completed = subprocess.run(
        lighthouse_command(site.url_of(url_path(rel)), report, server),
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    audit.seconds = time.perf_counter() - start
    if completed.returncode != 0 or not report.exists():
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-3:]
        audit.error = f"lighthouse exited {completed.returncode}: " + " / ".join(tail)
        return audit
    read_report(audit, json.loads(report.read_text("utf-8")))
    return audit


def read_report(audit: Audit, report: dict) -> None:
    if report.get("runtimeError"):
        error = report["runtimeError"]
        audit.error = f"{error.get('code')}: {error.get('message')}"
    audit.warnings = [w.split(". ")[0] for w in report.get("runWarnings", [])]
    for category in CATEGORIES:
        data = report["categories"].get(category, {})
        score = data.get("score")
        audit.scores[category] = None if score is None else round(score * 100)
        audit.losses[category] = [
            f"{ref['id']} ({report['audits'][ref['id']]['score']})"
            for ref in data.get("auditRefs", [])
            if ref.get("weight", 0) > 0
            and report["audits"].get(ref["id"], {}).get("score") is not None
            and report["audits"][ref["id"]]["score"] < 1
        ]


def format_table(audits: list[Audit]) -> str:
    width = max([len("page")] + [len(a.page) for a in audits])
    header = f"  {'page':<{width}}  " + "  ".join(f"{SHORT[c]:>4}" for c in CATEGORIES)
    lines = [header + "   time"]
    for audit in audits:
        cells = "  ".join(f"{_cell(audit.scores.get(c)):>4}" for c in CATEGORIES)
        lines.append(f"  {audit.page:<{width}}  {cells}  {audit.seconds:4.0f} s")
        if audit.error:
            lines.append(f"      error: {audit.error}")
        lines.extend(f"      warning: {warning}" for warning in audit.warnings)
        for category in CATEGORIES:
            if audit.losses.get(category):
                lines.append(f"      {SHORT[category]}: " + ", ".join(audit.losses[category]))
    return "\n".join(lines)


def _cell(score: int | None) -> str:
    return "-" if score is None else str(score)


def choose_pages(site: Site, pages: list[str], firsts: list[str]) -> list[str]:
    chosen = [page_file(site, spec) for spec in pages]
    chosen += [first_page_under(site, folder) for folder in firsts]
    return list(dict.fromkeys(chosen or ["index.html"]))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m relais.checks.lighthouse",
        description="Lighthouse scores of a few pages of a built site, offline.",
    )
    parser.add_argument("output", type=Path)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--siteurl", help="SITEURL the site was built with (http://)")
    where.add_argument("--settings", type=Path, help="read SITEURL from this settings file")
    parser.add_argument("--page", action="append", default=[], help="e.g. / or blog/x/")
    parser.add_argument(
        "--first",
        action="append",
        default=[],
        metavar="FOLDER",
        help="audit the first page under FOLDER (e.g. programmes, blog)",
    )
    parser.add_argument("--strict", action="store_true", help="fail below the targets")
    parser.add_argument("--save-dir", type=Path, help="keep the JSON reports here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.settings:
        from relais.checks.__main__ import siteurl_from_settings

        args.siteurl = siteurl_from_settings(args.settings)
    site = Site(args.output, args.siteurl or "")
    if site.siteurl.startswith("https://"):
        print(
            f"lighthouse: SITEURL {site.siteurl} is https; audit a local build instead "
            "(make audit builds with pelicanconf.py's http://127.0.0.1 SITEURL)",
            file=sys.stderr,
        )
        return 2
    try:
        pages = choose_pages(site, args.page, args.first)
    except ValueError as exc:
        print(f"lighthouse: {exc}", file=sys.stderr)
        return 2
    audits = run(site, pages, args.save_dir)
    print(format_table(audits))
    return exit_status(audits, args.strict)


def run(site: Site, pages: list[str], save_dir: Path | None = None) -> list[Audit]:
    with tempfile.TemporaryDirectory(prefix="relais-lighthouse-") as tmp:
        workdir = save_dir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        with serve(site) as server:
            audits = [audit_page(site, server, rel, workdir) for rel in pages]
            report_blocked(server.blocked)
    return audits


def report_blocked(urls: list[str]) -> None:
    """One line: which other hosts were asked for. Chromium itself calls a few Google
    hosts (clock, updates) whatever the flags; the page's own requests matter more."""
    if not urls:
        return
    hosts = sorted({urlsplit(url).netloc or url for url in urls})
    print(f"lighthouse: refused {len(urls)} requests to other hosts: {', '.join(hosts)}")


def exit_status(audits: list[Audit], strict: bool) -> int:
    if any(audit.error for audit in audits):
        print("lighthouse: FAILED, some pages could not be audited")
        return 1
    below = [(a.page, a.below_target()) for a in audits if a.below_target()]
    if not below:
        print("lighthouse: every page meets the targets")
        return 0
    for page, misses in below:
        print(f"lighthouse: {page}: " + ", ".join(misses))
    if strict:
        print("lighthouse: FAILED (--strict)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
