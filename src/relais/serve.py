"""`make serve`: build, serve on 127.0.0.1:8000, rebuild when content, theme or settings change.

Each build is a process of its own, so a content error is printed and the server keeps
serving the last good build until the author fixes the file. It is not started from
scratch: a builder process imports Python, Pelican, the kit's plugins and the site's
language data once, then forks a copy of itself for each build (`Builder`), which runs
exactly what `pelican content -s pelicanconf.py …` runs. A rebuild thus skips the
half-second of imports a fresh `pelican` pays, and gives the same files as a build from
scratch (tests/test_warm_rebuilds.py). After a change to the kit itself (a checkout of the
kit: src/, plugins/, theme/), the kit is installed again and a new builder started.
Drafts (`status: draft`) are previewed at /drafts/…/, never listed.

`RELAIS_SERVE_FRESH=1` starts a fresh `pelican` process for every build instead (what
`make serve` did before; `bench/serve_bench.py` compares both).
"""

import argparse
import contextlib
import functools
import json
import os
import signal
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


def pelican_arguments(output: Path, siteurl: str) -> list[str]:
    """What `pelican` is given, as a command or by the builder."""
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


class Builder:
    """A process that has imported what every build needs and forks a child per build.

    Requests go to its stdin (one JSON list of `pelican` arguments a line), answers come
    back on a pipe of their own (the exit status of the build, a line each); the builds
    print on the terminal as `pelican` would. It lives in a process group of its own, so
    that stopping `make serve` stops it and a build under way with it.
    """

    def __init__(self):
        read, write = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "relais.serve", "--builder", str(write)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            pass_fds=(write,),
            text=True,
            start_new_session=True,
        )
        os.close(write)
        self.answers = os.fdopen(read, "r", encoding="utf-8")

    def build(self, arguments: list[str]) -> int | None:
        """The build's exit status; None when the builder is gone."""
        try:
            self.process.stdin.write(json.dumps(arguments) + "\n")
            self.process.stdin.flush()
            answer = self.answers.readline()
        except (BrokenPipeError, OSError):
            return None
        return int(answer) if answer.strip() else None

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)
        self.answers.close()


class Builds:
    """Runs each build: in a child of the builder, or a fresh `pelican` process."""

    def __init__(self, output: Path, siteurl: str, fresh: bool):
        self.arguments = pelican_arguments(output, siteurl)
        self.fresh = fresh
        self.builder: Builder | None = None

    def run(self) -> bool:
        code = None
        if not self.fresh:
            self.builder = self.builder or Builder()
            code = self.builder.build(self.arguments)
            if code is None:  # the builder died: the next build starts another one
                self.builder.stop()
                self.builder = None
        if code is None:
            pelican = str(Path(sys.executable).with_name("pelican"))
            code = subprocess.run([pelican, *self.arguments], cwd=ROOT, check=False).returncode
        ok = code == 0
        print(
            "✔ site à jour" if ok else "✘ la construction a échoué : corrigez l’erreur ci-dessus",
            flush=True,
        )
        return ok

    def restart(self) -> None:
        """After the kit was installed again: the next build imports it afresh."""
        self.stop()

    def stop(self) -> None:
        if self.builder is not None:
            self.builder.stop()
            self.builder = None


def builder_main(answers_fd: int) -> None:
    """The builder process: imports once, then one forked child per request."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # `make serve` stops it (SIGTERM)
    answers = os.fdopen(answers_fd, "w", encoding="utf-8")
    _prepare()
    child = 0

    def stop(_signum, _frame):
        if child:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGTERM)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    for line in sys.stdin:
        arguments = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        child = os.fork()
        if child == 0:  # pragma: no cover - the child, measured by its exit status
            _run_build(arguments)
        _, status = os.waitpid(child, 0)
        child = 0
        answers.write(f"{os.waitstatus_to_exitcode(status)}\n")
        answers.flush()


def _prepare() -> None:
    """What every build imports and reads first: Pelican, the site's plugins (as its
    settings list them now; a build imports any other itself) and the language data of
    its dates. Nothing that depends on content: each build reads that itself."""
    import importlib

    from pelican import generators, readers, writers  # what every build runs
    from pelican.settings import read_settings

    del generators, readers, writers

    try:
        settings = read_settings("pelicanconf.py")
        for plugin in settings.get("PLUGINS") or []:
            importlib.import_module(plugin if isinstance(plugin, str) else plugin.__name__)
        from babel import Locale

        locale = Locale.parse(settings.get("DEFAULT_LANG") or "fr")
        locale.date_formats, locale.datetime_formats  # noqa: B018 - loads them
    except Exception:  # a broken site: each build says what is wrong
        pass


def _run_build(arguments: list[str]) -> None:
    """In the forked child: `pelican <arguments>`, then exit with its status."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    code = 1
    try:
        from pelican import main

        main(arguments)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # printed as pelican would, then a failed build
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


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
    parser.add_argument("--builder", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.builder is not None:
        builder_main(args.builder)
        return
    siteurl = f"http://{args.host}:{args.port}"
    fresh = os.environ.get("RELAIS_SERVE_FRESH") == "1" or not hasattr(os, "fork")
    builds = Builds(args.output, siteurl, fresh)
    try:
        builds.run()
        args.output.mkdir(exist_ok=True)
        serve(args.output, args.host, args.port)
        watched = [ROOT / name for name in SITE + KIT if (ROOT / name).exists()]
        for changes in watch(*watched):
            names = ", ".join(sorted({Path(path).name for _, path in changes}))
            print(f"Modifié : {names} — reconstruction…", flush=True)
            if any(_in_kit(Path(path)) for _, path in changes):
                builds.restart()
                if not install_kit():
                    print("✘ le kit ne s’installe pas : corrigez l’erreur ci-dessus", flush=True)
                    continue
            builds.run()
    except KeyboardInterrupt:
        pass
    finally:
        builds.stop()


def _in_kit(path: Path) -> bool:
    return any(path.is_relative_to(ROOT / name) for name in KIT)


if __name__ == "__main__":
    main()
