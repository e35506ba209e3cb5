"""`make bench-publish`: how long a one-line post edit takes from commit to published.

What the publish workflow runs after its checkout: `make publish` (build from the
committed tree, every gate, push to gh-pages), here against a local bare repository
standing for GitHub, on a fresh clone of the demo. Each round edits one line of one
post, commits, and publishes twice as the workflow would: with the render caches kept
from the previous run (what actions/cache restores) and without them (a first run, or
a cache evicted). The two kinds are interleaved, so a busy machine weighs on both.
Prints medians with their spread and writes bench/results/publish-<UTC timestamp>.json.

Not measured here: GitHub's queue, the runner and container start, and restoring the
caches (the workflow's other steps).
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.kitrepo import (  # noqa: E402
    kit_repository,
    run,
    share_local_tools,
    team_environment,
)

WORK = ROOT / "bench" / "work" / "publish"
RESULTS = ROOT / "bench" / "results"
POST = "content/blog/2026-10-portes-ouvertes.md"
CACHE = "cache/publish"  # where the publish workflow keeps its render cache between runs
SITEURL = "https://relais-demo.github.io/relais"


def fresh_site() -> Path:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    kit = kit_repository(WORK / "relais.git")
    run(WORK, "git", "clone", "-q", str(kit), "site")
    site = WORK / "site"
    share_local_tools(site)
    remote = WORK / "github.git"
    run(WORK, "git", "init", "-q", "--bare", "-b", "main", str(remote))
    run(site, "git", "remote", "set-url", "origin", str(remote))
    run(site, "git", "push", "-q", "origin", "main")
    return site


def publish(site: Path) -> float:
    env = {**team_environment(), "RELAIS_SITEURL": SITEURL, "RELAIS_PUBLISH_CACHE": CACHE}
    started = time.perf_counter()
    run(site, "make", "publish", env=env)
    return time.perf_counter() - started


def edit_one_line(site: Path, round_number: int) -> None:
    with (site / POST).open("a", encoding="utf-8") as post:
        post.write(f"\nMise à jour n° {round_number} : horaires confirmés.\n")
    run(site, "git", "commit", "-q", "-am", f"Une ligne modifiée ({round_number})")


def summary(times: list[float]) -> dict:
    return {
        "median_s": round(statistics.median(times), 2),
        "min_s": round(min(times), 2),
        "max_s": round(max(times), 2),
        "runs_s": [round(t, 2) for t in times],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    site = fresh_site()
    publish(site)  # the first deploy: not what a one-line edit costs
    timings = {"with caches": [], "without caches": []}
    for number in range(1, args.rounds + 1):
        order = ["with caches", "without caches"][:: 1 if number % 2 else -1]
        for kind in order:
            edit_one_line(site, len(timings[kind]) * 2 + number)
            if kind == "without caches":  # every publish leaves its caches for the next
                shutil.rmtree(site / CACHE, ignore_errors=True)
            timings[kind].append(publish(site))
    result = {
        "what": "commit of a one-line post edit to gh-pages pushed: make publish, full gates",
        "machine": {"cpus": len(os.sched_getaffinity(0)), **platform.uname()._asdict()},
        "load_average": list(os.getloadavg()),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        **{kind: summary(times) for kind, times in timings.items()},
    }
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"publish-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for kind in timings:
        s = result[kind]
        print(f"{kind:16} median {s['median_s']:6.1f} s  (min {s['min_s']}, max {s['max_s']})")
    print(f"→ {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
