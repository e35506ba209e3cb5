"""`make publish` (python -m relais.publish) against a local bare repository standing in for GitHub.

Each test states one promise of the deploy: what reaches the remote, and that a
refused publish leaves the remote refs byte-identical.
"""

import re
import shlex
import sys

import pytest
from bs4 import BeautifulSoup

from tests.mock_hub import recording_hub
from tests.publishing import (
    SITEURL,
    clone,
    deployed_site,
    git,
    new_project,
    published_files,
    remote_refs,
    remote_tip,
    scratch_build,
)

POST = "content/blog/2026-11-ouverture-lp-photo.md"
POST_URL = "blog/2026-11-ouverture-lp-photo/"
# Deleting that post also empties its category and one of its tags: their pages go too.
POST_AND_ITS_LISTS = [POST_URL, "categories/formations/", "tags/audiovisuel/"]
RENAMED = "content/blog/2026-11-ouverture-licence-photo.md"
RENAMED_URL = "blog/2026-11-ouverture-licence-photo/"


@pytest.fixture
def project(tmp_path, build_cache, publish_cache):
    return new_project(tmp_path, build_cache, publish_cache)


@pytest.fixture(scope="module")
def publish_cache(tmp_path_factory):
    """The render cache of this module's publishes, as CI's workflow keeps one: entries
    are checked against their recorded hashes before each build (test_publish_race.py
    tests that), so a cache warmed by another project only saves work."""
    return tmp_path_factory.mktemp("publish-cache")


def lost_urls(done) -> list[str]:
    """The URLs a refused publish lists as lost, as an author would copy them."""
    found = re.findall(rf"^\s+{re.escape(SITEURL)}/(\S*) : ", done.stderr, re.MULTILINE)
    return [f"/{path}" for path in found]


def delete_post_and_retire_its_urls(project) -> None:
    project.git("rm", "-q", POST)
    project.commit("Delete a post")
    refused = project.publish()
    lost = lost_urls(refused)
    assert {f"/{url}" for url in POST_AND_ITS_LISTS} <= set(lost), refused.stderr
    with (project.path / "retired-urls.txt").open("a", encoding="utf-8") as retired:
        retired.write("".join(f"{url}\n" for url in lost))
    project.commit("Retire a post and the lists it emptied")


def assert_refused(done, *phrases):
    assert done.returncode == 1, done.stdout + done.stderr
    assert "REFUSÉ" in done.stderr
    assert "rien n’a été envoyé" in done.stderr
    for phrase in phrases:
        assert phrase in done.stderr, done.stderr


def test_first_publish_puts_the_site_nojekyll_and_cname_on_gh_pages(project, tmp_path):
    done = project.publish(RELAIS_CNAME="formations.example.org")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "no baseline" in done.stdout
    files = published_files(project.remote)
    assert files[".nojekyll"] == b""
    assert files["CNAME"] == b"formations.example.org"
    # The tree is exactly a build of the commit plus the two deploy files: nothing else.
    assert deployed_site(project.remote) == scratch_build(project, tmp_path / "scratch")
    home = BeautifulSoup(files["index.html"], "lxml")
    assert home.find("link", rel="canonical")["href"] == f"{SITEURL}/"
    assert "content/blog" not in "".join(files)
    message = project.git("log", "-1", "--format=%B", "origin/gh-pages")
    assert project.head() in message
    assert project.git("rev-list", "--count", "origin/gh-pages").strip() == "1"


def test_published_brochures_carry_no_author_metadata(published):
    """What `make publish` sent: the demo's brochures without their Author and Creator
    (read with pypdfium2), every page there."""
    import pypdfium2 as pdfium

    files = published_files(published.remote)
    brochures = [name for name in files if name.startswith("brochures/")]
    assert brochures
    for name in brochures:
        document = pdfium.PdfDocument(files[name])
        info = document.get_metadata_dict()
        assert (info["Author"], info["Creator"], info["Producer"]) == ("", "", ""), name
        source = pdfium.PdfDocument(published.path / "content" / name)
        assert len(document) == len(source) and source.get_metadata_dict()["Author"]


def test_without_a_custom_domain_there_is_no_cname_file(project):
    done = project.publish(RELAIS_CNAME="")
    assert done.returncode == 0, done.stderr
    assert "CNAME" not in published_files(project.remote)


def test_second_publish_keeps_history_on_top_of_the_previous_tip(published):
    first = remote_tip(published.remote)
    (published.path / "content/blog/2026-12-nouvelle.md").write_text(
        "title: Une nouvelle actualité\ndate: 2026-11-30 09:00\ncategory: Formations\n"
        "summary: Une actualité de plus.\n\nTexte de l’actualité.\n",
        encoding="utf-8",
    )
    published.commit("New post")

    done = published.publish()

    assert done.returncode == 0, done.stdout + done.stderr
    second = remote_tip(published.remote)
    assert second != first
    assert published.git("rev-parse", f"{second}^").strip() == first
    assert published.head()[:12] in published.git("log", "-1", "--format=%s", second)
    assert "blog/2026-12-nouvelle/index.html" in published_files(published.remote)


def test_a_renamed_post_without_redirect_is_refused_and_names_the_lost_url(published):
    before = remote_refs(published.remote)
    published.git("mv", POST, RENAMED)
    published.commit("Rename a post")

    done = published.publish()

    assert_refused(done, f"{SITEURL}/{POST_URL} : n’existe plus", "redirect_from")
    assert remote_refs(published.remote) == before


def test_a_renamed_post_with_redirect_from_publishes_and_the_old_url_redirects(published):
    published.git("mv", POST, RENAMED)
    moved = published.path / RENAMED
    text = moved.read_text(encoding="utf-8")
    moved.write_text(text.replace("\n", f"\nredirect_from: /{POST_URL}\n", 1), encoding="utf-8")
    published.commit("Rename a post, keep its old address")

    done = published.publish()

    assert done.returncode == 0, done.stdout + done.stderr
    files = published_files(published.remote)
    stub = BeautifulSoup(files[f"{POST_URL}index.html"], "lxml")
    refresh = stub.find("meta", attrs={"http-equiv": "refresh"})["content"]
    delay, target = refresh.split(";", 1)
    assert delay == "0"
    target = target.strip().removeprefix("url=")
    assert target == f"{SITEURL}/{RENAMED_URL}"
    # The target is a real page of the published tree, not another redirect.
    page = BeautifulSoup(files[target.removeprefix(f"{SITEURL}/") + "index.html"], "lxml")
    assert page.find("meta", attrs={"http-equiv": "refresh"}) is None
    assert page.h1.get_text().startswith("Nouvelle licence pro")


def test_a_deleted_post_listed_in_retired_urls_is_published(published):
    delete_post_and_retire_its_urls(published)

    done = published.publish()

    assert done.returncode == 0, done.stdout + done.stderr
    files = published_files(published.remote)
    assert f"{POST_URL}index.html" not in files
    assert "tags/photographie/index.html" in files  # still used by another post


def test_a_url_dropped_by_an_earlier_deploy_still_counts(published):
    """The baseline is every path the branch ever had, not only its current tip."""
    delete_post_and_retire_its_urls(published)
    assert published.publish().returncode == 0
    (published.path / "retired-urls.txt").write_text("# nothing retired\n", encoding="utf-8")
    published.commit("Forget the retirement")
    before = remote_refs(published.remote)

    done = published.publish()

    assert_refused(done, f"{SITEURL}/{POST_URL}")
    assert remote_refs(published.remote) == before


def test_an_empty_build_is_refused(published):
    before = remote_refs(published.remote)
    done = published.publish(RELAIS_PUBLISH_BUILD="true")
    assert_refused(done, "aucune page")
    assert remote_refs(published.remote) == before


def test_a_build_without_404_page_is_refused(published):
    before = remote_refs(published.remote)
    published.git("rm", "-q", "content/pages/404.md")
    (published.path / "retired-urls.txt").write_text("/404.html\n", encoding="utf-8")
    published.commit("Lose the 404 page")

    done = published.publish()

    assert_refused(done, "404.html")
    assert remote_refs(published.remote) == before


def test_a_broken_filename_link_stops_the_build(published):
    before = remote_refs(published.remote)
    post = published.path / POST
    post.write_text(
        post.read_text(encoding="utf-8") + "\n[Lien cassé]({filename}/blog/nulle-part.md)\n",
        encoding="utf-8",
    )
    published.commit("Broken link")

    done = published.publish()

    assert_refused(done, "construction a échoué", "nulle-part.md")
    assert remote_refs(published.remote) == before


def test_a_broken_link_in_a_post_stops_the_build_before_anything_is_sent(published):
    before = remote_refs(published.remote)
    post = published.path / POST
    post.write_text(
        post.read_text(encoding="utf-8") + f"\n[Lien cassé]({SITEURL}/blog/nulle-part/)\n",
        encoding="utf-8",
    )
    published.commit("Broken absolute link")

    done = published.publish()

    assert_refused(done, "la construction a échoué")
    assert "blog/nulle-part/" in done.stdout + done.stderr
    assert remote_refs(published.remote) == before


def test_a_broken_link_the_build_cannot_see_is_caught_by_the_link_gate(published):
    """A link written in the site's own template (site-theme/) is HTML the build does not
    read as content: the link gate, on the built site, refuses it."""
    before = remote_refs(published.remote)
    template = published.path / "site-theme" / "templates" / "page.html"
    template.parent.mkdir(parents=True, exist_ok=True)
    kit_page = (published.path / "theme" / "templates" / "page.html").read_text(encoding="utf-8")
    template.write_text(
        kit_page.replace("</article>", '<a href="/blog/nulle-part/">Lien cassé</a></article>'),
        encoding="utf-8",
    )
    published.commit("Broken link in the site's template")

    done = published.publish()

    assert_refused(done, "contrôles de qualité")
    assert "blog/nulle-part/" in done.stdout + done.stderr
    assert remote_refs(published.remote) == before


def test_a_failing_gate_is_refused_and_the_local_branch_is_left_as_it_was(published):
    before = remote_refs(published.remote)
    local = published.git("rev-parse", "gh-pages").strip()

    done = published.publish(gate="false")

    assert_refused(done, "contrôles de qualité")
    assert remote_refs(published.remote) == before
    assert published.git("rev-parse", "gh-pages").strip() == local


def test_a_missing_gate_command_is_refused_in_one_line_naming_it(published):
    before = remote_refs(published.remote)
    done = published.publish(gate="relais-no-such-gate --strict")
    assert_refused(
        done,
        "la commande « relais-no-such-gate » est introuvable ou n’est pas exécutable",
        "make tools",
    )
    assert "Traceback" not in done.stderr and "FileNotFoundError" not in done.stderr
    assert remote_refs(published.remote) == before


def test_an_unreachable_remote_is_refused_with_gits_reason(published, tmp_path):
    """git's first line gives the reason ("does not appear to be a git repository", "Could
    not resolve host"); the last ones only say to check access rights."""
    missing = tmp_path / "nowhere.git"
    published.git("remote", "set-url", "origin", str(missing))
    done = published.publish()
    assert_refused(done, "git ls-remote a échoué", "does not appear to be a git repository")
    assert "Traceback" not in done.stderr


def test_uncommitted_changes_are_named_and_left_out_of_the_publish(published):
    (published.path / POST).write_text("title: brouillon\n", encoding="utf-8")
    (published.path / "content/blog/2026-12-nouveau.md").write_text(
        "title: Pas encore ajouté\ndate: 2026-11-30\n\nTexte.\n", encoding="utf-8"
    )

    done = published.publish()

    assert done.returncode == 0, done.stdout + done.stderr
    warning = done.stdout[done.stdout.index("ATTENTION") :]
    assert f"M {POST}" in warning and "?? content/blog/2026-12-nouveau.md" in warning
    assert "ne le seront pas" in warning
    files = published_files(published.remote)
    assert "blog/2026-12-nouveau/index.html" not in files
    post = BeautifulSoup(files[f"{POST_URL}index.html"], "lxml")
    assert post.h1.get_text().startswith("Nouvelle licence pro")


def test_a_deploy_pushed_from_another_clone_meanwhile_is_never_overwritten(
    published, tmp_path, build_cache
):
    """The other clone publishes while this one runs its gates (after its fetch): a site
    of its own (a post more), so the two deploys are not the same commit."""
    other = clone(published, tmp_path / "other", build_cache)
    (other.path / "content/blog/2026-12-autre-clone.md").write_text(
        "title: Depuis l’autre clone\ndate: 2026-11-30 09:00\ncategory: Formations\n"
        "summary: Publié d’ailleurs.\n\nTexte.\n",
        encoding="utf-8",
    )
    other.commit("A post from the other clone")
    other_publish = (
        f"cd {shlex.quote(str(other.path))} && "
        f"RELAIS_PUBLISH_GATE=true {shlex.quote(sys.executable)} -m relais.publish"
    )
    gate = f"sh -c {shlex.quote(other_publish)}"
    local = published.git("rev-parse", "gh-pages").strip()

    done = published.publish(gate=gate)

    assert_refused(done, "git push a échoué", "relancez `make publish`")
    other_tip = other.git("rev-parse", "gh-pages").strip()
    assert remote_tip(published.remote) == other_tip  # the other deploy survived
    assert published.git("rev-parse", "gh-pages").strip() == local


def test_publishing_from_the_publish_branch_itself_is_refused(project):
    """A user site publishes to `main`: the sources must then live on another branch."""
    done = project.publish(RELAIS_PUBLISH_BRANCH="main")
    assert_refused(done, "branche de travail")
    assert remote_tip(project.remote, "main") == project.head()


def test_a_publish_builds_with_the_commits_kit_never_the_working_folders(project):
    """The kit in .venv is the working folder's (make installs it from there): a publish
    installs the commit's own, so what goes online is code some commit holds."""
    plugin = project.path / "plugins/robots/plugin.py"
    original = plugin.read_text(encoding="utf-8")

    def robots_says(line: str) -> None:
        plugin.write_text(
            original.replace('"User-agent: *\\n', f'"# {line}\\nUser-agent: *\\n'),
            encoding="utf-8",
        )

    robots_says("kit du commit")
    project.commit("Change the kit in this copy")
    robots_says("pas dans un commit")  # an edit left uncommitted
    done = project.publish()
    assert done.returncode == 0, done.stdout + done.stderr
    robots = published_files(project.remote)["robots.txt"].decode()
    assert robots.startswith("# kit du commit\n")
    assert "pas dans un commit" not in robots


def test_a_user_site_publishes_to_main_from_a_source_branch(project):
    project.git("checkout", "-q", "-b", "source")
    project.git("push", "-q", "origin", "source")
    git(project.remote, "symbolic-ref", "HEAD", "refs/heads/source")
    project.git("push", "-q", "origin", "--delete", "main")
    project.git("branch", "-q", "-D", "main")

    done = project.publish(RELAIS_PUBLISH_BRANCH="main")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "index.html" in published_files(project.remote, "main")
    assert "pelicanconf.py" not in published_files(project.remote, "main")


def test_the_previous_stylesheet_stays_one_deploy_for_cached_pages(published):
    def stylesheets():
        return sorted(n for n in published_files(published.remote) if "css/site." in n)

    first = stylesheets()
    css = published.path / "theme/static/css/site.css"
    for edit in ("/* v2 */", "/* v3 */"):
        css.write_text(css.read_text(encoding="utf-8") + f"\n{edit}\n", encoding="utf-8")
        published.commit(f"Stylesheet {edit}")
        done = published.publish()
        assert done.returncode == 0, done.stdout + done.stderr
        if edit == "/* v2 */":
            second = stylesheets()

    third = stylesheets()
    hashed = [n for n in first if n != "theme/css/site.css"]
    assert len(hashed) == 1
    assert hashed[0] in second  # kept for pages cached from the first deploy
    assert hashed[0] not in third  # and gone one deploy later: old names never pile up
    assert len(third) == len(second) == 3  # site.css + the current and previous hashed names
    home = BeautifulSoup(published_files(published.remote)["index.html"], "lxml")
    current = home.find("link", rel="stylesheet")["href"].removeprefix(f"{SITEURL}/")
    assert current in third and current not in second


@pytest.mark.slow
@pytest.mark.browser
def test_the_full_quality_gate_passes_on_the_demo_site(project):
    done = project.publish(gate=None)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{sys.executable} -m relais.checks" in done.stdout


@pytest.mark.slow
@pytest.mark.browser
def test_the_full_quality_gate_stops_an_inaccessible_page(published):
    page = published.path / "theme/templates/page.html"
    page.write_text(  # valid HTML, working links, but a button no screen reader can name
        page.read_text(encoding="utf-8").replace("</h1>", "</h1><button></button>", 1),
        encoding="utf-8",
    )
    published.commit("A button without a name")
    before = remote_refs(published.remote)

    done = published.publish(gate=None)

    assert_refused(done, "contrôles de qualité")
    assert remote_refs(published.remote) == before


@pytest.fixture
def websub_hub():
    """A local WebSub hub that records what it is told."""
    with recording_hub() as hub:
        yield hub


def test_after_a_publish_the_websub_hub_hears_about_the_feeds(project, websub_hub):
    hub, received = websub_hub
    with (project.path / "publishconf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\nFEEDS_WEBSUB_HUB = {hub!r}\n")
    project.commit("Announce feeds to a WebSub hub")

    done = project.publish()

    assert done.returncode == 0, done.stdout + done.stderr
    assert received, done.stdout
    assert all(ping["hub.mode"] == ["publish"] for ping in received)
    pinged = {url for ping in received for url in ping["hub.url"]}
    assert all(url.startswith(f"{SITEURL}/") for url in pinged)
    published = published_files(project.remote)
    assert all(url.removeprefix(f"{SITEURL}/") in published for url in pinged)


def test_a_failed_publish_never_pings_the_hub(project, websub_hub):
    hub, received = websub_hub
    with (project.path / "publishconf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\nFEEDS_WEBSUB_HUB = {hub!r}\n")
    project.commit("Announce feeds to a WebSub hub")

    done = project.publish(gate="false")

    assert done.returncode == 1
    assert received == []


def test_a_published_short_link_is_as_permanent_as_any_url(published):
    programme = published.path / "content/programmes/lp-photographie-audiovisuel.md"
    original = programme.read_text(encoding="utf-8")
    programme.write_text(original.replace("\n", "\nshortlink: lp-photo\n", 1), encoding="utf-8")
    published.commit("A short link for the flyer")
    assert published.publish().returncode == 0
    stub = BeautifulSoup(published_files(published.remote)["go/lp-photo/index.html"], "lxml")
    assert stub.find("link", rel="canonical")["href"] == (
        f"{SITEURL}/programmes/lp-photographie-audiovisuel/"
    )
    programme.write_text(original, encoding="utf-8")
    published.commit("Drop the short link")
    before = remote_refs(published.remote)

    done = published.publish()

    assert_refused(done, f"{SITEURL}/go/lp-photo/ : n’existe plus")
    assert remote_refs(published.remote) == before
