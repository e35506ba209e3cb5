"""relais quality gates: offline checks run on a built site.

`python -m relais.checks OUTPUT_DIR --siteurl URL` runs the gates (links, html, axe, feeds, search);
`python -m relais.checks.lighthouse ...` runs Lighthouse. See checks/README.md.
"""

from relais.checks.report import GateResult, Problem
from relais.checks.site import Site

__all__ = ["GateResult", "Problem", "Site"]
