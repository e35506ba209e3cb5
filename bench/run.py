"""`make bench`: relais against vanilla Pelican on the same synthetic site, in one run.

Measures, for each: a cold build (no output, no caches), a warm rebuild with
nothing changed, a rebuild after one post's text changed, then after one post's
title changed, and peak memory. For relais
it also counts the brochure pages, cards and output files made by each build (a warm
build must render none) and how busy both cores were during the cold build.
Each run does every step for both, interleaved step by step, the first alternating between
runs; the table gives each measure's median with its spread (min–max) over --runs, and the
verdict uses the median of the per-run ratios, so one noisy run cannot flip it.
Prints a table and writes bench/results/site-<UTC timestamp>.json.
"""

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic_site import generate  # noqa: E402

WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
PELICAN = Path(sys.executable).with_name("pelican")
SITEURL = "https://bench.example.org"
BROCHURE_STATS = re.compile(r"Brochures : \d+ rendue\(s\) \((\d+) pages\)")
WARM_TARGET = 1.2  # issue 3: a warm rebuild within 1.2× of vanilla Pelican's
OUTPUT_STATS = re.compile(r"Fichiers : (\d+) refait\(s\)")


def render_counts(stdout: str, cache: Path) -> dict:
    """What the brochure and card plugins say they drew in this build (none when unchanged)."""
    pages = BROCHURE_STATS.search(stdout)
    cards = cache / "cards" / "last-build.json"
    outputs = OUTPUT_STATS.search(stdout)
    return {
        # Pages, feeds and calendars rendered (plugins/incremental); the rest were kept.
        "output files made": int(outputs[1]) if outputs else None,
        "brochure pages rendered": int(pages[1]) if pages else 0,
        "cards rendered": len(json.loads(cards.read_text())["drawn"]) if cards.exists() else 0,
    }


# Runs one build in a fresh interpreter so that RUSAGE_CHILDREN covers that build only:
# the pelican process and the worker processes it starts.
RUSAGE_WRAPPER = """
import json, resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stderr.write(done.stderr)
print(json.dumps({"rc": done.returncode, "stdout": done.stdout, "maxrss_kb": usage.ru_maxrss,
                  "cpu_s": usage.ru_utime + usage.ru_stime}))
"""


def measure(command: list[str], env: dict) -> tuple[dict, str]:
    """Wall time, CPU time and peak RSS of one build (and of the processes it starts)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUSAGE_WRAPPER, *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    report = json.loads(done.stdout)
    if report["rc"] != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{done.stderr[-3000:]}")
    result = {
        "wall_s": round(wall, 3),
        "cpu_s": round(report["cpu_s"], 3),
        "peak_rss_mb": round(report["maxrss_kb"] / 1024, 1),
    }
    return result, report["stdout"]


class Site:
    def __init__(self, name: str, content: Path, settings: Path, extra: dict):
        self.name, self.content, self.settings, self.extra = name, content, settings, extra
        self.folder = WORK / name
        self.cache = self.folder / "cache"

    def command(self) -> list[str]:
        overrides = {"SITEURL": SITEURL, "CACHE_PATH": str(self.cache / "pelican"), **self.extra}
        settings = [f"{k}={json.dumps(v)}" for k, v in overrides.items()]
        output = self.folder / "output"
        return [
            str(PELICAN),
            str(self.content),
            "-s",
            str(self.settings),
            "-o",
            str(output),
            "-e",
            *settings,
        ]

    def run(self, label: str, env: dict) -> dict:
        result, stdout = measure(self.command(), env)
        result.update(render_counts(stdout, self.cache))
        print(f"  {self.name:8} {label:12} {result['wall_s']:7.2f} s", flush=True)
        return result

    def clean(self):
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)


def touch_one_post(content: Path) -> None:
    posts = sorted((content / "blog").glob("*.md"))
    post = posts[len(posts) // 2]
    post.write_text(
        post.read_text(encoding="utf-8") + "\nUne phrase ajoutée. ✨\n", encoding="utf-8"
    )


def retitle_one_post(content: Path) -> None:
    """A title shows on every list: relais makes every page again (see plugins/incremental)."""
    posts = sorted((content / "blog").glob("*.md"))
    post = posts[len(posts) // 3]
    post.write_text("title: Titre corrigé — " + post.read_text(encoding="utf-8")[7:], "utf-8")


STEPS = ("cold", "warm", "one post changed", "one title changed")
EDITS = {"one post changed": touch_one_post, "one title changed": retitle_one_post}
TIMES = ("wall_s", "cpu_s", "peak_rss_mb")


def one_run(sites: list[Site], env: dict) -> dict:
    """Every step once, from scratch, the sites interleaved step by step in the given order:
    a burst of load on the machine hits both sides of a comparison, not one."""
    results = {site.name: {} for site in sites}
    for site in sites:
        site.clean()
    for step in STEPS:
        for site in sites:
            if step in EDITS:
                EDITS[step](site.content)
            results[site.name][step] = site.run(step, env)
    return results


def spread(values: list[float]) -> dict:
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
    }


def summarise(samples: list[dict]) -> dict:
    """Per site and step: each time as median/min/max over the runs; counts as in the runs
    (the same in every run, or the list shows which differed)."""
    summary = {}
    for name in samples[0]:
        summary[name] = {}
        for step in STEPS:
            runs = [sample[name][step] for sample in samples]
            entry = {key: spread([run[key] for run in runs]) for key in TIMES}
            for key in runs[0].keys() - set(TIMES):
                counts = sorted({run[key] for run in runs}, key=str)
                entry[key] = counts[0] if len(counts) == 1 else counts
            summary[name][step] = entry
    return summary


def vanilla_content(relais_content: Path) -> Path:
    """The same posts for vanilla Pelican (programme links are plain metadata to it)."""
    target = WORK / "vanilla-content"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(relais_content / "blog", target / "blog")
    return target


def fmt(stat: dict, digits: int = 2) -> str:
    return f"{stat['median']:.{digits}f} [{stat['min']:.{digits}f}–{stat['max']:.{digits}f}]"


def warm_ratios(samples: list[dict]) -> list[float]:
    return [s["relais"]["warm"]["wall_s"] / s["vanilla"]["warm"]["wall_s"] for s in samples]


def table(summary: dict, samples: list[dict]) -> str:
    relais, vanilla = summary["relais"], summary["vanilla"]
    lines = [f"median [min–max] over {len(samples)} interleaved runs"]
    lines.append(f"{'':22}{'relais':>22}{'vanilla':>22}{'ratio':>8}")
    rows = [(f"{step} (s)", step, "wall_s", 2) for step in STEPS]
    rows.append(("peak memory (MB)", "cold", "peak_rss_mb", 0))
    for label, step, key, digits in rows:
        r, v = relais[step][key], vanilla[step][key]
        ratio = r["median"] / v["median"]
        lines.append(f"{label:22}{fmt(r, digits):>22}{fmt(v, digits):>22}{ratio:8.2f}")
    cold = relais["cold"]
    cores = cold["cpu_s"]["median"] / cold["wall_s"]["median"]
    lines.append(f"{'cold CPU/wall (cores)':22}{cores:>22.2f}")
    for what in ("brochure pages rendered", "cards rendered", "output files made"):
        steps = " / ".join(str(relais[step][what]) for step in STEPS)
        lines.append(f"{what:24}{steps:>20}  (cold / warm / one post / one title)")
    ratios = warm_ratios(samples)
    median = statistics.median(ratios)
    verdict = "met" if median <= WARM_TARGET else "NOT met"
    lines.append(
        f"target: warm rebuild within {WARM_TARGET}× of vanilla: {verdict} "
        f"(median {median:.2f}×, runs {min(ratios):.2f}–{max(ratios):.2f}×)"
    )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--programmes", type=int, default=50)
    parser.add_argument("--brochure-pages", type=int, default=12)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "RELAIS_BUILD_DATE": "2026-12-01", "PYTHONDONTWRITEBYTECODE": "1"}
    print(f"Generating {args.posts} posts, {args.programmes} programmes, {args.events} events…")
    content = generate(WORK, args.posts, args.programmes, args.brochure_pages, args.events)
    cache_settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}
    relais = Site("relais", content, ROOT / "pelicanconf.py", cache_settings)
    vanilla = Site(
        "vanilla", vanilla_content(content), ROOT / "bench" / "vanilla_settings.py", cache_settings
    )
    samples = []
    for n in range(args.runs):
        if n:  # fresh content each run (the edits are part of it); who goes first alternates
            generate(WORK, args.posts, args.programmes, args.brochure_pages, args.events)
            vanilla_content(content)
        order = [relais, vanilla] if n % 2 == 0 else [vanilla, relais]
        print(f"Run {n + 1}/{args.runs}: {' then '.join(site.name for site in order)}")
        samples.append(one_run(order, env))
    summary = summarise(samples)
    print(table(summary, samples))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    record = {
        "date": stamp,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "size": vars(args),
        "summary": summary,
        "samples": samples,
    }
    path = RESULTS / f"site-{stamp}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
