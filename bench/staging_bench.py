"""What the staging folder (plugins/core/staging.py) adds to every build.

A build starts by preparing `.output.building` from output/ (hard links, copies of the
static and theme files) and ends by swapping it in and removing the old folder. Both
are measured on an output the size of the benchmark site's (`make bench-site`: 1,778
pages, 2,400 brochure images, 1,252 cards, 50 brochure PDFs — 5,490 files, ~200 MB of
random bytes), wall and CPU time, median of 5 rounds. Writes
bench/results/staging-<UTC timestamp>.json.

Run: `.venv/bin/python bench/staging_bench.py`
"""

import json
import os
import platform
import resource
import shutil
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent

from relais.plugins.core import staging  # noqa: E402

WORK = ROOT / "bench" / "work" / "staging"
RESULTS = ROOT / "bench" / "results"
# (file name pattern, count, bytes): the bench site's output, by kind of file.
TREE = [
    ("blog/post-{}/index.html", 1778, 20_000),
    ("programmes/x/brochure/a1b2c3/{}.webp", 2400, 30_000),
    ("cards/{}.jpg", 1252, 60_000),
    ("brochures/b{}.pdf", 50, 300_000),
    ("theme/css/f{}.css", 10, 20_000),
]
SETTINGS = {"STATIC_PATHS": ["images", "brochures", "extra"], "THEME_STATIC_DIR": "theme"}


def make_output(output: Path) -> int:
    count = 0
    for pattern, number, size in TREE:
        for index in range(number):
            path = output / pattern.format(index)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(os.urandom(size))
            count += 1
    return count


def cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def one_round(output: Path) -> dict:
    pelican = SimpleNamespace(
        output_path=str(output), settings={"OUTPUT_PATH": str(output), **SETTINGS}
    )
    wall, used = time.perf_counter(), cpu()
    staging.stage(pelican)
    staged_wall, staged_cpu = time.perf_counter(), cpu()
    staging.publish(pelican)
    return {
        "stage_wall": staged_wall - wall,
        "stage_cpu": staged_cpu - used,
        "publish_wall": time.perf_counter() - staged_wall,
        "publish_cpu": cpu() - staged_cpu,
    }


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    output = WORK / "output"
    files = make_output(output)
    os.sync()  # a previous build's output is on disk, not waiting in the page cache
    rounds = [one_round(output) for _ in range(5)]
    medians = {key: round(statistics.median(r[key] for r in rounds), 3) for key in rounds[0]}
    result = {
        "files": files,
        "megabytes": round(sum(p.stat().st_size for p in output.rglob("*") if p.is_file()) / 1e6),
        "median_seconds": medians,
        "rounds": rounds,
        "load_average": os.getloadavg(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"staging-{stamp}.json").write_text(json.dumps(result, indent=1))
    print(json.dumps({k: result[k] for k in ("files", "megabytes", "median_seconds")}))
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
