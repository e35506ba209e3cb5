"""Images without personal metadata, byte for byte: read back with Pillow (getexif, info)."""

import io

import pytest
from PIL import Image, ImageCms

from relais.plugins.core.published_files import clean_image

GPS_IFD, ARTIST, ORIENTATION = 0x8825, 0x013B, 0x0112
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Marie</dc:creator></x:xmpmeta>'


def picture() -> Image.Image:
    image = Image.new("RGB", (96, 64), (200, 120, 40))
    for x in range(0, 96, 8):
        image.paste((30, 60, 200), (x, 0, x + 4, 64))
    return image


def exif(orientation: int) -> bytes:
    data = Image.Exif()
    data[ARTIST] = "Marie Dupont"
    data[ORIENTATION] = orientation
    data.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)})
    return data.tobytes()


ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def saved(kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    picture().save(buffer, kind, exif=exif(6), icc_profile=ICC, xmp=XMP, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("JPEG", {"quality": 90}),
        ("JPEG", {"quality": 90, "progressive": True}),  # several scans
        ("JPEG", {"quality": 90, "restart_marker_blocks": 1}),  # restart markers
        ("WEBP", {"lossless": True}),
        ("PNG", {}),
    ],
)
def test_location_artist_and_xmp_go_orientation_and_colours_stay(kind, options):
    original = saved(kind, **options)
    cleaned = clean_image(original)
    assert b"Marie" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as published, Image.open(io.BytesIO(original)) as mine:
        found = published.getexif()
        assert not found.get_ifd(GPS_IFD) and ARTIST not in found
        assert found[ORIENTATION] == 6
        assert "xmp" not in published.info
        assert published.info.get("icc_profile") == mine.info.get("icc_profile") == ICC
        assert published.tobytes() == mine.tobytes()  # the same pixels: not encoded again


def test_an_image_without_metadata_is_left_as_it_is():
    buffer = io.BytesIO()
    picture().save(buffer, "PNG")
    assert clean_image(buffer.getvalue()) == buffer.getvalue()


@pytest.mark.parametrize("data", [b"", b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\nbroken", b"GIF89a"])
def test_a_file_it_cannot_read_is_published_as_it_is(data):
    assert clean_image(data) == data
