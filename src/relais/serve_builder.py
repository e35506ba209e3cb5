"""The builds of `make serve`: each in a forked child of a process that imported once.

A builder process imports Python, Pelican, the kit's plugins and the site's language data
once, then forks a copy of itself for each build, which runs exactly what
`python -m relais.pelican content -s pelicanconf.py …` runs. A rebuild thus skips the
half-second of imports a fresh process pays, and gives the same files as a build from
scratch (tests/test_warm_rebuilds.py). After a change to the kit itself, `make serve`
starts a new builder, which imports the kit again.

`RELAIS_SERVE_FRESH=1` runs a fresh process for every build instead (bench/serve_bench.py
compares both); so does a system without fork().
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path


class Builder:
    """A builder process. Requests go to its stdin (one JSON list of arguments a line),
    answers come back on a pipe of their own (a build's exit status, a line each); builds
    print on the terminal as `pelican` would. It lives in a process group of its own, so
    that stopping `make serve` stops it and a build under way with it."""

    def __init__(self, cwd: Path):
        read, write = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "relais.serve_builder", str(write)],
            cwd=cwd,
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
    """Runs each build of `make serve`: in a child of the builder, or a fresh process."""

    def __init__(self, cwd: Path, arguments: list[str]):
        self.cwd, self.arguments = cwd, arguments
        self.fresh = os.environ.get("RELAIS_SERVE_FRESH") == "1" or not hasattr(os, "fork")
        self.builder: Builder | None = None

    def run(self) -> bool:
        code = None
        if not self.fresh:
            self.builder = self.builder or Builder(self.cwd)
            code = self.builder.build(self.arguments)
            if code is None:  # the builder died: the next build starts another one
                self.stop()
        if code is None:
            command = [sys.executable, "-m", "relais.pelican", *self.arguments]
            code = subprocess.run(command, cwd=self.cwd, check=False).returncode
        return code == 0

    def stop(self) -> None:
        """Also after the kit was installed again: the next build imports it afresh."""
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
        if child == 0:
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

    import relais.pelican  # noqa: F401 - the command each build runs

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
    """In the forked child: `python -m relais.pelican <arguments>`, then exit with its
    status."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    code = 1
    try:
        from relais.pelican import run

        run(arguments)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # printed as Python would, then a failed build
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


if __name__ == "__main__":
    builder_main(int(sys.argv[1]))
