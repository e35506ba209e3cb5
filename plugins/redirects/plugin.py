"""Collects redirects once every file is read, refuses clashes, writes the pages."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from jinja2 import Environment, FileSystemLoader
from pelican import signals
from pelican.generators import Generator, PelicanTemplateNotFound

from relais.plugins.core import ContentError, contracts, quoted, report, tr_later
from relais.plugins.core.build import connect, current
from relais.plugins.core.collisions import Output, declare_outputs
from relais.plugins.core.contracts import Contract
from relais.plugins.theme_i18n.plugin import KIT_THEME, translator

from .content_index import published_contents, shown
from .paths import BadPath, output_path, split_values

FIELD = "redirect_from"
EXPECTED = tr_later(
    "des adresses de l’ancien site, séparées par des virgules, p. ex. /blog/ancien-nom/",
    "addresses of the old site, separated by commas, e.g. /blog/old-name/",
)


@dataclass(frozen=True)
class Redirect:
    """One redirect page: the file written, the content it points to, who asked for it."""

    save_as: str
    target: object
    source_path: str
    field: str
    # Read by plugins that look at every written page (the sitemap skips non-published ones).
    status = "redirect"

    @property
    def url(self) -> str:
        return self.save_as.removesuffix("index.html")

    @property
    def title(self) -> str:
        return self.target.title


Source = Callable[[list, dict], Iterable[Redirect]]


def add_source(source: Source) -> None:
    """Lets another plugin (short links) add redirects to this build, at `initialized`:
    source(contents, settings) → Redirects."""
    sources = current().extra("redirect_sources", list)
    if source not in sources:
        sources.append(source)


def _own_source(_pelican) -> None:
    add_source(redirect_from)


def redirect_from(contents, settings) -> Iterable[Redirect]:
    for content in contents:
        for old in split_values(content.metadata.get(FIELD) or []):
            try:
                yield Redirect(
                    output_path(old, settings["SITEURL"]), content, content.source_path, FIELD
                )
            except BadPath as problem:
                problem = f"{quoted(old)} : {problem}"
                report(ContentError(content.source_path, FIELD, problem, str(EXPECTED)))


class RedirectsGenerator(Generator):
    redirects: tuple[Redirect, ...] = ()

    def generate_context(self):
        """Nothing to read: redirects come from other content, once all of it is read."""

    def generate_output(self, writer):
        if not self.redirects:
            return
        template = self._template()
        for redirect in self.redirects:
            writer.write_file(
                redirect.save_as,
                template,
                self.context,
                relative_urls=False,
                url=redirect.url,
                page=redirect,
                redirect=redirect,
                target_url=f"{self.settings['SITEURL']}/{redirect.target.url}",
            )

    def _template(self):
        """The theme's redirect.html, else the kit's (standalone, no site chrome): redirects
        work with any theme, Pelican's default one included."""
        try:
            return self.get_template("redirect")
        except PelicanTemplateNotFound:
            env = Environment(
                loader=FileSystemLoader(KIT_THEME / "templates"),
                extensions=["jinja2.ext.i18n"],
                autoescape=True,
            )
            translate = translator(self.settings)
            env.install_gettext_callables(translate, translate.plural, newstyle=True)
            return env.get_template("redirect.html")


def _redirects(generators, settings) -> list[Redirect]:
    contents = published_contents(generators)
    sources = current().extras.get("redirect_sources", [])
    return [r for source in sources for r in source(contents, settings)]


def _planned(generators, settings):
    """The redirect pages, for core's check of clashing addresses (it runs
    before any writing, and reports a redirect onto any other page or file)."""
    for redirect in _redirects(generators, settings):
        yield Output(redirect.save_as, shown(redirect.source_path), redirect.source_path,
                     redirect.field)  # fmt: skip


def _collect(generators):
    generators = list(generators)
    mine = [g for g in generators if isinstance(g, RedirectsGenerator)]
    if not mine:
        return
    # Errors found here are reported; core stops the build before anything is written.
    mine[0].redirects = tuple(_redirects(generators, mine[0].settings))


def _generator(_pelican):
    return RedirectsGenerator


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract()


def register():
    contracts.check_at_start_up()
    connect(signals.initialized, _own_source, __package__)
    declare_outputs(_planned, __package__)
    connect(signals.get_generators, _generator, __package__)
    connect(signals.all_generators_finalized, _collect, __package__)
