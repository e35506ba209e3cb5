"""What one brochure may cost: pages, pixels per page image, memory and time per worker.

A PDF of a few hundred bytes can describe a page of 1 x 14400 pt, or forms that draw
each other a hundred million times; without these bounds it takes gigabytes and minutes.
"""

import faulthandler
import math
import resource
from dataclasses import dataclass

# WebP stores at most 16383 px per side (libwebp's WEBP_MAX_DIMENSION): a format fact.
WEBP_MAX_SIDE = 16383


@dataclass(frozen=True)
class Limits:
    max_pages: int
    max_page_pixels: int
    worker_memory_mb: int
    page_timeout_s: float


def image_sizes(width_pt: float, height_pt: float, widths) -> list[tuple[int, int]]:
    """The (width, height) in px of each image of a page, the height from both sides."""
    if width_pt <= 0 or height_pt <= 0:
        return [(width, 0) for width in widths]
    return [(width, round(width * height_pt / width_pt)) for width in widths]


def oversized(width_pt: float, height_pt: float, widths, max_pixels: int) -> dict | None:
    """The first image of a page that cannot be made, or None: its `width` and `height` in
    px and why, `reason` "side" (under 1 px, or over WEBP_MAX_SIDE) or "pixels"."""
    for width, height in image_sizes(width_pt, height_pt, widths):
        if height < 1 or max(width, height) > WEBP_MAX_SIDE:
            return {"width": width, "height": height, "reason": "side"}
        if width * height > max_pixels:
            return {"width": width, "height": height, "reason": "pixels"}
    return None


def zoom_size(width_pt: float, height_pt: float, wanted: int, max_pixels: int):
    """The (width, height) in px of a page's zoom image: `wanted` px wide, or narrower so that
    it stays within the pixel budget and WebP's sides. None when the page cannot have one.

    The zoom image is an extra for readers who zoom: a page too tall for it at `wanted` px
    gets a narrower one rather than stopping the build (its other images are checked by
    `oversized`)."""
    if width_pt <= 0 or height_pt <= 0 or wanted < 1:
        return None
    ratio = height_pt / width_pt
    width = min(wanted, math.isqrt(int(max_pixels / ratio)), int(WEBP_MAX_SIDE / ratio))
    width = min(width, WEBP_MAX_SIDE)
    # pypdfium2 rounds the bitmap's height up (math.ceil): count that extra row.
    while width >= 1 and width * math.ceil(width * ratio) > max_pixels:
        width -= 1
    height = math.ceil(width * ratio)
    return (width, height) if width >= 1 and 1 <= height <= WEBP_MAX_SIDE else None


def limit_memory(megabytes: int) -> None:
    """Pool worker initializer: the worker may map `megabytes` more than it has at start.

    Counted from the current size because a forked worker inherits the build's address
    space, which varies. Past the limit, allocations fail: Python raises MemoryError,
    PDFium aborts the worker; both become a content error in the build process.
    Linux only: elsewhere (macOS has no /proc and does not enforce RLIMIT_AS) the worker
    runs without a memory limit, still with the time limit.
    """
    # A worker stopped at its limit is an expected outcome, reported in one line: no crash
    # dump on stderr (PYTHONFAULTHANDLER, pytest) for PDFium's abort.
    faulthandler.disable()
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            mapped = int(statm.read().split()[0]) * resource.getpagesize()
    except FileNotFoundError:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + megabytes * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
