"""Turns an old URL an author writes into the file GitHub Pages serves for it."""

import posixpath
from urllib.parse import unquote, urlsplit

from relais.plugins.core import tr


class BadPath(ValueError):
    """An old URL that cannot become a redirect page; the message says why."""


def split_values(value) -> list[str]:
    """`redirect_from` as written: one line, comma-separated, or several lines."""
    items = value if isinstance(value, list | tuple) else [value]
    return [part.strip() for item in items for part in str(item).split(",") if part.strip()]


def output_path(old_url: str, siteurl: str) -> str:
    """ "/old/page/" → "old/page/index.html"; "/older.html" → "older.html".

    A full URL is accepted when it starts with the site's own address, so an
    author can paste what the browser shows.
    """
    path = _site_relative(old_url, siteurl)
    if not path or path == "/":
        raise BadPath(
            tr("la page d’accueil ne peut pas être redirigée", "the home page cannot be redirected")
        )
    if any(mark in old_url for mark in "?#"):
        raise BadPath(
            tr(
                "une adresse de redirection ne peut contenir ni « ? » ni « # »",
                'a redirect address can contain neither "?" nor "#"',
            )
        )
    path = unquote(path)
    clean = posixpath.normpath(path.strip("/"))
    if clean.startswith("..") or "/../" in f"/{path}/" or clean == ".":
        raise BadPath(
            tr("« .. » n’est pas permis dans une adresse", '".." is not allowed in an address')
        )
    if path.endswith("/") or "." not in posixpath.basename(clean):
        return f"{clean}/index.html"
    if not clean.endswith((".html", ".htm")):
        raise BadPath(
            tr(
                "seule une page (adresse finissant par « / » ou « .html ») peut rediriger",
                'only a page (an address ending in "/" or ".html") can redirect',
            )
        )
    return clean


def _site_relative(old_url: str, siteurl: str) -> str:
    parts = urlsplit(old_url)
    if not parts.scheme and not parts.netloc:
        return "/" + old_url.lstrip("/")
    site = siteurl.rstrip("/")
    if old_url.startswith(site + "/"):
        return old_url[len(site) :]
    raise BadPath(
        tr(
            f"l’adresse n’est pas sur ce site ({site}/…)",
            f"the address is not on this site ({site}/…)",
        )
    )
