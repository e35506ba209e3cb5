"""A cover, cropped to the theme's 3:2 box and encoded to WebP at a few widths, once.

The output names end with a hash of the source bytes and of how they are drawn (crop,
width, quality, this module's FORMAT): a changed picture is a new address, an unchanged
one is only copied from the cache. `make publish` does not keep such content-addressed
names alive (publish/permanence.py), as for cards and theme files.
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from relais.plugins.core.files import place_many

RATIO = (3, 2)  # every cover box on the site: cards line up, the page header is not too tall
WIDTHS = (480, 800, 1200)  # phone card, desktop card or phone header at 2x, desktop header
QUALITY = 78
# Bump when the drawing changes, so cached renders stop matching.
FORMAT = 1


@dataclass(frozen=True)
class Render:
    name: str  # file name in the covers folder, ends with its hash
    width: int
    height: int


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def crop_box(size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The largest RATIO box centred in an image of this size."""
    width, height = size
    wide, tall = RATIO
    if width * tall > height * wide:  # wider than the box: cut the sides
        kept = height * wide // tall
        left = (width - kept) // 2
        return left, 0, left + kept, height
    kept = width * tall // wide
    top = (height - kept) // 2
    return 0, top, width, top + kept


def widths_for(cropped_width: int, widths: tuple[int, ...] = WIDTHS) -> tuple[int, ...]:
    """The widths not larger than the cropped picture (never upscaled); at least one."""
    return tuple(w for w in widths if w <= cropped_width) or (cropped_width,)


def plan(source: Path, size: tuple[int, int], stem: str, quality: int = QUALITY) -> list[Render]:
    """The renders of one cover, named before anything is drawn."""
    digest = file_digest(source)
    box = crop_box(size)
    cropped_width = box[2] - box[0]
    renders = []
    for width in widths_for(cropped_width):
        height = round(width * RATIO[1] / RATIO[0])
        recipe = f"{FORMAT}|{digest}|{box}|{width}x{height}|{quality}"
        tag = hashlib.sha256(recipe.encode()).hexdigest()[:16]
        renders.append(Render(f"{stem}-{width}w.{tag}.webp", width, height))
    return renders


def draw(source: Path, size: tuple[int, int]) -> Image.Image:
    """The picture cropped to the box, upright (EXIF orientation), in RGB."""
    with Image.open(source) as image:
        upright = ImageOps.exif_transpose(image)
        return upright.convert("RGB").crop(crop_box(size))


def render_missing(
    source: Path, size: tuple[int, int], renders: list[Render], cache: Path, quality: int = QUALITY
) -> int:
    """Draws into the cache the renders it does not hold yet; returns how many."""
    missing = [r for r in renders if not (cache / r.name).is_file()]
    if not missing:
        return 0
    cropped = draw(source, size)
    cache.mkdir(parents=True, exist_ok=True)
    for render in missing:
        resized = cropped.resize((render.width, render.height), Image.Resampling.LANCZOS)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".webp", dir=cache)
        os.close(handle)
        try:
            resized.save(temporary, "WEBP", quality=quality, method=6)
            os.chmod(temporary, 0o644)
            os.replace(temporary, cache / render.name)  # a build never sees half an image
        finally:
            Path(temporary).unlink(missing_ok=True)
    return len(missing)


def publish(names: set[str], cache: Path, target: Path) -> None:
    """Puts the renders in the output folder (those no page uses any more are left
    unclaimed: core.staging removes them). A site without covers gets no folder."""
    place_many(cache, target, sorted(names))
