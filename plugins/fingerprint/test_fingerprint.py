"""Hashed names change with the bytes, never otherwise."""

from fingerprint.hashing import fingerprinted_name, theme_assets


def test_the_name_carries_a_digest_of_the_content():
    one = fingerprinted_name("css/site.css", b"body{}")
    assert one.startswith("css/site.") and one.endswith(".css")
    assert fingerprinted_name("css/site.css", b"body{}") == one
    assert fingerprinted_name("css/site.css", b"body{color:red}") != one


def test_only_css_and_js_are_fingerprinted(tmp_path):
    (tmp_path / "css").mkdir()
    (tmp_path / "css/site.css").write_text("a{}")
    (tmp_path / "app.js").write_text("1")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    names = theme_assets(tmp_path)
    assert set(names) == {"css/site.css", "app.js"}
    assert names["app.js"] == fingerprinted_name("app.js", b"1")
