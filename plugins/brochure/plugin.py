from babel.units import format_unit
from pelican import signals

from relais.plugins.core import contracts, tr
from relais.plugins.core.build import connect
from relais.plugins.core.collisions import Output, declare_outputs
from relais.plugins.core.contracts import Contract
from relais.plugins.core.errors import relative_path as shown

from . import page_share
from .generator import BrochureGenerator
from .model import email_segments

DEFAULTS = {
    "BROCHURE_CACHE_PATH": "",
    "BROCHURE_URL": "programmes/{slug}/brochure/",
    "BROCHURE_WIDTHS": [480, 800, 1200],
    "BROCHURE_THUMB_WIDTH": 160,
    # Loaded only when a reader zooms: sharp at 2x on a phone's high-density screen.
    "BROCHURE_ZOOM_WIDTH": 2400,
    "BROCHURE_QUALITY": 75,
    "BROCHURE_WORKERS": 0,  # processes rendering pages; 0: one per core
    # Bounds on what one PDF may cost (README.md, "Limits"); a 300-page A4 brochure passes.
    "BROCHURE_MAX_PAGES": 500,
    "BROCHURE_MAX_PAGE_PIXELS": 12_000_000,
    "BROCHURE_WORKER_MEMORY_MB": 1024,
    "BROCHURE_PAGE_TIMEOUT_S": 30,
}


def _defaults(pelican):
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def _generator(_pelican):
    return BrochureGenerator


def _add_filters(generator):
    lang = generator.settings.get("DEFAULT_LANG", "fr")

    def file_size(size: int) -> str:
        """1234567 → « 1,2 Mo » (fr) / "1.2 MB" (en)."""
        if size < 1_000_000:
            return format_unit(max(1, round(size / 1000)), "digital-kilobyte", "short", locale=lang)
        return format_unit(round(size / 1_000_000, 1), "digital-megabyte", "short", locale=lang)

    generator.env.filters["file_size"] = file_size
    generator.env.filters["email_segments"] = email_segments


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract(
    needs={"programmes": "its generator gives a brochure_doc to the programmes that one reads"},
    templates=("brochure_embed", "brochure_page"),
)


def _planned(generators, _settings):
    """The viewer's embed page, its oEmbed file and images, for core's check of clashing
    addresses (the pages' own addresses: page_share)."""
    context = generators[0].context
    for programme in context.get("programmes", []) + context.get("previewed_programmes", []):
        brochure = programme.brochure_doc
        if brochure is not None:
            source = shown(programme.source_path)
            owner = tr(f"la brochure de {source}", f"the brochure of {source}")
            yield Output(f"{brochure.embed_url}index.html", owner)
            yield Output(brochure.oembed_url, owner)
            yield Output(brochure.images_url, owner)


def register():
    contracts.check_at_start_up()
    declare_outputs(_planned, __package__)
    connect(signals.initialized, _defaults, __package__)
    connect(signals.get_generators, _generator, __package__)
    page_share.register()  # after: its generator reads what BrochureGenerator made
    connect(signals.generator_init, _add_filters, __package__)
