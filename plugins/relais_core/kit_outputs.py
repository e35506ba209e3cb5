"""What the kit's plugins write besides Pelican's pages, for the collision check.

Read from the settings and from what the generators computed while reading, so a
plugin's output is known before it writes anything.
"""

from collections.abc import Iterable

from .collisions import Output
from .errors import relative_path as shown


def kit_outputs(generators, settings) -> Iterable[Output]:
    context = generators[0].context
    # Pelican names namespace plugins in full ("pelican.plugins.sitemap").
    plugins = {str(name).rsplit(".", 1)[-1] for name in settings.get("PLUGINS", [])}
    if "robots" in plugins:
        yield Output("robots.txt", "le fichier robots.txt (module robots)")
    if "sitemap" in plugins:
        kind = (settings.get("SITEMAP") or {}).get("format", "xml")
        yield Output(f"sitemap.{kind}", "le plan du site (module sitemap)")
    if "cards" in plugins:
        folder = settings.get("CARDS_OUTPUT_DIR", "cards")
        yield Output(f"{folder}/", f"les cartes de partage (dossier {folder}/)")
    if "seo_meta" in plugins and context.get("programmes"):
        index = settings.get("PROGRAMMES_DATA_SAVE_AS", "programmes/index.json")
        if index:
            yield Output(index, "l’index des données des formations (module seo_meta)")
    theme = settings.get("THEME_STATIC_DIR", "theme")
    yield Output(f"{theme}/", f"les fichiers du thème (dossier {theme}/)")
    yield from _programme_outputs(context, settings)
    for event in context.get("events", []):
        if getattr(event, "ics_url", None):
            yield Output(event.ics_url, f"le fichier agenda de {shown(event.source_path)}")


def _programme_outputs(context, settings) -> Iterable[Output]:
    for programme in context.get("programmes", []):
        if getattr(programme, "data_url", None):
            yield Output(programme.data_url, f"les données de {shown(programme.source_path)}")
        if getattr(programme, "events_feed_url", None):
            yield Output(programme.events_feed_url, f"l’agenda de {shown(programme.source_path)}")
        brochure = getattr(programme, "brochure_doc", None)
        if brochure is not None:
            owner = f"la brochure de {shown(programme.source_path)}"
            yield Output(f"{brochure.embed_url}index.html", owner)
            yield Output(brochure.oembed_url, owner)
            yield Output(brochure.images_url, owner)
