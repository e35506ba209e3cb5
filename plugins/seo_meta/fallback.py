"""Open Graph and JSON-LD for a theme that does not call `seo_meta()` (Pelican's default
theme, most third-party themes): each HTML page Pelican writes gets the kit's
partials/head_meta.html inserted before its </head>. A theme that calls `seo_meta()`
places the tags itself and is left alone."""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from relais.plugins.core.files import write_if_changed
from relais.plugins.theme_i18n.plugin import KIT_THEME, translator

from .meta import page_meta

HEAD_META = "partials/head_meta.html"


def theme_calls_seo_meta(settings) -> bool:
    folders = [*settings.get("THEME_TEMPLATES_OVERRIDES", []), Path(settings["THEME"], "templates")]
    return any(
        "seo_meta(" in template.read_text(encoding="utf-8", errors="replace")
        for folder in folders
        for template in Path(folder).rglob("*.html")
    )


class HeadInserter:
    """content_written: the page's meta tags, rendered from what its template was given."""

    def __init__(self, settings):
        self.settings = settings
        self.translate = translator(settings)
        # The partial escapes every value itself (| e, | tojson).
        env = Environment(loader=FileSystemLoader(KIT_THEME / "templates"), autoescape=False)
        self.template = env.get_template(HEAD_META)

    def __call__(self, path, context):
        # Redirect pages stay as the kit writes them: tiny, noindex, no meta of their own.
        if not str(path).endswith(".html") or context is None or "redirect" in context:
            return
        page = Path(path)
        html = page.read_text(encoding="utf-8")
        if "</head>" not in html or 'property="og:title"' in html:
            return
        meta = page_meta(context, self.settings, self.translate)
        tags = self.template.render(seo_meta=lambda canonical=None: meta)
        # Whole-file replace: the page may be a hard link into the last output.
        write_if_changed(page, html.replace("</head>", tags + "</head>", 1).encode("utf-8"))
