"""relais quality gates: offline checks run on a built site.

`python -m checks OUTPUT_DIR --siteurl URL` runs the gates (links, html, axe, feeds);
`python -m checks.lighthouse ...` runs Lighthouse. See checks/README.md.
"""

from checks.report import GateResult, Problem
from checks.site import Site

__all__ = ["GateResult", "Problem", "Site"]
