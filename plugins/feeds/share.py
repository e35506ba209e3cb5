"""Share kit: the ready-to-paste message of one post, event or programme, per network.

    make share SLUG=2026-10-portes-ouvertes
    make share SLUG=lp-photo PAGE=7          (page 7 of that programme's brochure)
    python -m relais.plugins.feeds.share SLUG [--page N] --settings publishconf.py

Reads the site as a build does (content errors stop it the same way) without
writing pages, and prints for each network the message, its counted length and
its campaign link — the same text the social feeds carry.
"""

import argparse
import difflib
import os
import sys
import tempfile

from relais.plugins.core import quoted, tr
from relais.plugins.core.pelican_api import generator_classes, require
from relais.plugins.core.plugin import stop_on_content_errors

from .brochure_page import NoSuchPage, page_shareable
from .plugin import CONTEXT_KEY
from .social import compose


def read_site(settings_file: str, output: str):
    """The relay_feeds context of the site, all content read and checked, nothing written."""
    return read_context(settings_file, output)[CONTEXT_KEY]


def read_context(settings_file: str, output: str):
    """The whole context of the site, all content read and checked, nothing written."""
    from pelican import Pelican, signals
    from pelican.settings import read_settings

    settings = read_settings(settings_file, override={"OUTPUT_PATH": output})
    pelican = Pelican(settings)
    require(("Pelican._get_generator_classes",),
            tr("le site ne peut pas être lu sans être construit",
               "the site cannot be read without building it"))  # fmt: skip
    context = settings.copy()
    context.update(
        generated_content={},
        static_links=set(),
        static_content={},
        localsiteurl=settings["SITEURL"],
    )  # fmt: skip  (what Pelican.run prepares)
    generators = [
        cls(context=context, settings=settings, path=pelican.path, theme=pelican.theme,
            output_path=output)
        for cls in generator_classes(pelican)
    ]  # fmt: skip
    for generator in generators:
        generator.generate_context()
    signals.all_generators_finalized.send(generators)
    stop_on_content_errors(pelican)  # what a build does before writing
    return context


def render(post, networks) -> str:
    lines = [post.title, _shown(post.source_path), tr("Adresse : ", "Address: ") + post.url, ""]
    for network in networks:
        message = compose(post, network)
        limits = network.limits
        reserve = ""
        if limits.reserve:
            reserve = tr(f", {limits.reserve} réservés", f", {limits.reserve} reserved")
        if message.author_text:
            origin = tr("texte de l’auteur", "the author’s text")
        else:
            origin = tr("titre et résumé", "title and summary")
        if message.cut:
            origin += tr(", coupé", ", cut")
        lines += [
            f"── {network.label}{tr(' : ', ': ')}{message.length}/{limits.limit}{reserve} "
            f"({origin})",
            message.text,
            tr("Lien de campagne : ", "Campaign link: ") + message.link,
            "",
        ]
    return "\n".join(lines)


def _shown(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="make share SLUG=…",
        description="Affiche, pour une actualité, un événement ou une formation, "
        "le message prêt à publier sur chaque réseau.",
    )
    parser.add_argument("slug", help="le nom du fichier sans .md, p. ex. 2026-10-portes-ouvertes")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--page", type=int, help="une page de la brochure de la formation")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="relais-share-") as output:
        context = read_context(options.settings, output)
    relay = context[CONTEXT_KEY]
    posts = relay.shareables.get(options.slug)
    if options.page is not None:
        try:
            page = page_shareable(context, options.slug, options.page)
        except NoSuchPage as problem:
            print(problem)
            return 1
        posts = [page] if page else None
    if not posts:
        close = difflib.get_close_matches(options.slug, relay.shareables, n=3, cutoff=0.4)
        names = ", ".join(close)
        hint = tr(f" Vouliez-vous dire : {names} ?", f" Did you mean: {names}?") if close else ""
        print(
            tr(
                "Aucune actualité, aucun événement ni aucune formation ",
                "No post, event or programme ",
            )
            + f"{quoted(options.slug)}.{hint}"
        )
        return 1
    print("\n".join(render(post, relay.networks) for post in posts), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
