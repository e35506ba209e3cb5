"""WebSub: tells the hub which feeds changed, after the site is deployed.

    python -m relais.plugins.feeds.websub output/ --settings publishconf.py

One POST hub.mode=publish&hub.url=<feed> per feed whose bytes changed since the
last successful ping (hashes kept in CACHE_PATH/websub.json). Offline, the hub
unreachable: a clear message and exit 0 — subscribers still poll the feeds.
"""

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from relais.plugins.core import tr
from relais.plugins.core.errors import set_language

from .config import DEFAULTS

FEED_PATTERNS = [
    key for key in DEFAULTS if key.startswith("FEEDS_") and key.endswith(("_ATOM", "_RSS"))
]
TIMEOUT = 10


@dataclass
class Outcome:
    pinged: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    offline: str = ""
    lines: list[str] = field(default_factory=list)


def feeds_in(output: Path, settings) -> dict[str, Path]:
    """Absolute feed URL → built file, for every feed pattern of the settings."""
    siteurl = settings["SITEURL"].rstrip("/")
    found = {}
    for key in FEED_PATTERNS:
        pattern = settings.get(key) or DEFAULTS[key]
        glob = pattern.replace("{slug}", "*").replace("{network}", "*")
        for path in sorted(output.glob(glob)):
            relative = path.relative_to(output).as_posix()
            found[f"{siteurl}/{relative}"] = path
    return found


def ping(output: Path, settings, state_path: Path | None = None, everything=False) -> Outcome:
    outcome = Outcome()
    hub = settings.get("FEEDS_WEBSUB_HUB") or ""
    if not hub:
        outcome.lines.append(
            tr(
                "WebSub : aucun hub (FEEDS_WEBSUB_HUB est vide), rien à notifier.",
                "WebSub: no hub (FEEDS_WEBSUB_HUB is empty), nothing to notify.",
            )
        )
        return outcome
    state = _load(state_path)
    for url, path in feeds_in(Path(output), settings).items():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if not everything and state.get(url) == digest:
            outcome.unchanged.append(url)
            continue
        try:
            _post(hub, url)
        except HTTPError as refusal:
            outcome.refused.append(url)
            outcome.lines.append(
                tr(
                    f"WebSub : le hub a refusé {url} (HTTP {refusal.code}).",
                    f"WebSub: the hub refused {url} (HTTP {refusal.code}).",
                )
            )
            continue
        except (URLError, OSError) as failure:
            reason = getattr(failure, "reason", failure)
            outcome.offline = str(reason)
            outcome.lines.append(
                tr(
                    f"WebSub : le hub {hub} est injoignable ({reason}) — notification ignorée ; "
                    "les abonnés liront les flux à leur prochaine visite.",
                    f"WebSub: the hub {hub} cannot be reached ({reason}) — notification "
                    "skipped; subscribers will read the feeds on their next visit.",
                )
            )
            break
        state[url] = digest
        outcome.pinged.append(url)
    _save(state_path, state)
    pinged, unchanged, refused = (len(outcome.pinged), len(outcome.unchanged), len(outcome.refused))
    outcome.lines.append(
        tr(
            f"WebSub : {pinged} flux notifié(s) à {hub}, {unchanged} inchangé(s), "
            f"{refused} refusé(s).",
            f"WebSub: {pinged} feed(s) notified to {hub}, {unchanged} unchanged, "
            f"{refused} refused.",
        )
    )
    return outcome


def _post(hub: str, url: str) -> None:
    body = urlencode({"hub.mode": "publish", "hub.url": url}).encode()
    request = Request(hub, data=body, method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urlopen(request, timeout=TIMEOUT) as response:
        response.read()


def _load(path: Path | None) -> dict:
    if path is None or not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}  # a damaged state only costs a ping of every feed


def _save(path: Path | None, state: dict) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m relais.plugins.feeds.websub",
        description="Notifie le hub WebSub des flux modifiés.",
    )
    parser.add_argument("output", type=Path, help="dossier du site construit, p. ex. output/")
    parser.add_argument("--settings", default="publishconf.py", help="fichier de réglages")
    parser.add_argument("--state", type=Path, help="fichier des empreintes déjà notifiées")
    parser.add_argument("--all", action="store_true", help="notifier tous les flux")
    options = parser.parse_args(argv)
    from pelican.settings import get_settings_from_file

    # Only the file's own values: no content folder is needed to ping.
    settings = {**DEFAULTS, **get_settings_from_file(options.settings)}
    set_language(settings.get("DEFAULT_LANG"))
    if not options.output.is_dir():
        print(
            tr(
                f"WebSub : le dossier {options.output} n’existe pas (construire le site d’abord).",
                f"WebSub: the folder {options.output} does not exist (build the site first).",
            )
        )
        return 2
    state = options.state or Path(settings.get("CACHE_PATH") or "cache") / "websub.json"
    outcome = ping(options.output, settings, state, everything=options.all)
    print("\n".join(outcome.lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
