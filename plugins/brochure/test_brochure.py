"""Unit tests of the brochure renderer and its cache (the site-level tests are in tests/)."""

import json
import pickle
from pathlib import Path

import pytest
from PIL import Image

from relais.plugins.brochure import cache, renderer
from relais.plugins.brochure.limits import Limits
from relais.plugins.brochure.pdf import RenderParams, UnreadablePdf, _tidy
from tests.brochure_pdfs import corrupt_pdf, encrypted_pdf, text_pdf, zero_page_pdf
from tests.hostile_pdfs import fanout_pdf, many_pages_pdf, sized_page_pdf

PARAMS = RenderParams(widths=(300, 600), thumb_width=100, quality=70)
LIMITS = Limits(max_pages=500, max_page_pixels=12_000_000, worker_memory_mb=1024, page_timeout_s=30)


def entries(root):
    return sorted(p.name for p in root.iterdir())


def test_every_page_is_rendered_at_each_width_with_its_text(tmp_path):
    pdf = text_pdf(tmp_path / "b.pdf", 11)  # more than one job of PAGES_PER_JOB pages
    outcomes, stats = renderer.prepare([pdf], tmp_path / "cache", PARAMS, LIMITS, workers=2)
    outcome = outcomes[pdf]
    pages = outcome.manifest["pages"]
    assert [p["number"] for p in pages] == list(range(1, 12))
    assert pages[10]["text"] == "Page de test numéro 11\nLigne unique 11"
    folder = tmp_path / "cache" / outcome.key
    for key, width in (("300", 300), ("600", 600), ("thumb", 100)):
        name, w, h = pages[0]["images"][key]
        with Image.open(folder / name) as image:
            assert image.format == "WEBP"
            assert image.size == (w, h) and w == width
            assert abs(h - width * 841.89 / 595.28) <= 1  # A4 keeps its ratio
    assert outcome.manifest["pdf_bytes"] == pdf.stat().st_size
    assert (stats.rendered_pdfs, stats.rendered_pages, stats.cached_pdfs) == (1, 11, 0)


def test_an_unchanged_pdf_is_not_rendered_again_and_a_changed_one_is(tmp_path):
    pdf, root = text_pdf(tmp_path / "b.pdf", 2), tmp_path / "cache"
    first, _ = renderer.prepare([pdf], root, PARAMS, LIMITS, workers=2)
    again, stats = renderer.prepare([pdf], root, PARAMS, LIMITS, workers=2)
    assert again[pdf].from_cache and again[pdf].key == first[pdf].key
    assert (stats.rendered_pages, stats.cached_pdfs) == (0, 1)
    text_pdf(pdf, 3)
    changed, stats = renderer.prepare([pdf], root, PARAMS, LIMITS, workers=2)
    assert changed[pdf].key != first[pdf].key and stats.rendered_pages == 3
    assert len(changed[pdf].manifest["pages"]) == 3


def test_the_key_follows_the_content_and_the_render_settings_not_the_file_name(tmp_path):
    a = text_pdf(tmp_path / "a.pdf", 1)
    b = tmp_path / "copy.pdf"
    b.write_bytes(a.read_bytes())
    key = cache.entry_key(cache.file_digest(a), PARAMS)
    assert key == cache.entry_key(cache.file_digest(b), PARAMS)
    wider = RenderParams(widths=(300, 900), thumb_width=100, quality=70)
    assert key != cache.entry_key(cache.file_digest(a), wider)


def test_identical_files_are_rendered_once(tmp_path):
    a = text_pdf(tmp_path / "a.pdf", 2)
    b = tmp_path / "b.pdf"
    b.write_bytes(a.read_bytes())
    outcomes, stats = renderer.prepare([a, b], tmp_path / "cache", PARAMS, LIMITS, workers=2)
    assert outcomes[a].key == outcomes[b].key and stats.rendered_pages == 2


@pytest.mark.parametrize(
    ("make", "kind"),
    [(corrupt_pdf, "corrupt"), (encrypted_pdf, "encrypted"), (zero_page_pdf, "empty")],
)
def test_unusable_pdfs_are_named_and_leave_nothing_in_the_cache(tmp_path, make, kind):
    good, bad = text_pdf(tmp_path / "good.pdf", 1), make(tmp_path / "bad.pdf")
    root = tmp_path / "cache"
    outcomes, _ = renderer.prepare([good, bad], root, PARAMS, LIMITS, workers=2)
    assert outcomes[bad].manifest is None and outcomes[bad].problem.kind == kind
    assert outcomes[good].manifest is not None
    assert entries(root) == [outcomes[good].key]  # no entry, no leftover workspace


# Each is a few hundred bytes; rendered naively, gigabytes (sizes) or minutes (pages).
OVER_A_LIMIT = {
    "1 x 14400 pt": (lambda p: sized_page_pdf(p, 1, 14400), "page_size", {"height": 4_320_000}),
    "200000 pt high": (lambda p: sized_page_pdf(p, 595, 200_000), "page_size", {"height": 100_840}),
    "0.01 pt wide": (lambda p: sized_page_pdf(p, 0.01, 842), "page_size", {"reason": "side"}),
    "14400 x 1 pt": (lambda p: sized_page_pdf(p, 14400, 1), "page_size", {"height": 0}),
    "2000 pages": (lambda p: many_pages_pdf(p, 2000), "pages", {"pages": 2000}),
}


def test_the_zoom_image_is_rendered_beside_the_others_and_kept_out_of_the_widths(tmp_path):
    pdf = text_pdf(tmp_path / "b.pdf", 2)
    zooming = RenderParams(widths=(300, 600), thumb_width=100, quality=70, zoom_width=1200)
    outcomes, _ = renderer.prepare([pdf], tmp_path / "cache", zooming, LIMITS, workers=2)
    folder = tmp_path / "cache" / outcomes[pdf].key
    for page in outcomes[pdf].manifest["pages"]:
        assert sorted(page["images"]) == ["300", "600", "thumb", "zoom"]
        name, w, h = page["images"]["zoom"]
        with Image.open(folder / name) as image:
            assert image.format == "WEBP" and image.size == (w, h) == (1200, 1698)  # A4
    assert cache.entry_key("x", zooming) != cache.entry_key("x", PARAMS)


def test_the_zoom_image_narrows_to_fit_the_pixel_budget_instead_of_stopping_the_build(tmp_path):
    budget = Limits(500, max_page_pixels=600_000, worker_memory_mb=1024, page_timeout_s=30)
    zooming = RenderParams(widths=(300, 600), thumb_width=100, quality=70, zoom_width=1200)
    a4 = sized_page_pdf(tmp_path / "a4.pdf", 595, 842)  # 1200 x 1698 px would be 2 037 600
    tall = sized_page_pdf(tmp_path / "tall.pdf", 595, 990)  # 600 x 999 px: no room left
    outcomes, _ = renderer.prepare([a4, tall], tmp_path / "cache", zooming, budget, workers=2)
    _, w, h = outcomes[a4].manifest["pages"][0]["images"]["zoom"]
    assert 600 < w < 1200 and w * h <= 600_000 and abs(h / w - 842 / 595) < 0.01
    assert "zoom" not in outcomes[tall].manifest["pages"][0]["images"]


@pytest.mark.parametrize("case", list(OVER_A_LIMIT))
def test_a_pdf_over_a_limit_is_named_before_any_page_is_rendered(tmp_path, case):
    make, kind, facts = OVER_A_LIMIT[case]
    good, bad = text_pdf(tmp_path / "good.pdf", 1), make(tmp_path / "bad.pdf")
    root = tmp_path / "cache"
    outcomes, stats = renderer.prepare([good, bad], root, PARAMS, LIMITS, workers=2)
    problem = outcomes[bad].problem
    assert problem.kind == kind and facts.items() <= problem.facts.items(), problem.facts
    assert stats.rendered_pages == 1  # the good PDF's page only
    assert entries(root) == [outcomes[good].key]


def test_the_pixel_budget_counts_the_height_of_each_image_not_only_its_width(tmp_path):
    budget = Limits(500, max_page_pixels=600_000, worker_memory_mb=1024, page_timeout_s=30)
    a4 = sized_page_pdf(tmp_path / "a4.pdf", 595, 842)  # 600 x 849 px = 509 400
    taller = sized_page_pdf(tmp_path / "taller.pdf", 595, 1000)  # 600 x 1008 px = 604 800
    outcomes, _ = renderer.prepare([a4, taller], tmp_path / "cache", PARAMS, budget, workers=2)
    assert outcomes[a4].manifest is not None
    assert outcomes[taller].problem.facts == {
        "page": 1, "width_pt": 595, "height_pt": 1000, "width": 600, "height": 1008,
        "reason": "pixels",
    }  # fmt: skip


def test_a_tiny_square_page_is_within_budget_and_rendered_at_the_usual_widths(tmp_path):
    tiny = sized_page_pdf(tmp_path / "tiny.pdf", 0.01, 0.01)
    outcomes, _ = renderer.prepare([tiny], tmp_path / "cache", PARAMS, LIMITS, workers=2)
    assert outcomes[tiny].manifest["pages"][0]["images"]["600"][1:] == [600, 600]


@pytest.mark.parametrize(
    ("depth", "memory_mb", "timeout_s", "kind"),
    [(8, 200, 120, "memory"), (6, 1024, 2, "timeout")],
)
def test_a_page_past_its_worker_memory_or_time_fails_alone_and_the_pool_goes_on(
    tmp_path, depth, memory_mb, timeout_s, kind
):
    # 10**depth squares drawn through nested forms: memory or time grows without end.
    bad = fanout_pdf(tmp_path / "fanout.pdf", depth=depth)
    good = text_pdf(tmp_path / "good.pdf", 3)
    limits = Limits(500, 12_000_000, worker_memory_mb=memory_mb, page_timeout_s=timeout_s)
    root = tmp_path / "cache"
    outcomes, _ = renderer.prepare([bad, good], root, PARAMS, limits, workers=2)
    assert outcomes[bad].problem.kind == kind
    assert outcomes[bad].problem.facts == {"first": 1, "last": 1}
    assert len(outcomes[good].manifest["pages"]) == 3
    assert entries(root) == [outcomes[good].key]


def _write_then_fail(path, first, last, folder, *_limits):
    (Path(folder) / "p001-300.webp").write_bytes(b"half")
    raise RuntimeError("killed mid-render")


def test_a_render_that_dies_half_way_leaves_no_cache_entry(tmp_path, monkeypatch):
    # The pool forks after the patch, so its workers run the failing renderer.
    monkeypatch.setattr(renderer, "render_range", _write_then_fail)
    pdf, root = text_pdf(tmp_path / "b.pdf", 2), tmp_path / "cache"
    with pytest.raises(RuntimeError):
        renderer.prepare([pdf], root, PARAMS, LIMITS, workers=2)
    assert entries(root) == []


def test_a_concurrent_build_that_committed_first_wins_and_ours_is_discarded(tmp_path):
    root = tmp_path / "cache"
    theirs, ours = cache.new_workspace(root), cache.new_workspace(root)
    cache.commit(root, "k", theirs, {"pages": ["theirs"]})
    cache.commit(root, "k", ours, {"pages": ["ours"]})
    assert entries(root) == ["k"]
    assert cache.load(root, "k") == {"pages": ["theirs"]}


def test_a_folder_without_manifest_is_not_an_entry_and_gets_replaced(tmp_path):
    root = tmp_path / "cache"
    (root / "k").mkdir(parents=True)
    assert cache.load(root, "k") is None
    cache.commit(root, "k", cache.new_workspace(root), {"pages": [1]})
    assert json.loads((root / "k" / "manifest.json").read_text()) == {"pages": [1]}


def test_old_leftover_workspaces_are_swept(tmp_path):
    root = tmp_path / "cache"
    leftover = cache.new_workspace(root)
    cache.sweep(root, older_than_s=3600)
    assert leftover.exists()  # a build may still be writing it
    cache.sweep(root, older_than_s=-1)
    assert not leftover.exists()


def test_page_text_keeps_one_line_per_pdf_line_without_blank_runs():
    assert _tidy("Titre\r\n\r\n  Deux   mots \r\n\n1 / 6") == "Titre\nDeux mots\n1 / 6"


def test_unreadable_pdf_survives_the_trip_back_from_a_worker():
    problem = pickle.loads(pickle.dumps(UnreadablePdf("encrypted")))
    assert problem.kind == "encrypted"
