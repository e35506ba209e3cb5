"""`make bench-cards`: share cards, relais (plugins/cards) beside pelican-ogimages, one run.

On the same synthetic site (1,000 French posts with accents and emoji), measures:
- time per card, cold: relais drawing every post's card on one core and on all cores
  (its process pool), and ogimages drawing the same titles, each in its own interpreter;
- what cards cost a whole build: relais with and without the cards plugin, cold (no output,
  no cache) and warm (nothing changed), and the same for vanilla Pelican with and without
  ogimages (installed in a throwaway venv under bench/work/: it is AGPL and needs its own
  Pillow, so it never enters the project's environment);
- how many card files each build wrote (a warm relais build must write none).
pelican-social-cards is not measured: it crashes on Pillow ≥ 10 (FreeTypeFont.getsize).
Prints a table and writes bench/results/cards-<UTC timestamp>.json.
"""

import argparse
import json
import os
import platform
import resource
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

WORK = ROOT / "bench" / "work" / "cards"
RESULTS = ROOT / "bench" / "results"
OG_VENV = ROOT / "bench" / "work" / "ogimages-venv"
OG_PINS = ["pelican==4.12.0", "Markdown==3.11.3", "pelican-ogimages==0.1.1"]
SITEURL = "https://bench.example.org"
ENV = {**os.environ, "RELAIS_BUILD_DATE": "2026-12-01", "PYTHONDONTWRITEBYTECODE": "1"}
CACHE_SETTINGS = {"LOAD_CONTENT_CACHE": True, "CACHE_CONTENT": True}

# Each drawing benchmark runs in a fresh interpreter, so both start with nothing loaded.
RELAIS_DRAW = """
import json, resource, sys, tempfile, time
from pathlib import Path
from relais.plugins.cards.plugin import draw_all
from relais.plugins.cards.render import CardSpec
posts, workers = json.load(sys.stdin), int(sys.argv[1])
specs = {f"{i}.jpg": CardSpec(title=p["title"], kicker=p["category"],
                              footer=p["date"] + " · Bench") for i, p in enumerate(posts)}
with tempfile.TemporaryDirectory() as folder:
    start = time.perf_counter()
    errors = draw_all(specs, Path(folder), workers)
    wall = time.perf_counter() - start
    cpu = sum(getattr(resource.getrusage(who), f) for who in (resource.RUSAGE_SELF,
              resource.RUSAGE_CHILDREN) for f in ("ru_utime", "ru_stime"))
    sizes = [f.stat().st_size for f in Path(folder).glob("*.jpg")]
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "cards": len(sizes), "errors": len(errors),
                  "max_bytes": max(sizes), "mean_bytes": sum(sizes) / len(sizes)}))
"""
OGIMAGES_DRAW = """
import json, resource, sys, tempfile, time
from pathlib import Path
from pelican.plugins.ogimages.ogimages import OgImagesPlugin
posts = json.load(sys.stdin)
plugin = OgImagesPlugin()
plugin.settings = {"SITENAME": "Bench", "OGIMAGES_SIZE": (1200, 630)}
with tempfile.TemporaryDirectory() as folder:
    start = time.perf_counter()
    for i, post in enumerate(posts):
        plugin.generate_og_image(Path(folder) / f"{i}.png", post["title"], None)
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime
    sizes = [f.stat().st_size for f in Path(folder).glob("*.png")]
print(json.dumps({"wall_s": wall, "cpu_s": cpu, "cards": len(sizes), "errors": 0,
                  "max_bytes": max(sizes), "mean_bytes": sum(sizes) / len(sizes)}))
"""


def ogimages_venv() -> Path:
    python = OG_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(OG_VENV)], check=True)
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                *OG_PINS,
            ],
            check=True,
        )
    return python


def read_posts(content: Path) -> list[dict]:
    posts = []
    for path in sorted((content / "blog").glob("*.md")):
        head = dict(
            line.split(": ", 1)
            for line in path.read_text(encoding="utf-8").split("\n\n")[0].splitlines()
        )
        posts.append({"title": head["title"], "category": head["category"], "date": head["date"]})
    return posts


def draw(python: Path, script: str, posts: list[dict], *args: str) -> dict:
    done = subprocess.run(
        [str(python), "-c", script, *args],
        input=json.dumps(posts),
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    result["ms_per_card"] = round(1000 * result["wall_s"] / result["cards"], 2)
    # CPU time includes loading Python and the fonts: an upper bound on the drawing cost.
    result["cpu_ms_per_card"] = round(1000 * result["cpu_s"] / result["cards"], 2)
    return result


class Build:
    """One site configuration, built cold then warm `runs` times."""

    def __init__(self, name, pelican, content, settings, extra, cards_folder):
        self.name, self.pelican, self.content = name, pelican, content
        self.settings, self.extra, self.cards_folder = settings, extra, cards_folder
        self.folder = WORK / name

    def run_once(self) -> dict:
        overrides = {
            "SITEURL": SITEURL,
            "CACHE_PATH": str(self.folder / "cache" / "pelican"),
            **CACHE_SETTINGS,
            **self.extra,
        }
        command = [str(self.pelican), str(self.content), "-s", str(self.settings)]
        command += ["-o", str(self.folder / "output"), "-e"]
        command += [f"{k}={json.dumps(v)}" for k, v in overrides.items()]
        since = time.time() - 0.01
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = sum(getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime"))
        if done.returncode != 0:
            raise SystemExit(
                f"{self.name}: build failed\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
            )
        written = 0
        folder = self.folder / self.cards_folder if self.cards_folder else None
        if folder and folder.exists():
            images = [p for p in folder.rglob("*") if p.suffix in (".jpg", ".png", ".webp")]
            written = sum(1 for p in images if p.stat().st_mtime >= since)
        result = {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "card files written": written}
        summary = self.folder / "cache" / "cards" / "last-build.json"
        if self.cards_folder and summary.exists():  # the cards step's own timing (relais)
            result["cards step s"] = json.loads(summary.read_text())["seconds"]
        return result

    def measure(self, runs: int) -> dict:
        shutil.rmtree(self.folder, ignore_errors=True)
        cold = self.run_once()
        warm = [self.run_once() for _ in range(runs)]
        median = statistics.median(w["wall_s"] for w in warm)
        cpu = statistics.median(w["cpu_s"] for w in warm)
        print(f"  {self.name:22} cold {cold['wall_s']:7.2f} s   warm {median:7.2f} s", flush=True)
        return {"cold": cold, "warm runs": warm, "warm median_s": median, "warm median cpu_s": cpu}


def table(record: dict) -> str:
    draws, builds = record["drawing"], record["builds"]
    lines = ["time per card, cold (fresh interpreter; CPU includes start-up and font loading):"]
    for name, r in draws.items():
        lines.append(
            f"  {name:24}{r['ms_per_card']:7.1f} ms wall{r['cpu_ms_per_card']:7.1f} ms CPU"
            f"   max {r['max_bytes'] / 1000:4.0f} kB  mean {r['mean_bytes'] / 1000:4.0f} kB"
        )
    lines.append("whole builds: wall s cold / warm median, CPU s cold / warm, card files written")
    for name, r in builds.items():
        cold, warm = r["cold"], r["warm runs"][-1]
        lines.append(
            f"  {name:24}{cold['wall_s']:7.2f}{r['warm median_s']:7.2f}"
            f"{cold['cpu_s']:8.2f}{r['warm median cpu_s']:7.2f}"
            f"   {cold['card files written']} / {warm['card files written']}"
        )
    relais = builds["relais + cards"]
    steps = [run["cards step s"] for run in relais["warm runs"]]
    lines.append(
        f"  relais cards step, measured inside the build: cold {relais['cold']['cards step s']:.2f}"
        f" s, warm median {statistics.median(steps):.3f} s"
    )
    for name, (a, b) in record["overhead pairs"].items():
        cold = builds[a]["cold"]["cpu_s"] - builds[b]["cold"]["cpu_s"]
        warm = builds[a]["warm median cpu_s"] - builds[b]["warm median cpu_s"]
        wall = builds[a]["warm median_s"] - builds[b]["warm median_s"]
        lines.append(
            f"  cards cost, {name:12} CPU cold {cold:+7.2f} s  warm {warm:+6.2f} s"
            f"  (warm wall {wall:+6.2f} s)"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="warm builds per configuration")
    args = parser.parse_args()
    print(f"Generating {args.posts} posts…", flush=True)
    content = generate(WORK, posts=args.posts, programmes=3, brochure_pages=1)
    vanilla_content = WORK / "vanilla-content"
    shutil.rmtree(vanilla_content, ignore_errors=True)
    shutil.copytree(content / "blog", vanilla_content / "blog")
    og_python = ogimages_venv()
    posts = read_posts(content)

    print("Drawing every post's card…", flush=True)
    drawing = {
        "relais, 1 process": draw(Path(sys.executable), RELAIS_DRAW, posts, "1"),
        f"relais, {os.cpu_count()} processes": draw(
            Path(sys.executable), RELAIS_DRAW, posts, str(os.cpu_count())
        ),
        "ogimages (1 process)": draw(og_python, OGIMAGES_DRAW, posts),
    }
    relais_plugins = __import__("pelicanconf").PLUGINS
    pelican = Path(sys.executable).with_name("pelican")
    og_pelican = og_python.with_name("pelican")
    vanilla = ROOT / "bench" / "vanilla_settings.py"
    og_settings = {"PLUGINS": ["pelican.plugins.ogimages"], "OGIMAGES_SIZE": [1200, 630]}
    configurations = [
        Build("relais + cards", pelican, content, ROOT / "pelicanconf.py", {}, "cache/cards"),
        Build(
            "relais without cards",
            pelican,
            content,
            ROOT / "pelicanconf.py",
            {"PLUGINS": [p for p in relais_plugins if p != "cards"]},
            None,
        ),
        Build(
            "vanilla + ogimages",
            og_pelican,
            vanilla_content,
            vanilla,
            og_settings,
            "output/__og-image__",
        ),
        # PLUGINS=[]: unset, Pelican would load every installed plugin, ogimages included.
        Build("vanilla", og_pelican, vanilla_content, vanilla, {"PLUGINS": []}, None),
    ]
    print("Building…", flush=True)
    builds = {build.name: build.measure(args.runs) for build in configurations}
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    record = {
        "date": stamp,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "posts": args.posts,
        "drawing": drawing,
        "builds": builds,
        "overhead pairs": {
            "relais": ["relais + cards", "relais without cards"],
            "ogimages": ["vanilla + ogimages", "vanilla"],
        },
    }
    print(table(record))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"cards-{stamp}.json"
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
