"""`pelican …` as `make` runs it (relais.pelican), in a forked child of the test process.

A build in a fresh process is what `make html` does, and what the tests must try: no state
of one build may reach the next. Starting Python and importing Pelican, the kit and its
libraries takes longer than building the demo, though. The test process imports them once;
each build then runs `pelican.main(argv)` in a child forked from it — a fresh process with
the imports done — and its exit code and output come back as a subprocess's would.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

_PRELOADED = False


def _preload() -> None:
    """What every build imports, imported once before forking (importing runs nothing)."""
    global _PRELOADED
    if not _PRELOADED:
        import relais.pelican
        import relais.settings

        for plugin in relais.settings.PLUGINS:
            __import__(plugin)
        _PRELOADED = True


def pelican(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Runs `pelican *argv` in `cwd` with the environment `env`."""
    _preload()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _child(argv, cwd, env, out.fileno(), err.fileno())
        _, status = os.waitpid(pid, 0)
        out.seek(0)
        err.seek(0)
        return subprocess.CompletedProcess(
            ["pelican", *argv],
            os.waitstatus_to_exitcode(status),
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


def _child(argv, cwd, env, out: int, err: int) -> None:
    code = 1
    try:
        os.dup2(out, 1)
        os.dup2(err, 2)
        # The test process's own streams may be pytest's captures: the child's are its files.
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        sys.argv = ["pelican", *argv]
        from relais.pelican import run

        run(argv)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:  # a crash, as the command line would print it
        import traceback

        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
