"""`make serve`: build, serve on 127.0.0.1:8000, rebuild when content, theme or settings change.

Each build runs in a fresh process, so a content error is printed and the
server keeps serving the last good build until the author fixes the file. Drafts
(`status: draft`) are previewed at /drafts/…/, never listed.
"""

import argparse
import functools
import queue
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

ROOT = Path.cwd()  # the site's folder: `make serve` runs there
SITE = ["content", "site-theme", "pelicanconf.py"]
# The kit's sources, in a checkout of the kit: an edit there is installed, then built.
KIT = ["src", "plugins", "theme", "pyproject.toml"]


def install_kit() -> bool:
    """`make kit`: the kit's wheel installed again when one of its files changed."""
    done = subprocess.run(["make", "--no-print-directory", "kit"], cwd=ROOT, check=False)
    return done.returncode == 0


def build(output: Path, siteurl: str) -> bool:
    command = [
        sys.executable,
        "-m",
        "relais.pelican",
        "content",
        "-s",
        "pelicanconf.py",
        "-o",
        str(output),
        "-e",
        f'SITEURL="{siteurl}"',
        # Drafts are previewed here, under drafts/ with a banner; `make html` never writes them.
        "DRAFTS_PREVIEW=true",
    ]
    ok = subprocess.run(command, cwd=ROOT, check=False).returncode == 0
    print(
        "✔ site à jour" if ok else "✘ la construction a échoué : corrigez l’erreur ci-dessus",
        flush=True,
    )
    return ok


def serve(output: Path, host: str, port: int) -> None:
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(output))
    server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Site servi sur http://{host}:{port}/ — Ctrl+C pour arrêter", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", type=Path, default=ROOT / "output")
    args = parser.parse_args()
    siteurl = f"http://{args.host}:{args.port}"
    # Watching starts before the first build: a file saved while it runs is built next.
    changes = start_watching([ROOT / name for name in SITE + KIT if (ROOT / name).exists()])
    build(args.output, siteurl)
    args.output.mkdir(exist_ok=True)
    serve(args.output, args.host, args.port)
    try:
        while True:
            changed = changes.get()
            while not changes.empty():  # what was saved during the last build, together
                changed |= changes.get()
            names = ", ".join(sorted({Path(path).name for _, path in changed}))
            print(f"Modifié : {names} — reconstruction…", flush=True)
            if any(_in_kit(Path(path)) for _, path in changed) and not install_kit():
                print("✘ le kit ne s’installe pas : corrigez l’erreur ci-dessus", flush=True)
                continue
            build(args.output, siteurl)
    except KeyboardInterrupt:
        pass


def start_watching(paths: list[Path]) -> queue.Queue:
    """A thread that puts each batch of changes under `paths` in the returned queue, once it
    is watching (watchfiles yields an empty batch as soon as its watcher is up)."""
    changes: queue.Queue = queue.Queue()
    watching = threading.Event()

    def watch_forever():
        for batch in watch(*paths, yield_on_timeout=True, rust_timeout=200):
            watching.set()
            if batch:
                changes.put(set(batch))

    threading.Thread(target=watch_forever, daemon=True).start()
    watching.wait(timeout=10)
    return changes


def _in_kit(path: Path) -> bool:
    return any(path.is_relative_to(ROOT / name) for name in KIT)


if __name__ == "__main__":
    main()
