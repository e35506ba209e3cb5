"""Draws one 1200×630 card and encodes it within the byte budget.

Runs in worker processes: everything it needs is in the CardSpec (plain, picklable values).
"""

import io
from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageOps

from . import images, layout
from .layout import Box

WIDTH, HEIGHT = 1200, 630
MARGIN = 64  # the safe area: no text closer than this to an edge
COVER_WIDTH = 440
LOGO_BOX = 96
BAR = 14  # the accent bar along the left edge


@dataclass(frozen=True)
class Style:
    background: str = "#0b4f8a"
    text: str = "#ffffff"
    muted: str = "#d7e6f5"
    accent: str = "#a3151c"
    format: str = "jpeg"
    max_bytes: int = 150_000


@dataclass(frozen=True)
class CardSpec:
    """What one card shows. Its hash (with the files' digests) is the cache key."""

    title: str
    kicker: str = ""
    footer: str = ""
    cover: str | None = None  # absolute path of an image, drawn in a right-hand panel
    logo: str | None = None  # absolute path of an image, drawn bottom right
    style: Style = field(default_factory=Style)


class CardTooLarge(Exception):
    pass


class BadImage(Exception):
    """A cover or logo that could not be decoded: `field` names it, `problem` says why."""

    def __init__(self, field: str, problem: images.ImageProblem):
        super().__init__(str(problem))
        self.field, self.problem = field, str(problem)


def text_area(spec: CardSpec) -> Box:
    right = WIDTH - (COVER_WIDTH if spec.cover else 0) - MARGIN
    return Box(MARGIN + BAR, MARGIN, right, HEIGHT - MARGIN)


def regions(spec: CardSpec) -> dict[str, Box]:
    """Where each text goes; all inside text_area(spec)."""
    area = text_area(spec)
    footer_right = area.right - (LOGO_BOX + 24 if spec.logo else 0)
    return {
        "kicker": Box(area.left, area.top, area.right, area.top + 48),
        "title": Box(area.left, area.top + 72, area.right, area.bottom - 72),
        "footer": Box(area.left, area.bottom - 44, footer_right, area.bottom),
    }


def draw(spec: CardSpec) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), spec.style.background)
    canvas = ImageDraw.Draw(image)
    canvas.rectangle((0, 0, BAR - 1, HEIGHT), fill=spec.style.accent)
    if spec.cover:
        _paste_cover(image, spec.cover)
    if spec.logo:
        _paste_logo(image, spec.logo, text_area(spec))
    colours = {"kicker": spec.style.muted, "title": spec.style.text, "footer": spec.style.muted}
    for name, block in blocks(spec).items():
        _write(canvas, block, colours[name])
    return image


def blocks(spec: CardSpec) -> dict[str, layout.Block]:
    """The laid-out kicker, title and footer, in their regions."""
    boxes = regions(spec)
    return {
        "kicker": layout.fit(spec.kicker, boxes["kicker"], range(32, 21, -2), 600, 1),
        "title": layout.fit(spec.title, boxes["title"], range(80, 35, -2), 700, 7),
        "footer": layout.fit(spec.footer, boxes["footer"], range(30, 19, -2), 500, 1),
    }


def _write(canvas: ImageDraw.ImageDraw, block: layout.Block, colour: str) -> None:
    for piece in block.placed:
        canvas.text(
            (piece.x, piece.y),
            piece.run.text,
            font=piece.font(),
            fill=colour,
            anchor="ls",
            direction=piece.direction,
        )


def _decoded(path: str, field: str, size: tuple[int, int], mode: str) -> Image.Image:
    """The image at `path` (checked for size by the plugin), decoded; BadImage if it fails."""
    try:
        with images.opened(path) as source:
            images.decode(source, reduced_to=size)
            return ImageOps.exif_transpose(source).convert(mode)
    except images.ImageProblem as problem:
        raise BadImage(field, problem) from None


def _paste_cover(image: Image.Image, path: str) -> None:
    # Square: the photo may still have to be turned a quarter (EXIF) after decoding.
    cover = _decoded(path, "cover", (HEIGHT, HEIGHT), "RGB")
    panel = ImageOps.fit(cover, (COVER_WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    image.paste(panel, (WIDTH - COVER_WIDTH, 0))


def _paste_logo(image: Image.Image, path: str, area: Box) -> None:
    logo = _decoded(path, "CARDS_LOGO", (LOGO_BOX, LOGO_BOX), "RGBA")
    logo.thumbnail((LOGO_BOX, LOGO_BOX), Image.Resampling.LANCZOS)
    image.paste(logo, (area.right - logo.width, area.bottom - logo.height), logo)


def encode(image: Image.Image, style: Style) -> bytes:
    """The best quality that fits the budget; CardTooLarge if even the lowest does not."""
    if style.format == "png":
        attempts = [
            lambda: _save(image, "PNG", optimize=True),
            lambda: _save(image.quantize(256), "PNG", optimize=True),
        ]
    else:
        kind = "JPEG" if style.format == "jpeg" else "WEBP"
        extra = {"optimize": True, "progressive": True} if kind == "JPEG" else {"method": 4}
        attempts = [lambda q=q: _save(image, kind, quality=q, **extra) for q in range(88, 39, -8)]
    for attempt in attempts:
        data = attempt()
        if len(data) <= style.max_bytes:
            return data
    raise CardTooLarge(f"{len(data)} octets > {style.max_bytes}")


def _save(image: Image.Image, kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def render(spec: CardSpec) -> bytes:
    return encode(draw(spec), spec.style)
