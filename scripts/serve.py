"""`make serve`: build, serve on 127.0.0.1:8000, rebuild when content, theme or settings change.

Each build runs in a fresh process, so a content error is printed and the
server keeps serving the last good build until the author fixes the file.
"""

import argparse
import functools
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

ROOT = Path(__file__).resolve().parent.parent
# The site's files and the kit's: an edit to either rebuilds.
WATCHED = ["content", "site-theme", "pelicanconf.py", "theme", "plugins", "relais"]


def build(output: Path, siteurl: str) -> bool:
    command = [
        str(Path(sys.executable).with_name("pelican")),
        "content",
        "-s",
        "pelicanconf.py",
        "-o",
        str(output),
        "-e",
        f'SITEURL="{siteurl}"',
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
    build(args.output, siteurl)
    args.output.mkdir(exist_ok=True)
    serve(args.output, args.host, args.port)
    try:
        for changes in watch(*(ROOT / name for name in WATCHED if (ROOT / name).exists())):
            names = ", ".join(sorted({Path(path).name for _, path in changes}))
            print(f"Modifié : {names} — reconstruction…", flush=True)
            build(args.output, siteurl)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
