from pelican import signals
from pelican.plugins.relais_core import abort_on_setting, contracts

from .providers import EXAMPLE, BadAnalytics, normalise


def _check(pelican):
    try:
        pelican.settings["ANALYTICS"] = normalise(pelican.settings.get("ANALYTICS"))
    except BadAnalytics as problem:
        abort_on_setting("ANALYTICS", str(problem), str(EXAMPLE))


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {}
AFTER = {}
ADDS = {"content": [], "context": []}


def register():
    contracts.declare(__package__, NEEDS, AFTER)
    signals.initialized.connect(_check)
