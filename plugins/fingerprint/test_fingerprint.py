"""Hashed names change with the bytes, never otherwise."""

from relais.plugins.core.theme_files import static_files
from relais.plugins.fingerprint.hashing import fingerprinted_name


def test_the_name_carries_a_digest_of_the_content():
    one = fingerprinted_name("css/site.css", b"body{}")
    assert one.startswith("css/site.") and one.endswith(".css")
    assert fingerprinted_name("css/site.css", b"body{}") == one
    assert fingerprinted_name("css/site.css", b"body{color:red}") != one


def test_a_site_file_replaces_the_kit_file_of_the_same_name(tmp_path):
    kit, site = tmp_path / "theme" / "static", tmp_path / "site-theme" / "static"
    for folder in (kit, site):
        (folder / "css").mkdir(parents=True)
    (kit / "css/site.css").write_text("a{}")
    (kit / "favicon.svg").write_text("<svg/>")
    (site / "favicon.svg").write_text("<svg id=site/>")
    (site / "css/custom.css").write_text("b{}")
    settings = {"THEME": str(tmp_path / "theme"), "THEME_STATIC_PATHS": ["static", str(site)]}
    files = static_files(settings)
    assert files == {
        "css/site.css": kit / "css/site.css",
        "css/custom.css": site / "css/custom.css",
        "favicon.svg": site / "favicon.svg",
    }
