"""The search page, the header's search form (theme), and the Pagefind index of the site.

What is indexed is decided from the build's content once every generator has read it
(`all_generators_finalized`); the index is made at `finalized`, once every page is written,
from the staging folder (core.staging), and its files go through core.files' helpers.
"""

import re

from pelican import signals
from pelican.generators import Generator

from relais.plugins.core import contracts, tr
from relais.plugins.core.build import connect, current
from relais.plugins.core.collisions import Output, declare_outputs
from relais.plugins.core.contracts import Contract

from . import index

DEFAULTS = {
    # The search page; its form (and the header's) sends ?q=… there.
    "SEARCH_URL": "recherche/",
    "SEARCH_SAVE_AS": "recherche/index.html",
}


def _defaults(pelican):
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    # The search page is for visitors, not search engines (it says noindex): not in the
    # sitemap (pelican-sitemap's SITEMAP["exclude"], patterns of URLs from the site's root).
    sitemap = dict(settings.get("SITEMAP") or {})
    page = "^" + re.escape(settings["SEARCH_URL"]) + "$"
    if page not in sitemap.get("exclude", ()):
        sitemap["exclude"] = [*sitemap.get("exclude", ()), page]
    settings["SITEMAP"] = sitemap


class SearchPageGenerator(Generator):
    """Writes the search page (templates/search.html)."""

    def generate_context(self):
        """Nothing to read: the page is the same whatever the content."""

    def generate_output(self, writer):
        save_as = self.settings["SEARCH_SAVE_AS"]
        writer.write_file(
            save_as,
            self.get_template("search"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.settings["SEARCH_URL"],
            search_bundle=index.BUNDLE,
        )


def _generator(_pelican):
    return SearchPageGenerator


def _plan(generators):
    """Once every generator has read its content: what the index will hold."""
    current().extras["search"] = index.plan(generators[0].context, generators[0].settings)


def _index(pelican):
    planned = current().extras.get("search")
    if planned is not None:
        index.build(planned, pelican.output_path, pelican.settings)


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract(
    after={
        "programmes": "it indexes the programmes that one reads",
        "brochure": "it indexes each page of the brochures that one renders",
        "events": "it indexes the events that one reads",
    },
    templates=("search",),
)


def _planned(_generators, settings):
    """The search page and the index folder, for core's check of clashing addresses."""
    owner = tr("la recherche (module search)", "the search (search plugin)")
    yield Output(settings["SEARCH_SAVE_AS"], owner)
    yield Output(f"{index.BUNDLE}/", owner)


def register():
    contracts.check_at_start_up()
    declare_outputs(_planned, __package__)
    connect(signals.initialized, _defaults, __package__)
    connect(signals.get_generators, _generator, __package__)
    connect(signals.all_generators_finalized, _plan, __package__)
    connect(signals.finalized, _index, __package__)
