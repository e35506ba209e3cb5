"""`make publish` publishes exactly the commit, whatever happens around it or to it.

Real git, a local bare repository as the remote, a real `make serve` (relais/serve.py)
in the same folder, real signals. Where a test must stop a publish between its commit
and its push, the remote itself holds the push: a pre-receive hook that waits, as a
slow network would.
"""

import io
import json
import os
import pickle
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic
from PIL import Image

from tests.kitrepo import as_in_a_terminal
from tests.publishing import (
    LINKS_GATE,
    PELICAN,
    SITEURL,
    Project,
    clone,
    deployed_site,
    git,
    new_project,
    published_files,
    remote_refs,
    remote_tip,
    scratch_build,
)
from tests.sitebuild import DEMO_BUILD_DATE, free_port, kit_environment

POST = "content/blog/2026-11-ouverture-lp-photo.md"
POST_URL = "blog/2026-11-ouverture-lp-photo/"
NEW_POST = "content/blog/2026-12-nouvelle.md"
# Generous: the machine running the suite may be loaded, and a publish builds the site.
PATIENCE_S = 600


def add_post(project: Project) -> None:
    (project.path / NEW_POST).write_text(
        "title: Une nouvelle actualité\ndate: 2026-11-30 09:00\ncategory: Formations\n"
        "summary: Une actualité de plus.\n\nTexte de l’actualité.\n",
        encoding="utf-8",
    )
    project.commit("New post")


def wait_for(condition, what: str, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        if process is not None and process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"{what}: the process ended first\n{out}\n{err}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: still waiting after {PATIENCE_S} s")
        time.sleep(0.1)


# --- make serve, uncommitted edits, ignored files ----------------------------------


@pytest.fixture
def serving(project_with_secret, tmp_path):
    """relais.serve (what `make serve` runs) on a free port, in the project folder."""
    project, port = project_with_secret, free_port()
    env = {**kit_environment(), "RELAIS_BUILD_DATE": DEMO_BUILD_DATE}
    command = [sys.executable, "-m", "relais.serve", "--port", str(port), "--output", "output"]
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            command, cwd=project.path, env=env, stdout=output, stderr=subprocess.STDOUT,
            preexec_fn=as_in_a_terminal,
        )  # fmt: skip
    wait_for(lambda: "Site servi" in log.read_text(), "make serve's first build", server)
    yield project, port
    server.send_signal(signal.SIGINT)  # Ctrl-C: serve.py stops its rebuild, then itself
    server.wait(timeout=60)


@pytest.fixture
def project_with_secret(tmp_path, build_cache):
    """A fresh project with a post git ignores under content/ (a draft kept out of git)."""
    project = new_project(tmp_path, build_cache)
    with (project.path / ".git" / "info" / "exclude").open("a") as exclude:
        exclude.write("/content/blog/*-brouillon.md\n")
    (project.path / "content/blog/2026-12-brouillon.md").write_text(
        "title: Brouillon confidentiel\ndate: 2026-11-30\ncategory: Formations\n\nSecret.\n",
        encoding="utf-8",
    )
    return project


def test_make_serve_and_local_edits_during_the_gates_never_reach_the_site(serving, tmp_path):
    """The reported incident: `make serve` runs, a file is saved while the gates run."""
    project, port = serving
    served_post = project.path / "output" / POST_URL / "index.html"
    edit = (
        f"printf '\\nMARQUE-NON-ENREGISTREE\\n' >> {shlex.quote(str(project.path / POST))}; "
        f"until grep -q MARQUE-NON-ENREGISTREE {shlex.quote(str(served_post))}; do sleep 0.1; "
        f"done; exec {LINKS_GATE}"
    )
    # The gate edits the post, waits until make serve has rebuilt output/ with the edit,
    # then checks the links of the build being published.
    done = project.publish(gate=f"timeout {PATIENCE_S} sh -c {shlex.quote(edit)}")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "!! content/blog/2026-12-brouillon.md" in done.stdout  # named as not published
    served = served_post.read_text(encoding="utf-8")
    assert "MARQUE-NON-ENREGISTREE" in served and f"http://127.0.0.1:{port}/" in served
    assert (project.path / "output/blog/2026-12-brouillon/index.html").is_file()
    files = published_files(project.remote)
    assert not [name for name, data in files.items() if b"127.0.0.1" in data]
    assert not [name for name, data in files.items() if b"MARQUE-NON-ENREGISTREE" in data]
    assert not [name for name in files if "brouillon" in name]
    assert deployed_site(project.remote) == scratch_build(project, tmp_path / "scratch")


# --- render caches ---------------------------------------------------------------------


def tamper(folder: Path) -> list[Path]:
    """Replaces every image of a cache folder with a red square of the same format."""
    changed = []
    for image in folder.rglob("*"):
        if image.suffix in {".jpg", ".jpeg", ".png", ".webp"}:
            with Image.open(image) as original:
                size, kind = original.size, original.format
            Image.new("RGB", size, "red").save(image, kind)
            changed.append(image)
    return changed


def swap_compiled_templates(folder: Path) -> None:
    """Each compiled template given another's code under its own header (Jinja's magic and
    the checksum of its source, which Jinja checks): valid bytecode, the wrong page."""
    compiled = sorted(folder.rglob("*.cache"))
    assert len(compiled) > 2, folder
    headers, codes = [], []
    for path in compiled:
        stream = io.BytesIO(path.read_bytes())
        assert stream.read(len(bc_magic)) == bc_magic, path
        checksum = pickle.load(stream)
        headers.append(bc_magic + pickle.dumps(checksum, 2))
        codes.append(stream.read())
    for path, header, code in zip(compiled, headers, codes[1:] + codes[:1], strict=True):
        path.write_bytes(header + code)


def test_a_tampered_cache_entry_never_goes_live(tmp_path):
    """Brochure pages and cards edited in make html's cache/ and in the publish's own cache,
    where its cleaned PDFs and compiled templates are also kept."""
    (tmp_path / "local-cache").mkdir()
    project = new_project(tmp_path, tmp_path / "local-cache")
    assert project.publish().returncode == 0
    local_build = [str(PELICAN), "content", "-s", "pelicanconf.py", "-o", "output"]
    env = {**kit_environment(), "RELAIS_BUILD_DATE": DEMO_BUILD_DATE}
    subprocess.run(local_build, cwd=project.path, env=env, capture_output=True, check=True)
    private = project.path / ".git" / "relais" / "publish-cache"
    tampered = []
    for cache in ("brochures", "cards"):
        for folder in (project.path / "cache" / cache, private / cache):
            changed = tamper(folder)
            assert changed, folder
            tampered += [image.read_bytes() for image in changed]
    for pdf in (private / "pdfs").glob("*.pdf"):  # the cleaned copies the site publishes
        with pdf.open("ab") as cleaned:
            cleaned.write(b"%relais-test: tampered\n")
        tampered.append(pdf.read_bytes())
    swap_compiled_templates(private / "templates")
    add_post(project)

    done = project.publish()

    assert done.returncode == 0, done.stdout + done.stderr
    assert "entrée(s) modifiée(s) écartée(s)" in done.stdout
    live = deployed_site(project.remote)
    assert live == scratch_build(project, tmp_path / "scratch")
    assert not [name for name, data in live.items() if data in tampered]


def test_the_image_cache_can_live_where_ci_keeps_it(published, tmp_path):
    kept = tmp_path / "kept-between-runs"

    done = published.publish(RELAIS_PUBLISH_CACHE=str(kept))

    assert done.returncode == 0, done.stdout + done.stderr
    recorded = json.loads((kept / "sha256.json").read_text(encoding="utf-8"))
    assert any(name.startswith("brochures/") for name in recorded)
    assert any(name.startswith("cards/") for name in recorded)


# --- interrupted between commit and push --------------------------------------------


def hold_pushes(remote: Path, marks: Path) -> None:
    """The remote accepts a push only once the test writes an exit code to marks/release."""
    marks.mkdir()
    hook = remote / "hooks" / "pre-receive"
    hook.write_text(
        "#!/bin/sh\n"
        f'touch "{marks}/started"\n'
        f'while [ ! -e "{marks}/release" ]; do sleep 0.1; done\n'
        f'exit "$(cat "{marks}/release")"\n',
        encoding="utf-8",
    )
    hook.chmod(0o755)


def let_pushes_through(remote: Path) -> None:
    (remote / "hooks" / "pre-receive").unlink()


def start_publish(project: Project, **env: str) -> subprocess.Popen:
    """`make publish` as a terminal runs it: its own process group, the foreground job."""
    return subprocess.Popen(
        [sys.executable, "-m", "relais.publish"],
        cwd=project.path,
        env=project.environment(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=as_in_a_terminal,
    )


@pytest.fixture
def held(published, tmp_path):
    """A published project with a new commit, its next push held by the remote."""
    add_post(published)
    hold_pushes(published.remote, tmp_path / "marks")
    before = {
        "remote": remote_refs(published.remote),
        "local": published.git("rev-parse", "gh-pages").strip(),
    }
    return published, tmp_path / "marks", before


def test_ctrl_c_during_the_push_prints_one_line_and_moves_no_branch(held):
    project, marks, before = held
    publishing = start_publish(project)
    wait_for((marks / "started").exists, "the push", publishing)
    second = project.publish()  # meanwhile, from the same repository
    assert second.returncode == 1
    assert "une autre publication est en cours" in second.stderr

    os.killpg(publishing.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
    out, err = publishing.communicate(timeout=PATIENCE_S)
    (marks / "release").write_text("1")

    assert publishing.returncode == 130, out + err
    assert err.strip().splitlines() == [
        "publish: INTERROMPU — pendant l’envoi : relancez `make publish`, "
        "il dira si le site a été mis à jour."
    ], err
    assert "Traceback" not in out + err
    assert remote_refs(project.remote) == before["remote"]
    assert remote_record(project.remote) == remote_tip(project.remote)
    assert project.git("rev-parse", "gh-pages").strip() == before["local"]
    let_pushes_through(project.remote)
    again = project.publish()
    assert again.returncode == 0, again.stdout + again.stderr
    assert "n’est jamais arrivée" in again.stdout
    assert project.git("rev-parse", "gh-pages").strip() == remote_tip(project.remote)
    assert remote_record(project.remote) == remote_tip(project.remote)


@pytest.mark.parametrize(
    "interrupt",
    [
        lambda process: os.killpg(process.pid, signal.SIGINT),  # Ctrl-C in the terminal
        lambda process: process.terminate(),  # `kill <pid>`
    ],
    ids=["ctrl-c", "sigterm"],
)
def test_an_interrupted_build_says_nothing_was_sent_and_leaves_no_process(
    published, tmp_path, interrupt
):
    add_post(published)
    before = remote_refs(published.remote)
    started = tmp_path / "build-pid"
    # The build step, replaced by a process that records its id and lasts.
    build = f"sh -c 'echo $$ > {shlex.quote(str(started))}; exec sleep {PATIENCE_S}'"
    publishing = start_publish(published, RELAIS_PUBLISH_BUILD=build)
    wait_for(lambda: started.exists() and started.read_text().strip(), "the build", publishing)

    interrupt(publishing)
    out, err = publishing.communicate(timeout=PATIENCE_S)

    assert publishing.returncode == 130, out + err
    assert err.strip().splitlines() == [
        "publish: INTERROMPU — rien n’a été envoyé ; le site en ligne n’a pas changé."
    ]
    assert remote_refs(published.remote) == before
    with pytest.raises(ProcessLookupError):  # no build left running
        os.kill(int(started.read_text()), 0)


@pytest.mark.parametrize("push_outcome", ["arrives", "fails"])
def test_kill_9_during_the_push_is_sorted_out_by_the_next_publish(held, push_outcome):
    """kill -9 of `make publish` alone: its `git push` goes on, and arrives or fails."""
    project, marks, before = held
    publishing = start_publish(project)
    wait_for((marks / "started").exists, "the push", publishing)

    publishing.kill()
    publishing.communicate(timeout=PATIENCE_S)
    (marks / "release").write_text("0" if push_outcome == "arrives" else "1")
    if push_outcome == "arrives":
        wait_for(lambda: remote_refs(project.remote) != before["remote"], "the orphan push")
    else:
        wait_for(lambda: not pushes_running(project.remote), "the orphan push")
        assert remote_refs(project.remote) == before["remote"]
    assert remote_record(project.remote) == remote_tip(project.remote)  # both moved, or neither
    assert project.git("rev-parse", "gh-pages").strip() == before["local"]

    let_pushes_through(project.remote)
    again = project.publish()

    assert again.returncode == 0, again.stdout + again.stderr
    expected = "était bien arrivée" if push_outcome == "arrives" else "n’est jamais arrivée"
    assert expected in again.stdout
    assert project.git("rev-parse", "gh-pages").strip() == remote_tip(project.remote)
    assert remote_record(project.remote) == remote_tip(project.remote)
    assert "blog/2026-12-nouvelle/index.html" in published_files(project.remote)


def hold_the_record(remote: Path, marks: Path) -> None:
    """The remote takes the branch at once, then waits on the record (its update hook runs
    once per ref, in push order): a push that is not atomic would have moved the branch
    already; the test writes an exit code to marks/release."""
    marks.mkdir()
    hook = remote / "hooks" / "update"
    hook.write_text(
        "#!/bin/sh\n"
        'case "$1" in refs/relais/*) ;; *) exit 0 ;; esac\n'
        f'touch "{marks}/started"\n'
        f'while [ ! -e "{marks}/release" ]; do sleep 0.1; done\n'
        f'exit "$(cat "{marks}/release")"\n',
        encoding="utf-8",
    )
    hook.chmod(0o755)


def test_ctrl_c_while_the_remote_takes_the_record_moves_neither_record_nor_branch(
    published, tmp_path
):
    add_post(published)
    marks = tmp_path / "marks"
    hold_the_record(published.remote, marks)
    before = remote_refs(published.remote)
    publishing = start_publish(published)
    wait_for((marks / "started").exists, "the record's update", publishing)

    os.killpg(publishing.pid, signal.SIGINT)
    out, err = publishing.communicate(timeout=PATIENCE_S)
    (marks / "release").write_text("1")

    assert publishing.returncode == 130, out + err
    assert "INTERROMPU — pendant l’envoi" in err
    assert remote_refs(published.remote) == before
    (published.remote / "hooks" / "update").unlink()
    again = published.publish()
    assert again.returncode == 0, again.stdout + again.stderr
    assert "n’est jamais arrivée" in again.stdout
    assert remote_record(published.remote) == remote_tip(published.remote)


def test_a_remote_refusing_the_record_gets_neither_record_nor_branch(published, tmp_path):
    """A host that refused refs outside refs/heads (as GitHub does for refs/pull/…)."""
    add_post(published)
    hold_the_record(published.remote, tmp_path / "marks")
    (tmp_path / "marks" / "release").write_text("1")
    before = remote_refs(published.remote)
    local = published.git("rev-parse", "gh-pages").strip()

    done = published.publish()

    assert done.returncode == 1, done.stdout + done.stderr
    assert "git push a échoué" in done.stderr and "rien n’a été envoyé" in done.stderr
    assert remote_refs(published.remote) == before
    assert published.git("rev-parse", "gh-pages").strip() == local


def remote_record(remote: Path, branch: str = "gh-pages") -> str | None:
    """What the remote notes as its last publish (refs/relais/published/<branch>)."""
    done = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"refs/relais/published/{branch}"],
        cwd=remote,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or None


def pushes_running(remote: Path) -> bool:
    found = subprocess.run(["pgrep", "-f", f"receive-pack.*{remote}"], capture_output=True)
    return found.returncode == 0


def test_an_unpushed_commit_left_on_the_local_branch_is_put_aside_and_said(published):
    """What an interrupted publish used to leave behind: a commit on gh-pages, never sent."""
    live = published.git("rev-parse", "gh-pages").strip()
    tree = published.git("rev-parse", "gh-pages^{tree}").strip()
    stray = published.git("commit-tree", tree, "-p", live, "-m", "never pushed").strip()
    published.git("update-ref", "refs/heads/gh-pages", stray)

    done = published.publish()

    assert done.returncode == 0, done.stdout + done.stderr
    assert f"portait le commit {stray[:12]}, jamais envoyé" in done.stdout
    tip = remote_tip(published.remote)
    assert published.git("rev-parse", f"{tip}^").strip() == live
    assert published.git("rev-parse", "gh-pages").strip() == tip


# --- a remote whose history was rewritten -------------------------------------------------


def rewrite_remote_without(remote: Path, prefix: str) -> str:
    """Someone squashes gh-pages into one commit that no longer has `prefix`, and force-pushes."""
    (remote / "rewrite").mkdir()
    index = {
        **os.environ,
        "GIT_INDEX_FILE": str(remote / "rewrite.index"),
        "GIT_WORK_TREE": str(remote / "rewrite"),  # git rm wants one, even with --cached
    }
    run = {"cwd": remote, "env": index, "check": True, "capture_output": True, "text": True}
    subprocess.run(["git", "read-tree", "gh-pages"], **run)
    subprocess.run(["git", "rm", "-r", "-q", "--cached", prefix], **run)
    tree = subprocess.run(["git", "write-tree"], **run).stdout.strip()
    identity = ["-c", "user.name=Quelqu’un", "-c", "user.email=q@example.org"]
    squashed = subprocess.run(
        ["git", *identity, "commit-tree", tree, "-m", "Squash"], **run
    ).stdout.strip()
    subprocess.run(["git", "update-ref", "refs/heads/gh-pages", squashed], **run)
    return squashed


def test_a_rewritten_remote_branch_is_refused_until_accepted_and_urls_stay_protected(published):
    rewritten = rewrite_remote_without(published.remote, POST_URL)
    published.git("rm", "-q", POST)
    published.commit("Delete a post")
    before = remote_refs(published.remote)

    refused = published.publish()

    assert refused.returncode == 1
    assert "la branche « gh-pages » de « origin » a été réécrite" in refused.stderr
    assert "RELAIS_PUBLISH_ACCEPT_REWRITE=1 make publish" in refused.stderr
    assert remote_refs(published.remote) == before

    # Accepted: the history this repository published still counts, the post is still lost.
    accepted = published.publish(RELAIS_PUBLISH_ACCEPT_REWRITE="1")
    assert accepted.returncode == 1
    assert f"{SITEURL}/{POST_URL} : n’existe plus" in accepted.stderr
    assert remote_refs(published.remote) == before

    published.git("revert", "--no-edit", "HEAD")
    accepted = published.publish(RELAIS_PUBLISH_ACCEPT_REWRITE="1")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "RELAIS_PUBLISH_ACCEPT_REWRITE=1 : accepté" in accepted.stdout
    tip = remote_tip(published.remote)
    assert published.git("rev-parse", f"{tip}^").strip() == rewritten
    # From now on the new history is the reference: no override needed.
    assert published.publish().returncode == 0


def test_a_deleted_remote_branch_is_refused_here_and_in_a_fresh_clone(
    published, tmp_path, build_cache
):
    git(published.remote, "branch", "-q", "-D", "gh-pages")
    fresh = clone(published, tmp_path / "ci-run", build_cache)

    for project in (published, fresh):
        refused = project.publish()

        assert refused.returncode == 1
        assert "la branche « gh-pages » de « origin » a été supprimée" in refused.stderr
        assert remote_tip(published.remote) is None


# --- the record travels with the remote: every CI run is a fresh clone ---------------


def test_each_publish_notes_its_tip_on_the_remote(published):
    assert remote_record(published.remote) == remote_tip(published.remote)
    assert published.git("ls-remote", "origin", "refs/relais/published/gh-pages").split()[0] == (
        remote_tip(published.remote)
    )


def test_fresh_clones_publishing_one_after_the_other_pass(published, tmp_path, build_cache):
    """Two CI runs: each a fresh clone of the sources, neither with a local record."""
    first_run = clone(published, tmp_path / "run-1", build_cache)
    add_post(first_run)
    first_run.git("push", "-q", "origin", "main")
    done = first_run.publish()
    assert done.returncode == 0, done.stdout + done.stderr
    first_tip = remote_tip(published.remote)

    second_run = clone(published, tmp_path / "run-2", build_cache)
    with (second_run.path / NEW_POST).open("a", encoding="utf-8") as post:
        post.write("\nUn paragraphe de plus.\n")
    second_run.commit("Longer post")
    done = second_run.publish()

    assert done.returncode == 0, done.stdout + done.stderr
    assert "ne garde pas encore trace" not in done.stdout
    assert second_run.git("rev-parse", f"{remote_tip(published.remote)}^").strip() == first_tip
    assert remote_record(published.remote) == remote_tip(published.remote)


def test_a_fresh_clone_refuses_a_rewritten_remote_and_keeps_its_urls_when_accepted(
    published, tmp_path, build_cache
):
    """The rewrite is seen by a later CI run, which never saw the previous publish."""
    rewritten = rewrite_remote_without(published.remote, POST_URL)
    ci_run = clone(published, tmp_path / "ci-run", build_cache)
    ci_run.git("rm", "-q", POST)
    ci_run.commit("Delete a post")
    before = remote_refs(published.remote)

    refused = ci_run.publish()

    assert refused.returncode == 1
    assert "la branche « gh-pages » de « origin » a été réécrite" in refused.stderr
    assert "RELAIS_PUBLISH_ACCEPT_REWRITE=1 make publish" in refused.stderr
    assert remote_refs(published.remote) == before

    # Accepted: the published history, fetched with the record, still counts.
    accepted = ci_run.publish(RELAIS_PUBLISH_ACCEPT_REWRITE="1")
    assert accepted.returncode == 1
    assert f"{SITEURL}/{POST_URL} : n’existe plus" in accepted.stderr
    assert remote_refs(published.remote) == before

    ci_run.git("revert", "--no-edit", "HEAD")
    accepted = ci_run.publish(RELAIS_PUBLISH_ACCEPT_REWRITE="1")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    tip = remote_tip(published.remote)
    assert ci_run.git("rev-parse", f"{tip}^").strip() == rewritten
    assert remote_record(published.remote) == tip  # the record follows the accepted history


def test_without_a_record_on_the_remote_this_repository_s_record_still_counts(published):
    """A remote published by an older relais, or whose record was deleted."""
    git(published.remote, "update-ref", "-d", "refs/relais/published/gh-pages")
    rewrite_remote_without(published.remote, POST_URL)
    before = remote_refs(published.remote)

    refused = published.publish()

    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "la trace de ce dépôt (commit" in refused.stdout
    assert "a été réécrite" in refused.stderr
    assert remote_refs(published.remote) == before


def test_a_fresh_clone_of_a_remote_without_record_takes_its_tip_and_notes_it(
    published, tmp_path, build_cache
):
    """The first publish after upgrading relais, from CI: nothing to compare with yet."""
    git(published.remote, "update-ref", "-d", "refs/relais/published/gh-pages")
    live = remote_tip(published.remote)
    ci_run = clone(published, tmp_path / "ci-run", build_cache)
    add_post(ci_run)

    done = ci_run.publish()

    assert done.returncode == 0, done.stdout + done.stderr
    said = [line for line in done.stdout.splitlines() if "ne garde pas encore trace" in line]
    assert said == [
        "publish: « origin » ne garde pas encore trace de ses publications "
        f"(refs/relais/published/gh-pages) : la version en ligne {live[:12]} est prise pour "
        "référence ; chaque publication réussie l’y note désormais"
    ]
    assert remote_record(published.remote) == remote_tip(published.remote) != live
