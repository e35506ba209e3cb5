from relais.plugins.robots.plugin import robots_txt


def test_robots_txt_allows_everything_and_names_the_sitemap_under_the_prefix():
    assert robots_txt("https://user.github.io/repo/") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://user.github.io/repo/sitemap.xml\n"
    )
