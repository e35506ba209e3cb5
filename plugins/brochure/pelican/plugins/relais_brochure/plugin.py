from babel.units import format_unit
from pelican import signals
from pelican.plugins.relais_core import contracts

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
    "BROCHURE_WORKERS": 2,
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


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {"relais_programmes": "its generator gives a brochure_doc to the programmes that one reads"}
AFTER = {}
ADDS = {
    "content": ["brochure_doc", "brochure_pages"],
    "context": [],
}


def register():
    contracts.declare(__package__, NEEDS, AFTER, templates=("brochure_embed", "brochure_page"))
    signals.initialized.connect(_defaults)
    signals.get_generators.connect(_generator)
    page_share.register()  # after: its generator reads what BrochureGenerator made
    signals.generator_init.connect(_add_filters)
