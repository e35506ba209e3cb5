"""What the kit's plugins write besides Pelican's pages, for the collision check.

Read from the settings and from what the generators computed while reading, so a
plugin's output is known before it writes anything.
"""

from collections.abc import Iterable

from .collisions import Output
from .contracts import plugin_name
from .errors import relative_path as shown
from .errors import tr


def kit_outputs(generators, settings) -> Iterable[Output]:
    context = generators[0].context
    plugins = {plugin_name(plugin) for plugin in settings.get("PLUGINS", [])}
    if "relais_robots" in plugins:
        yield Output(
            "robots.txt",
            tr("le fichier robots.txt (module robots)", "the robots.txt file (robots plugin)"),
        )
        yield Output(
            "sitemap.xml",
            tr("le plan du site (module robots)", "the site map (robots plugin)"),
        )
    # The PyPI plugin pelican-sitemap (the kit's before 0.4.0), for a site that lists it.
    if "sitemap" in plugins:
        kind = (settings.get("SITEMAP") or {}).get("format", "xml")
        yield Output(
            f"sitemap.{kind}",
            tr("le plan du site (module sitemap)", "the site map (sitemap plugin)"),
        )
    if "relais_cards" in plugins:
        folder = settings.get("CARDS_OUTPUT_DIR", "cards")
        yield Output(
            f"{folder}/",
            tr(f"les cartes de partage (dossier {folder}/)", f"the share cards ({folder}/ folder)"),
        )
    if "relais_seo_meta" in plugins and context.get("programmes"):
        index = settings.get("PROGRAMMES_DATA_SAVE_AS", "programmes/index.json")
        if index:
            yield Output(
                index,
                tr(
                    "l’index des données des formations (module seo_meta)",
                    "the programmes' data index (seo_meta plugin)",
                ),
            )
    theme = settings.get("THEME_STATIC_DIR", "theme")
    yield Output(
        f"{theme}/",
        tr(f"les fichiers du thème (dossier {theme}/)", f"the theme files ({theme}/ folder)"),
    )
    yield from _programme_outputs(context, settings)
    for event in context.get("events", []):
        if getattr(event, "ics_url", None):
            source = shown(event.source_path)
            owner = tr(f"le fichier agenda de {source}", f"the calendar file of {source}")
            yield Output(event.ics_url, owner)


def _programme_outputs(context, settings) -> Iterable[Output]:
    for programme in context.get("programmes", []) + context.get("previewed_programmes", []):
        if getattr(programme, "data_url", None):
            source = shown(programme.source_path)
            yield Output(
                programme.data_url, tr(f"les données de {source}", f"the data of {source}")
            )
        if getattr(programme, "events_feed_url", None):
            source = shown(programme.source_path)
            owner = tr(f"l’agenda de {source}", f"the calendar of {source}")
            yield Output(programme.events_feed_url, owner)
        brochure = getattr(programme, "brochure_doc", None)
        if brochure is not None:
            source = shown(programme.source_path)
            owner = tr(f"la brochure de {source}", f"the brochure of {source}")
            yield Output(f"{brochure.embed_url}index.html", owner)
            yield Output(brochure.oembed_url, owner)
            yield Output(brochure.images_url, owner)
