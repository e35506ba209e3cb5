"""What each plugin needs from the others: declared once, checked once at start-up.

Each plugin declares a `CONTRACT` in its package: the plugins that must be listed before
it in PLUGINS (`needs`, a missing one is an error), those that, when listed, must come
before it (`after`), whether it must be the last one (`last`), and the relais templates its
pages need (`templates`). Its README's "Needs" section is that declaration in words
(tests/test_plugin_contracts.py compares them). At the `initialized` signal, once
settings["PLUGINS"] is final, the checker reads the listed plugins' contracts and stops the
build in one line naming both plugins and the fix. Each plugin's register() connects the
check, so it also runs in a site that does not list the core plugin; it is also where each
build starts (core.build) and its settings are checked (settings_check.py).
"""

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals

from . import build, settings_check
from .errors import quoted, stop, tr

PACKAGE = "relais.plugins"


@dataclass(frozen=True)
class Contract:
    """What a plugin needs of the others (short names: "programmes")."""

    # Listed before this one, or the build stops; each with why, for the README.
    needs: Mapping[str, str] = field(default_factory=dict)
    # Listed before this one when listed at all.
    after: Mapping[str, str] = field(default_factory=dict)
    last: bool = False
    templates: tuple[str, ...] = ()


# The relais theme needs the kit's settings and plugins, which the kit's settings bring.
WITH_THE_KIT = "from relais.settings import *"


def check_at_start_up() -> None:
    """Called by each plugin's register(): the contracts are checked, and content errors
    stop the build, whether or not the core plugin is listed (blinker keeps one connection
    per receiver)."""
    from .plugin import stop_on_content_errors  # here: core.plugin imports this module

    # Not gated (core.build.connect): each build starts here.
    signals.initialized.connect(_start)
    signals.get_writer.connect(stop_on_content_errors)


def contract_of(plugin) -> Contract | None:
    """The contract a listed relais plugin declares (a name or a module); None for others."""
    module = plugin
    if isinstance(plugin, str):
        if not plugin.startswith(f"{PACKAGE}."):
            return None
        module = importlib.import_module(plugin)
    return getattr(module, "CONTRACT", None)


def plugin_name(plugin) -> str:
    """PLUGINS holds names ("relais.plugins.brochure", "pelican.plugins.sitemap") or module
    objects; contracts know plugins by the last part of the name."""
    name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", str(plugin))
    return name.rsplit(".", 1)[-1]


def problem(plugins) -> tuple[str, str] | None:
    """(what is wrong, the fix) for the first broken contract in a PLUGINS list."""
    contracts = {plugin_name(plugin): contract_of(plugin) for plugin in plugins}
    order = [plugin_name(plugin) for plugin in plugins]
    position = {name: index for index, name in reversed(list(enumerate(order)))}
    for name in order:
        contract = contracts.get(name)
        if contract is None:
            continue
        for needed in contract.needs:
            if needed not in position:
                return _missing(name, needed)
        for needed in (*contract.needs, *contract.after):
            if position.get(needed, -1) > position[name]:
                return _misplaced(name, needed)
        # Last of all, third-party plugins included: it records what every other one wrote.
        if contract.last and position[name] < len(order) - 1:
            return _not_last(name, order[position[name] + 1])
    return None


def _full(name: str) -> str:
    """The name to write in PLUGINS."""
    return quoted(f"{PACKAGE}.{name}")


def _missing(name, needed):
    return (
        tr(f"{quoted(name)} a besoin de {quoted(needed)}, absent de PLUGINS",
           f"{quoted(name)} needs {quoted(needed)}, which PLUGINS does not list"),
        tr(f"ajoutez {_full(needed)} avant {quoted(name)} dans PLUGINS",
           f"add {_full(needed)} before {quoted(name)} in PLUGINS"),
    )  # fmt: skip


def _misplaced(name, needed):
    return (
        tr(f"{quoted(name)} est listé avant {quoted(needed)}, dont il lit le travail",
           f"{quoted(name)} is listed before {quoted(needed)}, whose work it reads"),
        tr(f"placez {quoted(needed)} avant {quoted(name)} dans PLUGINS",
           f"put {quoted(needed)} before {quoted(name)} in PLUGINS"),
    )  # fmt: skip


def _not_last(name, later):
    return (
        tr(f"{quoted(later)} est listé après {quoted(name)}, qui doit être le dernier",
           f"{quoted(later)} is listed after {quoted(name)}, which must be the last one"),
        tr(f"placez {quoted(name)} en dernier dans PLUGINS",
           f"put {quoted(name)} last in PLUGINS"),
    )  # fmt: skip


def absent_templates(settings, templates) -> list[str]:
    """Those of `templates` ("event" → event.html) neither the theme nor its overrides have."""
    folders = [*settings.get("THEME_TEMPLATES_OVERRIDES", []), Path(settings["THEME"], "templates")]
    return [
        f"{template}.html"
        for template in templates
        if not any(Path(folder, f"{template}.html").is_file() for folder in folders)
    ]


def missing_templates(settings) -> tuple[str, str] | None:
    """A plugin whose pages need relais templates, in a theme without them (Pelican's
    default theme): one line at start-up rather than Pelican's traceback mid-build."""
    for plugin in settings.get("PLUGINS") or []:
        contract = contract_of(plugin)
        absent = absent_templates(settings, contract.templates) if contract else []
        if absent:
            return _no_templates(plugin_name(plugin), absent, settings["THEME"])
    return None


def _no_templates(name, absent, theme):
    names = ", ".join(absent)
    return (
        tr(f"{quoted(name)} écrit ses pages avec {names}, absents du thème {theme}",
           f"{quoted(name)} writes its pages with {names}, which the theme {theme} lacks"),
        tr(f"le thème relais ({WITH_THE_KIT}) ou ces gabarits dans THEME_TEMPLATES_OVERRIDES",
           f"the relais theme ({WITH_THE_KIT}), or these templates in THEME_TEMPLATES_OVERRIDES"),
    )  # fmt: skip


def _start(pelican) -> None:
    """`initialized`: the build starts (core.build), with its settings checked, then the
    plugins' contracts."""
    settings = pelican.settings
    if not build.start(settings).plugins:
        return  # a build of this process that lists no relais plugin
    settings_check.check(settings)
    found = problem(settings.get("PLUGINS") or []) or missing_templates(settings)
    if found:
        what, fix = found
        stop(tr(f"PLUGINS : {what} — {fix}.", f"PLUGINS: {what} — {fix}."))


def described(contract: Contract) -> str:
    """The README's "Needs" section, as it follows from the contract (the tests compare)."""

    def companions(named: Mapping[str, str]) -> str:
        return "; ".join(f"`{PACKAGE}.{name}` — {why}" for name, why in named.items()) or (
            "none / aucun"
        )

    templates = ", ".join(f"`{name}.html`" for name in contract.templates)
    lines = [
        "Declared once, as `CONTRACT` in `plugin.py`, and checked at start-up: a missing or "
        "misplaced companion stops the build in one line naming both plugins and the fix. / "
        "Déclarés une fois (`CONTRACT`, `plugin.py`) et vérifiés au démarrage : un plugin "
        "absent ou mal placé arrête la construction en une ligne qui nomme les deux et la "
        "correction.",
        "",
        f"- Listed before it / Listés avant lui : {companions(contract.needs)}",
        f"- Before it, when listed / Avant lui, s’ils sont listés : {companions(contract.after)}",
        f"- Last of all / Le dernier de tous : {'yes / oui' if contract.last else 'no / non'}",
        "- Relais templates / Gabarits relais : " + (templates or "none / aucun"),
    ]
    return "\n".join(lines)
