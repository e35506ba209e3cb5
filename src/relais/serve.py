"""`make serve`: build, serve on 127.0.0.1:8000, rebuild when content, theme or settings change.

Each build runs in a process of its own (a forked child of a builder that imported Pelican
and the plugins once: serve_builder.py), so a content error is printed and the server keeps
serving the last good build until the author fixes the file. Drafts (`status: draft`) are
previewed at /drafts/…/, never listed.

The port is taken before the first build (the site's addresses carry it). When 8000 is
busy (another `make serve`), the next free port is taken and said in one line; a port
asked for with `make serve PORT=8001` that is busy stops in one line naming a free one.
"""

import argparse
import errno
import functools
import queue
import re
import socket
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

from relais.plugins.core.errors import set_language, tr
from relais.serve_builder import Builds

ROOT = Path.cwd()  # the site's folder: `make serve` runs there
# How many ports after the default one are tried when it is busy.
NEXT_PORTS = 20
SITE = ["content", "site-theme", "pelicanconf.py"]
# The kit's sources, in a checkout of the kit: an edit there is installed, then built.
KIT = ["src", "plugins", "theme", "pyproject.toml"]


def install_kit() -> bool:
    """`make kit`: the kit's wheel installed again when one of its files changed."""
    done = subprocess.run(["make", "--no-print-directory", "kit"], cwd=ROOT, check=False)
    return done.returncode == 0


def pelican_arguments(output: Path, siteurl: str) -> list[str]:
    """What each build is given, as `python -m relais.pelican` would be."""
    return [
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


def build(builds: Builds) -> bool:
    ok = builds.run()
    print(
        tr("✔ site à jour", "✔ site up to date")
        if ok
        else tr(
            "✘ la construction a échoué : corrigez l’erreur ci-dessus",
            "✘ the build failed: fix the error above",
        ),
        flush=True,
    )
    return ok


def site_language(settings_file: Path = ROOT / "pelicanconf.py") -> str:
    """DEFAULT_LANG as the settings file writes it (messages before any build reads it)."""
    try:
        text = settings_file.read_text(encoding="utf-8")
    except OSError:
        return "fr"
    found = re.search(r"""^DEFAULT_LANG\s*=\s*["']([A-Za-z_-]+)["']""", text, re.MULTILINE)
    return found.group(1) if found else "fr"


def open_server(host: str, port: int, chosen: bool, output: Path) -> ThreadingHTTPServer:
    """A server bound to `port`, or to the next free one when `port` is the default and
    busy; stops in one line when none can be had."""
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(output))
    tried = [port] if chosen else range(port, port + NEXT_PORTS + 1)
    for candidate in tried:
        try:
            server = ThreadingHTTPServer((host, candidate), handler)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                _stop(
                    tr(
                        f"impossible de servir sur {host}:{candidate} ({error.strerror})",
                        f"cannot serve on {host}:{candidate} ({error.strerror})",
                    ),
                    tr(
                        "une adresse de cette machine et un port au-dessus de 1023, par exemple "
                        "make serve HOST=127.0.0.1 PORT=8000",
                        "an address of this machine and a port above 1023, for example "
                        "make serve HOST=127.0.0.1 PORT=8000",
                    ),
                )
            continue
        if candidate != port:
            print(
                tr(
                    f"ATTENTION le port {port} est déjà pris (un autre « make serve » ?) : le "
                    f"site est servi sur le port {candidate} ; make serve PORT=… en choisit un",
                    f'WARNING port {port} is already in use (another "make serve"?): the '
                    f"site is served on port {candidate}; make serve PORT=… picks one",
                ),
                flush=True,
            )
        return server
    free = next_free_port(host, port + 1)
    if chosen:
        _stop(
            tr(
                f"le port {port} est déjà pris (un autre « make serve » ?)",
                f'port {port} is already in use (another "make serve"?)',
            ),
            tr(
                f"un port libre, par exemple make serve PORT={free}",
                f"a free port, for example make serve PORT={free}",
            ),
        )
    _stop(
        tr(
            f"les ports {port} à {port + NEXT_PORTS} sont tous pris",
            f"ports {port} to {port + NEXT_PORTS} are all in use",
        ),
        tr(
            f"un port libre, par exemple make serve PORT={free}",
            f"a free port, for example make serve PORT={free}",
        ),
    )


def next_free_port(host: str, start: int) -> int:
    """The first port from `start` that nothing listens on (for the hint of a line)."""
    for candidate in range(start, start + 1000):
        with socket.socket() as sock:
            try:
                sock.bind((host, candidate))
            except OSError:
                continue
            return candidate
    return start


def _stop(problem: str, expected: str) -> None:
    sys.stderr.write(
        f"{tr('ERREUR', 'ERROR')} make serve : {problem} — {tr('attendu :', 'expected:')} "
        f"{expected}\n"
    )
    raise SystemExit(1)


def serve(server: ThreadingHTTPServer) -> None:
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    print(
        tr(
            f"Site servi sur http://{host}:{port}/ — Ctrl+C pour arrêter",
            f"Site served on http://{host}:{port}/ — Ctrl+C to stop",
        ),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    # Given by `make serve PORT=…`: that port or none (a bookmark, a firewall rule).
    parser.add_argument("--port-chosen", action="store_true")
    parser.add_argument("--output", type=Path, default=ROOT / "output")
    args = parser.parse_args()
    set_language(site_language())
    # Watching starts before the first build: a file saved while it runs is built next.
    changes = start_watching([ROOT / name for name in SITE + KIT if (ROOT / name).exists()])
    args.output.mkdir(exist_ok=True)
    server = open_server(args.host, args.port, args.port_chosen, args.output)
    siteurl = f"http://{args.host}:{server.server_address[1]}"
    builds = Builds(ROOT, pelican_arguments(args.output, siteurl))
    build(builds)
    serve(server)
    try:
        while True:
            changed = changes.get()
            while not changes.empty():  # what was saved during the last build, together
                changed |= changes.get()
            names = ", ".join(sorted({Path(path).name for _, path in changed}))
            print(tr(f"Modifié : {names} — reconstruction…", f"Changed: {names} — rebuilding…"),
                  flush=True)  # fmt: skip
            kit_changed = any(_in_kit(Path(path)) for _, path in changed)
            if kit_changed:
                builds.stop()  # the next build imports the kit again
            if kit_changed and not install_kit():
                print(
                    tr(
                        "✘ le kit ne s’installe pas : corrigez l’erreur ci-dessus",
                        "✘ the kit does not install: fix the error above",
                    ),
                    flush=True,
                )
                continue
            build(builds)
    except KeyboardInterrupt:
        pass
    finally:
        builds.stop()


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
