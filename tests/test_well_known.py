"""content/.well-known/ is published at /.well-known/ (security.txt, app links, network
verification files); inside it, hidden files and backups are never copied and a link
leading out of content/ stops the build."""

import os
import subprocess
import sys

from bs4 import BeautifulSoup

from tests.publishing import published_files
from tests.sitebuild import ROOT, build, copy_content

SECURITY = "Contact: mailto:securite@example.org\nExpires: 2027-12-31T23:00:00.000Z\n"
SECRET = "ghp_SECRETTOKEN0123456789"


def well_known_folder(content):
    folder = content / ".well-known"
    folder.mkdir()
    (folder / "security.txt").write_text(SECURITY, encoding="utf-8")
    (folder / "atproto-did").write_text("did:plc:ewvi7nxzyoun6zhxrhs64oiz\n", encoding="utf-8")
    (folder / "pki-validation").mkdir()
    (folder / "pki-validation/fileauth.txt").write_text("token\n", encoding="utf-8")
    # Never published, as anywhere under content/.
    (folder / ".secret").write_text(SECRET, encoding="utf-8")
    (folder / "security.txt~").write_text(SECRET, encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git/config").write_text(SECRET, encoding="utf-8")
    return folder


PUBLISHED = {".well-known/security.txt", ".well-known/atproto-did"}
PUBLISHED |= {".well-known/pki-validation/fileauth.txt"}


def test_well_known_files_are_published_and_pass_the_gates(tmp_path):
    content = copy_content(tmp_path / "content")
    well_known_folder(content)
    (content / "pages/securite.md").write_text(
        "title: Sécurité\n\nUne faille ? [security.txt]({static}/.well-known/security.txt).\n",
        encoding="utf-8",
    )
    done = build(tmp_path, content=content)
    assert done.returncode == 0, done.stderr
    written = {
        p.relative_to(done.output).as_posix()
        for p in (done.output / ".well-known").rglob("*")
        if p.is_file()
    }
    assert written == PUBLISHED
    assert (done.output / ".well-known/security.txt").read_text(encoding="utf-8") == SECURITY
    page = BeautifulSoup(done.page("securite/").read_text(encoding="utf-8"), "lxml")
    link = page.select_one('a[href$="security.txt"]')["href"]
    assert link == f"{done.siteurl}/.well-known/security.txt"
    for path in done.output.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
    command = [sys.executable, "-m", "relais.checks", str(done.output), "--siteurl", done.siteurl]
    gates = subprocess.run(
        [*command, "--only", "links,html,feeds"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert gates.returncode == 0, gates.stdout + gates.stderr


def test_a_well_known_link_leading_out_of_content_stops_the_build(tmp_path):
    content = copy_content(tmp_path / "content")
    folder = well_known_folder(content)
    outside = tmp_path / "private.txt"
    outside.write_text(SECRET, encoding="utf-8")
    os.symlink(outside, folder / "change-password")
    done = build(tmp_path, content=content)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERREUR ")]
    assert len(errors) == 1
    assert "content/.well-known/change-password" in errors[0] and "hors du dossier" in errors[0]
    assert not (done.output / ".well-known").exists()


def test_a_page_cannot_take_a_well_known_address(tmp_path):
    content = copy_content(tmp_path / "content")
    well_known_folder(content)
    (content / "pages/securite.md").write_text(
        "title: Sécurité\nsave_as: .well-known/security.txt\n\nTexte.\n", encoding="utf-8"
    )
    done = build(tmp_path, content=content)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERREUR ")]
    assert len(errors) == 1, done.stderr
    assert "content/pages/securite.md" in errors[0]
    assert "content/.well-known/security.txt" in errors[0]


def test_make_publish_deploys_well_known_files_and_no_hidden_one(published):
    well_known_folder(published.path / "content")
    published.commit("security.txt")

    done = published.publish()

    assert done.returncode == 0, done.stdout + done.stderr
    files = published_files(published.remote)
    assert {name for name in files if name.startswith(".well-known/")} == PUBLISHED
    assert files[".well-known/security.txt"].decode() == SECURITY
    assert ".nojekyll" in files  # GitHub Pages serves dot folders only without Jekyll
    assert not [name for name, data in files.items() if SECRET.encode() in data]


def test_a_link_to_a_hidden_file_of_well_known_is_refused(tmp_path):
    content = copy_content(tmp_path / "content")
    well_known_folder(content)
    (content / "pages/secret.md").write_text(
        "title: Secret\n\n[secret]({static}/.well-known/.secret)\n", encoding="utf-8"
    )
    done = build(tmp_path, content=content)
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("ERREUR ")]
    assert len(errors) == 1 and "content/pages/secret.md" in errors[0], done.stderr
    assert "fichier caché" in errors[0]
