"""The image an item's enclosure and media:content point to, with its real size in bytes.

The cards plugin (plugins/cards) gives each content a `card_image` dict; without it,
the author's `image:` file under content/ is used (the cards plugin reports a bad one).
"""

import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from relais.plugins.core import tr
from relais.plugins.core.published_files import clean_image

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Enclosure:
    url: str
    type: str
    length: int
    width: int | None = None
    height: int | None = None


def enclosure(content, settings, output_path) -> Enclosure | None:
    card = getattr(content, "card_image", None)
    if card:
        return _from_card(content, card, Path(output_path))
    return _from_metadata(content, settings)


def _from_card(content, card: dict, output: Path) -> Enclosure | None:
    path = Path(card["path"])
    path = path if path.is_absolute() else output / path
    if not path.is_file():
        logger.warning(
            tr(
                "%s : image de partage %s absente, flux sans image",
                "%s: share image %s missing, feed without an image",
            ),
            content.source_path,
            path,
        )
        return None
    return Enclosure(
        url=card["url"],
        type=card.get("type") or _type_of(path),
        length=path.stat().st_size,
        width=card.get("width"),
        height=card.get("height"),
    )


def _from_metadata(content, settings) -> Enclosure | None:
    value = (getattr(content, "metadata", {}) or {}).get("image")
    if not value:
        return None
    relative = str(value).strip().removeprefix("{static}").lstrip("/")
    path = Path(settings["PATH"]) / relative
    kind = _type_of(path)
    if not path.is_file() or not kind.startswith("image/"):
        return None
    try:
        with Image.open(path) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError):
        return None
    url = f"{settings['SITEURL'].rstrip('/')}/{relative}"
    # The image as published: without its author's metadata (core.published_files).
    return Enclosure(url, kind, len(clean_image(path.read_bytes())), width, height)


def _type_of(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
