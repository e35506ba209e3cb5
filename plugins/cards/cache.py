"""Cards are stored under a hash of everything that shows on them.

The key covers the card's texts, the bytes of its cover and logo, the colours and format,
the drawing code and the fonts: change any of them and the card is drawn again; change
nothing and the build only copies a file.
"""

import dataclasses
import hashlib
import json
import os
from functools import cache
from pathlib import Path

from . import fonts
from .render import CardSpec

EXTENSIONS = {"jpeg": "jpg", "webp": "webp", "png": "png"}
MEDIA_TYPES = {"jpeg": "image/jpeg", "webp": "image/webp", "png": "image/png"}
_DRAWING_CODE = ("fonts.py", "direction.py", "layout.py", "render.py", "images.py")


@cache
def drawing_fingerprint() -> str:
    here = Path(__file__).parent
    digest = hashlib.sha256(fonts.fingerprint().encode())
    for name in _DRAWING_CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


@cache
def _file_digest(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def file_digest(path: str | None) -> str | None:
    if path is None:
        return None
    stat = os.stat(path)
    return _file_digest(path, stat.st_size, stat.st_mtime_ns)


def key(spec: CardSpec) -> str:
    shown = dataclasses.asdict(spec)
    shown["cover"] = file_digest(spec.cover)
    shown["logo"] = file_digest(spec.logo)
    shown["drawing"] = drawing_fingerprint()
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


def file_name(spec: CardSpec) -> str:
    return f"{key(spec)[:20]}.{EXTENSIONS[spec.style.format]}"
