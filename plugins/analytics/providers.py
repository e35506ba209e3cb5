"""The ANALYTICS setting, checked and completed: what partials/analytics.html needs."""

from urllib.parse import urlsplit

PROVIDERS = {
    "plausible": {
        "required": ("domain",),
        "defaults": {"script": "https://plausible.io/js/script.js"},
    },
    "goatcounter": {"required": ("code",), "defaults": {}},
    "matomo": {"required": ("url", "site_id"), "defaults": {}},
}
EXAMPLE = (
    '{"provider": "plausible", "domain": "formations.example.org"}, '
    '{"provider": "goatcounter", "code": "monsite"} ou '
    '{"provider": "matomo", "url": "https://stats.example.org/", "site_id": 3}'
)


class BadAnalytics(ValueError):
    pass


def normalise(setting) -> dict | None:
    """None/{} → None (no analytics); otherwise a dict with every key the snippet uses."""
    if not setting:
        return None
    if not isinstance(setting, dict):
        raise BadAnalytics(f"{setting!r} n’est pas un dictionnaire")
    provider = str(setting.get("provider", "")).lower()
    if provider not in PROVIDERS:
        raise BadAnalytics(f"fournisseur « {provider} » inconnu ({', '.join(PROVIDERS)})")
    spec = PROVIDERS[provider]
    missing = [key for key in spec["required"] if not setting.get(key)]
    if missing:
        raise BadAnalytics(f"{provider} : il manque {', '.join(missing)}")
    done = {**spec["defaults"], **setting, "provider": provider}
    if provider == "goatcounter":
        done.setdefault("endpoint", f"https://{done['code']}.goatcounter.com/count")
        done.setdefault("script", "https://gc.zgo.at/count.js")
    if provider == "matomo":
        done["url"] = done["url"].rstrip("/") + "/"
    for key in ("script", "endpoint", "url"):
        if key in done and urlsplit(done[key]).scheme != "https":
            raise BadAnalytics(f"{key} « {done[key]} » doit commencer par https://")
    return done
