"""What an author types in a title or summary is shown as text, never run as markup."""

from bs4 import BeautifulSoup

from tests.sitebuild import build, copy_content

HOSTILE_TITLE = '"</script><b>x</b> & <i>« Bienvenue »</i>'
HOSTILE_SUMMARY = 'Il a dit "venez" & <em>restez</em>.'


def test_titles_and_summaries_stay_text_everywhere(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "blog" / "2026-11-hostile.md").write_text(
        f"title: {HOSTILE_TITLE}\ndate: 2026-11-25 10:00\ncategory: Formations\n"
        f"tags: test\nsummary: {HOSTILE_SUMMARY}\n\nCorps de l’article.\n",
        encoding="utf-8",
    )
    site = build(tmp_path, content=content)
    assert site.returncode == 0, site.stderr
    for url in ("blog/2026-11-hostile/", "", "archives/", "categories/formations/"):
        page = BeautifulSoup(site.page(url).read_text(encoding="utf-8"), "lxml")
        assert not page.select("main b, main i, head b"), url
        assert HOSTILE_TITLE in [a.get_text() for a in page.select("main h1, main a")], url
    post = BeautifulSoup(site.page("blog/2026-11-hostile/").read_text(encoding="utf-8"), "lxml")
    assert post.title.get_text().startswith(HOSTILE_TITLE)
    description = post.select_one('meta[name="description"]')["content"]
    assert description == 'Il a dit "venez" & restez.'
