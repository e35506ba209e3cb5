"""On a Pelican whose private writer API relais does not know, the site is the same.

Each build below changes Pelican before any plugin loads (the settings file runs first),
as a new Pelican release might: a private name removed (Pelican 4.11 has no
FileOverwriteFailedError), or a private method of another shape. core.pelican_api
refuses it, Pelican's own writer makes every page, and one warning line says why.
"""

import pelican
import pytest

from tests.sitebuild import DEMO, build, free_port

CHANGES = {
    "FileOverwriteFailedError": "del writers.FileOverwriteFailedError\n",
    "Writer._open_w": (
        "_open_w = writers.Writer._open_w\n"
        "def _changed(self, filename, encoding, override=False, mode='w'):\n"
        "    return _open_w(self, filename, encoding, override)\n"
        "writers.Writer._open_w = _changed\n"
    ),
}
DEMO_SETTINGS = f"""
with open({str(DEMO / "pelicanconf.py")!r}, encoding="utf-8") as demo:
    exec(compile(demo.read(), "pelicanconf.py", "exec"))
"""


def _files(folder) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def hooked(tmp_path_factory):
    """The demo built with incremental's writer."""
    siteurl = f"http://127.0.0.1:{free_port()}"
    site = build(tmp_path_factory.mktemp("hooked"), siteurl=siteurl)
    assert site.returncode == 0, site.stderr
    assert "Writer" not in site.stderr
    return site


@pytest.mark.parametrize("changed", sorted(CHANGES))
def test_an_unknown_writer_api_gives_the_same_site_with_one_warning(tmp_path, hooked, changed):
    settings_file = tmp_path / "changedconf.py"
    settings_file.write_text(
        "from pelican import writers\n" + CHANGES[changed] + DEMO_SETTINGS, encoding="utf-8"
    )
    stock = build(tmp_path, siteurl=hooked.siteurl, settings_file=settings_file)
    assert stock.returncode == 0, stock.stderr
    warnings = [line for line in stock.stderr.splitlines() if line.startswith("ATTENTION")]
    assert warnings == [
        f"ATTENTION Pelican {pelican.__version__} a changé {changed} : chaque page est refaite par "
        "Pelican (même résultat, plus lentement)"
    ]
    hooked_files, stock_files = _files(hooked.output), _files(stock.output)
    assert len(hooked_files) > 100
    assert sorted(stock_files) == sorted(hooked_files)
    assert [name for name in hooked_files if stock_files[name] != hooked_files[name]] == []
