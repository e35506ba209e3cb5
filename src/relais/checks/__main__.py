"""Run the quality gates on a built site.

    python -m relais.checks OUTPUT_DIR --siteurl URL          # or --settings pelicanconf.py
    python -m relais.checks output --settings pelicanconf.py --only links,feeds
    python -m relais.checks output --siteurl URL --page programmes/x/ --all-pages

Exit status: 0 when every gate passes, 1 when one fails, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from relais.checks.report import GateResult, format_result, timed
from relais.checks.site import Site

GATES = ("links", "html", "axe", "feeds", "search", "size")


def siteurl_from_settings(path: Path) -> str:
    """SITEURL as Pelican computes it from a settings file (pelicanconf/publishconf)."""
    from pelican.settings import read_settings

    return read_settings(str(path)).get("SITEURL") or ""


def run_gates(
    site: Site,
    only: tuple[str, ...] = GATES,
    pages: list[str] = (),
    all_pages: bool = False,
) -> list[GateResult]:
    """Run the selected gates; the slow ones (vnu's JVM, the browser) run in parallel
    with the fast Python ones. Results come back in GATES order."""
    jobs = {
        "links": lambda: _gate("links").run(site),
        "html": lambda: _gate("html_validator").run(site),
        "axe": lambda: _gate("accessibility").run(site, list(pages), all_pages),
        "feeds": lambda: _gate("feeds").run(site),
        "search": lambda: _gate("search").run(site),
        # Against GitHub Pages' 1 GB: warns from 75 %, fails above (checks/size.py).
        "size": lambda: _gate("size").run(site),
    }
    selected = [gate for gate in GATES if gate in only]
    with ThreadPoolExecutor(max_workers=len(selected) or 1) as pool:
        futures = {gate: pool.submit(timed, gate, jobs[gate]) for gate in selected}
        return [futures[gate].result() for gate in selected]


def _gate(module: str):
    """A gate's module, imported only when it runs: a gate run alone (`--only links`)
    does not pay for the others' imports (Pelican, the browser driver, feed and calendar
    parsers: 0.6 s of the links gate's 0.84 s on the demo)."""
    return importlib.import_module(f"relais.checks.{module}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m relais.checks",
        description="Offline quality gates for a built relais site.",
    )
    parser.add_argument("output", type=Path, help="the built site (e.g. output)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--siteurl", help="SITEURL the site was built with")
    where.add_argument("--settings", type=Path, help="read SITEURL from this Pelican settings file")
    parser.add_argument(
        "--only",
        default=",".join(GATES),
        help=f"comma-separated gates to run (default: all of {','.join(GATES)})",
    )
    parser.add_argument(
        "--page",
        action="append",
        default=[],
        help="also check this page with axe (e.g. / or programmes/x/); repeatable",
    )
    parser.add_argument("--all-pages", action="store_true", help="axe on every page")
    parser.add_argument("--max-problems", type=int, default=50, help="per gate (default 50)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show every note")
    args = parser.parse_args(argv)
    args.only = tuple(gate.strip() for gate in args.only.split(",") if gate.strip())
    unknown = set(args.only) - set(GATES)
    if unknown or not args.only:
        parser.error(f"--only takes some of {','.join(GATES)}, got {','.join(args.only)}")
    if not args.output.is_dir():
        parser.error(f"{args.output} is not a folder: build the site first (make html)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    siteurl = siteurl_from_settings(args.settings) if args.settings else args.siteurl or ""
    site = Site(args.output, siteurl)
    print(f"checks: {args.output} as {site.base_url if siteurl else '(relative URLs)'}")
    start = time.perf_counter()
    results = run_gates(site, args.only, args.page, args.all_pages)
    for result in results:
        print(format_result(result, args.max_problems, args.verbose))
    failed = [result.gate for result in results if not result.ok]
    elapsed = time.perf_counter() - start
    if failed:
        count = sum(len(result.problems) for result in results)
        print(f"checks: FAILED ({', '.join(failed)}): {count} problems, {elapsed:.1f} s")
        return 1
    print(f"checks: all {len(results)} gates passed in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
