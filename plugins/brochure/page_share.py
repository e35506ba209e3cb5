"""One shareable address per brochure page: `<BROCHURE_URL>page-N/` (programmes/x/brochure/page-7/).

A link to it posted on a network previews that very page: its Open Graph and Twitter card
show a 1200 × 630 image of the page (the size every network shows uncropped, like the share
cards) and the brochure title with the page number, and its canonical URL is itself (a
canonical or og:url pointing to the programme would make Facebook and LinkedIn preview the
programme instead). A reader's browser goes on to the viewer at `#page=N` once the page has
loaded (its stylesheets; the image is lazy): a script, not a meta refresh, which networks'
crawlers follow and would preview the programme. Without JavaScript the page shows the page
image, its text and the links.

In the sitemap (plugins/robots): public addresses with a card and a canonical URL of their
own, dated like the programme page. The addresses are permanent (`make publish` keeps them
alive): a brochure that loses pages keeps its old page addresses with `redirect_from:` (README).
"""

import hashlib
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from relais.plugins.core import tr
from relais.plugins.core.build import connect, in_this_build
from relais.plugins.core.collisions import Output, declare_outputs
from relais.plugins.core.errors import relative_path as shown
from relais.plugins.core.files import place, place_many
from relais.plugins.core.paths import output_file
from relais.plugins.theme_i18n.plugin import og_locale, translator

from .generator import cache_root, workers
from .model import Brochure, Image, Page

SIZE = (1200, 630)  # og:image: 1.91:1, what Facebook, LinkedIn and X show whole
MARGIN = 32
QUALITY = 85
# Bump when the drawing changes, so cached images stop matching.
FORMAT = 1
OUTLINE = 3
DEFAULT_COLORS = ("#0b4f8a", "#d7e6f5")  # the share cards' (plugins/cards) defaults


@dataclass(frozen=True)
class SharedPage:
    """What the page's template (brochure_page.html) and `make share` need of one page."""

    number: int
    total: int
    label: str  # "Page 7 sur 24"
    title: str  # "Brochure — X · Page 7 sur 24": og:title, <title>, <h1>
    url: str  # relative to SITEURL, e.g. programmes/x/brochure/page-7/
    viewer_url: str  # the programme page at this page: programmes/x/#page=7
    page: Page
    image: Image  # the share image

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"


def page_url(brochure: Brochure, number: int | str) -> str:
    return f"{brochure.base_url}page-{number}/"


def shared_pages(brochure: Brochure, programme_url: str, settings) -> tuple[SharedPage, ...]:
    label = translator(settings)("Page {n} sur {total}")
    colors = _colors(settings)
    total = brochure.page_count
    return tuple(
        SharedPage(
            number=page.number,
            total=total,
            label=label.format(n=page.number, total=total),
            title=f"{brochure.title} · {label.format(n=page.number, total=total)}",
            url=page_url(brochure, page.number),
            viewer_url=f"{programme_url}#page={page.number}",
            page=page,
            image=Image(_image_name(brochure, page.number, colors), *SIZE),
        )
        for page in brochure.pages
    )


def _colors(settings) -> tuple[str, str]:
    """(background, outline): the share cards' background and muted text colours."""
    colors = settings.get("CARDS_COLORS") or {}
    return colors.get("background", DEFAULT_COLORS[0]), colors.get("muted", DEFAULT_COLORS[1])


def _image_name(brochure: Brochure, number: int, colors: tuple[str, str]) -> str:
    """In the rendering's own folder, with a hash of how it is drawn: a changed brochure or
    colour is a new name (like theme files, out of make publish's URL baseline)."""
    recipe = f"{FORMAT}|{brochure.images_url}|{number}|{colors}|{SIZE}|{MARGIN}|{OUTLINE}|{QUALITY}"
    digest = hashlib.sha256(recipe.encode()).hexdigest()[:12]
    return f"{brochure.images_url}p{number:03d}-share.{digest}.jpg"


def draw(source: Path, colors: tuple[str, str]):
    """The page, whole and as large as it fits, centred on the card background, outlined
    (a page whose edge has the background's colour would melt into it)."""
    from PIL import Image as PILImage  # only when an image is drawn
    from PIL import ImageDraw, ImageOps

    background, outline = colors
    canvas = PILImage.new("RGB", SIZE, background)
    box = (SIZE[0] - 2 * MARGIN, SIZE[1] - 2 * MARGIN)
    with PILImage.open(source) as page:
        fitted = ImageOps.contain(page.convert("RGB"), box, PILImage.Resampling.LANCZOS)
    left, top = (SIZE[0] - fitted.width) // 2, (SIZE[1] - fitted.height) // 2
    ImageDraw.Draw(canvas).rectangle(
        (left - OUTLINE, top - OUTLINE, left + fitted.width + OUTLINE - 1,
         top + fitted.height + OUTLINE - 1), fill=outline
    )  # fmt: skip
    canvas.paste(fitted, (left, top))
    return canvas


def source_image(page: Page) -> Image:
    """The narrowest rendering at least as large as the page on the share image."""
    height = SIZE[1] - 2 * MARGIN
    for image in page.images:
        if image.height >= height or image.width >= SIZE[0] - 2 * MARGIN:
            return image
    return page.images[-1]


class ShareImages:
    """Draws each page's share image once into the cache, then copies it to the output."""

    def __init__(self, cache: Path, output: Path, settings):
        self.cache, self.output = cache, output
        self.colors = _colors(settings)
        self.workers = workers(settings)

    def publish(self, pages: list[SharedPage]) -> None:
        missing = [page for page in pages if not (self.cache / self._name(page)).exists()]
        if missing:
            # Pillow decodes and encodes without the GIL: threads use every core.
            with ThreadPoolExecutor(self.workers) as pool:
                list(pool.map(in_this_build(self._one), missing))
        folders: dict[str, list[str]] = {}  # drawn by now: placed (a rebuild draws none)
        for page in pages:
            folder, _, name = page.image.url.rpartition("/")
            folders.setdefault(folder, []).append(name)
        for folder, names in folders.items():
            place_many(self.cache, output_file(self.output, folder + "/"), names)

    @staticmethod
    def _name(shared: SharedPage) -> str:
        return shared.image.url.rsplit("/", 1)[1]

    def _one(self, shared: SharedPage) -> None:
        cached = self.cache / self._name(shared)
        if not cached.exists():
            self._draw_into(cached, output_file(self.output, source_image(shared.page).url))
        place(cached, output_file(self.output, shared.image.url))

    def _draw_into(self, cached: Path, source: Path) -> None:
        self.cache.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".jpg", dir=self.cache)
        os.close(handle)
        try:
            draw(source, self.colors).save(temporary, "JPEG", quality=QUALITY, optimize=True)
            os.replace(temporary, cached)  # a build never sees half an image
        finally:
            Path(temporary).unlink(missing_ok=True)


class BrochurePagesGenerator(Generator):
    """Runs after BrochureGenerator: reads `programme.brochure_doc`, and writes once the page
    images it draws from are in the output."""

    def generate_context(self):
        for programme in self.context.get("programmes", []):
            brochure = programme.brochure_doc
            programme.brochure_pages = (
                shared_pages(brochure, programme.url, self.settings) if brochure else ()
            )

    def generate_output(self, writer):
        programmes = [p for p in self.context.get("programmes", []) if p.brochure_pages]
        if not programmes:
            return
        cache = cache_root(self.settings) / "share"
        images = ShareImages(cache, Path(self.output_path), self.settings)
        images.publish([page for p in programmes for page in p.brochure_pages])
        template = self.get_template("brochure_page")
        locale = og_locale(self.settings)
        for programme in programmes:
            for page in programme.brochure_pages:
                writer.write_file(
                    page.save_as,
                    template,
                    self.context,
                    relative_urls=False,
                    url=page.url,
                    shared=page,
                    programme=programme,  # the sitemap dates the page like the programme's
                    programme_title=str(programme.title),
                    programme_url=programme.url,
                    description=programme.facts.summary,
                    og_locale=locale,
                )


def _planned(generators, _settings):
    """The page addresses, for core's check of clashing addresses."""
    for programme in generators[0].context.get("programmes", []):
        for page in programme.brochure_pages:
            source = shown(programme.source_path)
            yield Output(page.save_as, tr(f"la brochure de {source}", f"the brochure of {source}"))


def _add_global(generator):
    # The viewer's "share this page" button builds the address of the page on screen.
    generator.env.globals["brochure_page_url"] = page_url


def register():
    declare_outputs(_planned, __package__)
    connect(signals.get_generators, _generator, __package__)
    connect(signals.generator_init, _add_global, __package__)


def _generator(_pelican):
    return BrochurePagesGenerator
