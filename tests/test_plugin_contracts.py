"""PLUGINS in the wrong order, or without a plugin another needs, stops the build at
start-up in one line naming both plugins and the fix; nothing is written."""

import importlib
import re

import pytest
from relais_core import contracts

from relais.settings import PLUGINS
from tests.sitebuild import ROOT as KIT
from tests.sitebuild import build

KIT_PLUGINS = list(PLUGINS)
ROOT = KIT / "plugins"


def _without(*names):
    return [name for name in KIT_PLUGINS if name not in names]


def _moved_before(name, anchor):
    order = _without(name)
    order.insert(order.index(anchor), name)
    return order


def _error_lines(stderr):
    return [line for line in stderr.splitlines() if re.match(r"(ERREUR|ERROR) ", line)]


def test_brochure_before_programmes_stops_the_build_naming_both(tmp_path):
    site = build(tmp_path, settings={"PLUGINS": _moved_before("brochure", "programmes")})
    assert site.returncode != 0
    assert _error_lines(site.stderr) == [
        "ERREUR PLUGINS : « brochure » est listé avant « programmes », dont il lit le travail "
        "— placez « programmes » avant « brochure » dans PLUGINS."
    ]
    assert "Traceback" not in site.stderr
    assert not site.output.exists()


def test_a_missing_companion_stops_the_build_in_english(tmp_path):
    plugins = _without("programmes", "events", "seo_meta")
    site = build(tmp_path, settings={"PLUGINS": plugins, "DEFAULT_LANG": "en"})
    assert site.returncode != 0
    assert _error_lines(site.stderr) == [
        'ERROR PLUGINS: "brochure" needs "programmes", which PLUGINS does not list '
        '— add "programmes" before "brochure" in PLUGINS.'
    ]
    assert not site.output.exists()


def test_a_plugin_after_incremental_stops_the_build(tmp_path):
    site = build(tmp_path, settings={"PLUGINS": [*_without("robots"), "robots"]})
    assert site.returncode != 0
    assert _error_lines(site.stderr) == [
        "ERREUR PLUGINS : « robots » est listé après « incremental », qui doit être le "
        "dernier — placez « incremental » en dernier dans PLUGINS."
    ]
    assert not site.output.exists()


def _declared(name):
    """A plugin's contract as its plugin.py declares it, without registering it (that
    would connect its handlers in this test process)."""
    plugin = importlib.import_module(f"{name}.plugin")
    return contracts.Contract(name, tuple(plugin.NEEDS), tuple(plugin.AFTER), name == "incremental")


def _kit_contracts():
    # sitemap is pelican.plugins.sitemap, not a relais plugin: it declares nothing.
    return {name: _declared(name) for name in KIT_PLUGINS if (ROOT / name).is_dir()}


def test_the_kit_order_keeps_every_contract():
    assert contracts.problem(KIT_PLUGINS, _kit_contracts()) is None


def test_module_objects_and_namespace_names_are_read_as_plugin_names():
    import brochure

    known = _kit_contracts()
    assert contracts.problem(["pelican.plugins.programmes", brochure], known) is None
    assert contracts.problem([brochure, "pelican.plugins.programmes"], known) is not None


def test_a_plugin_listed_after_its_optional_companion_is_refused_too():
    known = _kit_contracts()
    assert contracts.problem(["events"], known) is None  # programmes is optional for events
    assert contracts.problem(["events", "programmes"], known) is not None


def _readme_section(name) -> dict[str, str]:
    text = (ROOT / name / "README.md").read_text(encoding="utf-8")
    section = text.split("## Needs / Adds — Besoins / Ajouts", 1)[1]
    return dict(re.findall(r"^- (\w+)[^:]*: (.*)$", section, flags=re.MULTILINE))


def _plugins_named(line: str) -> list[str]:
    return re.findall(r"(?:^|; )`(\w+)` — ", line)


def _all_named(line: str) -> list[str]:
    return re.findall(r"`(\w+)`", line)


@pytest.mark.parametrize("name", sorted(_kit_contracts()))
def test_each_readme_lists_what_its_plugin_declares(name):
    plugin = importlib.import_module(f"{name}.plugin")
    lines = _readme_section(name)
    assert _plugins_named(lines["Needs"]) == list(plugin.NEEDS)
    assert _plugins_named(lines["After"]) == list(plugin.AFTER)
    assert _all_named(lines["Adds"]) == plugin.ADDS["content"]
    assert _all_named(lines["Context"]) == plugin.ADDS["context"]
