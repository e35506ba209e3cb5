"""The ANALYTICS setting, checked and completed: what partials/analytics.html needs."""

from urllib.parse import urlsplit

from relais.plugins.core import tr, tr_later

PROVIDERS = {
    "plausible": {
        "required": ("domain",),
        "defaults": {"script": "https://plausible.io/js/script.js"},
    },
    "goatcounter": {"required": ("code",), "defaults": {}},
    "matomo": {"required": ("url", "site_id"), "defaults": {}},
}
_PLAUSIBLE = '{"provider": "plausible", "domain": "formations.example.org"}'
_GOATCOUNTER = '{"provider": "goatcounter", "code": "monsite"}'
_MATOMO = '{"provider": "matomo", "url": "https://stats.example.org/", "site_id": 3}'
EXAMPLE = tr_later(
    f"{_PLAUSIBLE}, {_GOATCOUNTER} ou {_MATOMO}", f"{_PLAUSIBLE}, {_GOATCOUNTER} or {_MATOMO}"
)


class BadAnalytics(ValueError):
    pass


def normalise(setting) -> dict | None:
    """None/{} → None (no analytics); otherwise a dict with every key the snippet uses."""
    if not setting:
        return None
    if not isinstance(setting, dict):
        raise BadAnalytics(
            tr(f"{setting!r} n’est pas un dictionnaire", f"{setting!r} is not a dictionary")
        )
    provider = str(setting.get("provider", "")).lower()
    if provider not in PROVIDERS:
        known = ", ".join(PROVIDERS)
        raise BadAnalytics(
            tr(
                f"fournisseur « {provider} » inconnu ({known})",
                f'unknown provider "{provider}" ({known})',
            )
        )
    spec = PROVIDERS[provider]
    missing = [key for key in spec["required"] if not setting.get(key)]
    if missing:
        absent = ", ".join(missing)
        raise BadAnalytics(tr(f"{provider} : il manque {absent}", f"{provider}: {absent} missing"))
    done = {**spec["defaults"], **setting, "provider": provider}
    if provider == "goatcounter":
        done.setdefault("endpoint", f"https://{done['code']}.goatcounter.com/count")
        done.setdefault("script", "https://gc.zgo.at/count.js")
    if provider == "matomo":
        done["url"] = done["url"].rstrip("/") + "/"
    for key in ("script", "endpoint", "url"):
        if key in done and urlsplit(done[key]).scheme != "https":
            raise BadAnalytics(
                tr(
                    f"{key} « {done[key]} » doit commencer par https://",
                    f'{key} "{done[key]}" must start with https://',
                )
            )
    return done
