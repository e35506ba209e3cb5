"""Images the cards read (a cover, the logo, an author's `image:`), refused in plain words.

An image is opened header first and its size checked against CARDS_MAX_IMAGE_PIXELS
before anything is decoded: a 20000×20000 PNG of a few kilobytes would otherwise take
gigabytes of memory (Pillow calls it a decompression bomb and raises a traceback).
"""

import warnings
from contextlib import contextmanager

from PIL import Image, UnidentifiedImageError

from relais.plugins.core import tr

DEFAULT_MAX_PIXELS = 50_000_000  # a 50-megapixel photo; a card shows at most 1200×630
# Beyond twice its own MAX_IMAGE_PIXELS, Pillow refuses to open an image at all.
HIGHEST_MAX_PIXELS = 2 * (Image.MAX_IMAGE_PIXELS or 89_478_485)
_UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


class ImageProblem(Exception):
    """What is wrong with an image, as a sentence about it (after its name)."""


def too_large(pixels: str, max_pixels: int) -> ImageProblem:
    return ImageProblem(
        tr(
            f"mesure {pixels} pixels, plus que la limite de {grouped(max_pixels)} pixels "
            "(CARDS_MAX_IMAGE_PIXELS)",
            f"measures {pixels} pixels, more than the limit of {grouped(max_pixels)} pixels "
            "(CARDS_MAX_IMAGE_PIXELS)",
        )
    )


def grouped(number: int) -> str:
    """12 345 678, digits grouped by thousands as French writes them (12,345,678 in English)."""
    return f"{number:,}".replace(",", tr("\u202f", ","))


@contextmanager
def opened(path: str, max_pixels: int = HIGHEST_MAX_PIXELS):
    """The image, opened (header only) once its size is known to be within max_pixels."""
    with warnings.catch_warnings():
        # The size is checked below, against our own limit, and reported in one line.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(path)
        except Image.DecompressionBombError:
            more = grouped(HIGHEST_MAX_PIXELS)
            raise too_large(tr(f"plus de {more}", f"more than {more}"), max_pixels) from None
        except _UNREADABLE as failure:
            raise ImageProblem(
                tr(
                    f"n’est pas une image lisible ({failure})",
                    f"is not a readable image ({failure})",
                )
            ) from None
    with image:
        width, height = image.size
        if width * height > max_pixels:
            raise too_large(f"{width}×{height}", max_pixels)
        yield image


def decode(image: Image.Image, reduced_to: tuple[int, int] | None = None) -> None:
    """Decodes every byte (a JPEG at reduced scale if asked): truncated files fail here."""
    if reduced_to:
        image.draft("RGB", reduced_to)
    try:
        image.load()
    except _UNREADABLE as failure:
        raise ImageProblem(
            tr(f"est tronquée ou abîmée ({failure})", f"is truncated or damaged ({failure})")
        ) from None


def upright_size(image: Image.Image) -> tuple[int, int]:
    """The size once turned as its EXIF orientation says (a phone photo taken upright)."""
    turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)  # 0x0112: Orientation
    return (image.height, image.width) if turned else image.size
