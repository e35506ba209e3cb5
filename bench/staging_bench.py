"""What the staging folder (plugins/core/staging.py) adds to every build.

A build starts by preparing `.output.building` from output/ (hard links, copies of the
theme files) and ends by swapping it in, keeping the folder it replaced for the next build.
Both are measured on an output the size of the benchmark site's (`make bench-site`: 2,378
pages, 3,000 brochure images, 600 page previews, 1,252 cards, 50 brochure PDFs — 7,290
files, ~200 MB of random bytes), wall and CPU time: the first round makes the staging
folder from nothing (every file linked), the next ones from the kept folder (median of 5).
Writes bench/results/staging-<UTC timestamp>.json.

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
    ("blog/post-{}/index.html", 2378, 20_000),
    ("programmes/x/brochure/a1b2c3/{}.webp", 3000, 30_000),
    ("programmes/x/brochure/a1b2c3/{}-share.jpg", 600, 30_000),
    ("cards/{}.jpg", 1252, 60_000),
    ("brochures/b{}.pdf", 50, 300_000),
    ("theme/css/f{}.css", 10, 20_000),
]
SETTINGS = {
    "STATIC_PATHS": ["images", "brochures", "extra"],
    "THEME_STATIC_DIR": "theme",
    staging.WHOLE_FILE_WRITER: True,  # plugins/incremental's writer: files are linked
}


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
    # The build keeps every file (an unchanged rebuild); claims are the writers' cost.
    folder = Path(pelican.output_path)
    for relative in list(staging.current().extras["staging"].taken_over):
        staging.claim(folder / relative)
    swap_wall, swap_cpu = time.perf_counter(), cpu()
    staging.publish(pelican)
    return {
        "stage_wall": staged_wall - wall,
        "stage_cpu": staged_cpu - used,
        "publish_wall": time.perf_counter() - swap_wall,
        "publish_cpu": cpu() - swap_cpu,
    }


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    output = WORK / "output"
    files = make_output(output)
    os.sync()  # a previous build's output is on disk, not waiting in the page cache
    first = one_round(output)
    rounds = [one_round(output) for _ in range(5)]
    medians = {key: round(statistics.median(r[key] for r in rounds), 3) for key in rounds[0]}
    result = {
        "files": files,
        "megabytes": round(sum(p.stat().st_size for p in output.rglob("*") if p.is_file()) / 1e6),
        "first_seconds": {key: round(value, 3) for key, value in first.items()},
        "median_seconds": medians,
        "rounds": rounds,
        "load_average": os.getloadavg(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"staging-{stamp}.json").write_text(json.dumps(result, indent=1))
    shown = ("files", "megabytes", "first_seconds", "median_seconds", "load_average")
    print(json.dumps({k: result[k] for k in shown}))
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
