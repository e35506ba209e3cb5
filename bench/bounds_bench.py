"""Bounded work (issue 13): build time against tags and brochure pages, and the worst
Markdown the guard lets through.

    .venv/bin/python bench/bounds_bench.py [--runs 3]     (proposed: `make bench-bounds`)

1. Tags: a site of one post with T tags (RELAIS_MAX_TAGS raised past T), full `pelican`
   builds in a fresh interpreter, T = 50, 100, 200, 400. Plus, in process, one feed
   entry with T categories written by feedgen one by one (before) and in one call (now).
2. Pages: the brochure renderer on 2 worker processes, cold cache, an A4 text PDF of
   P = 25, 50, 100 pages; then once a 300-page brochure with the default limits.
3. Markdown: for each pathological pattern, the longest text the default
   RELAIS_MARKDOWN_MAX_BRACKET_SPAN lets through and python-markdown's time on it; and
   the time for RELAIS_MARKDOWN_MAX_BYTES of ordinary prose.

Each size is measured --runs times: median, min and max. "exponent" is the slope of
log(time) against log(size) between the smallest and largest size (1 = linear); builds
also record CPU time (pelican and its workers), steadier than wall time on a shared machine.
Prints a table and writes bench/results/bounds-<UTC timestamp>.json.
"""

import argparse
import json
import math
import platform
import resource
import shutil
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import markdown  # noqa: E402
from feedgen.feed import FeedGenerator  # noqa: E402

from bench.run import PELICAN, SITEURL, measure  # noqa: E402
from relais.plugins.brochure.generator import limits  # noqa: E402
from relais.plugins.brochure.pdf import RenderParams  # noqa: E402
from relais.plugins.brochure.plugin import DEFAULTS as BROCHURE_DEFAULTS  # noqa: E402
from relais.plugins.brochure.renderer import prepare  # noqa: E402
from relais.plugins.core.bounds import DEFAULTS as BOUNDS  # noqa: E402
from relais.plugins.core.bounds import bracket_span  # noqa: E402
from tests.brochure_pdfs import text_pdf  # noqa: E402
from tests.sitebuild import DEMO, kit_environment  # noqa: E402

WORK = ROOT / "bench" / "work" / "bounds"
RESULTS = ROOT / "bench" / "results"
PARAMS = RenderParams(widths=(480, 800, 1200), thumb_width=160, quality=75)
MARKDOWN_SETTINGS = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.toc", "meta"],
    "output_format": "html5",
}
POST = """title: Un billet très étiqueté
date: 2026-11-20 10:00
category: Conseils
tags: {tags}
summary: Un billet pour mesurer le coût des mots-clés.

Un paragraphe ordinaire, [avec un lien](https://exemple.org) et du **gras**.
"""


def spread(samples: list[float], unit: str = "s") -> dict:
    return {
        f"median_{unit}": round(statistics.median(samples), 3),
        f"min_{unit}": round(min(samples), 3),
        f"max_{unit}": round(max(samples), 3),
        f"runs_{unit}": [round(s, 3) for s in samples],
    }


def exponent(rows: dict, key: str = "median_s") -> float:
    """Slope of log(median) against log(size), smallest to largest size."""
    sizes = sorted(rows)
    small, large = sizes[0], sizes[-1]
    ratio = rows[large][key] / rows[small][key]
    return round(math.log(ratio) / math.log(large / small), 2)


def tag_builds(runs: int) -> dict:
    rows = {}
    for count in (50, 100, 200, 400):
        content = WORK / "tags" / "content"
        shutil.rmtree(content.parent, ignore_errors=True)
        (content / "blog").mkdir(parents=True)
        tags = ", ".join(f"mot-clé {n}" for n in range(count))
        (content / "blog" / "billet.md").write_text(POST.format(tags=tags), encoding="utf-8")
        samples, cpu = [], []
        for _ in range(runs):
            output, cache = content.parent / "output", content.parent / "cache"
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            overrides = {"SITEURL": SITEURL, "CACHE_PATH": str(cache), "RELAIS_MAX_TAGS": 1000}
            command = [str(PELICAN), str(content), "-s", str(DEMO / "pelicanconf.py")]
            command += [
                "-o",
                str(output),
                "-e",
                *(f"{k}={json.dumps(v)}" for k, v in overrides.items()),
            ]
            result, _ = measure(command, {**kit_environment(), "RELAIS_BUILD_DATE": "2026-12-01"})
            samples.append(result["wall_s"])
            cpu.append(result["cpu_s"])
        rows[count] = {**spread(samples), **spread(cpu, "cpu_s")}
        median, median_cpu = rows[count]["median_s"], rows[count]["median_cpu_s"]
        print(f"  build, {count:4} tags on one post   {median:7.2f} s  (CPU {median_cpu:.2f} s)")
    return {
        "sizes": rows,
        "exponent": exponent(rows),
        "exponent_cpu": exponent(rows, "median_cpu_s"),
    }


def feed_entry(count: int, one_call: bool) -> float:
    """Seconds to write one RSS feed whose one entry has `count` categories."""
    start = time.perf_counter()
    fg = FeedGenerator()
    fg.id(SITEURL)
    fg.title("t")
    fg.link(href=SITEURL)
    fg.description("d")
    fe = fg.add_entry()
    fe.id(SITEURL + "/billet")
    fe.title("billet")
    terms = [f"mot-clé {n}" for n in range(count)]
    if one_call:
        fe.category([{"term": term} for term in terms])
    else:
        for term in terms:
            fe.category(term=term)
    fg.rss_str()
    return time.perf_counter() - start


def feed_categories(runs: int) -> dict:
    result = {}
    for label, one_call in (("one by one (before)", False), ("one call (now)", True)):
        rows = {
            n: spread([feed_entry(n, one_call) for _ in range(runs)])
            for n in (250, 500, 1000, 2000)
        }
        result[label] = {"sizes": rows, "exponent": exponent(rows)}
        print(f"  feed entry, categories {label:20} exponent {result[label]['exponent']}")
    return result


def cpu_seconds() -> float:
    """CPU time of this process and of the workers it has waited for."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def page_renders(runs: int) -> dict:
    rows, folder = {}, WORK / "pages"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    bounds = limits(BROCHURE_DEFAULTS)
    for pages in (25, 50, 100):
        pdf = text_pdf(folder / f"{pages}.pdf", pages)
        samples, cpu = [], []
        for _ in range(runs):
            shutil.rmtree(folder / "cache", ignore_errors=True)
            start, start_cpu = time.perf_counter(), cpu_seconds()
            outcomes, _ = prepare([pdf], folder / "cache", PARAMS, bounds, workers=2)
            samples.append(time.perf_counter() - start)
            cpu.append(cpu_seconds() - start_cpu)
            assert outcomes[pdf].manifest is not None, outcomes[pdf].problem
        rows[pages] = {**spread(samples), **spread(cpu, "cpu_s")}
        print(
            f"  render, {pages:4} pages               {rows[pages]['median_s']:7.2f} s", flush=True
        )
    pdf = text_pdf(folder / "300.pdf", 300)
    start = time.perf_counter()
    outcomes, _ = prepare([pdf], folder / "cache", PARAMS, bounds, workers=2)
    passed = outcomes[pdf].manifest is not None
    print(f"  300-page brochure with the default limits: {'rendered' if passed else 'REFUSED'}")
    return {
        "sizes": rows,
        "exponent": exponent(rows),
        "exponent_cpu": exponent(rows, "median_cpu_s"),
        "300_pages_default_limits": {
            "rendered": passed,
            "s": round(time.perf_counter() - start, 3),
        },
    }


PATTERNS = {
    "[": lambda n: "[" * n,
    "![": lambda n: "![" * (n // 2),
    "[^": lambda n: "[^" * (n // 2),
    "[a](": lambda n: "[a](" * (n // 4),
    "[*_`<": lambda n: "[*_`<" * (n // 5),
    "[…] nested": lambda n: "[" * (n // 2) + "]" * (n // 2),
}


def largest_allowed(make, cap: int) -> int:
    """The longest text of this pattern whose bracket span is within `cap` (bisection)."""
    low, high = 1, 1
    while bracket_span(make(high))[0] <= cap:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if bracket_span(make(middle))[0] <= cap else (low, middle)
    return low


def convert(text: str) -> float:
    start = time.perf_counter()
    markdown.Markdown(**MARKDOWN_SETTINGS).convert(text)
    return time.perf_counter() - start


def markdown_worst(runs: int) -> dict:
    cap = BOUNDS["RELAIS_MARKDOWN_MAX_BRACKET_SPAN"]
    result = {}
    for name, make in PATTERNS.items():
        text = make(largest_allowed(make, cap))
        samples = [convert(text) for _ in range(runs)]
        result[name] = {"chars": len(text), "span": bracket_span(text)[0], **spread(samples)}
        print(f"  markdown, {name:11} {len(text):6} chars   {result[name]['median_s']:7.2f} s")
    prose = (
        "Un paragraphe ordinaire, [avec un lien](https://exemple.org) et du **gras**. " * 10
        + "\n\n"
    )
    text = prose * (BOUNDS["RELAIS_MARKDOWN_MAX_BYTES"] // len(prose.encode()))
    samples = [convert(text) for _ in range(runs)]
    result["prose at the size limit"] = {
        "chars": len(text),
        "span": bracket_span(text)[0],
        **spread(samples),
    }
    median = result["prose at the size limit"]["median_s"]
    print(f"  markdown, prose {len(text):9} chars  {median:7.2f} s")
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print("Tags")
    tags = {"builds": tag_builds(args.runs), "feed_entry": feed_categories(args.runs)}
    print("Pages")
    pages = page_renders(args.runs)
    print("Markdown under the default guard")
    worst = markdown_worst(args.runs)
    for name, part in (("tags", tags["builds"]), ("pages", pages)):
        print(f"exponent (1 = linear), {name}: wall {part['exponent']}, CPU {part['exponent_cpu']}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"bounds-{stamp}.json"
    machine = {"python": platform.python_version(), "machine": platform.machine()}
    report = {
        "runs": args.runs,
        "machine": machine,
        "tags": tags,
        "pages": pages,
        "markdown": worst,
    }
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
