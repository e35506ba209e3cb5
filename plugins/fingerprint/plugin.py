"""Exposes `asset()` to templates and writes the hashed copies next to the originals."""

import logging
from functools import lru_cache
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from relais.plugins.core import contracts
from relais.plugins.core.build import connect, current
from relais.plugins.core.contracts import Contract, tr
from relais.plugins.core.files import write_if_changed
from relais.plugins.core.theme_files import static_dirs, static_files

from .hashing import FINGERPRINTED, MANIFEST, fingerprinted_name

logger = logging.getLogger(__name__)


class FingerprintGenerator(Generator):
    """Copies every theme CSS/JS file to its hashed name (Pelican copies the originals)."""

    def generate_context(self):
        """Nothing to read: names are computed from the files when templates ask."""

    def generate_output(self, writer):
        out = Path(self.output_path) / self.settings["THEME_STATIC_DIR"]
        written = []
        for relative, source in static_files(self.settings).items():
            if source.suffix in FINGERPRINTED:
                data = source.read_bytes()
                hashed = fingerprinted_name(relative, data)
                write_if_changed(out / hashed, data)
                written.append(hashed)
        write_if_changed(out / MANIFEST, "".join(f"{name}\n" for name in written).encode())


@lru_cache(maxsize=256)
def _hashed(path: Path, relative: str, _mtime_ns: int, _size: int) -> str:
    # Keyed on mtime and size so `make serve` picks up an edited stylesheet.
    return fingerprinted_name(relative, path.read_bytes())


def _theme_files(settings) -> dict[str, Path]:
    """The theme's static files, listed once per build: templates ask on every page."""
    return current().extra("fingerprint:static", lambda: static_files(settings))


def _install(generator):
    settings = generator.settings

    def asset_exists(relative: str) -> bool:
        """Whether the theme or the site's own theme folder has this file."""
        return relative in _theme_files(settings)

    def asset(relative: str) -> str:
        """Absolute URL of a theme file; CSS and JS get their content-hashed name."""
        name = relative
        path = _theme_files(settings).get(relative)
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


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract()


def register():
    contracts.check_at_start_up()
    connect(signals.get_generators, _generator, __package__)
    connect(signals.generator_init, _install, __package__)
