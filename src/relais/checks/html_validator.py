"""HTML gate: the Nu HTML Checker (vnu.jar from npm's vnu-jar) must report zero errors.

One JVM run over the whole output folder (JVM start-up dominates the cost). Warnings
are not errors: vnu's "section lacks heading"-style warnings are advice, not validity.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from relais.checks import tools
from relais.checks.report import GateResult, Problem
from relais.checks.site import Site

# -Xss: vnu's schema evaluation recurses deeply and overflows the default stack on real
# pages. C1-only JIT + serial GC: start-up dominates a site-sized run, and these make it
# 2-3x faster on a 2-core machine (measured: 3.2 s -> 1.2 s on a small site).
JVM_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
TIMEOUT_SECONDS = 900


def vnu_command(target: Path) -> list[str]:
    jar = tools.require(tools.VNU_JAR, "vnu.jar (npm vnu-jar)")
    return [
        tools.JAVA,
        *JVM_OPTIONS,
        "-jar",
        str(jar),
        "--errors-only",
        "--skip-non-html",
        "--format",
        "json",
        str(target),
    ]


def run(site: Site) -> GateResult:
    count = len(site.html_files)
    if not count:
        return GateResult("html", "no HTML files", [Problem(str(site.output), "no *.html")])
    try:
        completed = subprocess.run(
            vnu_command(site.output),
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        return _broken(f"{tools.JAVA} not found: run `make tools`")
    problems = parse_report(completed.stderr, site.output)
    if problems is None:  # not JSON: vnu itself failed (stack overflow, bad option...)
        detail = (completed.stderr or completed.stdout).strip().splitlines()[:5]
        return _broken(f"vnu exited {completed.returncode}: " + " / ".join(detail))
    if completed.returncode not in (0, 1) or (completed.returncode == 1 and not problems):
        return _broken(f"vnu exited {completed.returncode} without reporting errors")
    summary = f"{count} files, {len(problems)} errors (Nu checker, errors only)"
    return GateResult("html", summary, problems)


def _broken(message: str) -> GateResult:
    return GateResult("html", "checker did not run", [Problem("vnu", message)])


def parse_report(stderr: str, output: Path) -> list[Problem] | None:
    """vnu's --format json report (written to stderr) as problems; None if not JSON."""
    try:
        report = json.loads(stderr)
    except json.JSONDecodeError:
        return None
    problems = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        where = _relative(message.get("url", ""), output)
        if message.get("lastLine"):
            where += f":{message['lastLine']}"
        text = message.get("message", "").strip()
        extract = (message.get("extract") or "").replace("\n", " ").strip()
        if extract:
            text += f" [near: {extract}]"
        problems.append(Problem(where, text))
    return problems


def _relative(url: str, output: Path) -> str:
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
    try:
        return path.resolve().relative_to(output).as_posix()
    except ValueError:
        return url or "vnu"
