"""`make bench`: relais against vanilla Pelican on the same synthetic site, in one run.

Measures, for each: a cold build (no output, no caches), a warm rebuild with
nothing changed, a rebuild after one post's text changed, then after one post's
title changed, and peak memory. For relais
it also counts the brochure pages, cards and output files made by each build (a warm
build must render none) and how busy both cores were during the cold build.
Prints a table and writes bench/results/<UTC timestamp>.json.
"""

import argparse
import json
import os
import platform
import re
import shutil
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


def scenario(site: Site, env: dict, content: Path) -> dict:
    site.clean()
    results = {"cold": site.run("cold", env)}
    results["warm"] = site.run("warm", env)
    touch_one_post(content)
    results["one post changed"] = site.run("one changed", env)
    retitle_one_post(content)
    results["one title changed"] = site.run("one title", env)
    return results


def vanilla_content(relais_content: Path) -> Path:
    """The same posts for vanilla Pelican (programme links are plain metadata to it)."""
    target = WORK / "vanilla-content"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(relais_content / "blog", target / "blog")
    return target


def table(runs: dict) -> str:
    lines = [f"{'':22}{'relais':>10}{'vanilla':>10}{'ratio':>8}"]
    for step in ("cold", "warm", "one post changed", "one title changed"):
        r, v = runs["relais"][step]["wall_s"], runs["vanilla"][step]["wall_s"]
        lines.append(f"{step + ' (s)':22}{r:10.2f}{v:10.2f}{r / v:8.2f}")
    r, v = runs["relais"]["cold"]["peak_rss_mb"], runs["vanilla"]["cold"]["peak_rss_mb"]
    lines.append(f"{'peak memory (MB)':22}{r:10.0f}{v:10.0f}{r / v:8.2f}")
    cold = runs["relais"]["cold"]
    lines.append(f"{'cold CPU/wall (cores)':22}{cold['cpu_s'] / cold['wall_s']:10.2f}")
    for what in ("brochure pages rendered", "cards rendered", "output files made"):
        counts = [runs["relais"][step][what] for step in runs["relais"]]
        steps = " / ".join(map(str, counts))
        lines.append(f"{what:24}{steps:>20}  (cold / warm / one post / one title)")
    ratio = runs["relais"]["warm"]["wall_s"] / runs["vanilla"]["warm"]["wall_s"]
    verdict = "met" if ratio <= WARM_TARGET else "NOT met"
    lines.append(f"target: warm rebuild within {WARM_TARGET}× of vanilla: {verdict} ({ratio:.2f}×)")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--programmes", type=int, default=50)
    parser.add_argument("--brochure-pages", type=int, default=12)
    parser.add_argument("--events", type=int, default=200)
    args = parser.parse_args()
    env = {**os.environ, "RELAIS_BUILD_DATE": "2026-12-01", "PYTHONDONTWRITEBYTECODE": "1"}
    print(f"Generating {args.posts} posts, {args.programmes} programmes, {args.events} events…")
    content = generate(WORK, args.posts, args.programmes, args.brochure_pages, args.events)
    cache_settings = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}
    relais = Site("relais", content, ROOT / "pelicanconf.py", cache_settings)
    vanilla = Site(
        "vanilla", vanilla_content(content), ROOT / "bench" / "vanilla_settings.py", cache_settings
    )
    runs = {
        "relais": scenario(relais, env, content),
        "vanilla": scenario(vanilla, env, vanilla.content),
    }
    print(table(runs))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    record = {
        "date": stamp,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "size": vars(args),
        "runs": runs,
    }
    path = RESULTS / f"site-{stamp}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
