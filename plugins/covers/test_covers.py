"""Unit tests of the cover renders and their cache (site-level tests: tests/test_covers.py)."""

import os

import pytest
from PIL import Image

from relais.plugins.covers import renders


def photo(path, size, colour="#3a6ea5", kind="JPEG", **options):
    """A picture with a distinct left edge, to see where a crop cut."""
    image = Image.new("RGB", size, colour)
    image.paste((200, 30, 30), (0, 0, size[0] // 10, size[1]))
    image.save(path, kind, **options)
    return path


@pytest.mark.parametrize(
    ("size", "box"),
    [
        ((1600, 900), (125, 0, 1475, 900)),  # 16:9: the sides go
        ((1200, 1200), (0, 200, 1200, 1000)),  # square: top and bottom go
        ((1500, 1000), (0, 0, 1500, 1000)),  # already 3:2: nothing goes
    ],
)
def test_the_crop_is_the_largest_centred_3_2_box(size, box):
    assert renders.crop_box(size) == box
    left, top, right, bottom = box
    assert (right - left) * 2 == (bottom - top) * 3


def test_widths_are_never_upscaled_and_there_is_always_one():
    assert renders.widths_for(2000) == (480, 800, 1200)
    assert renders.widths_for(1000) == (480, 800)
    assert renders.widths_for(480) == (480,)
    assert renders.widths_for(300) == (300,)


def test_renders_are_webp_at_their_planned_size_and_centred(tmp_path):
    source = photo(tmp_path / "wide.jpg", (1600, 900))
    planned = renders.plan(source, (1600, 900), "wide")
    assert [(r.width, r.height) for r in planned] == [(480, 320), (800, 533), (1200, 800)]
    assert renders.render_missing(source, (1600, 900), planned, tmp_path / "cache") == 3
    for render in planned:
        with Image.open(tmp_path / "cache" / render.name) as image:
            assert image.format == "WEBP"
            assert image.size == (render.width, render.height)
            # The red band (the left 10 % of the source) is mostly cut away by the crop:
            # 35 of its 160 pixels stay, 2.6 % of the render's width.
            rgb = image.convert("RGB")
            red, _, blue = rgb.getpixel((1, image.height // 2))
            assert red > 150 and blue < 100
            assert rgb.getpixel((int(image.width * 0.08), image.height // 2))[2] > 120


def test_a_rebuild_with_the_same_picture_renders_nothing(tmp_path):
    source = photo(tmp_path / "a.png", (900, 600), kind="PNG")
    cache = tmp_path / "cache"
    first = renders.plan(source, (900, 600), "a")
    renders.render_missing(source, (900, 600), first, cache)
    written = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    again = renders.plan(source, (900, 600), "a")
    assert again == first
    assert renders.render_missing(source, (900, 600), again, cache) == 0
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == written


def test_a_changed_picture_gets_new_names(tmp_path):
    source = photo(tmp_path / "a.png", (900, 600), kind="PNG")
    before = renders.plan(source, (900, 600), "a")
    photo(source, (900, 600), colour="#117733", kind="PNG")
    after = renders.plan(source, (900, 600), "a")
    assert {r.name for r in before}.isdisjoint(r.name for r in after)
    # The names end with a hex digest: make publish treats them as content-addressed.
    assert all(r.name.split(".")[-2].isalnum() and len(r.name.split(".")[-2]) == 16 for r in after)


def test_a_photo_taken_upright_is_turned_before_the_crop(tmp_path):
    """EXIF orientation 6: stored landscape, shown portrait; cropped as shown."""
    exif = Image.Exif()
    exif[0x0112] = 6
    source = photo(tmp_path / "phone.jpg", (1200, 900), exif=exif.tobytes())
    with Image.open(source) as image:
        size = (image.height, image.width)
    planned = renders.plan(source, size, "phone")
    assert [(r.width, r.height) for r in planned] == [(480, 320), (800, 533)]
    renders.render_missing(source, size, planned, tmp_path / "cache")
    with Image.open(tmp_path / "cache" / planned[-1].name) as image:
        assert image.size == (800, 533)


def test_publish_copies_what_pages_use(tmp_path):
    """What pages no longer use is left unclaimed, and removed by core.staging
    (tests/test_warm_rebuilds.py)."""
    source = photo(tmp_path / "a.jpg", (800, 600))
    cache, target = tmp_path / "cache", tmp_path / "output" / "covers"
    planned = renders.plan(source, (800, 600), "a")
    renders.render_missing(source, (800, 600), planned, cache)
    renders.publish({r.name for r in planned}, cache, target)
    assert sorted(os.listdir(target)) == sorted(r.name for r in planned)
    assert (target / planned[0].name).read_bytes() == (cache / planned[0].name).read_bytes()


def test_a_site_without_covers_gets_no_covers_folder(tmp_path):
    renders.publish(set(), tmp_path / "cache", tmp_path / "output" / "covers")
    assert not (tmp_path / "output" / "covers").exists()
