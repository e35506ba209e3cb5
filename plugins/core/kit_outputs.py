"""What Pelican and the sitemap plugin (from PyPI, configured by the kit) write besides
the pages, for the collision check. Each relais plugin declares its own files
(collisions.declare_outputs)."""

from collections.abc import Iterable

from .collisions import Output
from .contracts import plugin_name
from .errors import tr


def kit_outputs(_generators, settings) -> Iterable[Output]:
    plugins = {plugin_name(plugin) for plugin in settings.get("PLUGINS", [])}
    if "sitemap" in plugins:
        kind = (settings.get("SITEMAP") or {}).get("format", "xml")
        yield Output(
            f"sitemap.{kind}",
            tr("le plan du site (module sitemap)", "the site map (sitemap plugin)"),
        )
    theme = settings.get("THEME_STATIC_DIR", "theme")
    yield Output(
        f"{theme}/",
        tr(f"les fichiers du thème (dossier {theme}/)", f"the theme files ({theme}/ folder)"),
    )
