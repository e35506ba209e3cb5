"""Reads `shortlink:` metadata and hands the redirects plugin one page per short link."""

from pelican import signals

from relais.plugins import redirects
from relais.plugins.core import ContentError, contracts, report, tr
from relais.plugins.core.build import connect
from relais.plugins.core.content_safety import SLUG, SLUG_EXPECTED
from relais.plugins.core.contracts import Contract
from relais.plugins.redirects import Redirect, shown

FIELD = "shortlink"
PREFIX_SETTING = "SHORTLINK_PREFIX"
DEFAULT_PREFIX = "go"


def shortlinks(contents, settings):
    prefix = settings.get(PREFIX_SETTING, DEFAULT_PREFIX).strip("/")
    owners = {}
    for content in contents:
        name = content.metadata.get(FIELD)
        if name is None:
            continue
        name = str(name).strip()
        if not SLUG.fullmatch(name):  # the rule of every slug
            problem = tr(f"« {name} » n’est pas permis", f'"{name}" is not allowed')
            report(ContentError(content.source_path, FIELD, problem, str(SLUG_EXPECTED)))
            continue
        if name in owners:
            report(_duplicate(content.source_path, name, owners[name]))
            continue
        owners[name] = content.source_path
        url = f"{prefix}/{name}/"
        content.shortlink_url = f"{settings['SITEURL']}/{url}"
        yield Redirect(f"{url}index.html", content, content.source_path, FIELD)


def _duplicate(path, name, first):
    return ContentError(
        path,
        FIELD,
        tr(
            f"« {name} » est déjà le lien court de {shown(first)}",
            f'"{name}" is already the short link of {shown(first)}',
        ),
        tr(
            "un lien court propre à chaque contenu (un lien publié ne change plus)",
            "a short link of its own for each content (a published link never changes)",
        ),
    )


def _settings(pelican):
    pelican.settings.setdefault(PREFIX_SETTING, DEFAULT_PREFIX)
    redirects.add_source(shortlinks)


# What this plugin needs of the others: checked at start-up (core.contracts), told in
# README.md's "Needs" section.
CONTRACT = Contract()


def register():
    contracts.check_at_start_up()
    # The redirects plugin writes the pages; registering it here makes that explicit.
    redirects.register()
    connect(signals.initialized, _settings, __package__)
