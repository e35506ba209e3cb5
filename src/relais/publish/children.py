"""Long-running steps (build, quality gates) in their own process group.

A Ctrl-C in the terminal then reaches `make publish` alone, which stops the whole group
(Pelican's workers, Chromium, Java) itself: no orphan, and no child printing its own
traceback over the one line that says what happened.
"""

import os
import signal
import subprocess

from relais.plugins.core.errors import tr
from relais.publish.refusal import Refused


def run(command: list[str], *, capture: bool, **options) -> subprocess.CompletedProcess:
    pipe = subprocess.PIPE if capture else None
    try:
        child = subprocess.Popen(
            command, stdout=pipe, stderr=pipe, text=True, process_group=0, **options
        )
    except (FileNotFoundError, PermissionError) as error:
        raise Refused(
            tr(
                f"la commande « {command[0]} » est introuvable ou n’est pas exécutable "
                f"({error.strerror}) — attendu : les outils installés (make tools), et dans "
                "RELAIS_PUBLISH_GATE, s’il est réglé, une commande qui existe",
                f'the command "{command[0]}" is not found or not executable ({error.strerror})'
                " — expected: the tools installed (make tools), and in RELAIS_PUBLISH_GATE, "
                "when set, a command that exists",
            )
        ) from None
    with child:
        try:
            out, err = child.communicate()
        except BaseException:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            raise
    return subprocess.CompletedProcess(command, child.returncode, out, err)
