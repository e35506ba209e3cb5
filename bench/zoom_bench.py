"""What the zoom images cost: render time and bytes, with and without BROCHURE_ZOOM_WIDTH.

Renders the designed 24-page photo brochure (tests/photo_brochure.py) cold, with the default
widths, once without zoom images and once with them (2400 px), `RUNS` times each, and prints
medians with their spread, plus the bytes of each kind of image. Run: `python bench/zoom_bench.py`.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relais.plugins.brochure.generator import limits  # noqa: E402
from relais.plugins.brochure.pdf import RenderParams  # noqa: E402
from relais.plugins.brochure.plugin import DEFAULTS  # noqa: E402
from relais.plugins.brochure.renderer import prepare  # noqa: E402
from tests.photo_brochure import photo_brochure  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 3


def render(pdf: Path, zoom_width: int) -> tuple[float, dict]:
    params = RenderParams(
        widths=(480, 800, 1200), thumb_width=160, quality=75, zoom_width=zoom_width
    )
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        prepare([pdf], Path(cache), params, limits(DEFAULTS), workers=2)
        took = time.perf_counter() - start
        sizes = {}
        for image in Path(cache).rglob("*.webp"):
            kind = image.stem.split("-")[1]
            sizes[kind] = sizes.get(kind, 0) + image.stat().st_size
    return took, sizes


def main():
    with tempfile.TemporaryDirectory() as work:
        pdf = photo_brochure(Path(work) / "brochure.pdf")
        print(f"PDF: {pdf.stat().st_size / 1e6:.1f} MB, 24 pages, {RUNS} cold runs each, 2 workers")
        for zoom in (0, 2400):
            times, sizes = [], {}
            for _ in range(RUNS):
                took, sizes = render(pdf, zoom)
                times.append(took)
            spread = f"{min(times):.1f}–{max(times):.1f}"
            print(
                f"zoom {zoom or 'off'}: median {statistics.median(times):.1f} s ({spread} s); "
                + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items()))
            )


if __name__ == "__main__":
    main()
