"""A site changes its templates, stylesheet and logo in site-theme/, never in the kit."""

from bs4 import BeautifulSoup

from tests.sitebuild import ROOT, build, copy_content

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1"/></svg>'


def test_the_sites_own_stylesheet_logo_and_template_override_the_kit(tmp_path):
    content = copy_content(tmp_path / "content")
    static = tmp_path / "site-theme" / "static"
    (static / "css").mkdir(parents=True)
    (static / "images").mkdir()
    (static / "css" / "custom.css").write_text(":root { --brand: #6a1b9a; }\n")
    (static / "images" / "logo.svg").write_text(LOGO)
    override = tmp_path / "site-theme" / "templates" / "partials" / "analytics.html"
    override.parent.mkdir(parents=True)
    override.write_text('<p hidden data-team="oui"></p>\n')
    kit_before = (ROOT / "theme" / "static" / "css" / "site.css").read_bytes()

    site = build(tmp_path / "build", content=content, settings={"SITE_LOGO": "images/logo.svg"})

    assert site.returncode == 0, site.stderr
    home = BeautifulSoup(site.page("").read_text(encoding="utf-8"), "lxml")
    sheets = [link["href"] for link in home.select('link[rel="stylesheet"]')]
    assert [href.rsplit("/", 1)[1].split(".")[0] for href in sheets] == ["site", "custom"]
    custom = site.output / sheets[1].removeprefix(site.siteurl + "/")
    assert custom.read_text() == ":root { --brand: #6a1b9a; }\n"
    logo = home.select_one(".brand img")
    assert logo["src"] == f"{site.siteurl}/theme/images/logo.svg" and logo["alt"] == ""
    assert (site.output / "theme" / "images" / "logo.svg").read_text() == LOGO
    assert home.select_one('p[data-team="oui"]') is not None
    assert (ROOT / "theme" / "static" / "css" / "site.css").read_bytes() == kit_before


def test_without_a_site_theme_pages_load_only_the_kit_stylesheet(built_site):
    home = BeautifulSoup(built_site.page("").read_text(encoding="utf-8"), "lxml")
    assert len(home.select('link[rel="stylesheet"]')) == 1
    assert home.select_one(".brand img") is None
