"""What each plugin needs from the others, checked once at start-up.

Each plugin's register() calls declare(): the plugins that must be listed before it in
PLUGINS (`needs`, a missing one is an error), those that, when listed, must come before it
(`after`), whether it must be the last one (`last`), and the relais templates its pages
need (`templates`). At the `initialized` signal the
checker reads settings["PLUGINS"] and stops the build in one line naming both plugins and
the fix. register() calls it, not relais_core's own register(), so the check also runs in a
site that does not list relais_core. What each plugin adds (ADDS in its package, listed in
its README) is documentation for templates; tests compare the two.
"""

from dataclasses import dataclass
from pathlib import Path

from pelican import signals

from .errors import quoted, set_language, stop, tr


@dataclass(frozen=True)
class Contract:
    name: str
    needs: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    last: bool = False
    templates: tuple[str, ...] = ()


_contracts: dict[str, Contract] = {}
# The relais theme needs the kit's settings and plugins, which the kit's settings bring.
WITH_THE_KIT = "from relais.settings import *"


def declare(package: str, needs=(), after=(), last: bool = False, templates=()) -> None:
    """Called first in a plugin's register() with its __package__: its check runs before its
    own handlers. `templates`: the relais theme's templates its pages are written with."""
    name = plugin_name(package)
    _contracts[name] = Contract(name, tuple(needs), tuple(after), last, tuple(templates))
    # blinker keeps one connection per receiver: every plugin may ask for it.
    signals.initialized.connect(_check)
    _stop_before_writing()


def _stop_before_writing() -> None:
    """The one content-error stop (relais_core.plugin) runs whether or not relais_core is
    listed: plugins report errors and count on it."""
    from .plugin import stop_on_content_errors  # here: relais_core.plugin imports this module

    signals.get_writer.connect(stop_on_content_errors)


def plugin_name(plugin) -> str:
    """PLUGINS holds names ("relais_brochure", "pelican.plugins.relais_brochure") or module
    objects; contracts know plugins by the short one."""
    name = plugin if isinstance(plugin, str) else getattr(plugin, "__name__", str(plugin))
    return name.rsplit(".", 1)[-1]


def problem(plugins, contracts: dict[str, Contract] | None = None) -> tuple[str, str] | None:
    """(what is wrong, the fix) for the first broken contract in a PLUGINS list; `contracts`
    are those the plugins declared, unless given."""
    contracts = _contracts if contracts is None else contracts
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
    """The name to write in PLUGINS: Pelican finds the full one in every kind of install
    (an editable one too, whose plugins the short name misses)."""
    return quoted(f"pelican.plugins.{name}")


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
        contract = _contracts.get(plugin_name(plugin))
        absent = absent_templates(settings, contract.templates) if contract else []
        if absent:
            return _no_templates(contract.name, absent, settings["THEME"])
    return None


def _no_templates(name, absent, theme):
    names = ", ".join(absent)
    return (
        tr(f"{quoted(name)} écrit ses pages avec {names}, absents du thème {theme}",
           f"{quoted(name)} writes its pages with {names}, which the theme {theme} lacks"),
        tr(f"le thème relais ({WITH_THE_KIT}) ou ces gabarits dans THEME_TEMPLATES_OVERRIDES",
           f"the relais theme ({WITH_THE_KIT}), or these templates in THEME_TEMPLATES_OVERRIDES"),
    )  # fmt: skip


def _check(pelican) -> None:
    settings = pelican.settings
    set_language(settings.get("DEFAULT_LANG"))
    found = problem(settings.get("PLUGINS") or []) or missing_templates(settings)
    if found:
        what, fix = found
        stop(tr(f"PLUGINS : {what} — {fix}.", f"PLUGINS: {what} — {fix}."))
