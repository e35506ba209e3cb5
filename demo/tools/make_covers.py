"""Draws the demo's cover images: made-up scenes, no photograph of anyone or anywhere.

    python demo/tools/make_covers.py        (rewrites demo/content/images/covers/*.jpg)

Soft gradients, blurred shapes and a little grain look enough like a photograph to show
how covers sit on the site; the same seed gives the same files.
"""

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

FOLDER = Path(__file__).resolve().parent.parent / "content" / "images" / "covers"


def gradient(size, top, bottom) -> Image.Image:
    """A vertical gradient from `top` to `bottom` (RGB tuples)."""
    column = Image.new("RGB", (1, 256))
    for y in range(256):
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * y / 255) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize(size, Image.Resampling.BICUBIC)


def grain(image: Image.Image, rng: random.Random, amount: int = 10) -> Image.Image:
    noise = Image.effect_noise(image.size, amount).convert("RGB")
    return Image.blend(image, noise, 0.04 + rng.random() * 0.01)


def bokeh(image: Image.Image, rng: random.Random, colours, count: int) -> Image.Image:
    """Out-of-focus lights: blurred discs added on top of the scene."""
    layer = Image.new("RGB", image.size, (0, 0, 0))
    draw = ImageDraw.Draw(layer)
    width, height = image.size
    for _ in range(count):
        radius = rng.randint(width // 60, width // 14)
        x, y = rng.randint(0, width), rng.randint(0, int(height * 0.8))
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=rng.choice(colours))
    layer = layer.filter(ImageFilter.GaussianBlur(width // 120))
    return Image.blend(image, Image.composite(layer, image, layer.convert("L")), 0.55)


def darkroom(size=(1600, 1067), seed=7) -> Image.Image:
    """A warm, dim studio: light table glow, lamps out of focus, a lens-like ring."""
    rng = random.Random(seed)
    scene = gradient(size, (42, 28, 34), (120, 70, 44))
    scene = bokeh(scene, rng, [(255, 190, 110), (250, 140, 80), (255, 230, 170)], 38)
    draw = ImageDraw.Draw(scene)
    cx, cy, r = size[0] * 0.62, size[1] * 0.58, size[1] * 0.28
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(24, 20, 22))
    draw.ellipse((cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7), fill=(60, 66, 88))
    draw.ellipse((cx - r * 0.35, cy - r * 0.35, cx + r * 0.1, cy + r * 0.1), fill=(150, 170, 210))
    draw.rectangle((0, size[1] * 0.86, size[0], size[1]), fill=(70, 44, 30))
    return grain(scene.filter(ImageFilter.GaussianBlur(3)), rng)


def campus_at_dusk(size=(1600, 900), seed=11) -> Image.Image:
    """Hills and a few lit buildings under an evening sky (16:9: the site crops it to 3:2)."""
    rng = random.Random(seed)
    scene = gradient(size, (40, 70, 130), (245, 170, 120))
    draw = ImageDraw.Draw(scene)
    width, height = size
    for depth, colour in ((0.62, (96, 104, 140)), (0.72, (56, 66, 96))):
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, height * depth + rng.randint(-30, 30)))
        points.append((width, height))
        draw.polygon(points, fill=colour)
    for _ in range(9):
        left = rng.randint(0, width - 200)
        top = int(height * rng.uniform(0.55, 0.7))
        right = left + rng.randint(90, 220)
        draw.rectangle((left, top, right, height), fill=(30, 36, 58))
        for wy in range(top + 14, height - 20, 26):
            for wx in range(left + 12, right - 12, 22):
                if rng.random() < 0.45:
                    draw.rectangle((wx, wy, wx + 9, wy + 12), fill=(255, 214, 140))
    return grain(scene.filter(ImageFilter.GaussianBlur(2)), rng)


SCENES = {
    "lp-photo-studio.jpg": darkroom,
    "campus-soir.jpg": campus_at_dusk,
}


def main() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name, scene in SCENES.items():
        scene().save(FOLDER / name, "JPEG", quality=80, optimize=True, progressive=True)
        print(f"{FOLDER / name}: {(FOLDER / name).stat().st_size // 1000} kB")


if __name__ == "__main__":
    main()
