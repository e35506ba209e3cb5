"""What each page's card shows, and the author's own `image:` when there is one."""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from babel.dates import format_date
from PIL import Image, ImageColor, UnidentifiedImageError
from relais_core import ContentError
from relais_core.paths import OUTSIDE, is_ignored, is_inside
from theme_i18n.plugin import catalogue_for

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
    logo = settings.get("CARDS_LOGO")
    if logo and not (root / logo).is_file():
        raise _setting_error(
            "CARDS_LOGO", logo, "le chemin d’une image sous content/, par exemple images/logo.png"
        )


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


def _private(content, config: Settings, relative: str) -> bool:
    """A path leading out of content/ (`../`, symlinks resolved) or to a hidden or
    backup file: never drawn into a card nor published."""
    ignored = getattr(content, "settings", {}).get("IGNORE_FILES", [])
    root = config.content_root
    return not is_inside(root, root / relative) or is_ignored(relative, ignored)


def _check_cover(content, config: Settings) -> None:
    """Raised from author_image, the step whose ContentError the plugin reports."""
    relative = cover_of(content)
    if relative and _private(content, config, relative):
        raise ContentError(
            content.source_path,
            "cover",
            f"« {relative} » mène {OUTSIDE} ou vers un fichier caché",
            "le chemin d’une image rangée sous content/, par exemple images/x.jpg",
        )


def author_image(content, config: Settings, siteurl: str, output: Path) -> dict | None:
    """The card_image dict for the `image:` metadata; ContentError if it cannot be used."""
    _check_cover(content, config)
    value = getattr(content, "metadata", {}).get("image")
    if not value:
        return None
    relative = str(value).strip().removeprefix("{static}").lstrip("/")
    path = config.content_root / relative

    def error(problem):
        expected = (
            f"une image JPEG, PNG ou WebP d’au moins {MIN_SIDE}×{MIN_SIDE} pixels et "
            f"{config.author_image_max_bytes // 1_000_000} Mo au plus, rangée sous "
            f"content/{config.static_paths[0] if config.static_paths else 'images'}/"
        )
        return ContentError(content.source_path, "image", problem, expected)

    if relative.startswith(("http:", "https:")):
        raise error(f"« {value} » est une adresse externe (taille inconnue)")
    if _private(content, config, relative):
        raise error(f"« {relative} » mène {OUTSIDE} ou vers un fichier caché")
    if not path.is_file() or not relative.startswith(tuple(f"{p}/" for p in config.static_paths)):
        raise error(f"« {relative} » est introuvable parmi les fichiers publiés du site")
    if path.stat().st_size > config.author_image_max_bytes:
        raise error(f"« {relative} » pèse {path.stat().st_size // 1000} ko")
    try:
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError) as failure:
        raise error(f"« {relative} » n’est pas une image lisible ({failure})") from None
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
