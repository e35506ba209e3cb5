"""Card drawing: text stays in the safe area, every script renders, files stay small."""

import io
import random
from dataclasses import replace

import pytest
from PIL import Image, ImageChops, ImageDraw

from cards import cache, fonts, layout
from cards.plugin import draw_all
from cards.render import (
    BAR,
    COVER_WIDTH,
    HEIGHT,
    WIDTH,
    CardSpec,
    CardTooLarge,
    Style,
    draw,
    render,
    text_area,
)

BACKGROUND = "#0b4f8a"
TITLES = {
    "hostile": "\"</script><b>x & 'quote' <i>",
    "emoji": "Bravo aux diplômé·es 🎓👩🏽‍🎓 : « l’été » arrive ❤️",
    "accents": "Élèves, enseignant·es : « Ça déménage ! » — Œuvres, façades, ÂÊÎÔÛ",
    "200 characters": ("Très long titre accentué " * 10)[:200],
    "unbreakable": "Anticonstitutionnellement" * 6,
    "emoji only": "🎓" * 80,
}


def ink_box(image: Image.Image, spec: CardSpec):
    """Bounding box of every pixel that is not background, outside the bar and the cover."""
    plain = Image.new("RGB", image.size, BACKGROUND)
    changed = ImageChops.difference(image, plain).convert("L").point(lambda v: 255 * (v > 16))
    right = WIDTH - (COVER_WIDTH if spec.cover else 0)
    box = changed.crop((BAR, 0, right, HEIGHT)).getbbox()
    return None if box is None else (box[0] + BAR, box[1], box[2] + BAR, box[3])


@pytest.mark.parametrize("title", TITLES.values(), ids=TITLES.keys())
def test_drawn_text_stays_inside_the_safe_area(title):
    spec = CardSpec(title=title, kicker="Licence pro photographie 📷", footer="25 novembre 2026")
    image = draw(spec)
    area = text_area(spec)
    left, top, right, bottom = ink_box(image, spec)
    assert (left, top) >= (area.left, area.top)
    assert (right, bottom) <= (area.right, area.bottom)
    assert right - left > area.width // 3  # the title was drawn, not dropped


def test_text_stays_inside_the_safe_area_beside_a_cover_and_logo(tmp_path):
    cover, logo = tmp_path / "cover.png", tmp_path / "logo.png"
    Image.new("RGB", (800, 800), "#ffcc00").save(cover)
    Image.new("RGBA", (300, 300), "#ffffff").save(logo)
    spec = CardSpec(
        title=TITLES["200 characters"],
        kicker="K" * 90,
        footer="F " * 80,
        cover=str(cover),
        logo=str(logo),
    )
    image = draw(spec)
    area = text_area(spec)
    left, top, right, bottom = ink_box(image, spec)
    assert left >= area.left and top >= area.top and right <= area.right and bottom <= area.bottom
    assert image.getpixel((WIDTH - 10, 10)) == (255, 204, 0)  # the cover fills its panel


def glyph_mask(char: str) -> bytes:
    image = Image.new("L", (200, 200))
    face = fonts.font(fonts.runs(char)[0].face, 120, 700)
    ImageDraw.Draw(image).text((20, 160), char, font=face, fill=255, anchor="ls")
    return image.tobytes()


@pytest.mark.parametrize("char", ["É", "ç", "«", "’", "—", "œ", "🎓", "❤️", "👩🏽‍🎓", "→"])
def test_accents_quotes_and_emoji_have_real_glyphs_not_missing_boxes(char):
    missing_box = glyph_mask("\U000e01f0")  # a code point no font here covers
    mask = glyph_mask(char)
    assert any(mask), char
    assert mask != missing_box, char


def test_an_emoji_sequence_stays_in_one_run_so_it_is_shaped_as_one_glyph():
    assert [run.face for run in fonts.runs("Go 👩🏽‍🎓!")] == [
        fonts.STACK[0],
        fonts.EMOJI,
        fonts.STACK[0],
    ]


def test_wrapping_is_by_measured_width_and_french_punctuation_never_starts_a_line():
    lines = layout.wrap("« Chaque image a une histoire » : rencontre avec elle", 300, 48, 700)
    assert all(layout.width_of(line, 48, 700) <= 300 for line in lines)
    assert not any(line.startswith((":", "»")) or line.endswith("«") for line in lines)
    # wide letters take more room than narrow ones: pixel widths, not character counts
    assert len(layout.wrap("W" * 40, 600, 48, 700)) > len(layout.wrap("i" * 40, 600, 48, 700))


def test_a_title_too_long_for_the_card_is_cut_with_an_ellipsis():
    box = layout.Box(0, 0, 500, 150)
    placed = layout.fit("mot " * 200, box, range(60, 30, -2), 700, max_lines=3)
    assert placed[-1].run.text.endswith(layout.ELLIPSIS)
    assert layout.fits(placed, box)


def noisy_cover(path):
    rng = random.Random(7)
    Image.frombytes("RGB", (900, 700), rng.randbytes(900 * 700 * 3)).save(path)


@pytest.mark.parametrize("kind", ["jpeg", "webp"])
def test_cards_stay_within_150_kb_even_with_a_noisy_cover(tmp_path, kind):
    noisy_cover(tmp_path / "noise.png")
    spec = CardSpec(
        title=TITLES["emoji"], cover=str(tmp_path / "noise.png"), style=Style(format=kind)
    )
    data = render(spec)
    assert len(data) <= 150_000
    image = Image.open(io.BytesIO(data))
    assert image.size == (1200, 630) and image.format == kind.upper()


def test_a_png_card_within_budget_or_a_clear_refusal(tmp_path):
    photo = tmp_path / "gradient.png"
    Image.linear_gradient("L").resize((900, 700)).convert("RGB").save(photo)
    data = render(CardSpec(title=TITLES["accents"], cover=str(photo), style=Style(format="png")))
    assert len(data) <= 150_000 and Image.open(io.BytesIO(data)).format == "PNG"
    noisy_cover(tmp_path / "noise.png")
    noisy = CardSpec(title="x", cover=str(tmp_path / "noise.png"), style=Style(format="png"))
    with pytest.raises(CardTooLarge):
        render(noisy)


def test_the_cache_key_follows_what_the_card_shows(tmp_path):
    cover = tmp_path / "c.png"
    Image.new("RGB", (10, 10), "red").save(cover)
    spec = CardSpec(title="Titre", kicker="K", cover=str(cover))
    same = CardSpec(title="Titre", kicker="K", cover=str(cover))
    assert cache.key(spec) == cache.key(same)
    assert cache.key(replace(spec, title="Titre 2")) != cache.key(spec)
    assert cache.key(replace(spec, style=Style(background="#000000"))) != cache.key(spec)
    before = cache.key(spec)
    Image.new("RGB", (10, 10), "blue").save(cover)
    assert cache.key(spec) != before  # same path, new picture


def test_the_process_pool_draws_the_same_cards_as_one_process(tmp_path):
    specs = {f"{i}.jpg": CardSpec(title=title) for i, title in enumerate(TITLES.values())}
    assert draw_all(specs, tmp_path / "one", workers=1) == {}
    assert draw_all(specs, tmp_path / "pool", workers=2) == {}
    for name in specs:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "pool" / name).read_bytes()
