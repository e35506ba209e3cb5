"""Gives every post and programme with a `cover:` a `cover_image` for templates.

Runs once all content is read (all_generators_finalized), after the cards plugin, which
checks each cover (type, size, location, `cover_alt`: cards.sources.check_cover) and
stops the build on a bad one; without cards, the same check is made here. The renders
are drawn into the cache only when missing, then copied into the output's covers folder
before any page is written.
"""

import re
import time
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.log import console

from relais.plugins.cards import images, sources
from relais.plugins.cards.sources import cover_alt, cover_of
from relais.plugins.core import ContentError, contracts, quoted, report, tr
from relais.plugins.core.build import connect
from relais.plugins.core.collisions import Output, declare_outputs
from relais.plugins.core.contracts import Contract
from relais.plugins.core.errors import abort_on_setting, reported

from . import renders


@dataclass(frozen=True)
class Cover:
    """What an <img> needs: the 800 px render (or the widest) as src, every render in
    srcset, the box's width and height (its aspect ratio: no layout shift), the alt text
    ("" for a decorative cover); `largest`, the widest render (structured data)."""

    src: str
    srcset: str
    width: int
    height: int
    alt: str
    largest: str


def _contents(generators, context) -> list:
    """Posts and programmes: what the theme shows a cover on. A page's or an event's
    cover is only drawn on its share card (plugins/cards): no render is made for it."""
    found = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            found += generator.articles + generator.translations + generator.drafts
            found += generator.hidden_articles
    found += list(context.get("programmes", [])) + list(context.get("previewed_programmes", []))
    return list({id(item): item for item in found}.values())


def _stem(relative: str) -> str:
    """images/Amphi Nord.JPG → amphi-nord: readable, safe in any URL."""
    return re.sub(r"[^a-z0-9]+", "-", Path(relative).stem.lower()).strip("-")[:40] or "cover"


def _cover(renders_: list[renders.Render], base_url: str, alt: str) -> Cover:
    fallback = next((r for r in renders_ if r.width >= 800), renders_[-1])
    widest = renders_[-1]
    return Cover(
        src=f"{base_url}/{fallback.name}",
        srcset=", ".join(f"{base_url}/{r.name} {r.width}w" for r in renders_),
        width=widest.width,
        height=widest.height,
        alt=alt,
        largest=f"{base_url}/{widest.name}",
    )


def _settings(settings) -> tuple[Path, str, Path, int, int]:
    root = Path(settings["PATH"])
    folder = settings.get("COVERS_OUTPUT_DIR", "covers")
    # Default: beside Pelican's own cache (cache/pelican → cache/covers), like the cards.
    store = settings.get("COVERS_CACHE_PATH") or Path(settings["CACHE_PATH"]).parent / "covers"
    pixels = settings.get("CARDS_MAX_IMAGE_PIXELS", images.DEFAULT_MAX_PIXELS)
    quality = settings.get("COVERS_QUALITY", renders.QUALITY)
    if not isinstance(quality, int) or not 1 <= quality <= 100:
        abort_on_setting(
            "COVERS_QUALITY",
            tr(f"« {quality!r} » ne convient pas", f'"{quality!r}" is not valid'),
            tr(
                "un nombre entier de 1 à 100, par exemple 78",
                "a whole number from 1 to 100, e.g. 78",
            ),
        )
    return root, folder, Path(store), pixels, quality


def _cards_check(settings) -> bool:
    """True when the cards plugin runs before this one and has checked every cover; a
    site whose PLUGINS leaves it out gets the same check here (sources.check_cover)."""
    names = [contracts.plugin_name(plugin) for plugin in settings.get("PLUGINS", [])]
    cards, covers = "cards", "covers"
    return cards in names and covers in names and names.index(cards) < names.index(covers)


def make_covers(generators) -> None:
    started = time.perf_counter()
    settings = generators[0].settings
    root, folder, store, pixels, quality = _settings(settings)
    base_url = f"{settings['SITEURL']}/{folder}"
    wanted: set[str] = set()
    drawn = 0
    checks = None if _cards_check(settings) else sources.read_settings(settings)
    for content in _contents(generators, generators[0].context):
        relative = cover_of(content)
        if not relative:
            continue
        source = root / relative
        if checks is None and reported(content.source_path, "cover"):
            continue  # the cards plugin refused it: one line per mistake
        try:
            if checks is not None:
                sources.check_cover(content, checks)
            with images.opened(str(source), pixels) as image:
                size = images.upright_size(image)
            planned = renders.plan(source, size, _stem(relative), quality)
            drawn += renders.render_missing(source, size, planned, store, quality)
        except ContentError as error:
            report(error)
            continue
        except (images.ImageProblem, OSError) as problem:  # e.g. truncated past its header
            report(ContentError(content.source_path, "cover", f"{quoted(relative)} {problem}"))
            continue
        wanted.update(r.name for r in planned)
        content.cover_image = _cover(planned, base_url, cover_alt(content))
    # Errors are reported; core stops the build before anything is written (these
    # covers then stay in the staging folder, thrown away).
    renders.publish(wanted, store, Path(generators[0].output_path) / folder)
    # Printed like Pelican's own "Done:" line (and the brochures'); tests read it.
    console.print(
        tr(
            f"Couvertures : {drawn} image(s) rendue(s), {len(wanted) - drawn} reprise(s) du "
            f"cache, en {time.perf_counter() - started:.2f} s",
            f"Covers: {drawn} image(s) rendered, {len(wanted) - drawn} taken from the cache, "
            f"in {time.perf_counter() - started:.2f} s",
        ),
        markup=False,
        highlight=False,
    )


def _planned(_generators, settings):
    folder = settings.get("COVERS_OUTPUT_DIR", "covers")
    yield Output(
        f"{folder}/",
        tr(f"les couvertures (dossier {folder}/)", f"the covers ({folder}/ folder)"),
    )


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract(
    after={"cards": "cards checks each cover first; covers then skips the ones it refused"}
)


def register():
    contracts.check_at_start_up()
    declare_outputs(_planned, __package__)
    connect(signals.all_generators_finalized, make_covers, __package__)
