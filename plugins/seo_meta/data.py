"""Each programme as standalone schema.org JSON-LD, plus an index of them all.

`/programmes/<slug>.json` holds the node the programme page carries in its head;
`/programmes/index.json` lists every programme with its full node, so the institution's
main site or an aggregator reuses the facts without scraping pages.
"""

import json

from pelican.generators import Generator

from relais.plugins.core.files import write_if_changed
from relais.plugins.core.paths import output_file
from relais.plugins.theme_i18n.plugin import translator

from . import jsonld

DATA_SAVE_AS = "programmes/{slug}.json"
INDEX_SAVE_AS = "programmes/index.json"


def data_urls(settings) -> tuple[str, str]:
    """(a programme's data file pattern, the index's path); `""` turns the data off."""
    return (
        settings.get("PROGRAMME_DATA_SAVE_AS", DATA_SAVE_AS),
        settings.get("PROGRAMMES_DATA_SAVE_AS", INDEX_SAVE_AS),
    )


class ProgrammeDataGenerator(Generator):
    def generate_context(self):
        pattern, _index = data_urls(self.settings)
        # Drafts have no data file: they are in no list, and their data would be public.
        for programme in self.context.get("programmes", []):
            programme.data_url = pattern.format(slug=programme.slug) if pattern else None

    def generate_output(self, writer):
        pattern, index = data_urls(self.settings)
        programmes = self.context.get("programmes", [])
        if not pattern or not programmes:
            return
        siteurl = self.settings["SITEURL"]
        org = self.settings.get("ORGANIZATION") or {}
        _ = translator(self.settings)

        for programme in programmes:
            self._write(programme.data_url, jsonld.programme(programme, siteurl, org, _))
        if index:
            self._write(index, jsonld.programme_index(programmes, index, siteurl, org, _))

    def _write(self, url: str, node: dict):
        data = json.dumps(node, ensure_ascii=False, indent=1).encode()
        write_if_changed(output_file(self.output_path, url), data)
