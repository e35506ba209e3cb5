"""`make bench-site`: relais against vanilla Pelican on the same synthetic site, with limits.

Steps, each a `pelican` process measured from outside (wall time, CPU time of the process
and every worker it starts, peak memory):

- **first build**: no output, no caches at all: relais renders every brochure page and
  card (vanilla has nothing to render). Costly, so only in the first --render-runs runs.
- **cold**: no output and no Pelican cache, the render caches kept — what a build in CI
  (the publish workflow keeps them, `.github/workflows/publish.yml`) or after `make clean`
  of the output costs, as fast static-site generators keep their processed images.
- **warm**: nothing changed; **one post changed** (its text); **one title changed**.

Each run does every step for both, interleaved step by step, the first to go alternating
between runs; the table gives each measure's median with its spread (min–max) over --runs,
and each limit is checked on the median of the per-run ratios, so one noisy run cannot flip
it. CPU time is the primary measure (the machine may be shared; wall time is shown too).
It also counts the brochure pages, cards and output files made by each build (a warm build
renders none), how busy the cores were while rendering, and the output's size against
GitHub Pages' 1 GB. Past a limit (LIMITS) it exits non-zero after writing its results to
bench/results/site-<UTC timestamp>.json.
"""

import argparse
import json
import os
import platform
import re
import shlex
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
OUTPUT_STATS = re.compile(r"Fichiers : (\d+) refait\(s\)")

# The limits `make bench` holds relais to (issue 26). Ratios are relais / vanilla Pelican,
# on the median over runs of each run's ratio; "at most".
LIMITS = {
    ("warm", "cpu_s"): 0.8,
    ("one post changed", "cpu_s"): 0.8,
    ("one title changed", "cpu_s"): 1.5,
    ("warm", "peak_rss_mb"): 1.3,
    ("cold", "wall_s"): 5.0,
}
# What a build that changed nothing, or one post's text, may render: nothing.
NOTHING_RENDERED = ("warm", "one post changed")
PAGES_LIMIT_MB = 1000  # GitHub Pages publishes a site of at most 1 GB


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


def measure(command: list[str], env: dict, cwd: Path = ROOT) -> tuple[dict, str]:
    """Wall time, CPU time and peak RSS of one build (and of the processes it starts)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUSAGE_WRAPPER, *command],
        cwd=cwd,
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


def folder_megabytes(folder: Path) -> float:
    total = sum(entry.stat().st_size for entry in folder.rglob("*") if entry.is_file())
    return round(total / 1e6, 1)


class Site:
    """One site's builds: its content, settings and -e overrides, its folder under WORK."""

    def __init__(self, name: str, content: Path, settings: Path, extra: dict, work: Path = WORK):
        self.name, self.content, self.settings, self.extra = name, content, settings, extra
        self.folder = work / name
        self.cache = self.folder / "cache"
        self.output = self.folder / "output"

    def command(self) -> list[str]:
        overrides = {"SITEURL": SITEURL, "CACHE_PATH": str(self.cache / "pelican"), **self.extra}
        settings = [f"{k}={json.dumps(v)}" for k, v in overrides.items()]
        return [
            str(PELICAN),
            str(self.content),
            "-s",
            str(self.settings),
            "-o",
            str(self.output),
            "-e",
            *settings,
        ]

    def shown_command(self) -> str:
        return shlex.join(self.command())

    def run(self, label: str, env: dict) -> dict:
        result, stdout = measure(self.command(), env)
        result.update(render_counts(stdout, self.cache))
        result["output_mb"] = folder_megabytes(self.output) if label != "warm" else None
        print(
            f"  {self.name:8} {label:18} {result['wall_s']:8.2f} s wall "
            f"{result['cpu_s']:8.2f} s CPU {result['peak_rss_mb']:6.0f} MB",
            flush=True,
        )
        return result

    def clean(self, renders_too: bool) -> None:
        """No output and no Pelican cache; the render caches too with `renders_too`."""
        shutil.rmtree(self.output, ignore_errors=True)
        for sibling in self.folder.glob(".output.*"):
            shutil.rmtree(sibling, ignore_errors=True)
        if renders_too:
            shutil.rmtree(self.cache, ignore_errors=True)
        else:
            shutil.rmtree(self.cache / "pelican", ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)


def touch_one_post(content: Path) -> None:
    posts = sorted((content / "blog").glob("*.md"))
    post = posts[len(posts) // 2]
    post.write_text(
        post.read_text(encoding="utf-8") + "\nUne phrase ajoutée. ✨\n", encoding="utf-8"
    )


def retitle_one_post(content: Path) -> None:
    """A title shows on lists: relais makes those pages again (see plugins/incremental)."""
    posts = sorted((content / "blog").glob("*.md"))
    post = posts[len(posts) // 3]
    post.write_text("title: Titre corrigé — " + post.read_text(encoding="utf-8")[7:], "utf-8")


STEPS = ("first build", "cold", "warm", "one post changed", "one title changed")
EDITS = {"one post changed": touch_one_post, "one title changed": retitle_one_post}
TIMES = ("wall_s", "cpu_s", "peak_rss_mb")


def one_run(sites: list[Site], env: dict, first_build: bool) -> dict:
    """Every step once, the sites interleaved step by step in the given order: a burst of
    load on the machine hits both sides of a comparison, not one."""
    results = {site.name: {} for site in sites}
    for step in STEPS:
        if step == "first build" and not first_build:
            continue
        for site in sites:
            if step in ("first build", "cold"):
                site.clean(renders_too=step == "first build")
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
    """Per site and step: each time as median/min/max over the runs that made that step;
    counts as in the runs (the same in every run, or the list shows which differed)."""
    summary = {}
    for name in samples[0]:
        summary[name] = {}
        for step in STEPS:
            runs = [sample[name][step] for sample in samples if step in sample[name]]
            if not runs:
                continue
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


def ratios(samples: list[dict], step: str, key: str) -> list[float]:
    return [
        s["relais"][step][key] / s["vanilla"][step][key]
        for s in samples
        if step in s["relais"] and s["vanilla"][step][key]
    ]


def verdicts(summary: dict, samples: list[dict]) -> list[dict]:
    """Each limit: the median of the per-run ratios against it."""
    found = []
    for (step, key), limit in LIMITS.items():
        values = ratios(samples, step, key)
        median = statistics.median(values)
        found.append(
            {
                "what": f"{step} {key}",
                "limit": limit,
                "median": round(median, 3),
                "runs": [round(value, 3) for value in values],
                "met": median <= limit,
            }
        )
    for step in NOTHING_RENDERED:
        entry = summary["relais"][step]
        drawn = (entry["brochure pages rendered"], entry["cards rendered"])
        found.append(
            {
                "what": f"{step}: brochure pages and cards rendered",
                "limit": 0,
                "median": drawn,
                "met": drawn == (0, 0),
            }
        )
    size = summary["relais"]["cold"]["output_mb"]
    size = max(size) if isinstance(size, list) else size
    found.append(
        {
            "what": "output size (MB) against GitHub Pages' 1 GB",
            "limit": PAGES_LIMIT_MB,
            "median": size,
            "met": size <= PAGES_LIMIT_MB,
        }
    )
    return found


def table(summary: dict, samples: list[dict], checked: list[dict]) -> str:
    relais, vanilla = summary["relais"], summary["vanilla"]
    lines = [f"median [min–max] over {len(samples)} interleaved runs (CPU: the process tree)"]
    lines.append(f"{'':28}{'relais':>24}{'vanilla':>24}{'ratio':>8}")
    for step in STEPS:
        if step not in relais:
            continue
        for key, unit, digits in (("cpu_s", "s CPU", 2), ("wall_s", "s wall", 2)):
            r, v = relais[step][key], vanilla[step][key]
            ratio = r["median"] / v["median"] if v["median"] else float("nan")
            label = f"{step} ({unit})"
            lines.append(f"{label:28}{fmt(r, digits):>24}{fmt(v, digits):>24}{ratio:8.2f}")
    for step in ("warm", "one title changed"):
        r, v = relais[step]["peak_rss_mb"], vanilla[step]["peak_rss_mb"]
        label = f"peak memory, {step} (MB)"
        lines.append(f"{label:28}{fmt(r, 0):>24}{fmt(v, 0):>24}{r['median'] / v['median']:8.2f}")
    if "first build" in relais:
        first = relais["first build"]
        cores = first["cpu_s"]["median"] / first["wall_s"]["median"]
        lines.append(f"{'first build CPU/wall':28}{cores:>24.2f}  (cores busy; {os.cpu_count()})")
    for what in ("brochure pages rendered", "cards rendered", "output files made"):
        steps = " / ".join(str(relais[step][what]) for step in STEPS if step in relais)
        lines.append(f"{what:28}{steps:>30}  ({' / '.join(s for s in STEPS if s in relais)})")
    lines.append(f"{'output (MB)':28}{relais['cold']['output_mb']!s:>24}")
    lines.append("limits (relais/vanilla, median of the runs' ratios):")
    for check in checked:
        state = "met" if check["met"] else "NOT MET"
        runs = f" (runs {check['runs']})" if "runs" in check else ""
        lines.append(f"  {check['what']}: {check['median']} ≤ {check['limit']}: {state}{runs}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--programmes", type=int, default=50)
    parser.add_argument("--brochure-pages", type=int, default=12)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--render-runs", type=int, default=1, help="runs that start with a first build"
    )
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
        samples.append(one_run(order, env, first_build=n < args.render_runs))
    summary = summarise(samples)
    checked = verdicts(summary, samples)
    print(table(summary, samples, checked))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    record = {
        "date": stamp,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_end": os.getloadavg(),
        },
        "size": vars(args),
        "commands": {"relais": relais.shown_command(), "vanilla": vanilla.shown_command()},
        "limits": checked,
        "summary": summary,
        "samples": samples,
    }
    path = RESULTS / f"site-{stamp}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {path.relative_to(ROOT)}")
    failed = [check["what"] for check in checked if not check["met"]]
    if failed:
        raise SystemExit(f"bench-site: past its limits: {'; '.join(failed)}")


if __name__ == "__main__":
    main()
