"""Links written as site addresses (`/images/x.png`, `/blog/old-post/`, or the same after
SITEURL), or relative to the page (`images/x.png`, `../autre-article/`), must lead to a
file this build writes.

Pelican leaves such links alone: a missing image or a page renamed since is only found
by `make check`, after the build, naming the output page. A relative address is read from
the page's own address (`images/x.png` in blog/x.md is blog/x/images/x.png); in a
`summary:`, shown on the home and list pages too, it would lead elsewhere there, so it is
refused. Here each one is resolved against the build's plan
(collisions.planned_outputs: pages, static files, list pages, feeds, calendars, brochure
pages, short links, redirects, theme files), before anything is written.
"""

import difflib
import os
import posixpath
import re
from html.parser import HTMLParser
from posixpath import splitext
from urllib.parse import unquote, urlsplit

from pelican.contents import Static

from .collisions import all_contents, planned_outputs
from .errors import ContentError, line_of, report, tr
from .pelican_api import source_html

_ATTRIBUTES = {"href", "src", "poster"}
# A value starting with / (or after a comma, in a srcset): most pages have none, and are
# not parsed at all (the parser took 0.7 ms for a page of 2.5 KB on a loaded 2-core machine).
_ROOT_VALUE = re.compile(r"""(?:=\s*["']?|,)\s*/""")
# A value that is a relative address (no scheme, not /, #, ?, nor a {static}-like link).
_RELATIVE_VALUE = re.compile(
    r"""\b(?:href|src|poster|srcset)\s*=\s*["']?\s*(?![a-z][a-z0-9+.-]*:|[/#?{|"'\s>])""",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


class _Links(HTMLParser):
    """Every href, src, poster and srcset value of an HTML fragment, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in _ATTRIBUTES and value:
                self.found.append(value.strip())
            elif name == "srcset" and value:
                self.found += [part.split()[0] for part in value.split(",") if part.split()]


def links_in(html: str, siteurl: str = "") -> list[str]:
    if (
        not _ROOT_VALUE.search(html)
        and not _RELATIVE_VALUE.search(html)
        and not (siteurl and siteurl in html)
    ):
        return []
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.found


class SitePlan:
    """The addresses a build writes, and which content file or static file makes each."""

    def __init__(self, generators):
        self.files, self.folders = set(), []
        for output in planned_outputs(generators):
            if output.path.endswith("/"):
                self.folders.append(output.path)
            else:
                self.files.add(output.path)
        # address → what an author writes to link it ({static}/… or {filename}/…).
        self.written = {}
        for content in all_contents(generators):
            if getattr(content, "save_as", None):
                what = "static" if isinstance(content, Static) else "filename"
                self.written[content.save_as] = f"{{{what}}}/{content.relative_source_path}"

    def file_for(self, path: str) -> str | None:
        """The planned file an address serves (`a-propos/` → a-propos/index.html)."""
        if path == "" or path.endswith("/"):
            candidates = [path + "index.html"]
        else:
            candidates = [path, path + "/index.html"]
        return next((c for c in candidates if c in self.files), None)

    def has(self, path: str) -> bool:
        return self.file_for(path) is not None or path.startswith(tuple(self.folders))

    def nearest(self, path: str) -> str | None:
        """What to write for the existing address closest to `path`, if one is close."""
        addresses = {f.removesuffix("index.html"): f for f in self.files}
        close = difflib.get_close_matches(path, list(addresses), n=1, cutoff=0.75)
        if not close:
            return None
        return self.written.get(addresses[close[0]], "/" + close[0])


def site_path(value: str, siteurl: str) -> tuple[str, bool] | None:
    """(`/images/x.png` or SITEURL + that, as a path in the output without the leading /,
    whether it is inside the site's address); None for any other link (external,
    relative, a {static} link, a fragment).

    A site published under a path (https://example.github.io/formations) owns only the
    addresses under /formations/: /images/x.png there is another site's."""
    if "{" in value or "|" in value:
        return None  # {static}, {filename}…: links.py checks those
    siteurl = siteurl.rstrip("/")
    if siteurl and value.startswith(siteurl + "/"):
        return unquote(urlsplit(value[len(siteurl) :]).path)[1:], True
    if not value.startswith("/") or value.startswith("//"):
        return None
    path = unquote(urlsplit(value).path)
    prefix = urlsplit(siteurl).path
    if not prefix:
        return path[1:], True
    if path == prefix or path.startswith(prefix + "/"):
        return path[len(prefix) + 1 :], True
    return path[1:], False


def relative_value(value: str) -> str | None:
    """The path of a relative address (`images/x.png`, `../x/`), None for any other link."""
    if not value or value.startswith(("/", "#", "?", "{", "|")) or _SCHEME.match(value):
        return None
    return unquote(urlsplit(value).path) or None


def from_page(page_url: str, relative: str) -> str:
    """Where a relative address leads from a page (`blog/x/` + `img.png` → blog/x/img.png);
    starts with ../ when it climbs out of the site."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    joined = posixpath.normpath(posixpath.join("/" + base, relative))[1:]
    if relative.endswith("/") and not joined.endswith("/"):
        joined += "/"
    return joined if joined not in ("", "/") else ""


def check_root_links(generators) -> None:
    generators = list(generators)
    siteurl = generators[0].settings.get("SITEURL", "")
    root = generators[0].settings["PATH"]
    plan = None
    for content in all_contents(generators):
        if isinstance(content, Static):
            continue
        texts = (("texte", source_html(content)), ("summary", content.metadata.get("summary")))
        for where, text in texts:
            for value in links_in(str(text or ""), siteurl):
                relative = relative_value(value)
                found = site_path(value, siteurl)
                if found is None and relative is None:
                    continue
                plan = plan or SitePlan(generators)
                if relative is not None:
                    error = _relative_error(content, value, relative, where, plan, root)
                    if error:
                        report(error)
                    continue
                path, inside = found
                if not inside:
                    report(_outside_error(content, value, path, plan, siteurl))
                elif not plan.has(path):
                    report(_error(content, value, path, plan))


def _relative_error(content, value, relative, where, plan: SitePlan, root) -> ContentError | None:
    page_url = getattr(content, "url", "") or ""
    target = from_page(page_url, relative)
    climbs = target.startswith("../")
    if where != "summary" and not climbs and (target == "" or plan.has(target)):
        return None
    if where == "summary":
        problem = tr(
            "une adresse relative dans « summary: » mène ailleurs sur l’accueil et les listes, "
            "où le résumé est repris",
            'a relative address in "summary:" leads elsewhere on the home and list pages, '
            "where the summary is shown",
        )
    elif climbs:
        problem = tr(
            f"depuis la page /{page_url}, cette adresse sort du site",
            f"from the page /{page_url}, this address leads outside the site",
        )
    else:
        problem = tr(
            f"depuis la page /{page_url}, cette adresse mène à /{target}, où le site n’a aucun "
            "fichier",
            f"from the page /{page_url}, this address leads to /{target}, where the site has "
            "no file",
        )
    expected = _relative_expected(content, relative, plan, root)
    line = line_of(content.source_path, value, part="header" if where == "summary" else "body")
    return ContentError(content.source_path, value, problem, expected, label="link", line=line)


# `www.exemple.fr`, `exemple.org/page`: a web address written without https://.
_WEB_ADDRESS = re.compile(
    r"^(www\.[^/]+|[a-z0-9-]+(\.[a-z0-9-]+)*\.(fr|org|com|net|eu|io|edu|info|be|ch|ca|"
    r"gouv\.fr|ac\.uk|de|it|es))(/|$)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"^[^@/\s]+@[^@/\s]+\.[a-z]{2,}$", re.IGNORECASE)


def _relative_expected(content, relative: str, plan: SitePlan, root) -> str:
    """The {static}/{filename} link to write: the file beside the Markdown file, or under
    content/ as written, or the closest address; for a web or e-mail address written
    without its scheme, that address with it."""
    if _EMAIL.match(relative):
        return tr(
            f"mailto:{relative} (une adresse électronique commence par mailto:)",
            f"mailto:{relative} (an e-mail address starts with mailto:)",
        )
    if _WEB_ADDRESS.match(relative):
        return tr(
            f"https://{relative} (une adresse web commence par https://)",
            f"https://{relative} (a web address starts with https://)",
        )
    here = os.path.relpath(os.path.dirname(content.source_path), root)
    beside = os.path.normpath(os.path.join(here, relative))
    what = "filename" if relative.endswith(".md") else "static"
    if not beside.startswith("..") and os.path.isfile(os.path.join(root, beside)):
        return tr(
            f"{{{what}}}{relative} (le fichier content/{beside})",
            f"{{{what}}}{relative} (the file content/{beside})",
        )
    from_root = posixpath.normpath(relative)
    while from_root.startswith("../"):
        from_root = from_root[3:]
    if os.path.isfile(os.path.join(root, from_root)):
        return tr(
            f"{{{what}}}/{from_root} (le fichier content/{from_root})",
            f"{{{what}}}/{from_root} (the file content/{from_root})",
        )
    return _expected(from_root, plan)


def _outside_error(content, value, path, plan: SitePlan, siteurl: str) -> ContentError:
    prefix = urlsplit(siteurl).path
    problem = tr(
        f"cette adresse est hors du site, publié sous {prefix}/",
        f"this address is outside the site, published under {prefix}/",
    )
    if plan.has(path):
        expected = plan.written.get(plan.file_for(path) or "", f"{prefix}/{path}")
    else:
        expected = _expected(path, plan)
    line = line_of(content.source_path, value)
    return ContentError(content.source_path, value, problem, expected, label="link", line=line)


def _error(content, value: str, path: str, plan: SitePlan) -> ContentError:
    problem = tr("aucun fichier du site à cette adresse", "no file of the site at this address")
    line = line_of(content.source_path, value)
    return ContentError(
        content.source_path, value, problem, _expected(path, plan), label="link", line=line
    )


def _expected(path: str, plan: SitePlan) -> str:
    nearest = plan.nearest(path)
    if nearest:
        expected = tr(
            f"{nearest} (l’adresse existante la plus proche)",
            f"{nearest} (the closest address that exists)",
        )
    elif splitext(path.rstrip("/"))[1] not in ("", ".html", ".htm"):
        expected = tr(
            f"{{static}}/{path}, le fichier rangé dans content/{path}",
            f"{{static}}/{path}, with the file kept in content/{path}",
        )
    else:
        expected = tr(
            "l’adresse d’une page du site, ou {filename}/chemin/du/fichier.md",
            "the address of a page of the site, or {filename}/path/to/the/file.md",
        )
    return expected
