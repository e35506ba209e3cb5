"""PLUGINS in the wrong order, or without a plugin another needs, stops the build at
start-up in one line naming both plugins and the fix; nothing is written."""

import importlib
import re

import pytest

from relais.plugins.core import contracts
from relais.settings import PLUGINS
from tests.sitebuild import ROOT as KIT
from tests.sitebuild import build

KIT_PLUGINS = list(PLUGINS)  # full names: "relais.plugins.brochure"
ROOT = KIT / "plugins"


def _short(plugin: str) -> str:
    return contracts.plugin_name(plugin)


def _without(*names):
    return [plugin for plugin in KIT_PLUGINS if _short(plugin) not in names]


def _moved_before(name, anchor):
    order = _without(name)
    order.insert(order.index(f"relais.plugins.{anchor}"), f"relais.plugins.{name}")
    return order


def _error_lines(stderr):
    return [line for line in stderr.splitlines() if re.match(r"(ERREUR|ERROR) ", line)]


def test_brochure_before_programmes_stops_the_build_naming_both(tmp_path):
    site = build(tmp_path, settings={"PLUGINS": _moved_before("brochure", "programmes")})
    assert site.returncode != 0
    assert _error_lines(site.stderr) == [
        "ERREUR PLUGINS : « brochure » est listé avant « programmes », dont il "
        "lit le travail — placez « programmes » avant « brochure » dans PLUGINS."
    ]
    assert "Traceback" not in site.stderr
    assert not site.output.exists()


def test_a_missing_companion_stops_the_build_in_english(tmp_path):
    plugins = _without("programmes", "events", "seo_meta")
    site = build(tmp_path, settings={"PLUGINS": plugins, "DEFAULT_LANG": "en"})
    assert site.returncode != 0
    assert _error_lines(site.stderr) == [
        'ERROR PLUGINS: "brochure" needs "programmes", which PLUGINS does not '
        'list — add "relais.plugins.programmes" before "brochure" in PLUGINS.'
    ]
    assert not site.output.exists()


def test_a_plugin_after_incremental_stops_the_build(tmp_path):
    plugins = [*_without("robots"), "relais.plugins.robots"]
    site = build(tmp_path, settings={"PLUGINS": plugins})
    assert site.returncode != 0
    assert _error_lines(site.stderr) == [
        "ERREUR PLUGINS : « robots » est listé après « incremental », qui doit "
        "être le dernier — placez « incremental » en dernier dans PLUGINS."
    ]
    assert not site.output.exists()


def test_the_kit_order_keeps_every_contract():
    assert contracts.problem(KIT_PLUGINS) is None


def test_module_objects_and_full_names_are_read_as_plugin_names():
    from relais.plugins import brochure

    assert contracts.problem(["relais.plugins.programmes", brochure]) is None
    assert contracts.problem([brochure, "relais.plugins.programmes"]) is not None


def test_a_plugin_listed_after_its_optional_companion_is_refused_too():
    assert contracts.problem(["relais.plugins.events"]) is None  # programmes is optional
    assert contracts.problem(["relais.plugins.events", "relais.plugins.programmes"]) is not None


@pytest.mark.parametrize("name", sorted(path.parent.name for path in ROOT.glob("*/README.md")))
def test_each_readme_says_what_its_plugin_declares(name):
    """The Needs section follows from CONTRACT: declared once, told in words."""
    contract = importlib.import_module(f"relais.plugins.{name}").CONTRACT
    readme = (ROOT / name / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Needs — Besoins\n\n", 1)[1]
    assert section.startswith(contracts.described(contract) + "\n"), contracts.described(contract)


def test_incremental_comes_after_third_party_plugins_too():
    """It records what every plugin wrote: one listed after it, even not a relais one, would
    write behind its back."""
    incremental = "relais.plugins.incremental"
    what, fix = contracts.problem([incremental, "pelican.plugins.sitemap"])
    assert "« sitemap »" in what
    assert "incremental" in fix
    assert contracts.problem(["pelican.plugins.sitemap", incremental]) is None
