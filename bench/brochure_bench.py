"""Brochure benchmark: render cost, and what a visitor downloads before page 1 is visible.

    .venv/bin/python bench/brochure_bench.py [--runs 5]      (or `make bench-brochure`)

Brochures like the real ones: a designed 24-page photo brochure with an outline and links
(tests/photo_brochure.py, about 9 MB), a 4-page PDF dense with links and a nested outline
(tests/brochure_pdfs.linked_pdf), a 40-page text PDF and the demo's brochures. Every
measurement is repeated (--runs, default 5) and reported as median [min–max].

1. Render, through the plugin's own renderer on 2 worker processes, each run in a fresh
   interpreter, the brochure sets interleaved: time per page cold (empty cache) and warm
   (cache hit), and peak resident memory of the main process and of the largest worker.
2. In headless Chromium, the photo brochure in three viewers, each load in a fresh browser
   context, the viewers interleaved within each run:
   - relais, programme page opened on the brochure (#page=1),
   - relais, embed page (what an <iframe> on a partner site loads),
   - PDF.js (pdfjs-dist's own PDFViewer component, the minimal page its docs describe).
   A local server logs every response (gzip for text, like GitHub Pages). "Bytes before
   page 1" counts responses finished when page 1 was painted: the page-1 image's load
   (relais) or PDF.js's `pagerendered`, each plus two animation frames. Profiles:
   unthrottled loopback, and a simulated 4G link (Chromium network emulation: 20 Mbit/s
   down, 40 ms latency). On loopback, each viewer then shows every page in turn, and
   "bytes to see every page" counts everything downloaded, against the PDF's size.

Prints a table and writes bench/results/brochure-<UTC timestamp>.json.
"""

import argparse
import functools
import gzip
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relais.checks.tools import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from relais.plugins.brochure.generator import limits  # noqa: E402
from relais.plugins.brochure.pdf import RenderParams  # noqa: E402
from relais.plugins.brochure.plugin import DEFAULTS  # noqa: E402
from relais.plugins.brochure.renderer import prepare  # noqa: E402
from tests.brochure_pdfs import linked_pdf, text_pdf  # noqa: E402
from tests.photo_brochure import photo_brochure  # noqa: E402
from tests.sitebuild import DEMO, build, copy_content, free_port  # noqa: E402

WORK = ROOT / "bench" / "work" / "brochure"
RESULTS = ROOT / "bench" / "results"
PDFJS = ROOT / "node_modules" / "pdfjs-dist"
PROGRAMME = "programmes/lp-photographie-audiovisuel/"
PDF = "brochures/lp-photographie-audiovisuel.pdf"
PARAMS = RenderParams(widths=(480, 800, 1200), thumb_width=160, quality=75)
TEXT_TYPES = (".html", ".css", ".js", ".mjs", ".json", ".svg")
PROFILES = {
    "loopback": None,
    "4G (20 Mbit/s, 40 ms)": {
        "offline": False,
        "latency": 40,
        "downloadThroughput": 20_000_000 / 8,
        "uploadThroughput": 5_000_000 / 8,
    },
}

# Marks the moment page 1 is on screen, in the page's own clock (see module docstring).
FIRST_PAGE_PROBE = """
(() => {
  const painted = () => requestAnimationFrame(() => requestAnimationFrame(() => {
    if (!window.__firstPage) window.__firstPage = performance.timeOrigin + performance.now();
  }));
  document.addEventListener("load", (event) => {
    const img = event.target;
    if (img.tagName === "IMG" && img.closest && img.closest("[id='page=1']")) painted();
  }, true);
  window.__pdfjsPainted = painted;
})();
"""

PDFJS_PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PDF.js</title>
<link rel="stylesheet" href="pdf_viewer.css">
<style>#container { position: absolute; inset: 0; overflow: auto; }</style>
</head>
<body>
<div id="container"><div id="viewer" class="pdfViewer"></div></div>
<script type="module">
import * as pdfjsLib from "./pdf.min.mjs";
pdfjsLib.GlobalWorkerOptions.workerSrc = "./pdf.worker.min.mjs";
globalThis.pdfjsLib = pdfjsLib;
const { EventBus, PDFLinkService, PDFViewer } = await import("./pdf_viewer.mjs");
const eventBus = new EventBus();
const linkService = new PDFLinkService({ eventBus });
const container = document.getElementById("container");
const viewer = new PDFViewer({ container, eventBus, linkService });
linkService.setViewer(viewer);
window.__rendered = new Set();
eventBus.on("pagerendered", (event) => {
  window.__rendered.add(event.pageNumber);
  if (event.pageNumber === 1) window.__pdfjsPainted();
});
window.__viewer = viewer;
const options = { url: "PDF_URL", standardFontDataUrl: "./standard_fonts/" };
const pdf = await pdfjsLib.getDocument(options).promise;
viewer.setDocument(pdf);
linkService.setDocument(pdf);
</script>
</body>
</html>
"""


def brochure_sets(work: Path) -> dict[str, list[Path]]:
    """The PDFs rendered, by name: real-looking ones first."""
    return {
        "photo brochure, 24 pages": [photo_brochure(work / "photo-24.pdf")],
        "text, 40 pages": [text_pdf(work / "forty-pages.pdf", 40)],
        "links and outline": [linked_pdf(work / "linked.pdf")],
        "demo brochures": sorted((DEMO / "content" / "brochures").glob("*.pdf")),
    }


def render_once(cache_root: Path, pdfs: list[Path]) -> dict:
    """One cold render then one warm (cache hit), in this process; prints nothing."""
    result = {}
    for phase in ("cold", "warm"):
        start = time.perf_counter()
        outcomes, stats = prepare(pdfs, cache_root, PARAMS, limits(DEFAULTS), workers=2)
        elapsed = time.perf_counter() - start
        pages = sum(len(o.manifest["pages"]) for o in outcomes.values())
        result[phase] = {"seconds": elapsed, "pages": pages, "rendered": stats.rendered_pages}
    # Peak resident memory of this process and of the largest render worker (kB on Linux).
    result["peak_mb"] = {
        "main": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    return result


def spread(values: list[float]) -> dict:
    return {
        "median": round(statistics.median(values), 3),
        "min": round(min(values), 3),
        "max": round(max(values), 3),
        "runs": len(values),
    }


def render_times(work: Path, runs: int) -> dict:
    """Each run renders every set cold then warm in a fresh interpreter, sets interleaved."""
    sets = brochure_sets(work)
    samples = {name: [] for name in sets}
    for run in range(runs):
        for name, pdfs in sets.items():
            cache_root = work / f"render-cache-{run}-{len(samples[name])}"
            command = [sys.executable, __file__, "--render-once", str(cache_root)]
            done = subprocess.run(
                command + [str(p) for p in pdfs], capture_output=True, text=True, check=True
            )
            samples[name].append(json.loads(done.stdout))
            shutil.rmtree(cache_root)
    return {name: summarise_renders(s, sets[name]) for name, s in samples.items()}


def summarise_renders(samples: list[dict], pdfs: list[Path]) -> dict:
    pages = samples[0]["cold"]["pages"]
    return {
        "pages": pages,
        "pdf_bytes": sum(p.stat().st_size for p in pdfs),
        "cold_ms_per_page": spread([1000 * s["cold"]["seconds"] / pages for s in samples]),
        "warm_ms_per_page": spread([1000 * s["warm"]["seconds"] / pages for s in samples]),
        "peak_mb_main": spread([s["peak_mb"]["main"] for s in samples]),
        "peak_mb_worker": spread([s["peak_mb"]["worker"] for s in samples]),
    }


class LoggingServer:
    """Serves a folder, gzips text like GitHub Pages, logs (path, bytes, end time)."""

    def __init__(self, folder: Path, port: int):
        self.log = []
        log = self.log

        class Handler(SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                path = self.translate_path(self.path)
                if Path(path).is_dir():
                    path = str(Path(path) / "index.html")
                if not Path(path).is_file():
                    self.send_error(404)
                    return
                body = Path(path).read_bytes()
                encoding = None
                if path.endswith(TEXT_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
                    body, encoding = gzip.compress(body, 6), "gzip"
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(path))
                if encoding:
                    self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                log.append((self.path.split("?")[0], len(body), time.time() * 1000))

        self.server = ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(Handler, directory=str(folder))
        )
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def add_pdfjs_page(output: Path) -> str:
    folder = output / "pdfjs-bench"
    folder.mkdir()
    for name in ("build/pdf.min.mjs", "build/pdf.worker.min.mjs", "web/pdf_viewer.mjs"):
        shutil.copy(PDFJS / name, folder)
    shutil.copy(PDFJS / "web/pdf_viewer.css", folder)
    shutil.copytree(PDFJS / "standard_fonts", folder / "standard_fonts")
    (folder / "index.html").write_text(PDFJS_PAGE.replace("PDF_URL", f"../{PDF}"), "utf-8")
    return "pdfjs-bench/"


# Shows page n and resolves once it is painted, in each viewer.
SHOW_PAGE = {
    "relais": """async (n) => {
        location.hash = `#page=${n}`;
        const img = () => document.querySelector(`[id='page=${n}'] img`);
        while (!(img().complete && img().naturalWidth)) await new Promise(r => setTimeout(r, 20));
    }""",
    "pdfjs": """async (n) => {
        window.__viewer.currentPageNumber = n;
        while (!window.__rendered.has(n)) await new Promise(r => setTimeout(r, 20));
    }""",
}


def open_context(browser, profile):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort(),
    )
    if profile:
        context.new_cdp_session(page).send("Network.emulateNetworkConditions", profile)
    page.add_init_script(FIRST_PAGE_PROBE)
    return context, page


def load_once(browser, server, siteurl, viewer, profile, read_all: int = 0) -> dict:
    """Opens `viewer` in a fresh context; with `read_all` pages, then shows each in turn."""
    context, page = open_context(browser, profile)
    server.log.clear()
    page.goto(f"{siteurl}/{viewer.url_path}")
    painted = page.wait_for_function("window.__firstPage", timeout=60_000).json_value()
    start = page.evaluate("performance.timeOrigin")
    for number in range(2, read_all + 1):
        page.evaluate(SHOW_PAGE[viewer.kind], number)
    time.sleep(0.3)  # let late responses land in the log
    before = [(path, size) for path, size, end in server.log if end <= painted]
    every = sum(size for _, size, _ in server.log)
    context.close()
    return {
        "ms_to_first_page": round(painted - start, 1),
        "bytes_before_first_page": sum(size for _, size in before),
        "requests_before_first_page": len(before),
        "bytes_to_read_every_page": every if read_all else None,
        "files": sorted({path.rsplit("/", 1)[-1] for path, _ in before}),
    }


@dataclass
class Viewer:
    kind: str
    url_path: str


def viewer_loads(output: Path, siteurl: str, runs: int, pages: int) -> dict:
    """First-page loads on each network profile and a full read on loopback, interleaved:
    each run visits every viewer once, so a slow moment of the machine hits them all."""
    from playwright.sync_api import sync_playwright

    viewers = {
        "relais programme page": Viewer("relais", f"{PROGRAMME}#page=1"),
        "relais embed page": Viewer("relais", f"{PROGRAMME}brochure/embed/"),
        "PDF.js viewer": Viewer("pdfjs", add_pdfjs_page(output)),
    }
    server = LoggingServer(output, int(siteurl.rsplit(":", 1)[1]))
    samples = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for _ in range(runs):
                for profile_name, profile in PROFILES.items():
                    for name, viewer in viewers.items():
                        read_all = pages if profile is None else 0
                        sample = load_once(browser, server, siteurl, viewer, profile, read_all)
                        samples.setdefault(f"{name} | {profile_name}", []).append(sample)
            browser.close()
    finally:
        server.close()
    return {key: summarise_loads(s) for key, s in samples.items()}


def summarise_loads(samples: list[dict]) -> dict:
    every = [s["bytes_to_read_every_page"] for s in samples if s["bytes_to_read_every_page"]]
    return {
        "ms_to_first_page": spread([s["ms_to_first_page"] for s in samples]),
        "bytes_before_first_page": spread([s["bytes_before_first_page"] for s in samples]),
        "bytes_to_read_every_page": spread(every) if every else None,
        "requests_before_first_page": samples[-1]["requests_before_first_page"],
        "files": samples[-1]["files"],
    }


def fmt(stat: dict, scale: float = 1, digits: int = 1) -> str:
    """median [min–max]"""
    m, lo, hi = (stat[k] / scale for k in ("median", "min", "max"))
    return f"{m:.{digits}f} [{lo:.{digits}f}–{hi:.{digits}f}]"


def print_table(renders: dict, loads: dict, pdf_bytes: int) -> None:
    print("\nRender, 2 workers: median [min–max] over runs, each in a fresh interpreter")
    print(f"{'':26} {'pages':>5} {'cold ms/page':>20} {'warm ms/page':>16} {'worker MB':>20}")
    for name, r in renders.items():
        print(
            f"{name:26} {r['pages']:>5} {fmt(r['cold_ms_per_page']):>20} "
            f"{fmt(r['warm_ms_per_page'], digits=2):>16} {fmt(r['peak_mb_worker'], digits=0):>20}"
        )
    print("\nPhoto brochure in the viewers: median [min–max], fresh browser context each load")
    print(f"{'viewer | network':42} {'KB before page 1':>22} {'ms to page 1':>22}")
    for name, r in loads.items():
        print(
            f"{name:42} {fmt(r['bytes_before_first_page'], 1000):>22} "
            f"{fmt(r['ms_to_first_page']):>22}"
        )
    print(f"\nBytes to see every page (loopback), against the PDF's {pdf_bytes / 1e6:.1f} MB:")
    for name, r in loads.items():
        if r["bytes_to_read_every_page"]:
            every = r["bytes_to_read_every_page"]["median"]
            print(f"  {name:40} {every / 1e6:6.2f} MB ({every / pdf_bytes:.0%} of the PDF)")
    for profile in PROFILES:
        pdfjs = loads[f"PDF.js viewer | {profile}"]
        for name in ("relais programme page", "relais embed page"):
            ours = loads[f"{name} | {profile}"]
            ratio = (
                ours["bytes_before_first_page"]["median"]
                / pdfjs["bytes_before_first_page"]["median"]
            )
            speed = pdfjs["ms_to_first_page"]["median"] / ours["ms_to_first_page"]["median"]
            print(f"{name} vs PDF.js, {profile}: {ratio:.1%} of the bytes, {speed:.1f}× faster")


def photo_site(scratch: Path) -> Path:
    """The demo content with the photo brochure in place of the programme's own."""
    content = copy_content(scratch / "content")
    shutil.copy(scratch / "photo-24.pdf", content / PDF)
    return content


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of every measurement")
    parser.add_argument("--render-once", nargs="+", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.render_once:
        cache_root, *pdfs = map(Path, args.render_once)
        print(json.dumps(render_once(cache_root, pdfs)))
        return 0
    WORK.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=WORK) as scratch:
        scratch = Path(scratch)
        renders = render_times(scratch, args.runs)
        siteurl = f"http://127.0.0.1:{free_port()}"
        site = build(
            scratch / "site",
            content=photo_site(scratch),
            siteurl=siteurl,
            settings={"BROCHURE_CACHE_PATH": str(scratch / "site-cache")},
        )
        if site.returncode:
            sys.stderr.write(site.stderr)
            return 1
        pages = renders["photo brochure, 24 pages"]["pages"]
        pdf_bytes = renders["photo brochure, 24 pages"]["pdf_bytes"]
        loads = viewer_loads(site.output, siteurl, args.runs, pages)
    print_table(renders, loads, pdf_bytes)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"brochure-{stamp}.json"
    record = {"date": stamp, "runs": args.runs, "render": renders, "viewers": loads}
    path.write_text(json.dumps(record, indent=1), "utf-8")
    print(f"\n→ {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
