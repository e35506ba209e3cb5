"""Gives every post, page, programme and event a `card_image`, drawing only new cards.

Runs once all content is read (all_generators_finalized): programmes are linked to their
posts by then, and a bad image still stops the build before anything is written.
"""

import dataclasses
import json
import logging
import os
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from relais.plugins.core import ContentError, contracts, quoted, report, tr
from relais.plugins.core.build import connect
from relais.plugins.core.collisions import Output, declare_outputs
from relais.plugins.core.contracts import Contract
from relais.plugins.core.errors import warn
from relais.plugins.core.files import place_many, write_atomically

from . import cache, fonts, sources
from .render import HEIGHT, WIDTH, BadImage, CardSpec, render

logger = logging.getLogger(__name__)
# A card's texts, and the field each one comes from (on a page's card, on the site's).
FIELDS = {"title": "title", "kicker": "category", "footer": "date"}
SITE_FIELDS = {"title": "SITENAME", "kicker": "ORGANIZATION", "footer": "SITE_DESCRIPTION"}


def _contents(generators, context) -> list:
    found = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            found += generator.articles + generator.translations + generator.hidden_articles
        elif isinstance(generator, PagesGenerator):
            found += generator.pages + generator.translations + generator.hidden_pages
    found += list(context.get("programmes", []))
    found += [e for e in context.get("events", []) if getattr(e, "url", None) is not None]
    unique = {id(item): item for item in found}
    return list(unique.values())


def _draw(spec: CardSpec, target: str) -> tuple[str, str] | None:
    """In a worker: draws one card into the cache. Returns (field, problem) or None."""
    try:
        write_atomically(Path(target), render(spec))
    except BadImage as failure:  # a cover or logo that stops decoding halfway
        path = spec.cover if failure.field == "cover" else spec.logo
        return failure.field, f"{quoted(Path(path).name)} {failure.problem}"
    except Exception as failure:  # reported as a content error naming the page
        field = "cover" if spec.cover else "title"
        return (
            field,
            tr(
                f"la carte de partage n’a pas pu être dessinée ({type(failure).__name__}: "
                f"{failure})",
                f"the share card could not be drawn ({type(failure).__name__}: {failure})",
            ),
        )
    return None


def draw_all(jobs: dict[str, CardSpec], folder: Path, workers: int) -> dict[str, tuple[str, str]]:
    """name → (field, problem), for the cards that could not be drawn."""
    targets = {name: str(folder / name) for name in jobs}
    if workers <= 1 or len(jobs) < 4:
        results = {name: _draw(spec, targets[name]) for name, spec in jobs.items()}
    else:
        # fork: workers inherit the loaded fonts and plugin modules instead of re-importing.
        context = get_context("fork") if os.name == "posix" else None
        with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context) as pool:
            futures = {name: pool.submit(_draw, spec, targets[name]) for name, spec in jobs.items()}
            results = {name: future.result() for name, future in futures.items()}
    return {name: error for name, error in results.items() if error}


def _card_image(name: str, siteurl: str, output: Path, folder: str, spec: CardSpec) -> dict:
    return {
        "url": f"{siteurl}/{folder}/{name}",
        "path": str(output / folder / name),
        "width": WIDTH,
        "height": HEIGHT,
        "type": cache.MEDIA_TYPES[spec.style.format],
        # The card's own words: what a screen reader user of the network should hear.
        "alt": " — ".join(part for part in (spec.kicker, spec.title, spec.footer) if part),
    }


def make_cards(generators) -> None:
    started = time.perf_counter()
    context = generators[0].context
    settings = generators[0].settings
    try:
        config = sources.read_settings(settings)
    except ContentError as error:
        report(error)  # the build stops before writing (core)
        return
    output = Path(generators[0].output_path)
    folder = settings.get("CARDS_OUTPUT_DIR", "cards")
    # Default: beside Pelican's own cache (cache/pelican → cache/cards).
    default_store = Path(settings["CACHE_PATH"]).parent / "cards"
    store = Path(settings.get("CARDS_CACHE_PATH") or default_store)
    siteurl = settings["SITEURL"]

    site = sources.site_spec(config)
    chars = _KnownChars(store)
    wanted: dict[str, CardSpec] = {}  # file name → spec, for every card this site shows
    owners: dict[str, object] = {}
    for content in _contents(generators, context):
        try:
            # Checked even when `image:` makes the card: the site shows the cover (covers).
            sources.check_cover(content, config)
            own = sources.author_image(content, config, siteurl, output)
        except ContentError as error:
            report(error)
            continue
        if own:
            content.card_image = own
            continue
        spec = sources.card_spec(content, config)
        if _undrawable(spec, content.source_path, chars.known):
            spec = site
        name = cache.file_name(spec)
        wanted[name], owners[name] = spec, content
        content.card_image = _card_image(name, siteurl, output, folder, spec)
    if _undrawable(site, "pelicanconf.py", chars.known, SITE_FIELDS):  # no fallback: leave
        site = _without_undrawable(site)  # the words out
    chars.save()
    site_name = cache.file_name(site)
    wanted[site_name] = site
    context["site_card"] = _card_image(site_name, siteurl, output, folder, site)

    missing = {name: spec for name, spec in wanted.items() if not (store / name).is_file()}
    workers = int(settings.get("CARDS_WORKERS") or os.cpu_count() or 1)
    failed = draw_all(missing, store, workers)
    for name, (field, problem) in failed.items():
        owner = owners.get(name)
        report(
            ContentError(
                owner.source_path if owner and field != "CARDS_LOGO" else "pelicanconf.py",
                field,
                problem,
                tr(
                    "une image de couverture lisible (JPEG, PNG ou WebP) et assez simple pour "
                    'tenir dans CARDS_MAX_BYTES (ou CARDS_FORMAT = "jpeg")',
                    "a readable cover image (JPEG, PNG or WebP) simple enough to fit in "
                    'CARDS_MAX_BYTES (or CARDS_FORMAT = "jpeg")',
                ),
            )
        )
    # A reported error stops the build before anything is written (core): the
    # cards go to the staging folder, thrown away then.
    _publish({name: spec for name, spec in wanted.items() if name not in failed}, store,
             output / folder)  # fmt: skip
    seconds = round(time.perf_counter() - started, 4)
    logger.info(
        tr(
            "Cartes de partage : %d dessinée(s), %d reprise(s) du cache, en %.2f s",
            "Share cards: %d drawn, %d taken from the cache, in %.2f s",
        ),
        len(missing),
        len(wanted) - len(missing),
        seconds,
    )
    # What this build drew and what the step cost, for people, tests and `make bench-cards`.
    summary = {"drawn": sorted(missing), "cards": len(wanted), "seconds": seconds}
    write_atomically(store / "last-build.json", json.dumps(summary).encode())


class _KnownChars:
    """Which characters the card fonts draw, as found by earlier builds: kept beside the
    cards under the fonts' fingerprint, so that an unchanged site reads no font."""

    def __init__(self, store: Path):
        self.path = store / f"characters-{fonts.fingerprint()[:20]}.json"
        try:
            self.known = {c: bool(v) for c, v in json.loads(self.path.read_text()).items()}
        except (OSError, ValueError, AttributeError):
            self.known = {}
        self.loaded = len(self.known)

    def save(self) -> None:
        if len(self.known) != self.loaded:
            data = json.dumps(self.known, ensure_ascii=False, sort_keys=True)
            write_atomically(self.path, data.encode())


def _undrawable(
    spec: CardSpec, source_path: str, known: dict | None = None, fields: dict = FIELDS
) -> bool:
    """True (with a one-line warning naming the file) if no card font can draw some text.

    Such a page shows the site's card rather than a title with boxes for letters. Written
    straight to stderr, like content errors: Pelican's log wraps long lines.
    """
    for name, field in fields.items():
        missing = fonts.undrawable(getattr(spec, name), known)
        if missing:
            why = (
                ""
                if fonts.RAQM
                else tr(
                    " sans libfribidi (Debian : libfribidi0)",
                    " without libfribidi (Debian: libfribidi0)",
                )
            )
            problem = tr(
                f"aucune police des cartes ne dessine « {missing} »{why}",
                f'no card font draws "{missing}"{why}',
            )
            expected = tr("la page reçoit la carte du site", "the page gets the site’s card")
            warn(ContentError(source_path, field, problem, expected))
            return True
    return False


def _without_undrawable(spec: CardSpec) -> CardSpec:
    missing = set(fonts.undrawable("".join(getattr(spec, name) for name in FIELDS)))
    keep = {name: "".join(c for c in getattr(spec, name) if c not in missing) for name in FIELDS}
    return dataclasses.replace(spec, **keep)


def _publish(wanted: dict, store: Path, target: Path) -> None:
    """Puts the cards in the output (the last build's cards no page uses any more are
    left unclaimed: core.staging removes them)."""
    place_many(store, target, wanted)


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract()


def _planned(_generators, settings):
    """The cards' folder, for core's check of clashing addresses."""
    folder = settings.get("CARDS_OUTPUT_DIR", "cards")
    yield Output(
        f"{folder}/",
        tr(f"les cartes de partage (dossier {folder}/)", f"the share cards ({folder}/ folder)"),
    )


def register():
    contracts.check_at_start_up()
    declare_outputs(_planned, __package__)
    connect(signals.all_generators_finalized, make_cards, __package__)
