"""What each page's card shows, and the author's own `image:` when there is one."""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PIL import ImageColor

from relais.plugins.core import ContentError, not_valid, quoted, tr
from relais.plugins.core.dates import format_day
from relais.plugins.core.paths import OUTSIDE, is_ignored, is_inside
from relais.plugins.programmes.content import Programme
from relais.plugins.theme_i18n.plugin import translator

from . import images
from .render import CardSpec, Style

AUTHOR_IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MIN_SIDE = 200  # below this, networks ignore the image
# A cover is also shown on the site, cropped to 3:2 (plugins/covers): at least its phone size.
COVER_MIN_SIZE = (480, 320)


@dataclass(frozen=True)
class Settings:
    site_name: str
    site_description: str
    organization: str
    lang: str
    content_root: Path
    static_paths: tuple[str, ...]
    logo: str | None
    style: Style
    author_image_max_bytes: int
    max_image_pixels: int
    labels: dict


def _setting_error(name: str, value, expected: str) -> ContentError:
    return ContentError("pelicanconf.py", name, not_valid(value), expected)


def _check_settings(settings: dict, root: Path) -> None:
    """Raises ContentError for a setting that would otherwise fail halfway through drawing."""
    for key, value in (settings.get("CARDS_COLORS") or {}).items():
        try:
            ImageColor.getrgb(value)
        except ValueError:
            raise _setting_error(
                f"CARDS_COLORS[{key!r}]",
                value,
                tr("une couleur, par exemple « #0b4f8a »", 'a colour, for example "#0b4f8a"'),
            ) from None
    if settings.get("CARDS_FORMAT", "jpeg") not in ("jpeg", "png", "webp"):
        raise _setting_error(
            "CARDS_FORMAT",
            settings["CARDS_FORMAT"],
            tr("« jpeg », « png » ou « webp »", '"jpeg", "png" or "webp"'),
        )
    pixels = settings.get("CARDS_MAX_IMAGE_PIXELS", images.DEFAULT_MAX_PIXELS)
    if not isinstance(pixels, int) or not 0 < pixels <= images.HIGHEST_MAX_PIXELS:
        raise _setting_error(
            "CARDS_MAX_IMAGE_PIXELS",
            pixels,
            tr(
                f"un nombre de pixels entre 1 et {images.HIGHEST_MAX_PIXELS} (limite de Pillow)",
                f"a number of pixels between 1 and {images.HIGHEST_MAX_PIXELS} (Pillow’s limit)",
            ),
        )
    logo = settings.get("CARDS_LOGO")
    if logo and not (root / logo).is_file():
        raise _setting_error(
            "CARDS_LOGO",
            logo,
            tr(
                "le chemin d’une image sous content/, par exemple images/logo.png",
                "the path of an image under content/, for example images/logo.png",
            ),
        )
    if logo:
        try:
            with images.opened(str(root / logo), pixels):
                pass
        except images.ImageProblem as problem:
            raise ContentError(
                "pelicanconf.py",
                "CARDS_LOGO",
                f"{quoted(logo)} {problem}",
                tr("une image PNG ou JPEG", "a PNG or JPEG image"),
            ) from None


def read_settings(settings: dict) -> Settings:
    _check_settings(settings, Path(settings["PATH"]))
    colours = settings.get("CARDS_COLORS") or {}
    style = Style(
        **{k: v for k, v in colours.items() if k in ("background", "text", "muted", "accent")},
        format=settings.get("CARDS_FORMAT", "jpeg"),
        max_bytes=int(settings.get("CARDS_MAX_BYTES", 150_000)),
    )
    root = Path(settings["PATH"])
    logo = settings.get("CARDS_LOGO")
    lang = settings.get("DEFAULT_LANG", "fr")
    return Settings(
        site_name=settings.get("SITENAME", ""),
        site_description=settings.get("SITE_DESCRIPTION", ""),
        organization=(settings.get("ORGANIZATION") or {}).get("name", ""),
        lang=lang,
        content_root=root,
        static_paths=tuple(settings.get("STATIC_PATHS", [])),
        logo=str(root / logo) if logo else None,
        style=style,
        author_image_max_bytes=int(settings.get("CARDS_AUTHOR_IMAGE_MAX_BYTES", 5_000_000)),
        max_image_pixels=settings.get("CARDS_MAX_IMAGE_PIXELS", images.DEFAULT_MAX_PIXELS),
        labels=translator(settings).table,
    )


def _(config: Settings, message: str) -> str:
    return config.labels.get(message, message)


def long_date(value: date | datetime, lang: str) -> str:
    day = value.date() if isinstance(value, datetime) else value
    return format_day(day, "long", lang)


def card_spec(content, config: Settings) -> CardSpec:
    """Title (or short title), programme or category, date, site name, cover."""
    title = content.facts.short_title if isinstance(content, Programme) else content.title
    return CardSpec(
        title=str(title),
        kicker=_kicker(content, config),
        footer=" · ".join(part for part in (_date_line(content, config), config.site_name) if part),
        cover=_cover(content, config),
        logo=config.logo,
        style=config.style,
    )


def site_spec(config: Settings) -> CardSpec:
    return CardSpec(
        title=config.site_name,
        kicker=config.organization,
        footer=config.site_description,
        logo=config.logo,
        style=config.style,
    )


def _kicker(content, config: Settings) -> str:
    programme = getattr(content, "programme", None)
    if programme is not None:
        return str(programme.facts.short_title or programme.title)
    if isinstance(content, Programme):
        return f"{content.facts.degree} · {content.facts.level}"
    category = getattr(content, "category", None)
    if category:
        return str(category)
    return _(config, "Agenda") if getattr(content, "start", None) else ""  # an event


def _date_line(content, config: Settings) -> str:
    if isinstance(content, Programme):
        deadline = long_date(content.facts.deadline, config.lang)
        return f"{_(config, 'Candidatures jusqu’au')} {deadline}"
    start = getattr(content, "start", None)  # an event
    if isinstance(start, date):
        return long_date(start, config.lang)
    if getattr(content, "metadata", {}).get("date") is not None and hasattr(content, "date"):
        return long_date(content.date, config.lang)
    return ""


def cover_of(content) -> str | None:
    """The `cover:` path relative to content/, as an author writes it."""
    if isinstance(content, Programme):
        relative = content.facts.cover
    else:
        relative = getattr(content, "metadata", {}).get("cover")
    return str(relative).strip().removeprefix("{static}").lstrip("/") if relative else None


def _cover(content, config: Settings) -> str | None:
    relative = cover_of(content)
    return str(config.content_root / relative) if relative else None


def _private(content, config: Settings, relative: str) -> bool:
    """A path leading out of content/ (`../`, symlinks resolved) or to a hidden or
    backup file: never drawn into a card nor published."""
    ignored = getattr(content, "settings", {}).get("IGNORE_FILES", [])
    root = config.content_root
    return not is_inside(root, root / relative) or is_ignored(relative, ignored)


def check_cover(content, config: Settings) -> None:
    """ContentError if the `cover:` is missing, not a JPEG, PNG or WebP image, too small for
    the site's cover box, too large to decode, or has no `cover_alt:`."""
    relative = cover_of(content)
    if not relative:
        return
    expected = tr(
        "le chemin d’une image relatif au dossier content/, par exemple images/x.jpg",
        "the path of an image relative to the content/ folder, for example images/x.jpg",
    )
    path = config.content_root / relative
    if _private(content, config, relative):
        raise ContentError(
            content.source_path,
            "cover",
            _outside_or_hidden(relative),
            expected,
        )
    if not path.is_file():
        raise ContentError(
            content.source_path, "cover", f"{quoted(relative)} " + _not_found(), expected
        )
    try:
        with images.opened(str(path), config.max_image_pixels) as image:
            kind, (width, height) = image.format, images.upright_size(image)
            # Decoded to the end (a JPEG at 1/8 scale): a truncated file is named here, once.
            images.decode(image, reduced_to=(image.width // 8, image.height // 8))
    except images.ImageProblem as problem:
        raise ContentError(
            content.source_path, "cover", f"{quoted(relative)} {problem}", _cover_expected(config)
        ) from None
    if kind not in AUTHOR_IMAGE_TYPES:
        raise ContentError(
            content.source_path,
            "cover",
            tr(f"« {relative} » est au format {kind}", f'"{relative}" is in {kind} format'),
            _cover_expected(config),
        )
    if width < COVER_MIN_SIZE[0] or height < COVER_MIN_SIZE[1]:
        raise ContentError(
            content.source_path,
            "cover",
            tr(
                f"« {relative} » ne mesure que {width}×{height} pixels",
                f'"{relative}" measures only {width}×{height} pixels',
            ),
            _cover_expected(config),
        )
    if cover_alt(content) is None:
        raise ContentError(
            content.source_path,
            "cover_alt",
            tr(
                f"la couverture « {relative} » n’a pas de texte alternatif",
                f'the cover "{relative}" has no alternative text',
            ),
            tr(
                '« cover_alt: ce que montre l’image », ou « cover_alt: "" » si elle est '
                "purement décorative",
                '"cover_alt: what the image shows", or cover_alt: "" for a purely decorative image',
            ),
        )


def cover_alt(content) -> str | None:
    """The cover's alternative text: None if the author wrote none, "" for a decorative
    cover (`cover_alt: ""`, quotes kept by the Markdown header and removed by YAML)."""
    value = getattr(content, "metadata", {}).get("cover_alt")
    if value is None:
        return None
    text = " ".join(str(value).split())
    return "" if text in ('""', "''") else text


def _cover_expected(config: Settings) -> str:
    low, high = COVER_MIN_SIZE
    pixels = images.grouped(config.max_image_pixels)
    folder = _images_folder(config)
    return tr(
        f"une image JPEG, PNG ou WebP d’au moins {low}×{high} pixels et {pixels} pixels au "
        f"plus, rangée sous content/{folder}/",
        f"a JPEG, PNG or WebP image of at least {low}×{high} pixels and {pixels} pixels at "
        f"most, kept under content/{folder}/",
    )


def _images_folder(config: Settings) -> str:
    """Where the authoring guide tells authors to keep images: the first STATIC_PATHS."""
    return config.static_paths[0] if config.static_paths else "images"


def _outside_or_hidden(relative: str) -> str:
    return tr(
        f"« {relative} » mène {OUTSIDE} ou vers un fichier caché",
        f'"{relative}" leads {OUTSIDE} or to a hidden file',
    )


def _not_found() -> str:
    return tr("est introuvable", "is not found")


def _image_expected(config: Settings) -> str:
    pixels = images.grouped(config.max_image_pixels)
    megabytes = config.author_image_max_bytes // 1_000_000
    folder = _images_folder(config)
    return tr(
        f"une image JPEG, PNG ou WebP d’au moins {MIN_SIDE}×{MIN_SIDE} pixels et "
        f"{pixels} pixels au plus, {megabytes} Mo au plus, rangée sous content/{folder}/",
        f"a JPEG, PNG or WebP image of at least {MIN_SIDE}×{MIN_SIDE} pixels and "
        f"{pixels} pixels at most, {megabytes} MB at most, kept under content/{folder}/",
    )


def author_image(content, config: Settings, siteurl: str, output: Path) -> dict | None:
    """The card_image dict for the `image:` metadata; ContentError if it cannot be used."""
    value = getattr(content, "metadata", {}).get("image")
    if not value:
        return None
    relative = str(value).strip().removeprefix("{static}").lstrip("/")
    path = config.content_root / relative

    def error(problem):
        return ContentError(content.source_path, "image", problem, _image_expected(config))

    if relative.startswith(("http:", "https:")):
        raise error(
            tr(
                f"« {value} » est une adresse externe (taille inconnue)",
                f'"{value}" is an external address (unknown size)',
            )
        )
    if _private(content, config, relative):
        raise error(_outside_or_hidden(relative))
    if not path.is_file() or not relative.startswith(tuple(f"{p}/" for p in config.static_paths)):
        raise error(
            tr(
                f"« {relative} » est introuvable parmi les fichiers publiés du site",
                f'"{relative}" is not among the files the site publishes',
            )
        )
    size = path.stat().st_size // 1000
    if path.stat().st_size > config.author_image_max_bytes:
        raise error(tr(f"« {relative} » pèse {size} ko", f'"{relative}" weighs {size} kB'))
    try:
        kind, (width, height) = _checked_image(str(path), config.max_image_pixels)
    except images.ImageProblem as problem:
        raise error(f"{quoted(relative)} {problem}") from None
    if kind not in AUTHOR_IMAGE_TYPES:
        raise error(tr(f"« {relative} » est au format {kind}", f'"{relative}" is in {kind} format'))
    if min(width, height) < MIN_SIDE:
        raise error(
            tr(
                f"« {relative} » ne mesure que {width}×{height} pixels",
                f'"{relative}" measures only {width}×{height} pixels',
            )
        )
    return {
        "url": f"{siteurl}/{relative}",
        "path": str(output / relative),
        "width": width,
        "height": height,
        "type": AUTHOR_IMAGE_TYPES[kind],
        "alt": str(content.metadata.get("image_alt") or content.title),
    }


def _checked_image(path: str, max_pixels: int) -> tuple[str, tuple[int, int]]:
    """Format and size of an image that opens, is not too large, and decodes to the end.

    Networks receive the file itself: a truncated JPEG would show half a picture there.
    JPEGs are decoded at 1/8 scale, which still reads every byte.
    """
    with images.opened(path, max_pixels) as image:
        kind, size = image.format, image.size
        images.decode(image, reduced_to=(size[0] // 8, size[1] // 8))
    return kind, size
