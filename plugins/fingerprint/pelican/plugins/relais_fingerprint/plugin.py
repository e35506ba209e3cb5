"""Exposes `asset()` to templates and writes the hashed copies next to the originals."""

import logging
import shutil
from functools import lru_cache
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.plugins.relais_core import contracts, tr

from .hashing import FINGERPRINTED, MANIFEST, fingerprinted_name

logger = logging.getLogger(__name__)


def static_dirs(settings) -> list[Path]:
    """The folders Pelican copies into the theme's output folder, in its order: a file
    of a later folder replaces the same file of an earlier one (a site's own logo or
    stylesheet over the kit's)."""
    theme = Path(settings["THEME"])
    return [theme / path for path in settings.get("THEME_STATIC_PATHS", ["static"])]


def static_files(settings) -> dict[str, Path]:
    """ "css/site.css" → the file Pelican publishes under that name."""
    files = {}
    for folder in static_dirs(settings):
        if folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    files[file.relative_to(folder).as_posix()] = file
    return files


class FingerprintGenerator(Generator):
    """Copies every theme CSS/JS file to its hashed name (Pelican copies the originals)."""

    def generate_context(self):
        """Nothing to read: names are computed from the files when templates ask."""

    def generate_output(self, writer):
        out = Path(self.output_path) / self.settings["THEME_STATIC_DIR"]
        written = []
        for relative, source in static_files(self.settings).items():
            if source.suffix in FINGERPRINTED:
                hashed = fingerprinted_name(relative, source.read_bytes())
                (out / hashed).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, out / hashed)
                written.append(hashed)
        (out / MANIFEST).write_text("".join(f"{name}\n" for name in written))


@lru_cache(maxsize=256)
def _hashed(path: Path, relative: str, _mtime_ns: int, _size: int) -> str:
    # Keyed on mtime and size so `make serve` picks up an edited stylesheet.
    return fingerprinted_name(relative, path.read_bytes())


def _install(generator):
    settings = generator.settings

    def asset_exists(relative: str) -> bool:
        """Whether the theme or the site's own theme folder has this file."""
        return relative in static_files(settings)

    def asset(relative: str) -> str:
        """Absolute URL of a theme file; CSS and JS get their content-hashed name."""
        name = relative
        path = static_files(settings).get(relative)
        if path is None:
            logger.error(
                tr(
                    "asset('%s') : fichier absent de %s — attendu : un chemin sous ces dossiers",
                    "asset('%s'): file missing from %s — expected: a path under these folders",
                ),
                relative,
                ", ".join(str(folder) for folder in static_dirs(settings)),
            )
        elif path.suffix in FINGERPRINTED:
            stat = path.stat()
            name = _hashed(path, relative, stat.st_mtime_ns, stat.st_size)
        return f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}/{name}"

    generator.env.globals["asset"] = asset
    generator.env.globals["asset_exists"] = asset_exists
    generator.env.filters["asset"] = asset


def _generator(_pelican):
    return FingerprintGenerator


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {}
AFTER = {}
ADDS = {"content": [], "context": []}


def register():
    contracts.declare(__package__, NEEDS, AFTER)
    signals.get_generators.connect(_generator)
    signals.generator_init.connect(_install)
