"""Author paths stay in content/; the staging folder keeps output/ as it was until the end."""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from blinker import ANY
from pelican import signals
from pelican.utils import copy

from relais.plugins.core.collisions import Output, _clashes
from relais.plugins.core.files import write_if_changed
from relais.plugins.core.paths import (
    content_file_problem,
    is_ignored,
    output_file,
    outside_links,
)
from relais.plugins.core.staging import WHOLE_FILE_WRITER, _claim_static_files, publish, stage

IGNORE = [".*", "*~", "#*#", "*.swp"]


def test_a_path_is_judged_after_its_symlinks_are_resolved(tmp_path):
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (tmp_path / "secret.jpg").write_bytes(b"x")
    (content / "images/ok.jpg").write_bytes(b"x")
    (content / "images/link.jpg").symlink_to(tmp_path / "secret.jpg")
    assert content_file_problem(content, "images/ok.jpg", IGNORE) is None
    assert "hors du dossier" in content_file_problem(content, "images/link.jpg", IGNORE)
    assert "hors du dossier" in content_file_problem(content, "../secret.jpg", IGNORE)
    assert "introuvable" in content_file_problem(content, "images/absent.jpg", IGNORE)
    assert [link for link, _ in outside_links(content, IGNORE)] == [content / "images/link.jpg"]


@pytest.mark.parametrize(
    "name", [".env", "images/.DS_Store", "brochures/.git/config", "blog/x.md~", "blog/#x.md#"]
)
def test_hidden_files_backups_and_repositories_are_ignored(name):
    assert is_ignored(name, IGNORE)


def test_an_output_path_cannot_leave_the_output_folder(tmp_path):
    assert output_file(tmp_path, "programmes/x/index.html") == tmp_path / "programmes/x/index.html"
    for hostile in ("../x/index.html", "/etc/passwd", "a/../../x"):
        with pytest.raises(ValueError):
            output_file(tmp_path, hostile)


def test_a_file_where_another_output_needs_a_folder_is_a_clash():
    planned = [
        Output("events/index.html", "la page générée EVENTS_SAVE_AS"),
        Output("cards/", "les cartes de partage"),
        Output("events", "content/pages/x.md", "content/pages/x.md", "save_as"),
        Output("cards/a.jpg", "content/pages/y.md", "content/pages/y.md", "save_as"),
        Output("blog/a/index.html", "content/blog/a.md", "content/blog/a.md", "slug"),
    ]
    clashes = [(output.path, earlier.path) for output, earlier in _clashes(planned)]
    assert clashes == [("events", "events/index.html"), ("cards/a.jpg", "cards/")]


def _site(tmp_path, whole_file_writer=True):
    output = tmp_path / "output"
    (output / "images").mkdir(parents=True)
    (output / "images/photo.jpg").write_bytes(b"old photo")
    (output / "index.html").write_bytes(b"old home")
    settings = {"OUTPUT_PATH": str(output), "STATIC_PATHS": ["images"],
                "PATH": str(tmp_path / "content"), "THEME": str(tmp_path / "theme"),
                "STATIC_CHECK_IF_MODIFIED": True,
                WHOLE_FILE_WRITER: whole_file_writer}  # fmt: skip
    return SimpleNamespace(output_path=str(output), settings=settings), output


def _static_files_known(pelican, *names):
    """all_generators_finalized: the static files Pelican is about to copy."""
    statics = [SimpleNamespace(save_as=name, source_path=name) for name in names]
    settings = {**pelican.settings, "OUTPUT_PATH": pelican.output_path}
    _claim_static_files([SimpleNamespace(settings=settings, context={"staticfiles": statics})])


def _snapshot(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_writes_into_the_staging_folder_never_reach_the_previous_output(tmp_path):
    pelican, output = _site(tmp_path)
    before = _snapshot(output)
    stage(pelican)
    staging = Path(pelican.output_path)
    assert staging != output and _snapshot(staging) == before
    # Pelican copies a changed static file over the old one, in place (shutil.copyfile)...
    (tmp_path / "content/images").mkdir(parents=True)
    (tmp_path / "content/images/photo.jpg").write_bytes(b"new photo")
    _static_files_known(pelican, "images/photo.jpg")
    copy(str(tmp_path / "content/images/photo.jpg"), str(staging / "images/photo.jpg"))
    # ...and pages are written whole (incremental's writer).
    write_if_changed(staging / "index.html", b"new home")
    assert _snapshot(output) == before  # a failure now leaves output/ as it was
    publish(pelican)
    assert _snapshot(output) == {"images/photo.jpg": b"new photo", "index.html": b"new home"}
    assert not staging.exists() and pelican.output_path == str(output)
    # The replaced output is kept for the next build's staging folder.
    assert sorted(os.listdir(tmp_path)) == [".output.previous", "content", "output"]


def test_the_next_staging_folder_is_made_from_the_replaced_output(tmp_path):
    """Only what differs from output/ is linked or removed; unchanged files are output/'s,
    an unchanged static file is not copied again."""
    pelican, output = _site(tmp_path)
    (tmp_path / "content/images").mkdir(parents=True)
    (tmp_path / "content/images/photo.jpg").write_bytes(b"old photo")
    for _build in range(2):
        stage(pelican)
        staging = Path(pelican.output_path)
        _static_files_known(pelican, "images/photo.jpg")
        if not (staging / "images/photo.jpg").exists():  # Pelican's copy
            copy(str(tmp_path / "content/images/photo.jpg"), str(staging / "images/photo.jpg"))
        write_if_changed(staging / "index.html", b"old home")
        publish(pelican)
        pelican.output_path = str(output)
    previous = tmp_path / ".output.previous"
    for name in ("index.html", "images/photo.jpg"):  # the same files: nothing was copied
        assert (output / name).stat().st_ino == (previous / name).stat().st_ino
    (output / "left-by-hand.html").write_bytes(b"?")
    (output / "images/photo.jpg").unlink()
    stage(pelican)
    staging = Path(pelican.output_path)
    assert _snapshot(staging) == _snapshot(output)
    assert (staging / "index.html").stat().st_ino == (output / "index.html").stat().st_ino


def test_with_pelicans_own_writer_the_staging_folder_starts_empty(tmp_path):
    pelican, output = _site(tmp_path, whole_file_writer=False)
    before = _snapshot(output)
    stage(pelican)
    staging = Path(pelican.output_path)
    assert _snapshot(staging) == {}
    # Pelican's writer opens a page with open(path, "w"): a hard link would carry the new
    # bytes into output/ before the build is known to succeed.
    with open(staging / "index.html", "w", encoding="utf-8") as page:
        page.write("new home")
    assert _snapshot(output) == before
    publish(pelican)
    assert _snapshot(output) == {"index.html": b"new home"}


def test_what_the_build_neither_claims_nor_writes_again_is_removed(tmp_path):
    pelican, output = _site(tmp_path)
    (output / "blog/renamed").mkdir(parents=True)
    (output / "blog/renamed/index.html").write_bytes(b"a renamed post's old page")
    (output / "sitemap.xml").write_bytes(b"old map")
    pelican.settings["STATIC_PATHS"] = []  # images/photo.jpg: an image the author deleted
    stage(pelican)
    staging = Path(pelican.output_path)
    write_if_changed(staging / "index.html", b"old home")  # kept as it was: claimed
    # A plugin that writes without claiming (pelican-sitemap) writes a file again.
    (staging / "sitemap.xml").write_bytes(b"new map")
    publish(pelican)
    assert _snapshot(output) == {"index.html": b"old home", "sitemap.xml": b"new map"}
    assert sorted(os.listdir(output)) == ["index.html", "sitemap.xml"]  # no empty folders


def test_the_output_is_replaced_after_a_plugin_registered_since_an_earlier_build_staged(tmp_path):
    """Pelican calls a signal's receivers in the order they were connected. A plugin first
    registered after an earlier build of this process staged (another PLUGINS under
    `pelican --autoreload`, a test process) still writes its `finalized` files into the
    staging folder, before it becomes output/."""
    stage(_site(tmp_path / "earlier")[0])

    def later_plugin(pelican):  # connected by its register(), as the build starts
        pass

    signals.finalized.connect(later_plugin)
    try:
        stage(_site(tmp_path / "now")[0])
        order = list(signals.finalized.receivers_for(ANY))
    finally:
        signals.finalized.disconnect(later_plugin)
    assert order.index(later_plugin) < order.index(publish)
