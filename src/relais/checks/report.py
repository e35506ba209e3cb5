"""What a gate returns, and how the CLI prints it."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One failure: where it is (page path, optionally `:line`) and what is wrong."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class GateResult:
    gate: str
    summary: str = ""
    problems: list[Problem] = field(default_factory=list)
    # Observations that do not fail the gate (moderate axe findings, skipped files...).
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


def timed(gate: str, run: Callable[[], GateResult]) -> GateResult:
    """Run a gate, measure it, and turn a crash into a failure instead of a traceback
    so the other gates still report."""
    start = time.perf_counter()
    try:
        result = run()
    except Exception as exc:  # any crash is reported as a gate failure
        result = GateResult(gate, "crashed", [Problem(gate, f"{type(exc).__name__}: {exc}")])
    result.seconds = time.perf_counter() - start
    return result


def format_result(result: GateResult, max_problems: int = 50, verbose: bool = False) -> str:
    status = "ok  " if result.ok else "FAIL"
    lines = [f"  {result.gate:<6} {status}  {result.summary:<52} {result.seconds:6.2f} s"]
    for problem in result.problems[:max_problems]:
        lines.append(f"         {problem}")
    hidden = len(result.problems) - max_problems
    if hidden > 0:
        lines.append(f"         … and {hidden} more")
    notes = result.notes if verbose else result.notes[:5]
    lines.extend(f"         note: {note}" for note in notes)
    if len(result.notes) > len(notes):
        lines.append(f"         ({len(result.notes) - len(notes)} more notes with --verbose)")
    return "\n".join(lines)
