"""The ANALYTICS setting and the snippet each provider gets (nothing when unset)."""

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

from relais import theme_path
from relais.plugins.analytics.providers import BadAnalytics, normalise

TEMPLATES = theme_path() / "templates"


def render(setting) -> BeautifulSoup:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)
    html = env.get_template("partials/analytics.html").render(ANALYTICS=normalise(setting))
    return BeautifulSoup(html, "lxml")


@pytest.mark.parametrize("setting", [None, {}, ""])
def test_off_by_default_no_script_at_all(setting):
    assert render(setting).find("script") is None


def test_plausible_loads_one_deferred_script_for_the_domain():
    scripts = render({"provider": "plausible", "domain": "formations.example.org"}).find_all(
        "script"
    )
    assert len(scripts) == 1
    assert scripts[0]["src"] == "https://plausible.io/js/script.js"
    assert scripts[0]["data-domain"] == "formations.example.org"
    assert scripts[0].has_attr("defer")


def test_goatcounter_counts_to_the_site_code():
    script = render({"provider": "goatcounter", "code": "relais"}).find("script")
    assert script["data-goatcounter"] == "https://relais.goatcounter.com/count"
    assert script["src"] == "https://gc.zgo.at/count.js"


def test_matomo_tracks_without_cookies_on_the_configured_server():
    script = render({"provider": "matomo", "url": "https://stats.example.org", "site_id": 3})
    code = script.find("script").string
    assert '"disableCookies"' in code
    assert '"https://stats.example.org/matomo.php"' in code
    assert '"https://stats.example.org/matomo.js"' in code
    assert '"setSiteId", "3"' in code


@pytest.mark.parametrize(
    ("setting", "problem"),
    [
        ({"provider": "google"}, "inconnu"),
        ({"provider": "plausible"}, "domain"),
        ({"provider": "matomo", "url": "http://stats.example.org/", "site_id": 1}, "https://"),
        ("plausible", "dictionnaire"),
    ],
)
def test_a_wrong_setting_says_what_is_wrong(setting, problem):
    with pytest.raises(BadAnalytics, match=problem):
        normalise(setting)
