"""PLUGINS in the wrong order, or without a plugin another needs, stops the build at
start-up in one line naming both plugins and the fix; nothing is written."""

import importlib
import re

import pytest
from pelican.plugins.relais_core import contracts

from relais.settings import PLUGINS
from tests.sitebuild import ROOT as KIT
from tests.sitebuild import build

KIT_PLUGINS = list(PLUGINS)  # full names: "pelican.plugins.relais_brochure"
ROOT = KIT / "plugins"


def _short(plugin: str) -> str:
    return contracts.plugin_name(plugin)


def _without(*names):
    return [plugin for plugin in KIT_PLUGINS if _short(plugin) not in names]


def _moved_before(name, anchor):
    order = _without(name)
    order.insert(order.index(f"pelican.plugins.{anchor}"), f"pelican.plugins.{name}")
    return order


def _error_lines(stderr):
    return [line for line in stderr.splitlines() if re.match(r"(ERREUR|ERROR) ", line)]


def test_brochure_before_programmes_stops_the_build_naming_both(tmp_path):
    site = build(
        tmp_path, settings={"PLUGINS": _moved_before("relais_brochure", "relais_programmes")}
    )
    assert site.returncode != 0
    assert _error_lines(site.stderr) == [
        "ERREUR PLUGINS : « relais_brochure » est listé avant « relais_programmes », dont il "
        "lit le travail — placez « relais_programmes » avant « relais_brochure » dans PLUGINS."
    ]
    assert "Traceback" not in site.stderr
    assert not site.output.exists()


def test_a_missing_companion_stops_the_build_in_english(tmp_path):
    plugins = _without("relais_programmes", "relais_events", "relais_seo_meta")
    site = build(tmp_path, settings={"PLUGINS": plugins, "DEFAULT_LANG": "en"})
    assert site.returncode != 0
    assert _error_lines(site.stderr) == [
        'ERROR PLUGINS: "relais_brochure" needs "relais_programmes", which PLUGINS does not '
        'list — add "pelican.plugins.relais_programmes" before "relais_brochure" in PLUGINS.'
    ]
    assert not site.output.exists()


def test_a_plugin_after_incremental_stops_the_build(tmp_path):
    plugins = [*_without("relais_robots"), "pelican.plugins.relais_robots"]
    site = build(tmp_path, settings={"PLUGINS": plugins})
    assert site.returncode != 0
    assert _error_lines(site.stderr) == [
        "ERREUR PLUGINS : « relais_robots » est listé après « relais_incremental », qui doit "
        "être le dernier — placez « relais_incremental » en dernier dans PLUGINS."
    ]
    assert not site.output.exists()


def _declared(name):
    """A plugin's contract as its plugin.py declares it, without registering it (that
    would connect its handlers in this test process)."""
    plugin = importlib.import_module(f"pelican.plugins.{name}.plugin")
    last = name == "relais_incremental"
    return contracts.Contract(name, tuple(plugin.NEEDS), tuple(plugin.AFTER), last)


def _kit_contracts():
    return {name: _declared(name) for name in map(_short, KIT_PLUGINS)}


def test_the_kit_order_keeps_every_contract():
    assert contracts.problem(KIT_PLUGINS, _kit_contracts()) is None


def test_module_objects_and_namespace_names_are_read_as_plugin_names():
    from pelican.plugins import relais_brochure as brochure

    known = _kit_contracts()
    assert contracts.problem(["pelican.plugins.relais_programmes", brochure], known) is None
    assert contracts.problem([brochure, "relais_programmes"], known) is not None


def test_a_plugin_listed_after_its_optional_companion_is_refused_too():
    known = _kit_contracts()
    assert contracts.problem(["relais_events"], known) is None  # programmes is optional for events
    assert contracts.problem(["relais_events", "relais_programmes"], known) is not None


def _readme_section(name) -> dict[str, str]:
    text = (ROOT / name.removeprefix("relais_") / "README.md").read_text(encoding="utf-8")
    section = text.split("## Needs / Adds — Besoins / Ajouts", 1)[1]
    return dict(re.findall(r"^- (\w+)[^:]*: (.*)$", section, flags=re.MULTILINE))


def _plugins_named(line: str) -> list[str]:
    return re.findall(r"(?:^|; )`(\w+)` — ", line)


def _all_named(line: str) -> list[str]:
    return re.findall(r"`(\w+)`", line)


@pytest.mark.parametrize("name", sorted(_kit_contracts()))
def test_each_readme_lists_what_its_plugin_declares(name):
    plugin = importlib.import_module(f"pelican.plugins.{name}.plugin")
    lines = _readme_section(name)
    assert _plugins_named(lines["Needs"]) == list(plugin.NEEDS)
    assert _plugins_named(lines["After"]) == list(plugin.AFTER)
    assert _all_named(lines["Adds"]) == plugin.ADDS["content"]
    assert _all_named(lines["Context"]) == plugin.ADDS["context"]


def test_incremental_comes_after_third_party_plugins_too():
    """It records what every plugin wrote: one listed after it, even not a relais one, would
    write behind its back."""
    known = _kit_contracts()
    what, fix = contracts.problem(["relais_incremental", "pelican.plugins.sitemap"], known)
    assert "« sitemap »" in what
    assert "relais_incremental" in fix
    assert contracts.problem(["pelican.plugins.sitemap", "relais_incremental"], known) is None
