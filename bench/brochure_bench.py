"""Brochure benchmark: render cost, and what a visitor downloads before page 1 is visible.

    .venv/bin/python bench/brochure_bench.py [--runs 5]      (or `make bench-brochure`)

1. Render time per page, cold (empty cache) and warm (cache hit), through the plugin's own
   renderer on 2 worker processes: the demo brochures plus a generated 40-page PDF.
2. In headless Chromium, one run for all viewers, each load in a fresh browser context:
   - relais, programme page opened on the brochure (#page=1),
   - relais, embed page (what an <iframe> on a partner site loads),
   - PDF.js (pdfjs-dist's own PDFViewer component, the minimal page its docs describe),
   all showing the same PDF. A local server logs every response (gzip for text, like GitHub
   Pages); "bytes before page 1" counts responses finished when page 1 was painted, i.e. the
   page-1 image's load (relais) or PDF.js's `pagerendered` (PDF.js), each plus two animation
   frames. Profiles: unthrottled loopback, and a simulated 4G link (Chromium network
   emulation: 20 Mbit/s down, 40 ms latency).

Prints a table and writes bench/results/brochure-<UTC timestamp>.json.
"""

import argparse
import functools
import gzip
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins")]

from brochure.generator import limits  # noqa: E402
from brochure.pdf import RenderParams  # noqa: E402
from brochure.plugin import DEFAULTS  # noqa: E402
from brochure.renderer import prepare  # noqa: E402

from checks.tools import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.brochure_pdfs import text_pdf  # noqa: E402
from tests.sitebuild import DEMO, build, free_port  # noqa: E402

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
eventBus.on("pagerendered", (event) => {
  if (event.pageNumber === 1) window.__pdfjsPainted();
});
const options = { url: "PDF_URL", standardFontDataUrl: "./standard_fonts/" };
const pdf = await pdfjsLib.getDocument(options).promise;
viewer.setDocument(pdf);
linkService.setDocument(pdf);
</script>
</body>
</html>
"""


def render_times(work: Path) -> dict:
    pdfs = sorted((DEMO / "content" / "brochures").glob("*.pdf"))
    pdfs.append(text_pdf(work / "forty-pages.pdf", 40))
    cache = work / "render-cache"
    shutil.rmtree(cache, ignore_errors=True)
    result = {}
    for phase in ("cold", "warm"):
        start = time.perf_counter()
        outcomes, stats = prepare(pdfs, cache, PARAMS, limits(DEFAULTS), workers=2)
        elapsed = time.perf_counter() - start
        pages = sum(len(o.manifest["pages"]) for o in outcomes.values())
        result[phase] = {
            "seconds": round(elapsed, 4),
            "pages": pages,
            "pages_rendered": stats.rendered_pages,
            "ms_per_page": round(1000 * elapsed / pages, 3),
        }
    return result


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


def load_once(browser, server, siteurl, url_path, profile) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: route.continue_() if "127.0.0.1" in route.request.url else route.abort(),
    )
    if profile:
        context.new_cdp_session(page).send("Network.emulateNetworkConditions", profile)
    page.add_init_script(FIRST_PAGE_PROBE)
    server.log.clear()
    page.goto(f"{siteurl}/{url_path}")
    painted = page.wait_for_function("window.__firstPage", timeout=60_000).json_value()
    start = page.evaluate("performance.timeOrigin")
    time.sleep(0.3)  # let late responses land in the log, then count only the early ones
    before = [(path, size) for path, size, end in server.log if end <= painted]
    context.close()
    return {
        "ms_to_first_page": round(painted - start, 1),
        "bytes_before_first_page": sum(size for _, size in before),
        "requests_before_first_page": len(before),
        "files": sorted({path.rsplit("/", 1)[-1] for path, _ in before}),
    }


def viewer_loads(output: Path, siteurl: str, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    pages = {
        "relais programme page": f"{PROGRAMME}#page=1",
        "relais embed page": f"{PROGRAMME}brochure/embed/",
        "PDF.js viewer": add_pdfjs_page(output),
    }
    server = LoggingServer(output, int(siteurl.rsplit(":", 1)[1]))
    results = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for profile_name, profile in PROFILES.items():
                for name, url_path in pages.items():
                    samples = [
                        load_once(browser, server, siteurl, url_path, profile) for _ in range(runs)
                    ]
                    results[f"{name} | {profile_name}"] = {
                        "ms_to_first_page": statistics.median(
                            s["ms_to_first_page"] for s in samples
                        ),
                        "bytes_before_first_page": statistics.median(
                            s["bytes_before_first_page"] for s in samples
                        ),
                        "requests_before_first_page": samples[-1]["requests_before_first_page"],
                        "files": samples[-1]["files"],
                        "samples_ms": [s["ms_to_first_page"] for s in samples],
                    }
            browser.close()
    finally:
        server.close()
    return results


def print_table(renders: dict, loads: dict) -> None:
    print("\nRender (2 workers, demo brochures + a 40-page PDF)")
    print(f"{'':6} {'pages':>6} {'rendered':>9} {'total s':>8} {'ms/page':>8}")
    for phase, r in renders.items():
        print(
            f"{phase:6} {r['pages']:>6} {r['pages_rendered']:>9} "
            f"{r['seconds']:>8.3f} {r['ms_per_page']:>8.2f}"
        )
    print("\nBefore page 1 is visible (median of runs, fresh browser context each)")
    print(f"{'viewer | network':50} {'KB':>9} {'requests':>9} {'ms':>8}")
    for name, r in loads.items():
        print(
            f"{name:50} {r['bytes_before_first_page'] / 1000:>9.1f} "
            f"{r['requests_before_first_page']:>9} {r['ms_to_first_page']:>8.1f}"
        )
    for profile in PROFILES:
        pdfjs = loads[f"PDF.js viewer | {profile}"]
        for name in ("relais programme page", "relais embed page"):
            ours = loads[f"{name} | {profile}"]
            ratio = ours["bytes_before_first_page"] / pdfjs["bytes_before_first_page"]
            speed = pdfjs["ms_to_first_page"] / ours["ms_to_first_page"]
            print(f"{name} vs PDF.js, {profile}: {ratio:.1%} of the bytes, {speed:.1f}× faster")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="loads per viewer and profile")
    args = parser.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=WORK) as scratch:
        scratch = Path(scratch)
        renders = render_times(scratch)
        siteurl = f"http://127.0.0.1:{free_port()}"
        site = build(
            scratch / "site",
            siteurl=siteurl,
            settings={"BROCHURE_CACHE_PATH": str(scratch / "site-cache")},
        )
        if site.returncode:
            sys.stderr.write(site.stderr)
            return 1
        loads = viewer_loads(site.output, siteurl, args.runs)
    print_table(renders, loads)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"brochure-{stamp}.json"
    path.write_text(
        json.dumps({"date": stamp, "render": renders, "first_page": loads}, indent=1), "utf-8"
    )
    print(f"\n→ {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
