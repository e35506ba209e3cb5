from pelican import signals

from relais.plugins.core import abort_on_setting, contracts
from relais.plugins.core.build import connect
from relais.plugins.core.contracts import Contract

from .providers import EXAMPLE, BadAnalytics, normalise


def _check(pelican):
    try:
        pelican.settings["ANALYTICS"] = normalise(pelican.settings.get("ANALYTICS"))
    except BadAnalytics as problem:
        abort_on_setting("ANALYTICS", str(problem), str(EXAMPLE))


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract()


def register():
    contracts.check_at_start_up()
    connect(signals.initialized, _check, __package__)
