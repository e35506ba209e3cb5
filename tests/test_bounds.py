"""A content file over a bound (Markdown size, unclosed brackets, tags) stops the build with
one line naming the file, the field and the setting that raises the bound."""

from tests.sitebuild import build, copy_content

SITEURL = "http://127.0.0.1:8000"
POST = """title: {title}
date: 2026-11-20 10:00
category: Conseils
tags: {tags}
summary: {summary}

{body}
"""


def write_post(content, name, body="Un paragraphe.", tags="alternance", summary="Un test."):
    text = POST.format(title=name, tags=tags, body=body, summary=summary)
    (content / "blog" / f"{name}.md").write_text(text, encoding="utf-8")


def test_each_content_over_a_bound_gets_its_own_line_and_nothing_is_written(tmp_path):
    content = copy_content(tmp_path / "content")
    # 400 KB of `[`: python-markdown alone would run for hours on it.
    write_post(content, "crochets", body="[" * 400_000)
    write_post(content, "trop-long", body=("Un paragraphe ordinaire. " * 40 + "\n\n") * 1200)
    write_post(content, "mots-cles", tags=", ".join(f"mot {n}" for n in range(1000)))
    write_post(content, "juste-assez", tags=", ".join(f"clé {n}" for n in range(50)))
    # In the header, converted by Markdown too (summary): the header is then read as text.
    write_post(content, "entete", summary="[" * 3000)
    broken = build(tmp_path, content=content, siteurl=SITEURL)
    assert broken.returncode == 1
    errors = [line for line in broken.stderr.splitlines() if line.startswith("ERREUR")]
    assert len(errors) == 4, broken.stderr
    [header] = [e for e in errors if "/blog/entete.md: champ « texte » : " in e]
    assert "paragraphe de la ligne 1," in header
    [brackets] = [e for e in errors if "/blog/crochets.md: champ « texte » : " in e]
    assert "paragraphe de la ligne 7" in brackets
    assert "(80\u202f000\u202f600\u202f000 caractères à parcourir, limite 2\u202f000\u202f000)" in (
        brackets
    )
    assert brackets.endswith("ou une limite plus haute dans RELAIS_MARKDOWN_MAX_BRACKET_SPAN")
    [size] = [e for e in errors if "/blog/trop-long.md: champ « texte » : " in e]
    assert "le fichier fait 1\u202f202\u202f" in size and "limite de 1\u202f000\u202f000" in size
    assert size.endswith("ou une limite plus haute dans RELAIS_MARKDOWN_MAX_BYTES")
    [tags] = [e for e in errors if "/blog/mots-cles.md: champ « tags » : " in e]
    assert "1\u202f000 mots-clés, au-delà de la limite de 50 par contenu" in tags
    assert tags.endswith("ou une limite plus haute dans RELAIS_MAX_TAGS")
    assert "Traceback" not in broken.stderr
    assert not broken.output.exists()
    # Pelican's content cache kept nothing of the refused files: the next build says the same.
    again = build(tmp_path, content=content, siteurl=SITEURL)
    assert again.returncode == 1
    assert sorted(e for e in again.stderr.splitlines() if e.startswith("ERREUR")) == sorted(errors)


def test_the_bounds_are_settings(tmp_path):
    content = copy_content(tmp_path / "content")
    write_post(content, "mots-cles", tags=", ".join(f"mot {n}" for n in range(60)))
    write_post(content, "crochets", body="[" * 3000)  # 4.5 million characters to scan
    lower = build(tmp_path / "a", content=content)
    assert lower.returncode == 1 and lower.stderr.count("ERREUR") == 2, lower.stderr
    settings = {"RELAIS_MAX_TAGS": 60, "RELAIS_MARKDOWN_MAX_BRACKET_SPAN": 5_000_000}
    raised = build(tmp_path / "b", content=content, settings=settings)
    assert raised.returncode == 0, raised.stderr
    assert (raised.output / "tag" / "mot-59.html").exists() or any(raised.output.rglob("mot-59*"))
