"""PLUGINS in the wrong order, or without a plugin another needs, stops the build at
start-up in one line naming both plugins and the fix; nothing is written."""

import importlib
import re

from relais_core import contracts

from relais.settings import PLUGINS
from tests.sitebuild import build

KIT_PLUGINS = list(PLUGINS)


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


def test_the_kit_order_keeps_every_contract():
    for name in KIT_PLUGINS:
        if importlib.util.find_spec(name):  # not sitemap: pelican.plugins.sitemap
            importlib.import_module(name).register()
    assert contracts.problem(KIT_PLUGINS) is None


def test_module_objects_and_namespace_names_are_read_as_plugin_names():
    import brochure
    import programmes

    brochure.register()
    programmes.register()
    assert contracts.problem(["pelican.plugins.programmes", brochure]) is None
    assert contracts.problem([brochure, "pelican.plugins.programmes"]) is not None
