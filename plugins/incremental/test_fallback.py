"""On a Pelican whose private writer hook relais does not know, the site is the same.

The build below changes the shape of Writer._open_w before any plugin loads (the settings
file runs first), as a new Pelican release might: relais_core.pelican_api refuses it,
Pelican's own writer makes every page, and one warning line says why.
"""

import re

from tests.sitebuild import DEMO, build, free_port

CHANGED_WRITER = f"""
from pelican import writers

_open_w = writers.Writer._open_w


def _changed(self, filename, encoding, override=False, mode="w"):
    return _open_w(self, filename, encoding, override)


writers.Writer._open_w = _changed
with open({str(DEMO / "pelicanconf.py")!r}, encoding="utf-8") as demo:
    exec(compile(demo.read(), "pelicanconf.py", "exec"))
"""


# The sitemap dates an undated page (the home page, lists) by its file's writing time: two
# builds a second apart differ there, whatever the writer.
# (in UTC, written -00:00; a content's own date keeps its offset).
_WRITING_TIME = re.compile(rb"<lastmod>[^<]*-00:00</lastmod>")


def _files(folder) -> dict:
    files = {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    files["sitemap.xml"] = _WRITING_TIME.sub(b"<lastmod/>", files["sitemap.xml"])
    return files


def test_an_unknown_writer_hook_gives_the_same_site_with_one_warning(tmp_path):
    settings_file = tmp_path / "changedconf.py"
    settings_file.write_text(CHANGED_WRITER, encoding="utf-8")
    siteurl = f"http://127.0.0.1:{free_port()}"
    hooked = build(tmp_path / "hooked", siteurl=siteurl)
    stock = build(tmp_path / "stock", siteurl=siteurl, settings_file=settings_file)
    assert hooked.returncode == 0, hooked.stderr
    assert stock.returncode == 0, stock.stderr
    warnings = [line for line in stock.stderr.splitlines() if "Writer._open_w" in line]
    assert warnings == [
        "ATTENTION Pelican 4.12.0 a changé Writer._open_w : chaque page est refaite par "
        "Pelican (même résultat, plus lentement)"
    ]
    assert "Writer._open_w" not in hooked.stderr
    hooked_files, stock_files = _files(hooked.output), _files(stock.output)
    assert len(hooked_files) > 100
    assert sorted(stock_files) == sorted(hooked_files)
    assert [name for name in hooked_files if stock_files[name] != hooked_files[name]] == []
