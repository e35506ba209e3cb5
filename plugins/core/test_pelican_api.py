"""The contract with Pelican's private names: checked against the installed Pelican.

These tests fail on a Pelican release that relais was not verified with: before adding it
to pelican_api.VERIFIED, check every assumption below against it (they are the whole list).
"""

import pelican
import pelican.settings
import pytest
from markdown import Markdown
from pelican import Pelican, signals, writers
from pelican.contents import Article, Content
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.writers import Writer

from relais.plugins.core import pelican_api
from relais.plugins.core.errors import set_language


def test_the_installed_pelican_is_a_release_relais_was_verified_with():
    release = ".".join(pelican.__version__.split(".")[:2])
    assert release in pelican_api.VERIFIED, (
        f"Pelican {pelican.__version__}: check pelican_api.py's assumptions, then add it"
    )
    assert pelican_api.problem() is None


def test_a_content_body_is_the_text_as_read_with_its_links_unresolved():
    body = '<p><a href="{filename}/blog/other.md">other</a> <img src="{static}/a.png"></p>'
    article = Article(body, metadata={"title": "T"}, settings=_settings())
    assert pelican_api.source_html(article) == body
    links = [(m.group("what"), m.group("value")) for m in
             pelican_api.intrasite_links(article, body)]  # fmt: skip
    assert links == [("filename", "/blog/other.md"), ("static", "/a.png")]


def test_the_markdown_fields_are_read_as_pelican_reads_them():
    reader = MarkdownReader(_settings())
    markdown = Markdown(**reader.settings["MARKDOWN"])
    markdown.convert("title: T\nsummary: *court*\ntags: a, b\n\nText")
    fields = pelican_api.parse_metadata(reader, markdown, markdown.Meta)
    assert fields["title"] == "T"
    assert fields["summary"] == "<p><em>court</em></p>"  # a formatted field: HTML
    assert [str(tag) for tag in fields["tags"]] == ["a", "b"]


def test_the_generators_of_a_build_are_pelicans_and_the_plugins(tmp_path):
    # In French: relais/settings.py, once imported by a test, checks every settings read.
    folders = {"PATH": str(tmp_path), "OUTPUT_PATH": str(tmp_path)}
    settings = read_settings(override={**folders, "PLUGINS": [], "DEFAULT_LANG": "fr"})
    # Plugins another test registered in this process stay out (language, staging).
    with signals.initialized.muted(), signals.get_generators.muted():
        classes = pelican_api.generator_classes(Pelican(settings))
    assert classes[:2] == [ArticlesGenerator, PagesGenerator]


def test_the_hooked_writer_opens_pages_through_pelicans_rules(tmp_path):
    opened = []

    class Recording(pelican_api.HookedWriter):
        def open_page(self, filename, encoding, override=False):
            opened.append(filename)
            return super().open_page(filename, encoding, override)

    writer = Recording(str(tmp_path), settings=_settings())
    writer.write_file("a.html", _template(), {}, override_output=False)
    assert opened == [str(tmp_path / "a.html")]
    assert (tmp_path / "a.html").read_text(encoding="utf-8") == "page"
    # Pelican's own rule, kept by claim(): one build never writes a file twice.
    with pytest.raises(writers.FileOverwriteFailedError):
        writer.claim(str(tmp_path / "a.html"), override=False)
    assert isinstance(Writer(str(tmp_path))._written_files, set)


@pytest.mark.parametrize(
    ("owner", "name"),
    [
        (Writer, "_open_w"),
        (Content, "_get_intrasite_link_regex"),
        (MarkdownReader, "_parse_metadata"),
        (Pelican, "_get_generator_classes"),
    ],
)
def test_a_missing_private_method_is_named(monkeypatch, owner, name):
    monkeypatch.delattr(owner, name)
    assert f"{owner.__name__}.{name}" in pelican_api.changed_names()


def test_a_private_method_of_another_shape_is_named(monkeypatch):
    original = Writer._open_w

    def changed(self, filename, encoding, override=False, mode="w"):
        return original(self, filename, encoding, override)

    monkeypatch.setattr(Writer, "_open_w", changed)
    monkeypatch.setattr(pelican, "__version__", "4.12.9")  # a verified release
    assert pelican_api.problem() == "Pelican 4.12.9 a changé Writer._open_w"


def test_an_attribute_no_longer_set_is_named(monkeypatch):
    def init(self, output_path, settings=None):
        self.output_path, self.settings = output_path, settings or {}

    monkeypatch.setattr(Writer, "__init__", init)
    changed = pelican_api.changed_names()
    assert "Writer._written_files" in changed and "Writer._overridden_files" in changed


def test_an_unknown_release_is_named_with_the_verified_ones(monkeypatch):
    monkeypatch.setattr(pelican, "__version__", "4.99.0")
    assert pelican_api.problem() == (
        "Pelican 4.99.0 n’est pas une version vérifiée par relais (4.12.x)"
    )


def _settings() -> dict:
    return {**DEFAULT_CONFIG, "MARKDOWN": {"extensions": [], "extension_configs": {}}}


def _template():
    from jinja2 import Template

    return Template("page")


def test_the_warning_follows_the_sites_language(monkeypatch):
    monkeypatch.setattr(pelican, "__version__", "4.99.0")
    set_language("en")
    try:
        assert pelican_api.problem() == (
            "Pelican 4.99.0 is not a version relais was verified with (4.12.x)"
        )
    finally:
        set_language("fr")


def test_the_content_checks_need_their_names_or_stop_the_build_in_one_line(monkeypatch, capsys):
    pelican_api.require(pelican_api.CONTENT_NAMES, "relais ne peut pas vérifier le contenu")
    monkeypatch.delattr(Content, "_get_intrasite_link_regex")
    with pytest.raises(SystemExit) as stopped:
        pelican_api.require(pelican_api.CONTENT_NAMES, "relais ne peut pas vérifier le contenu")
    assert stopped.value.code == 1
    assert capsys.readouterr().err == (
        f"ERREUR Pelican {pelican.__version__} a changé Content._get_intrasite_link_regex : "
        "relais ne peut pas vérifier le contenu — attendu : Pelican 4.12.x (requirements.txt)\n"
    )
