"""`make serve` on a busy port: one line, never a traceback; the default port gives way to
the next free one, a port asked for with PORT= is that port or none."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from tests.sitebuild import DEMO, ROOT, copy_content, kit_environment


def site_folder(tmp_path: Path) -> Path:
    """A team's folder: content/ and pelicanconf.py (the demo's), where `make serve` runs."""
    copy_content(tmp_path / "content")
    shutil.copy(DEMO / "pelicanconf.py", tmp_path / "pelicanconf.py")
    return tmp_path


@contextmanager
def busy_port():
    """A port another program (another `make serve`) listens on."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        yield holder.getsockname()[1]


def serve_command(port: int, chosen: bool) -> list[str]:
    """What `make serve` runs (the Makefile adds --port-chosen for PORT=… given)."""
    command = [sys.executable, "-m", "relais.serve", "--port", str(port), "--output", "output"]
    return command + ["--port-chosen"] * chosen


def test_the_makefile_passes_a_chosen_port_as_such():
    def dry_run(*extra):
        done = subprocess.run(
            ["make", "-n", "--no-print-directory", "serve", *extra],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return done.stdout[done.stdout.index("relais.serve") :]

    assert "--port 8000" in dry_run() and "--port-chosen" not in dry_run()
    assert "--port 8123" in dry_run("PORT=8123") and "--port-chosen" in dry_run("PORT=8123")


def test_a_busy_chosen_port_stops_in_one_line_naming_a_free_one(tmp_path):
    site = site_folder(tmp_path)
    with busy_port() as port:
        done = subprocess.run(
            serve_command(port, chosen=True), cwd=site, env=kit_environment(),
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(
        f"ERREUR make serve : le port {port} est déjà pris (un autre « make serve » ?) — "
        "attendu : un port libre, par exemple make serve PORT="
    )
    assert "Traceback" not in done.stderr + done.stdout
    assert not any((site / "output").iterdir())  # nothing built for a port it cannot serve


def test_a_busy_default_port_gives_way_to_the_next_free_one(tmp_path):
    site = site_folder(tmp_path)
    with busy_port() as port:
        server = subprocess.Popen(
            serve_command(port, chosen=False), cwd=site, env=kit_environment(),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
        )  # fmt: skip
        try:
            first = server.stdout.readline().strip()
            taken = int(first.split("servi sur le port ")[1].split(" ")[0])
            assert first == (
                f"ATTENTION le port {port} est déjà pris (un autre « make serve » ?) : le site "
                f"est servi sur le port {taken} ; make serve PORT=… en choisit un"
            )
            assert taken != port
            home = read(f"http://127.0.0.1:{taken}/", server)
            assert f"http://127.0.0.1:{taken}/" in home  # the site's addresses carry that port
        finally:
            subprocess.run(["kill", "--", f"-{server.pid}"], check=False)
            server.wait(timeout=30)


def read(url: str, server: subprocess.Popen) -> str:
    for _ in range(600):
        assert server.poll() is None, server.stdout.read()
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.5)
    raise AssertionError("never served")
