"""Card drawing: text stays in the safe area, every script renders, files stay small."""

import io
import math
import random
import struct
import zlib
from dataclasses import replace

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from relais.plugins.cards import cache, direction, fonts, images, layout, plugin, sources
from relais.plugins.cards.plugin import draw_all
from relais.plugins.cards.render import (
    BAR,
    COVER_WIDTH,
    HEIGHT,
    WIDTH,
    CardSpec,
    CardTooLarge,
    Style,
    blocks,
    draw,
    regions,
    render,
    text_area,
)
from relais.plugins.core import ContentError

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
    assert [run.face for run in fonts.runs("Go 👩🏽‍🎓!")] == [fonts.LATIN, fonts.EMOJI, fonts.LATIN]


def test_wrapping_is_by_measured_width_and_french_punctuation_never_starts_a_line():
    lines = layout.wrap("« Chaque image a une histoire » : rencontre avec elle", 300, 48, 700)
    assert all(layout.width_of(line, 48, 700) <= 300 for line in lines)
    assert not any(line.startswith((":", "»")) or line.endswith("«") for line in lines)
    # wide letters take more room than narrow ones: pixel widths, not character counts
    assert len(layout.wrap("W" * 40, 600, 48, 700)) > len(layout.wrap("i" * 40, 600, 48, 700))


def test_a_title_too_long_for_the_card_is_cut_with_an_ellipsis():
    box = layout.Box(0, 0, 500, 150)
    block = layout.fit("mot " * 200, box, range(60, 30, -2), 700, max_lines=3)
    assert block.lines[-1].endswith(layout.ELLIPSIS)
    assert layout.fits(block.placed, box)


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


# The first line of this one used to overflow its box by one pixel of ink at the smallest
# size, and the card came out with no title at all.
OVERFLOWING = (
    "ÉCOLE humanités — Ingénierie numériques (M1/M2) ÉCOLE " + "Anticonstitutionnellement " * 40
)
LONG = {
    "300": " ".join(f"mot{i}" for i in range(60))[:300],
    "1000": " ".join(f"mot{i}" for i in range(200))[:1000],
    "overflowing ink": OVERFLOWING,
}


def drawn_text(block: layout.Block) -> str:
    return " ".join(block.lines)


@pytest.mark.parametrize("with_cover", [False, True], ids=["full width", "beside a cover"])
@pytest.mark.parametrize("title", LONG.values(), ids=LONG.keys())
def test_any_title_length_gives_a_title_cut_on_a_word_with_an_ellipsis(tmp_path, title, with_cover):
    cover = None
    if with_cover:
        cover = str(tmp_path / "cover.png")
        Image.new("RGB", (800, 800), "#ffcc00").save(cover)
    spec = CardSpec(title=title, kicker="Formations", footer="25 novembre 2026", cover=cover)
    text = drawn_text(blocks(spec)["title"])
    if len(title) == 1000 or title is OVERFLOWING or with_cover:
        assert text.endswith(layout.ELLIPSIS)
        kept = text.removesuffix(layout.ELLIPSIS)
        assert title.startswith(kept) and title[len(kept)] == " "  # cut between two words
    else:
        assert text == title  # 300 characters fit on the full-width card: nothing is cut
    image = draw(spec)
    area = text_area(spec)
    left, top, right, bottom = ink_box(image, spec)
    assert left >= area.left and top >= area.top and right <= area.right and bottom <= area.bottom
    title_box = regions(spec)["title"]
    title_ink = ink_box(image.crop((0, title_box.top, WIDTH, title_box.bottom)), spec)
    assert title_ink[2] - title_ink[0] > title_box.width // 2  # the title was drawn


def test_a_single_word_longer_than_the_card_is_cut_between_graphemes():
    title = "Anticonstitutionnellement" * 40
    text = drawn_text(blocks(CardSpec(title=title))["title"])
    assert text.endswith(layout.ELLIPSIS)
    assert title.startswith(text.removesuffix(layout.ELLIPSIS).replace(" ", ""))


SCRIPTS = {
    "arabic": "ماجستير العلوم الإنسانية الرقمية",
    "chinese": "数字人文硕士课程",
    "japanese": "デジタル人文学の修士課程：説明会のお知らせ",
    "korean": "디지털 인문학 석사 과정 안내",
    "hebrew": "תואר שני במדעי הרוח הדיגיטליים",
    "hindi": "डिजिटल मानविकी में स्नातकोत्तर",
    "mixed": "Master 数字人文 · ماجستير 2026 🎓",
    "thai": "มหาวิทยาลัยเปิดรับสมัครนักศึกษาปริญญาโท",
    "lao": "ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວເປີດຮັບສະໝັກນັກສຶກສາ",
    "khmer": "សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញទទួលពាក្យសុំចូលរៀន",
}


@pytest.mark.parametrize("title", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_every_script_is_drawn_with_a_face_that_has_its_glyphs(title):
    """No missing-glyph box: each drawn character is in the cmap of the face drawing it."""
    assert fonts.undrawable(title) == ""
    spec = CardSpec(title=title)
    block = blocks(spec)["title"]
    assert drawn_text(block).replace(" ", "") == title.replace(" ", "")  # CJK: cut anywhere
    for piece in block.placed:
        covered = fonts.coverage(piece.run.face)
        for char in piece.run.text:
            assert char.isspace() or ord(char) in covered or ord(char) in fonts.JOINERS, (
                char,
                piece.run.face,
            )
    image = draw(spec)
    box = regions(spec)["title"]
    left, top, right, bottom = ink_box(image, spec)
    assert box.left <= left and box.top <= top and right <= box.right and bottom <= box.bottom
    assert right - left > 200  # pixels were drawn in the title area


def test_cjk_lines_break_where_chinese_and_japanese_allow_it():
    title = (
        "数字人文硕士课程，欢迎报名。（北京）" * 3
        + "デジタル人文学の修士課程：説明会のお知らせ「東京」" * 2
    )
    for width in range(240, 720, 40):
        lines = layout.wrap(title, width, 48, 700)
        assert "".join(lines) == title
        assert all(layout.width_of(line, 48, 700) <= width for line in lines)
        assert not any(line.startswith(tuple("，。）」：")) for line in lines[1:])
        assert not any(line.endswith(tuple("（「")) for line in lines)


# Written without spaces between words; the words a reader sees, segmented by hand.
UNSPACED_WORDS = {
    "thai": "มหาวิทยาลัย เปิด รับ สมัคร นักศึกษา ปริญญา โท สาขา มนุษยศาสตร์ ดิจิทัล",
    "lao": "ມະຫາວິທະຍາໄລ ແຫ່ງຊາດ ລາວ ເປີດ ຮັບ ສະໝັກ ນັກສຶກສາ ປະລິນຍາ ໂທ",
    "khmer": "សាកល វិទ្យាល័យ ភូមិន្ទ ភ្នំពេញ ទទួលពាក្យ សុំ ចូល រៀន",
}


@pytest.mark.parametrize("words", UNSPACED_WORDS.values(), ids=UNSPACED_WORDS.keys())
def test_thai_lao_and_khmer_lines_break_between_words_never_inside_one(words):
    words = words.split()
    title = "".join(words)
    between_words = {sum(len(word) for word in words[:i]) for i in range(1, len(words))}
    widest = max(layout.width_of(word, 48, 700) for word in words)
    for width in range(math.ceil(widest), 1000, 60):
        lines = layout.wrap(title, width, 48, 700)
        assert "".join(lines) == title
        assert all(layout.width_of(line, 48, 700) <= width for line in lines)
        cuts = {sum(len(line) for line in lines[:i]) for i in range(1, len(lines))}
        assert cuts <= between_words, (width, lines)
        if layout.width_of(title, 48, 700) > width:
            assert len(lines) > 1


def test_japanese_and_korean_use_their_own_cjk_faces():
    assert {run.face for run in fonts.runs(SCRIPTS["japanese"])} == {"CJK JP"}
    assert {run.face for run in fonts.runs(SCRIPTS["korean"])} - {fonts.LATIN} == {"CJK KR"}
    assert {run.face for run in fonts.runs(SCRIPTS["chinese"])} == {"CJK SC"}


def test_traditional_chinese_is_set_in_the_traditional_face_with_its_own_glyph_shapes():
    taiwan = "國立臺灣大學 數位人文碩士班 招生說明會"
    assert {run.face for run in fonts.runs(taiwan)} - {fonts.LATIN} == {"CJK TC"}
    assert {run.face for run in fonts.runs("Licence 說明會 2027")} - {fonts.LATIN} == {"CJK TC"}
    # 說 is drawn differently by the two faces: the Traditional shape is the one on the card.
    drawn = {}
    for face in ("CJK SC", "CJK TC"):
        image = Image.new("L", (120, 120))
        ImageDraw.Draw(image).text((10, 10), "說", font=fonts.font(face, 96, 400), fill=255)
        drawn[face] = image.tobytes()
    assert drawn["CJK SC"] != drawn["CJK TC"]


def test_an_arabic_title_is_shaped_and_right_aligned_as_raqm_sets_it():
    spec = CardSpec(title=SCRIPTS["arabic"])
    block = blocks(spec)["title"]
    box = regions(spec)["title"]
    assert block.rtl and all(piece.rtl for piece in block.placed)
    for line in block.lines:  # each line is one run of the Arabic face
        pieces = [p for p in block.placed if p.run.text == line]
        assert len(pieces) == 1
        piece = pieces[0]
        assert abs(piece.ink().right - box.right) <= 2  # right-aligned
        # The card's pixels are Raqm's: the line set in one call, right to left.
        ours = Image.new("L", (WIDTH, HEIGHT))
        ImageDraw.Draw(ours).text(
            (piece.x, piece.y), line, font=piece.font(), fill=255, anchor="ls", direction="rtl"
        )
        reference = Image.new("L", (WIDTH, HEIGHT))
        shaped = ImageFont.truetype(str(fonts.FONT_DIR / "NotoSansArabic[wght].ttf"), piece.size)
        shaped.set_variation_by_axes([700])
        ImageDraw.Draw(reference).text(
            (piece.x, piece.y), line, font=shaped, fill=255, anchor="ls", direction="rtl"
        )
        assert ImageChops.difference(ours, reference).getbbox() is None
        # Shaped, not a row of isolated letters: joining changes the drawing.
        basic = ImageFont.truetype(
            str(fonts.FONT_DIR / "NotoSansArabic[wght].ttf"),
            piece.size,
            layout_engine=ImageFont.Layout.BASIC,
        )
        basic.set_variation_by_axes([700])
        isolated = Image.new("L", (WIDTH, HEIGHT))
        ImageDraw.Draw(isolated).text((piece.x, piece.y), line, font=basic, fill=255, anchor="ls")
        assert ImageChops.difference(ours, isolated).getbbox() is not None


def test_in_a_right_to_left_line_numbers_and_latin_words_come_in_reading_order():
    # Logical order: Arabic, then "(M1)", then 2026. Read right to left, the Arabic word is
    # rightmost and 2026 leftmost; "M1" and "2026" themselves read left to right.
    line = direction.visual(fonts.runs("ماجستير (M1) 2026"), rtl=True)
    texts = [run.text.strip() for run, _ in line if run.text.strip()]
    assert texts[0] == "2026" and texts[-1] == "ماجستير"
    assert "M1" in texts and texts.index("M1") < texts.index("ماجستير")
    assert [rtl for run, rtl in line if run.text.strip() in ("2026", "M1")] == [False, False]
    # In a French title, an Arabic name keeps its own order inside the line.
    line = direction.visual(fonts.runs("Master ماجستير العلوم"), rtl=False)
    assert [(run.text.strip(), rtl) for run, rtl in line if run.text.strip()] == [
        ("Master", False),
        ("ماجستير العلوم", True),
    ]


def test_characters_no_face_has_are_reported_not_drawn_as_boxes(monkeypatch):
    assert fonts.undrawable("Tibétain : བོད་ཡིག") == "བོད་ཡིག"  # no Tibetan face
    assert fonts.undrawable("É « » ’ 🎓 👩🏽‍🎓 ❤️ 数字 ماجستير") == ""
    # Without Raqm (no libfribidi), Arabic cannot be joined nor ordered: not drawn either.
    monkeypatch.setattr(fonts, "RAQM", False)
    assert fonts.undrawable("Master ماجستير") == "ماجستير"
    assert fonts.undrawable("Master 数字 🎓") == ""


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (fonts.metadata, "manimgx-fonts-cjk"),
        (fonts.metadata, "icu4py"),
        (fonts.features, "fribidi"),
        (fonts.features, "raqm"),
    ],
)
def test_the_cache_key_changes_with_the_fonts_and_shaping_libraries(monkeypatch, module, name):
    before = fonts.fingerprint()
    real = module.version
    monkeypatch.setattr(module, "version", lambda what: "0.0" if what == name else real(what))
    fonts.fingerprint.cache_clear()
    try:
        assert fonts.fingerprint() != before
    finally:
        fonts.fingerprint.cache_clear()
    assert {"fonts.py", "direction.py", "layout.py", "images.py"} <= set(cache._DRAWING_CODE)


def huge_png(path, side=20_000):
    """A real 1-bit PNG of side×side pixels (400 megapixels), a few dozen kilobytes."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = zlib.compressobj(9)
    row = bytes(1 + side // 8)  # filter byte, then 8 pixels a byte
    body = b"".join(rows.compress(row) for _ in range(side)) + rows.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )
    return path


def refusal(path, max_pixels: int) -> str:
    with pytest.raises(images.ImageProblem) as refused, images.opened(str(path), max_pixels):
        pass
    return str(refused.value)


def test_a_decompression_bomb_is_refused_before_decoding_naming_size_and_limit(tmp_path):
    bomb = huge_png(tmp_path / "bomb.png")
    assert bomb.stat().st_size < 200_000
    problem = refusal(bomb, images.DEFAULT_MAX_PIXELS)
    assert "plus de" in problem and "50\u202f000\u202f000 pixels" in problem
    assert "CARDS_MAX_IMAGE_PIXELS" in problem
    # Below Pillow's own limit, ours still applies, with the real size in the message.
    photo = tmp_path / "photo.png"
    Image.new("RGB", (500, 400)).save(photo)
    assert "500×400 pixels, plus que la limite de 100\u202f000 pixels" in refusal(photo, 100_000)


def test_a_truncated_cover_is_a_named_error_not_a_traceback(tmp_path):
    photo = tmp_path / "cut.jpg"
    noisy_cover(tmp_path / "noise.png")
    Image.open(tmp_path / "noise.png").save(photo, quality=90)
    photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 2])
    errors = draw_all({"x.jpg": CardSpec(title="T", cover=str(photo))}, tmp_path, workers=1)
    field, problem = errors["x.jpg"]
    assert field == "cover" and "cut.jpg" in problem and "tronquée" in problem


def test_the_pixel_limit_and_the_logo_are_checked_with_the_settings(tmp_path):
    with pytest.raises(ContentError) as refused:
        sources._check_settings({"CARDS_MAX_IMAGE_PIXELS": 10**12}, tmp_path)
    assert refused.value.field == "CARDS_MAX_IMAGE_PIXELS"
    huge_png(tmp_path / "logo.png")
    with pytest.raises(ContentError) as refused:
        sources._check_settings({"CARDS_LOGO": "logo.png"}, tmp_path)
    assert refused.value.field == "CARDS_LOGO" and "CARDS_MAX_IMAGE_PIXELS" in str(refused.value)


def test_a_card_with_undrawable_text_is_announced_in_one_line(capsys):
    spec = CardSpec(title="Tibétain : བོད་ཡིག", kicker="Langues", footer="Site")
    assert plugin._undrawable(spec, "content/blog/bo.md")
    line = capsys.readouterr().err
    assert line.count("\n") == 1 and line.startswith("ATTENTION content/blog/bo.md")
    assert "« title »" in line and "« བོད" in line
    # The site card itself has nothing to fall back on: it leaves those characters out.
    kept = plugin._without_undrawable(spec)
    assert kept.title == "Tibétain : " and kept.kicker == "Langues"
    assert not plugin._undrawable(CardSpec(title="数字人文 ماجستير 🎓"), "x.md")


def test_without_raqm_latin_cards_are_still_drawn_with_the_basic_layout(monkeypatch):
    """No libfribidi: Pillow's basic layout, which refuses any text direction."""
    monkeypatch.setattr(fonts, "RAQM", False)
    fonts.font.cache_clear()
    layout.set_line.cache_clear()
    try:
        assert fonts.font(fonts.LATIN, 40, 700).layout_engine == ImageFont.Layout.BASIC
        spec = CardSpec(title=TITLES["accents"], kicker="Formations", footer="1 décembre 2026")
        image = draw(spec)
        left, top, right, bottom = ink_box(image, spec)
        area = text_area(spec)
        assert (left, top) >= (area.left, area.top) and (right, bottom) <= (area.right, area.bottom)
        assert right - left > area.width // 3
    finally:
        fonts.font.cache_clear()
        layout.set_line.cache_clear()
