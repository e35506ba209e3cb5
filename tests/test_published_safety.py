"""Nothing unsafe, nothing private in what `make html` publishes.

- Raw HTML in Markdown and in `summary:` (shown on the home, archives, category, tag and
  programme pages): a script, an event handler, a `javascript:` or `data:` address stops
  the build, one line each naming the file, the field and the line; a team's own tables,
  `<details>` and https iframes are published as written (read back with BeautifulSoup).
"""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.sitebuild import build, copy_content
from tests.test_author_mistakes import error_lines, existing_output, snapshot, write

POST_HEAD = (
    "title: Une actualité\ndate: 2026-11-16 10:00\ncategory: Vie du campus\ntags: sécurité\n"
    "programme: lp-photographie-audiovisuel\n"
)


def test_scripts_handlers_and_javascript_or_data_addresses_stop_the_build_at_their_line(
    tmp_path,
):
    content = copy_content(tmp_path / "content")
    before = existing_output(tmp_path)
    post = write(
        content,
        "blog/piege.md",
        POST_HEAD + 'summary: Un <img src="https://a.org/x.png" onerror="alert(1)" alt="">\n\n'
        "Premier paragraphe.\n\n"
        "<script>alert(document.cookie)</script>\n\n"
        '<a href="javascript:alert(1)">le programme</a>\n\n'
        '<a href="data:text/html;base64,PHNjcmlwdD4=">la brochure</a>\n\n'
        '<p onmouseover="steal()">Survolez-moi</p>\n',
    )
    site = build(tmp_path, content=content)
    assert site.returncode == 1
    expected = (
        "du texte Markdown, ou le HTML permis (docs/authoring.md, « HTML dans le texte ») ; "
        "une image ou un fichier : {static}/images/… ; une vidéo : <iframe "
        'src="https://…">'
    )
    scheme = (
        "n’est pas permise : seules les adresses http(s), mailto:, tel: et celles des "
        "fichiers du site le sont (ni javascript:, ni data:)"
    )
    assert set(error_lines(site)) == {
        f"ERREUR {post}:6: champ « summary » : l’attribut « onerror » lance du code "
        f"(JavaScript), ce que le site ne publie pas — attendu : {expected}",
        f"ERREUR {post}:10: champ « texte » : la balise « <script> » n’est pas permise : ni "
        "script, ni formulaire, ni contenu embarqué hors de la liste du site — attendu : "
        f"{expected}",
        f"ERREUR {post}:12: champ « texte » : l’adresse « javascript:alert(1) » {scheme} — "
        f"attendu : {expected}",
        f"ERREUR {post}:14: champ « texte » : l’adresse « data:text/html;base64,PHNjcmlwdD4= » "
        f"{scheme} — attendu : {expected}",
        f"ERREUR {post}:16: champ « texte » : l’attribut « onmouseover » lance du code "
        f"(JavaScript), ce que le site ne publie pas — attendu : {expected}",
    }
    assert "Traceback" not in site.stderr + site.stdout
    assert snapshot(site.output) == before


@pytest.fixture(scope="module")
def html_site(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("team-html")
    content = copy_content(tmp_path / "content")
    write(
        content,
        "blog/html-maison.md",
        POST_HEAD + "summary: Le <strong>calendrier</strong> et <em>la carte</em>.\n\n"
        '<table class="horaires">\n<thead><tr><th scope="col">Jour</th><th>Salle</th></tr>'
        "</thead>\n<tbody><tr><td>Lundi</td><td>B12</td></tr></tbody>\n</table>\n\n"
        "<details><summary>Comment candidater ?</summary>\n<p>Sur la plateforme.</p>\n"
        "</details>\n\n"
        '<iframe src="https://www.openstreetmap.org/export/embed.html?bbox=0.1,45.6,0.2,45.7"'
        ' title="Plan du campus" width="600" height="400" loading="lazy"></iframe>\n',
    )
    site = build(tmp_path, content=content)
    assert site.returncode == 0, site.stderr
    return site


def soup(site, url: str) -> BeautifulSoup:
    return BeautifulSoup(site.page(url).read_text(encoding="utf-8"), "lxml")


def test_a_teams_own_html_is_published_as_written(html_site):
    post = soup(html_site, "blog/html-maison/")
    table = post.select_one("table.horaires")
    assert [th.get_text() for th in table.select("th")] == ["Jour", "Salle"]
    assert table.select_one("th")["scope"] == "col"
    assert post.select_one("details summary").get_text() == "Comment candidater ?"
    iframe = post.select_one("iframe[title='Plan du campus']")
    assert iframe["src"].startswith("https://www.openstreetmap.org/export/embed.html")
    assert (iframe["width"], iframe["height"], iframe["loading"]) == ("600", "400", "lazy")


@pytest.mark.parametrize(
    "url", ["", "archives/", "categories/vie-du-campus/", "tags/securite/",
            "programmes/lp-photographie-audiovisuel/"],
)  # fmt: skip
def test_the_summarys_html_is_shown_on_every_list_and_no_script_anywhere(html_site, url):
    page = soup(html_site, url)
    assert any(strong.get_text() == "calendrier" for strong in page.select("strong")), f"/{url}"
    for tag in page.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs), (url, tag)


def test_no_published_page_carries_a_javascript_or_data_link(html_site):
    for path in Path(html_site.output).rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for tag in page.find_all(href=True):
            assert not tag["href"].strip().lower().startswith(("javascript:", "data:")), path
