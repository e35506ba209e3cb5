"""`make bench-faculty`: a faculty-size site (bench/faculty_site.py: 300 programmes with
20-page photo brochures, 3,000 posts, 500 events): how long it takes and whether it fits.

Steps (each a `pelican` process, measured from outside: wall time, CPU time of it and of
its workers, peak memory; the exact command is kept with each figure):

1. **first build**: renders every brochure page, page preview and card into the render
   caches (bench/work/faculty/relais/cache/). Hours on a small machine, so it is
   *resumable*: the caches keep every brochure and card finished (each committed whole), a
   run that was stopped (Ctrl-C, a reboot) goes on where it was, and each attempt's times
   are added up in bench/work/faculty/first-build.json. Once done, later runs reuse it.
2. **cold**: no output, no Pelican cache, the render caches kept (CI with its workflow
   cache, or a clone that kept cache/): every page, feed and calendar made.
3. **warm**: nothing changed. 4. **one post changed**: its text.
5. **size**: the output against GitHub Pages' 1 GB (src/relais/checks/size.py).

Vanilla Pelican builds the same 3,000 posts (cold, warm) for scale. Results in
bench/results/faculty-<stamp>.json and a table. `--steps` picks steps (e.g. `first` alone
to go on rendering; `cold,warm,post,size` once rendered).
"""

import argparse
import json
import os
import platform
import shlex
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.faculty_site import EVENTS, PAGES, POSTS, PROGRAMMES, generate
from bench.run import RESULTS, ROOT, Site, measure, render_counts, touch_one_post

WORK = ROOT / "bench" / "work" / "faculty"
PROGRESS = WORK / "first-build.json"
STEPS = ("first", "cold", "warm", "post", "size")


def load_progress() -> dict:
    try:
        return json.loads(PROGRESS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"attempts": [], "done": False}


def first_build(site: Site, env: dict) -> dict:
    """Renders everything, resumably: each attempt adds its times to PROGRESS."""
    progress = load_progress()
    if progress["done"]:
        print("  first build: done earlier, reused", flush=True)
        return progress
    site.clean(renders_too=False)  # the render caches hold what earlier attempts finished
    started = datetime.now(UTC).isoformat(timespec="seconds")
    attempt = {"started": started, "command": site.shown_command(), "finished": False}
    progress["attempts"].append(attempt)
    PROGRESS.write_text(json.dumps(progress, indent=1), encoding="utf-8")
    begin = time.perf_counter()
    try:
        result, stdout = measure(site.command(), env)
    except KeyboardInterrupt:
        attempt["wall_s"] = round(time.perf_counter() - begin, 1)  # CPU lost with the child
        PROGRESS.write_text(json.dumps(progress, indent=1), encoding="utf-8")
        raise
    attempt.update(result, render_counts(stdout, site.cache), finished=True)
    progress["done"] = True
    progress["wall_s"] = round(sum(a.get("wall_s", 0) for a in progress["attempts"]), 1)
    progress["cpu_s"] = round(sum(a.get("cpu_s", 0) for a in progress["attempts"]), 1)
    PROGRESS.write_text(json.dumps(progress, indent=1), encoding="utf-8")
    print(f"  first build: {progress['wall_s']} s wall, {progress['cpu_s']} s CPU", flush=True)
    return progress


def size_of(output: Path) -> dict:
    from relais.checks import size

    measured = size.measure(output)
    level, line = size.verdict(measured)
    return {
        "total_mb": round(measured.total / 1e6, 1),
        "files": measured.files,
        "share_of_limit": round(measured.share, 3),
        "verdict": level,
        "line": line,
        "command": f"python -c 'from relais.checks import size; ...' {output}",
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--programmes", type=int, default=PROGRAMMES)
    parser.add_argument("--posts", type=int, default=POSTS)
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--pages", type=int, default=PAGES)
    parser.add_argument("--steps", default=",".join(STEPS))
    args = parser.parse_args()
    steps = [step.strip() for step in args.steps.split(",") if step.strip()]
    env = {**os.environ, "RELAIS_BUILD_DATE": "2026-12-01", "PYTHONDONTWRITEBYTECODE": "1"}
    print(
        f"Faculty site: {args.programmes} programmes × {args.pages} photo pages, "
        f"{args.posts} posts, {args.events} events (bench/work/faculty/)",
        flush=True,
    )
    content = generate(WORK, args.programmes, args.posts, args.events, args.pages)
    cache = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}
    relais = Site("relais", content, ROOT / "pelicanconf.py", cache, work=WORK)
    vanilla_posts = WORK / "vanilla-content"
    if not (vanilla_posts / "blog").is_dir() or "cold" in steps:
        shutil.rmtree(vanilla_posts, ignore_errors=True)
        shutil.copytree(content / "blog", vanilla_posts / "blog")
    vanilla = Site("vanilla", vanilla_posts, ROOT / "bench" / "vanilla_settings.py", cache, WORK)
    results: dict = {"relais": {}, "vanilla": {}}
    if "first" in steps:
        results["relais"]["first build"] = first_build(relais, env)
    if "cold" in steps:
        for site in (relais, vanilla):
            site.clean(renders_too=False)
            results[site.name]["cold"] = site.run("cold", env)
    if "warm" in steps:
        for site in (relais, vanilla):
            results[site.name]["warm"] = site.run("warm", env)
    if "post" in steps:
        for site in (relais, vanilla):
            touch_one_post(site.content)
            results[site.name]["one post changed"] = site.run("one post changed", env)
    if "size" in steps and relais.output.is_dir():
        results["relais"]["size"] = size_of(relais.output)
        print("  " + results["relais"]["size"]["line"], flush=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    record = {
        "date": stamp,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_end": os.getloadavg(),
        },
        "size": vars(args),
        "commands": {
            "relais": relais.shown_command(),
            "vanilla": vanilla.shown_command(),
            "bench": shlex.join(["python", "bench/faculty.py", "--steps", ",".join(steps)]),
        },
        "results": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"faculty-{stamp}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
