"""Reads content/programmes/*.md, links posts to programmes, writes the pages."""

import logging
from operator import attrgetter
from pathlib import Path

from pelican.generators import Generator

from relais.plugins.core import ContentError, build_date, one_of, quoted, report, tr
from relais.plugins.core.drafts import is_draft, previewing
from relais.plugins.core.errors import failure_reading

from .content import Programme
from .validation import validate

logger = logging.getLogger(__name__)


class ProgrammesGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, readers_cache_name="programme", **kwargs)
        self.programmes: list[Programme] = []
        # `status: draft`: never listed; written (under drafts/) only for a preview.
        self.drafts: list[Programme] = []
        # Slugs of programmes whose metadata is wrong: posts naming them are not in error too.
        self.invalid_slugs: set[str] = set()

    def generate_context(self):
        today = build_date(self.settings)
        for path in self.get_files(self.settings["PROGRAMME_PATHS"]):
            programme = self._read(path)
            if programme is None:
                continue
            self.add_source_path(programme)
            if programme.status == "draft":
                self.drafts.append(programme)
            else:
                self.programmes.append(programme)
        self.programmes.sort(key=attrgetter("title"))
        self._check_unique_slugs()
        by_slug = {p.slug: p for p in self.programmes}
        self._link_posts(by_slug)
        self.context.update(
            programmes=self.programmes,
            programmes_by_slug=by_slug,
            # Drafts whose preview `make serve` writes: the brochure and events plugins
            # complete them like published ones, and list them nowhere.
            previewed_programmes=self.drafts if previewing(self.settings) else [],
            today=today,
        )
        # Pelican's reader cache (CACHE_CONTENT): unchanged files are not parsed again.
        self.readers.save_cache()

    def _read(self, path):
        try:
            programme = self.readers.read_file(
                base_path=self.path, path=path, content_class=Programme, context=self.context
            )
        except Exception as error:  # one line naming the file, not a traceback
            report(failure_reading(str(Path(self.path) / path), error))
            # Posts naming it by its file name are not in error too (nor, for a draft, at all).
            self.invalid_slugs.add(Path(path).stem)
            return None
        errors = validate(programme, Path(self.path))
        for error in errors:
            report(error)
        if errors:
            # Posts may name it by its slug or, when `slug:` is the mistake, its file name.
            self.invalid_slugs |= {programme.slug, Path(path).stem}
            return None
        return programme

    def _check_unique_slugs(self):
        seen = {}
        for programme in self.programmes:
            if programme.slug in seen:
                report(
                    ContentError(
                        programme.source_path,
                        "slug",
                        f"{quoted(programme.slug)} "
                        + tr(
                            f"est déjà l’adresse de {seen[programme.slug]}",
                            f"is already the address of {seen[programme.slug]}",
                        ),
                        tr(
                            "un nom de fichier (ou un « slug: ») propre à chaque formation",
                            'a file name (or a "slug:") of its own for each programme',
                        ),
                    )
                )
            seen[programme.slug] = programme.source_path

    def _link_posts(self, by_slug):
        # A post may name a programme still in draft: the draft's preview lists it, the
        # post links to the programme (and is listed on its page) once it is published.
        drafts = {draft.slug: draft for draft in self.drafts}
        for programme in self.programmes + self.drafts:
            programme.posts = []
        # Draft and hidden posts too (a mistake in a draft's `programme:` is a warning,
        # core.drafts); only published posts are listed on the programme's page.
        posts = [self.context.get(kind, []) for kind in ("articles", "drafts", "hidden_articles")]
        for article in [post for kind in posts for post in kind]:
            slug = article.metadata.get("programme")
            if slug is None:
                article.programme = None
                continue
            slug = str(slug).strip()
            programme = by_slug.get(slug)
            if programme is None and slug not in self.invalid_slugs | set(drafts):
                report(_unknown_programme(article.source_path, slug, by_slug))
                # Other plugins still see this post before the build stops: no programme.
                article.programme = None
                continue
            article.programme = programme
            listed = not is_draft(article) and article.status != "hidden"
            if listed and (programme or slug in drafts):
                (programme or drafts[slug]).posts.append(article)
        for programme in self.programmes + self.drafts:
            programme.posts.sort(key=attrgetter("date"), reverse=True)

    def generate_output(self, writer):
        relative = self.settings["RELATIVE_URLS"]
        # Drafts are left only when previewing (core.drafts empties the list).
        for programme in self.programmes + self.drafts:
            writer.write_file(
                programme.save_as,
                self.get_template(programme.template),
                self.context,
                relative_urls=relative,
                url=programme.url,
                programme=programme,
                page=programme,
            )
        writer.write_file(
            self.settings["PROGRAMMES_SAVE_AS"],
            self.get_template("programmes"),
            self.context,
            relative_urls=relative,
            url=self.settings["PROGRAMMES_SAVE_AS"].removesuffix("index.html"),
            page_name="programmes",
        )


def _unknown_programme(path, slug, by_slug):
    if by_slug:
        expected = one_of(sorted(by_slug))
    else:
        expected = tr("aucune formation n’existe encore", "no programme exists yet")
    problem = tr(f"« {slug} » n’est pas une formation connue", f'"{slug}" is not a known programme')
    return ContentError(path, "programme", problem, expected)
