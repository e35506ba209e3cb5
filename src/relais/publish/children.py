"""Long-running steps (build, quality gates) in their own process group.

A Ctrl-C in the terminal then reaches `make publish` alone, which stops the whole group
(Pelican's workers, Chromium, Java) itself: no orphan, and no child printing its own
traceback over the one line that says what happened.
"""

import os
import signal
import subprocess


def run(command: list[str], *, capture: bool, **options) -> subprocess.CompletedProcess:
    pipe = subprocess.PIPE if capture else None
    with subprocess.Popen(
        command, stdout=pipe, stderr=pipe, text=True, process_group=0, **options
    ) as child:
        try:
            out, err = child.communicate()
        except BaseException:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            raise
    return subprocess.CompletedProcess(command, child.returncode, out, err)
