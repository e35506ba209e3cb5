"""Which metadata fields each kind of content knows: an unknown one is a typo.

Without this check `programe: lp-photo` is silently ignored and the post is not linked
to its programme. Programmes and events declare their fields on their content class
(`metadata_keys`, and `kind_name`: how an error names the kind, a `tr_later`);
a site adds its own in RELAIS_EXTRA_METADATA.
"""

import difflib

from pelican.contents import Article, Page, Static

from .errors import ContentError, abort_on_setting, not_valid, report, tr, tr_later

# Pelican's own fields (docs: "File metadata"); `reader` is set by Pelican itself.
PELICAN_KEYS = frozenset(
    "title date modified tags keywords category slug author authors summary lang "
    "translation status template save_as url reader".split()
)
# Read on any content by the kit's plugins: relay_feeds (social, guid, short_title),
# shortlinks, redirects, cards, covers and relay_feeds (image, image_alt, cover, cover_alt).
SHARED_KEYS = frozenset(
    "social shortlink redirect_from image image_alt cover cover_alt guid short_title".split()
)
ARTICLE_KEYS = frozenset({"programme"})
PAGE_KEYS = frozenset({"nav"})
# Fields whose value is one of a few words.
CHOICES = {
    "nav": {
        "header": tr_later("menu du haut", "top menu"),
        "footer": tr_later("pied de page", "footer"),
    }
}


def check_fields(content) -> None:
    """content_object_init: report each field this kind of content does not know."""
    if isinstance(content, Static) or not content.source_path:
        return
    kind = _kind(content)
    if kind is None:
        return
    own, name = kind
    known = own | PELICAN_KEYS | SHARED_KEYS | _site_keys(content.settings)
    for key, value in content.metadata.items():
        if key not in known:
            report(_unknown(content.source_path, key, known, name))
        elif key in CHOICES and key in own:
            _check_choice(content.source_path, key, value)


def _kind(content):
    own = getattr(type(content), "metadata_keys", None)
    if own is not None:
        return frozenset(own), str(type(content).kind_name)
    if isinstance(content, Article):
        return ARTICLE_KEYS, (tr("un article", "a post"))
    if type(content) is Page:
        return PAGE_KEYS, tr("une page", "a page")
    return None


def _site_keys(settings) -> frozenset:
    extra = settings.get("RELAIS_EXTRA_METADATA") or ()
    networks = settings.get("FEEDS_SOCIAL_NETWORKS") or {}
    path_keys = {
        key for values in (settings.get("EXTRA_PATH_METADATA") or {}).values() for key in values
    }
    return frozenset([*extra, *(f"social_{network}" for network in networks), *path_keys])


def check_extra_setting(settings) -> None:
    extra = settings.get("RELAIS_EXTRA_METADATA", [])
    if not isinstance(extra, list | tuple) or not all(isinstance(k, str) for k in extra):
        abort_on_setting(
            "RELAIS_EXTRA_METADATA",
            tr(f"« {extra!r} » ne convient pas", f'"{extra!r}" is not valid'),
            tr(
                'une liste de noms de champs, par exemple ["video", "podcast"]',
                'a list of field names, for example ["video", "podcast"]',
            ),
        )
    settings["RELAIS_EXTRA_METADATA"] = [key.lower() for key in extra]


def _unknown(path, key, known, kind_name) -> ContentError:
    close = difflib.get_close_matches(key, sorted(known - {"reader"}), n=1, cutoff=0.6)
    if close:
        problem = tr(
            f"champ inconnu pour {kind_name} — vouliez-vous dire « {close[0]} » ?",
            f'unknown field for {kind_name} — did you mean "{close[0]}"?',
        )
    else:
        problem = tr(f"champ inconnu pour {kind_name}", f"unknown field for {kind_name}")
    known = close[0] if close else tr("un champ connu", "a known field")
    return ContentError(
        path,
        key,
        problem,
        tr(
            f"« {known}: … », ou « {key} » ajouté à RELAIS_EXTRA_METADATA dans pelicanconf.py",
            f'"{known}: …", or "{key}" added to RELAIS_EXTRA_METADATA in pelicanconf.py',
        ),
    )


def _check_choice(path, key, value) -> None:
    choices = CHOICES[key]
    if str(value).strip() in choices:
        return
    close = difflib.get_close_matches(str(value).strip(), list(choices), n=1, cutoff=0.6)
    guess = "".join(
        tr(f" — vouliez-vous dire « {word} » ?", f' — did you mean "{word}"?') for word in close
    )
    listed = tr(" ou ", " or ").join(f"{word} ({meaning})" for word, meaning in choices.items())
    report(
        ContentError(
            path,
            key,
            not_valid(value) + guess,
            listed,
        )
    )
