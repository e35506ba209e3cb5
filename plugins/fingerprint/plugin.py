"""Exposes `asset()` to templates and writes the hashed copies next to the originals."""

import logging
import shutil
from functools import lru_cache
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from .hashing import FINGERPRINTED, MANIFEST, fingerprinted_name, theme_assets

logger = logging.getLogger(__name__)


def _static_dir(settings) -> Path:
    return Path(settings["THEME"]) / "static"


class FingerprintGenerator(Generator):
    """Copies every theme CSS/JS file to its hashed name (Pelican copies the originals)."""

    def generate_context(self):
        """Nothing to read: names are computed from the files when templates ask."""

    def generate_output(self, writer):
        static = _static_dir(self.settings)
        out = Path(self.output_path) / self.settings["THEME_STATIC_DIR"]
        names = theme_assets(static)
        for source, hashed in names.items():
            (out / hashed).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(static / source, out / hashed)
        (out / MANIFEST).write_text("".join(f"{name}\n" for name in names.values()))


@lru_cache(maxsize=256)
def _hashed(path: Path, relative: str, _mtime_ns: int, _size: int) -> str:
    # Keyed on mtime and size so `make serve` picks up an edited stylesheet.
    return fingerprinted_name(relative, path.read_bytes())


def _install(generator):
    settings = generator.settings

    def asset(relative: str) -> str:
        """Absolute URL of a theme file; CSS and JS get their content-hashed name."""
        name = relative
        path = _static_dir(settings) / relative
        if not path.is_file():
            logger.error(
                "asset('%s') : fichier absent de %s — attendu : un chemin sous theme/static",
                relative,
                _static_dir(settings),
            )
        elif path.suffix in FINGERPRINTED:
            stat = path.stat()
            name = _hashed(path, relative, stat.st_mtime_ns, stat.st_size)
        return f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}/{name}"

    generator.env.globals["asset"] = asset
    generator.env.filters["asset"] = asset


def _generator(_pelican):
    return FingerprintGenerator


def register():
    signals.get_generators.connect(_generator)
    signals.generator_init.connect(_install)
