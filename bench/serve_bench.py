"""`make bench-serve`: how long `make serve` takes to show an edited post, at 1,000 posts.

On the synthetic site of `make bench-site` (bench/synthetic_site.py: 1,000 posts, 50
programmes with brochures, 200 events), runs `python -m relais.serve` as `make serve` does,
waits for its first build, then saves a post with a new sentence --edits times (a second
apart, a different post each time) and measures, for each, the time from the file being
saved to the new page being served: the HTTP page at the post's address contains the
sentence. Then the same with `RELAIS_SERVE_FRESH=1` (a fresh `pelican` process per build,
what `make serve` did before) for comparison. The limit (LIMIT_S) holds on the median with
the builder; past it the bench exits non-zero. Results in bench/results/serve-<stamp>.json.

Render caches are taken from `make bench-site`'s relais folder when it has them (they
are keyed by content: the same brochures, the same renders), so that the first build does
not render again what that bench rendered.
"""

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic_site import generate  # noqa: E402

WORK = ROOT / "bench" / "work"
RESULTS = ROOT / "bench" / "results"
RENDERS = WORK / "relais" / "cache"  # make bench-site's render caches
LIMIT_S = 1.0  # issue 26: an edited post served within a second, at 1,000 posts


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_folder(posts: int) -> Path:
    folder = WORK / "serve-site"
    content = generate(folder, posts=posts)
    settings = [
        "from relais.settings import *  # noqa: F403",
        'SITENAME = "Bench"',
        'ORGANIZATION = {"name": "IUT de test", "url": "https://www.example.org/", '
        '"email": "contact@example.org"}',
    ]
    for kind in ("brochures", "cards", "covers"):
        (RENDERS / kind).mkdir(parents=True, exist_ok=True)
        settings.append(f'{kind.upper()}_CACHE_PATH = "{RENDERS / kind}"')
    (folder / "pelicanconf.py").write_text("\n".join(settings) + "\n", encoding="utf-8")
    for old in ("output", "cache", ".output.building", ".output.previous"):
        shutil.rmtree(folder / old, ignore_errors=True)
    assert content == folder / "content"
    return folder


class Serving:
    """`python -m relais.serve` in the site's folder, its output read line by line."""

    def __init__(self, folder: Path, port: int, fresh: bool):
        env = {**os.environ, "RELAIS_BUILD_DATE": "2026-12-01", "PYTHONUNBUFFERED": "1"}
        if fresh:
            env["RELAIS_SERVE_FRESH"] = "1"
        else:
            env.pop("RELAIS_SERVE_FRESH", None)
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "relais.serve", "--port", str(port), "--output", "output"],
            cwd=folder,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("make serve did not start:\n" + "\n".join(self.lines[-30:]))
            time.sleep(0.1)

    def stop(self) -> None:
        os.killpg(self.process.pid, 2)
        self.process.wait(timeout=60)


def served_after_edit(folder: Path, port: int, number: int, timeout: float = 120) -> float:
    """Saves post `number` with a new sentence; seconds until its page shows it."""
    slug = f"post-{number:04d}"
    post = folder / "content" / "blog" / f"{slug}.md"
    url = f"http://127.0.0.1:{port}/blog/{slug}/"
    marker = f"Phrase-{uuid.uuid4().hex[:10]}"
    text = post.read_text(encoding="utf-8") + f"\n{marker}\n"
    start = time.perf_counter()
    post.write_text(text, encoding="utf-8")
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=5) as page:
                if marker in page.read().decode("utf-8"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.01)
    raise SystemExit(f"{url} never showed the edit")


def session(folder: Path, fresh: bool, edits: int) -> dict:
    port = free_port()
    started = time.perf_counter()
    serving = Serving(folder, port, fresh)
    try:
        serving.wait_for("Site servi", timeout=3600)
        first = time.perf_counter() - started
        latencies = []
        for n in range(edits):
            time.sleep(1.0)  # an author types, then saves
            latencies.append(served_after_edit(folder, port, 100 + 37 * n))
            kind = "fresh process" if fresh else "builder"
            print(f"  {kind:13} edit {n + 1}: served after {latencies[-1]:.2f} s", flush=True)
    finally:
        serving.stop()
    return {
        "first_build_s": round(first, 2),
        "latencies_s": [round(value, 3) for value in latencies],
        "median_s": round(statistics.median(latencies), 3),
        "min_s": round(min(latencies), 3),
        "max_s": round(max(latencies), 3),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--fresh-edits", type=int, default=5)
    args = parser.parse_args()
    folder = site_folder(args.posts)
    print(f"make serve on {args.posts} posts ({folder.relative_to(ROOT)})")
    builder = session(folder, fresh=False, edits=args.edits)
    fresh = session(folder, fresh=True, edits=args.fresh_edits) if args.fresh_edits else None
    met = builder["median_s"] <= LIMIT_S
    print(
        f"edited post served after (median [min–max]): builder {builder['median_s']:.2f} s "
        f"[{builder['min_s']:.2f}–{builder['max_s']:.2f}]"
        + (
            f", fresh process per build {fresh['median_s']:.2f} s "
            f"[{fresh['min_s']:.2f}–{fresh['max_s']:.2f}]"
            if fresh
            else ""
        )
    )
    print(f"limit: served within {LIMIT_S} s: {'met' if met else 'NOT MET'}")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    record = {
        "date": stamp,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_at_end": os.getloadavg(),
        },
        "command": f"{sys.executable} -m relais.serve --port <free port> --output output",
        "size": vars(args),
        "builder": builder,
        "fresh": fresh,
        "limit_s": LIMIT_S,
        "met": met,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"serve-{stamp}.json"
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"written {path.relative_to(ROOT)}")
    if not met:
        raise SystemExit(f"bench-serve: past its limit ({builder['median_s']} s > {LIMIT_S} s)")


if __name__ == "__main__":
    main()
