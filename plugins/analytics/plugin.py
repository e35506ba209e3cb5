from pelican import signals
from relais_core import abort_on_setting

from .providers import EXAMPLE, BadAnalytics, normalise


def _check(pelican):
    try:
        pelican.settings["ANALYTICS"] = normalise(pelican.settings.get("ANALYTICS"))
    except BadAnalytics as problem:
        abort_on_setting("ANALYTICS", str(problem), str(EXAMPLE))


def register():
    signals.initialized.connect(_check)
