"""The site's own folder goes before the kit's theme; a missing logo is one clear line."""

import pytest

from relais.plugins.site_theme.plugin import apply_site_theme


def settings_for(site):
    return {
        "PATH": str(site / "content"),
        "SITE_THEME": "site-theme",
        "THEME_TEMPLATES_OVERRIDES": ["/kit/overrides"],
        "THEME_STATIC_PATHS": ["static"],
    }


def test_templates_come_first_and_static_files_last_so_they_win(tmp_path):
    for folder in ("content", "site-theme/templates", "site-theme/static"):
        (tmp_path / folder).mkdir(parents=True)
    settings = settings_for(tmp_path)
    apply_site_theme(settings)
    apply_site_theme(settings)  # --autoreload runs it again: nothing is added twice
    assert settings["THEME_TEMPLATES_OVERRIDES"] == [
        str(tmp_path / "site-theme" / "templates"),
        "/kit/overrides",
    ]
    assert settings["THEME_STATIC_PATHS"] == ["static", str(tmp_path / "site-theme" / "static")]


def test_a_site_without_the_folder_keeps_the_kit_theme(tmp_path):
    (tmp_path / "content").mkdir()
    settings = settings_for(tmp_path)
    apply_site_theme(settings)
    assert settings["THEME_STATIC_PATHS"] == ["static"]
    assert settings["THEME_TEMPLATES_OVERRIDES"] == ["/kit/overrides"]


def test_a_missing_logo_names_the_setting_and_the_folder(tmp_path, capsys):
    (tmp_path / "site-theme" / "static").mkdir(parents=True)
    settings = {**settings_for(tmp_path), "SITE_LOGO": "images/logo.svg"}
    with pytest.raises(SystemExit):
        apply_site_theme(settings)
    error = capsys.readouterr().err
    assert "« SITE_LOGO »" in error and "images/logo.svg" in error and "site-theme" in error
