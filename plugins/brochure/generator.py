"""Renders every programme's brochure during context generation, writes viewer files after.

Errors are reported while reading content (core stops the build before any
output); rendering goes to the cache, never to the output folder.
"""

import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from pelican.generators import Generator
from pelican.log import console

from relais.plugins.core import report, tr
from relais.plugins.core.drafts import draft_url, is_draft
from relais.plugins.core.files import place_many, write_if_changed
from relais.plugins.core.paths import output_file
from relais.plugins.core.published_files import published_size

from . import links, model
from .limits import Limits
from .params import RenderParams
from .problems import brochure_error
from .renderer import prepare


class BrochureGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.brochures = []  # (programme, Brochure, cache folder)
        self.stats = None

    def generate_context(self):
        # Drafts previewed by `make serve` get their viewer too, under drafts/.
        shown = self.context.get("programmes", []) + self.context.get("previewed_programmes", [])
        programmes = [p for p in shown if p.facts.brochure]
        for programme in shown:
            programme.brochure_doc = None
        if not programmes:
            return
        root = cache_root(self.settings)
        pdfs = {p: Path(self.path) / p.brochure for p in programmes}
        outcomes, self.stats = prepare(
            list(dict.fromkeys(pdfs.values())),
            root,
            render_params(self.settings),
            limits(self.settings),
            workers(self.settings),
            digests_file(self.settings),
        )
        for programme, pdf in pdfs.items():
            outcome = outcomes[pdf]
            if outcome.problem:
                report(brochure_error(programme, outcome.problem, self.settings))
                continue
            programme.brochure_doc = replace(
                model.from_manifest(
                    outcome.manifest,
                    title=f"Brochure — {programme.title}",
                    pdf_path=self.settings["STATIC_URL"].format(path=programme.facts.brochure),
                    base_url=brochure_url(programme, self.settings),
                    key=outcome.key,
                ),
                # The PDF is published without its author's metadata (core.published_files):
                # the download link says the size of that copy.
                pdf_bytes=published_size(pdf, self.settings),
            )
            self.brochures.append((programme, programme.brochure_doc, root / outcome.key))
            # Straight to stderr, like the cards' notices: a dropped link is no reason to stop
            # `make publish` (--fatal warnings); said again on every build, cache hit or not.
            for line in links.warnings(programme, outcome.manifest):
                sys.stderr.write(line + "\n")
        # Printed like Pelican's own "Done:" line; tests read it to prove cache hits.
        stats = self.stats
        console.print(
            tr(
                f"Brochures : {stats.rendered_pdfs} rendue(s) ({stats.rendered_pages} pages), "
                f"{stats.cached_pdfs} reprise(s) du cache",
                f"Brochures: {stats.rendered_pdfs} rendered ({stats.rendered_pages} pages), "
                f"{stats.cached_pdfs} taken from the cache",
            ),
            markup=False,
            highlight=False,
        )

    def generate_output(self, writer):
        # A previewed draft found broken after reading is no longer shown: nor its brochure.
        shown = self.context.get("programmes", []) + self.context.get("previewed_programmes", [])
        for programme, brochure, folder in self.brochures:
            if programme not in shown:
                continue
            self._copy_images(brochure, folder)
            writer.write_file(
                brochure.embed_url + "index.html",
                self.get_template("brochure_embed"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=brochure.embed_url,
                programme=programme,
                brochure=brochure,
                # A draft's embed page is the draft's: the sitemap leaves it out.
                **({"page": programme} if is_draft(programme) else {}),
            )
            self._write_json(brochure.oembed_url, oembed(brochure, programme, self.settings))

    def _copy_images(self, brochure, folder: Path):
        # Slugs are checked before writing (core); this join refuses `../` anyway.
        destination = output_file(self.output_path, brochure.images_url)
        names = [
            image.url.rsplit("/", 1)[1]
            for page in brochure.pages
            for image in (*page.images, page.thumb, *filter(None, [page.zoom]))
        ]
        place_many(folder, destination, names)

    def _write_json(self, url: str, data: dict):
        data = json.dumps(data, ensure_ascii=False, indent=1).encode()
        write_if_changed(output_file(self.output_path, url), data)


def oembed(brochure, programme, settings) -> dict:
    """oEmbed 1.0 `rich` response (https://oembed.com/#section2.3)."""
    siteurl = settings["SITEURL"]
    width, height = brochure.embed_size
    thumb = brochure.pages[0].images[0]
    return {
        "version": "1.0",
        "type": "rich",
        "title": brochure.title,
        "author_name": settings.get("ORGANIZATION", {}).get("name", settings["SITENAME"]),
        "author_url": f"{siteurl}/{programme.url}",
        "provider_name": settings["SITENAME"],
        "provider_url": f"{siteurl}/",
        "html": brochure.iframe_html(siteurl),
        "width": width,
        "height": height,
        "thumbnail_url": f"{siteurl}/{thumb.url}",
        "thumbnail_width": thumb.width,
        "thumbnail_height": thumb.height,
    }


def brochure_url(programme, settings) -> str:
    url = settings["BROCHURE_URL"].format(slug=programme.slug)
    return draft_url(url) if is_draft(programme) else url


def cache_root(settings) -> Path:
    """BROCHURE_CACHE_PATH, else `brochures/` beside CACHE_PATH (a build's caches stay together)."""
    configured = settings.get("BROCHURE_CACHE_PATH")
    return Path(configured or Path(settings["CACHE_PATH"]).parent / "brochures").resolve()


def workers(settings) -> int:
    """BROCHURE_WORKERS, 0 (the default) for one per core: rendering uses every core."""
    return int(settings.get("BROCHURE_WORKERS") or 0) or os.cpu_count() or 1


def digests_file(settings) -> Path | None:
    """Where the PDFs' hashes are kept between builds: the site's own cache, like Pelican's."""
    if not settings.get("CACHE_CONTENT") or not settings.get("CACHE_PATH"):
        return None
    return Path(settings["CACHE_PATH"]) / "brochure-digests.json"


def render_params(settings) -> RenderParams:
    return RenderParams(
        widths=tuple(sorted(int(w) for w in settings["BROCHURE_WIDTHS"])),
        thumb_width=int(settings["BROCHURE_THUMB_WIDTH"]),
        quality=int(settings["BROCHURE_QUALITY"]),
        zoom_width=int(settings.get("BROCHURE_ZOOM_WIDTH", 2400) or 0),
    )


def limits(settings) -> Limits:
    return Limits(
        max_pages=int(settings["BROCHURE_MAX_PAGES"]),
        max_page_pixels=int(settings["BROCHURE_MAX_PAGE_PIXELS"]),
        worker_memory_mb=int(settings["BROCHURE_WORKER_MEMORY_MB"]),
        page_timeout_s=float(settings["BROCHURE_PAGE_TIMEOUT_S"]),
    )
