"""Reads `shortlink:` metadata and hands the redirects plugin one page per short link."""

from pelican import signals
from pelican.plugins import relais_redirects as redirects
from pelican.plugins.relais_core import ContentError, contracts, report, tr
from pelican.plugins.relais_core.content_safety import SLUG, SLUG_EXPECTED
from pelican.plugins.relais_redirects import Redirect, shown

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


# Checked at start-up (relais_core.contracts), listed in README.md "Needs / Adds": NEEDS
# listed before this one, AFTER before it when listed, ADDS content attributes/context keys.
NEEDS = {}
AFTER = {}
ADDS = {"content": ["shortlink_url"], "context": []}


def register():
    contracts.declare(__package__, NEEDS, AFTER)
    # The redirects plugin writes the pages; registering it here makes that explicit.
    redirects.register()
    redirects.add_source(shortlinks)
    signals.initialized.connect(_settings)
