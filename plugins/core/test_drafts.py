"""Which files are drafts: the `status:` line of their own header, read leniently."""

import pytest

from relais.plugins.core.drafts import EVENT_DRAFT_WORDS, declares_draft


@pytest.mark.parametrize(
    ("text", "draft"),
    [
        ("title: A\nstatus: draft\n\nText.\n", True),
        ("title: A\nStatus:  Draft \n\nText.\n", True),
        ("title: A\ndate 2026-12-01\nstatus: draft\n\nText.\n", True),  # a broken line above
        ('---\ntitle: A\n\n# comment\nstatus: "draft"  # later\n---\n\nText.\n', True),
        ("title: A\nstatus: published\n\nText.\n", False),
        ("title: A\nstatus: brouillon\n\nText.\n", False),  # posts and pages: draft only
        ("title: A\n\nstatus: draft\n", False),  # in the text, not the header
        ("---\ntitle: A\n---\nstatus: draft\n", False),
        ("", False),
    ],
)
def test_a_draft_says_so_in_its_own_header(tmp_path, text, draft):
    path = tmp_path / "x.md"
    path.write_text(text, encoding="utf-8")
    assert declares_draft(path) is draft


def test_an_event_may_say_brouillon_and_any_encoding_is_read(tmp_path):
    path = tmp_path / "forum.md"
    path.write_bytes("title: Été\nstatus: brouillon\n\nÉté.\n".encode("latin-1"))
    assert declares_draft(path, EVENT_DRAFT_WORDS)
    assert not declares_draft(path)
