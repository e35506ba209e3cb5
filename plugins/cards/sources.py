"""What each page's card shows, and the author's own `image:` when there is one."""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from babel.dates import format_date
from PIL import ImageColor
from relais_core import ContentError
from theme_i18n.plugin import catalogue_for

from . import images
from .render import CardSpec, Style

AUTHOR_IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MIN_SIDE = 200  # below this, networks ignore the image


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
    return ContentError("pelicanconf.py", name, f"« {value} » ne convient pas", expected)


def _check_settings(settings: dict, root: Path) -> None:
    """Raises ContentError for a setting that would otherwise fail halfway through drawing."""
    for key, value in (settings.get("CARDS_COLORS") or {}).items():
        try:
            ImageColor.getrgb(value)
        except ValueError:
            raise _setting_error(
                f"CARDS_COLORS[{key!r}]", value, "une couleur, par exemple « #0b4f8a »"
            ) from None
    if settings.get("CARDS_FORMAT", "jpeg") not in ("jpeg", "png", "webp"):
        raise _setting_error(
            "CARDS_FORMAT", settings["CARDS_FORMAT"], "« jpeg », « png » ou « webp »"
        )
    pixels = settings.get("CARDS_MAX_IMAGE_PIXELS", images.DEFAULT_MAX_PIXELS)
    if not isinstance(pixels, int) or not 0 < pixels <= images.HIGHEST_MAX_PIXELS:
        raise _setting_error(
            "CARDS_MAX_IMAGE_PIXELS",
            pixels,
            f"un nombre de pixels entre 1 et {images.HIGHEST_MAX_PIXELS} (limite de Pillow)",
        )
    logo = settings.get("CARDS_LOGO")
    if logo and not (root / logo).is_file():
        raise _setting_error(
            "CARDS_LOGO", logo, "le chemin d’une image sous content/, par exemple images/logo.png"
        )
    if logo:
        try:
            with images.opened(str(root / logo), pixels):
                pass
        except images.ImageProblem as problem:
            raise ContentError(
                "pelicanconf.py", "CARDS_LOGO", f"« {logo} » {problem}", "une image PNG ou JPEG"
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
        labels=catalogue_for(settings["THEME"], lang),
    )


def _(config: Settings, message: str) -> str:
    return config.labels.get(message, message)


def long_date(value: date | datetime, lang: str) -> str:
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, format="long", locale=lang)


def card_spec(content, config: Settings) -> CardSpec:
    """Title (or short title), programme or category, date, site name, cover."""
    title = getattr(content, "short_title", None) or content.title
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
        return str(programme.short_title or programme.title)
    if getattr(content, "degree", None):  # a Programme
        return f"{content.degree} · {content.level}"
    category = getattr(content, "category", None)
    if category:
        return str(category)
    return _(config, "Agenda") if getattr(content, "start", None) else ""  # an event


def _date_line(content, config: Settings) -> str:
    deadline = getattr(content, "deadline", None)
    if deadline:
        return f"{_(config, 'Candidatures jusqu’au')} {long_date(deadline, config.lang)}"
    start = getattr(content, "start", None)  # an event
    if isinstance(start, date):
        return long_date(start, config.lang)
    if getattr(content, "metadata", {}).get("date") is not None and hasattr(content, "date"):
        return long_date(content.date, config.lang)
    return ""


def cover_of(content) -> str | None:
    """The `cover:` path relative to content/, as an author writes it."""
    relative = getattr(content, "cover", None) or getattr(content, "metadata", {}).get("cover")
    return str(relative).strip().removeprefix("{static}").lstrip("/") if relative else None


def _cover(content, config: Settings) -> str | None:
    relative = cover_of(content)
    return str(config.content_root / relative) if relative else None


def check_cover(content, config: Settings) -> None:
    """ContentError if the `cover:` is missing, not an image or too large to decode."""
    relative = cover_of(content)
    if not relative:
        return
    expected = "le chemin d’une image relatif au dossier content/, par exemple images/x.jpg"
    path = config.content_root / relative
    if not path.is_file():
        raise ContentError(
            content.source_path, "cover", f"« {relative} » est introuvable", expected
        )
    try:
        with images.opened(str(path), config.max_image_pixels):
            pass
    except images.ImageProblem as problem:
        raise ContentError(
            content.source_path, "cover", f"« {relative} » {problem}", _image_expected(config)
        ) from None


def _image_expected(config: Settings) -> str:
    return (
        f"une image JPEG, PNG ou WebP d’au moins {MIN_SIDE}×{MIN_SIDE} pixels et "
        f"{images.grouped(config.max_image_pixels)} pixels au plus, "
        f"{config.author_image_max_bytes // 1_000_000} Mo au plus, rangée sous "
        f"content/{config.static_paths[0] if config.static_paths else 'images'}/"
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
        raise error(f"« {value} » est une adresse externe (taille inconnue)")
    if not path.is_file() or not relative.startswith(tuple(f"{p}/" for p in config.static_paths)):
        raise error(f"« {relative} » est introuvable parmi les fichiers publiés du site")
    if path.stat().st_size > config.author_image_max_bytes:
        raise error(f"« {relative} » pèse {path.stat().st_size // 1000} ko")
    try:
        kind, (width, height) = _checked_image(str(path), config.max_image_pixels)
    except images.ImageProblem as problem:
        raise error(f"« {relative} » {problem}") from None
    if kind not in AUTHOR_IMAGE_TYPES:
        raise error(f"« {relative} » est au format {kind}")
    if min(width, height) < MIN_SIDE:
        raise error(f"« {relative} » ne mesure que {width}×{height} pixels")
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
