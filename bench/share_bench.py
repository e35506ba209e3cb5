"""Brochure page previews: what drawing each page's 1200 × 630 share image costs a build.

    .venv/bin/python bench/share_bench.py [--runs 5]      (or `make bench-share`)

The designed 24-page photo brochure (tests/photo_brochure.py) is rendered once through the
plugin's renderer; then, for each run, its share images are drawn by the plugin's own
ShareImages (threads, BROCHURE_WORKERS = 2) into an empty cache (cold), then again with the
cache full (warm: copies only). Reports median [min–max] seconds per page, and the sizes of
the images (what a network fetches for a preview). Writes bench/results/share-<UTC>.json.
"""

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relais.plugins.brochure import model  # noqa: E402
from relais.plugins.brochure.generator import limits  # noqa: E402
from relais.plugins.brochure.page_share import ShareImages, shared_pages  # noqa: E402
from relais.plugins.brochure.pdf import RenderParams  # noqa: E402
from relais.plugins.brochure.plugin import DEFAULTS  # noqa: E402
from relais.plugins.brochure.renderer import prepare  # noqa: E402
from tests.photo_brochure import photo_brochure  # noqa: E402

WORK = ROOT / "bench" / "work" / "share"
RESULTS = ROOT / "bench" / "results"
PARAMS = RenderParams(widths=(480, 800, 1200), thumb_width=160, quality=75)
SETTINGS = {"THEME": str(ROOT / "theme"), "DEFAULT_LANG": "fr", "BROCHURE_WORKERS": 2}


def rendered_site(scratch: Path):
    """The photo brochure rendered, its images where a build's output has them."""
    pdf = photo_brochure(scratch / "photo-24.pdf")
    cache = scratch / "render-cache"
    outcomes, _stats = prepare([pdf], cache, PARAMS, limits(DEFAULTS), workers=2)
    outcome = outcomes[pdf]
    brochure = model.from_manifest(
        outcome.manifest,
        title="Brochure — Photo",
        pdf_path="brochures/photo-24.pdf",
        base_url="programmes/photo/brochure/",
        key=outcome.key,
    )
    output = scratch / "output"
    images = output / brochure.images_url
    images.mkdir(parents=True)
    for page in brochure.pages:
        for image in page.images:
            name = image.url.rsplit("/", 1)[1]
            shutil.copyfile(cache / outcome.key / name, images / name)
    return brochure, output, pdf.stat().st_size


def timed(images: ShareImages, pages) -> float:
    start = time.perf_counter()
    images.publish(list(pages))
    return time.perf_counter() - start


def spread(values: list[float]) -> dict:
    return {
        "median": round(statistics.median(values), 4),
        "min": round(min(values), 4),
        "max": round(max(values), 4),
        "runs": len(values),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of every measurement")
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=WORK) as scratch:
        scratch = Path(scratch)
        brochure, output, pdf_bytes = rendered_site(scratch)
        pages = shared_pages(brochure, "programmes/photo/", SETTINGS)
        cold, warm = [], []
        for run in range(args.runs):
            cache = scratch / f"share-cache-{run}"
            for image in pages:
                (output / image.image.url).unlink(missing_ok=True)
            cold.append(timed(ShareImages(cache, output, SETTINGS), pages) / len(pages))
            for image in pages:
                (output / image.image.url).unlink()
            warm.append(timed(ShareImages(cache, output, SETTINGS), pages) / len(pages))
        sizes = [(output / page.image.url).stat().st_size for page in pages]
    record = {
        "date": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"),
        "brochure": {"pages": len(pages), "pdf_bytes": pdf_bytes},
        "seconds_per_page": {"cold": spread(cold), "warm": spread(warm)},
        "image_bytes": {"median": statistics.median(sizes), "max": max(sizes)},
    }
    for phase in ("cold", "warm"):
        stat = record["seconds_per_page"][phase]
        print(
            f"share image, {phase:4}: {stat['median'] * 1000:.1f} ms/page "
            f"[{stat['min'] * 1000:.1f}–{stat['max'] * 1000:.1f}], {args.runs} runs"
        )
    median, largest = statistics.median(sizes) / 1000, max(sizes) / 1000
    print(f"image size: median {median:.0f} kB, max {largest:.0f} kB")
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"share-{record['date']}.json"
    path.write_text(json.dumps(record, indent=1), "utf-8")
    print(f"→ {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
