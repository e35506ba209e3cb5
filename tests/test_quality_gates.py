"""The demo site passes every quality gate of `make check` (issue 3).

Runs the gates on the session's built demo site (tests/conftest.py: `built_site`, with
`.output` and `.siteurl`) exactly as `python -m relais.checks` does. A failure lists every
problem with its page, like the command line.
"""

from __future__ import annotations

import pytest

from relais.checks import Site
from relais.checks.__main__ import GATES, run_gates
from relais.checks.report import GateResult, format_result

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def gate_results(built_site) -> dict[str, GateResult]:
    site = Site(built_site.output, built_site.siteurl)
    return {result.gate: result for result in run_gates(site)}


@pytest.mark.parametrize("gate", GATES)
def test_demo_site_passes(gate_results: dict[str, GateResult], gate: str) -> None:
    result = gate_results[gate]
    assert result.ok, "\n" + format_result(result, max_problems=200, verbose=True)


def test_gates_looked_at_the_whole_site(gate_results: dict[str, GateResult], built_site) -> None:
    pages = sum(1 for _ in built_site.output.rglob("*.html"))
    assert f"in {pages} pages" in gate_results["links"].summary
    assert gate_results["html"].summary.startswith(f"{pages} files")
    # The demo has programmes, posts, events and their feeds: the gates must see them.
    assert not gate_results["feeds"].summary.startswith("0 feeds")
