"""Every URL ever published stays: as a page, as a redirect, or retired on purpose.

The baseline is every path the remote branch ever held (`git log --name-only`):
what is live now, plus what a manual or older deploy dropped without anyone
noticing. The only way out for a URL is an entry in the reviewed retired-urls.txt.
"""

import re
from fnmatch import fnmatchcase
from pathlib import Path

from lxml import html

from relais.publish.git import git

# Written by the deploy, not by the build.
DEPLOY_FILES = {".nojekyll", "CNAME"}
# Content-addressed files (a name that is, or ends with, a hex digest: theme CSS/JS from
# plugins/fingerprint, card images…) change name whenever their content changes; pages
# link to them, people do not. Only pages still in a cache ask for the previous names,
# and `make publish` carries the previous theme files over for them.
FINGERPRINTED = re.compile(r"(?:^|[./])[0-9a-f]{10,}\.[A-Za-z0-9]+$")
# The search index (plugins/search): its files are named after their content and change
# with it; pages never link to them, the search page loads them.
INDEX_FOLDERS = ("pagefind/",)
REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)


def baseline(*commits: str) -> set[str]:
    """Every file path the history of `commits` (the fetched remote tip, the last tip this
    repository published) has ever contained."""
    out = git("log", "--format=", "--name-only", "--no-renames", "-z", *commits)
    paths = {p.strip("\n") for p in out.split("\0")}
    return {
        p
        for p in paths
        if p
        and p not in DEPLOY_FILES
        and not FINGERPRINTED.search(p)
        and not p.startswith(INDEX_FOLDERS)
    }


def retired(file: Path, siteurl: str) -> list[str]:
    """Patterns of retired URLs: one per line, `#` comments; * matches anything."""
    if not file.exists():
        return []
    patterns = []
    for line in file.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            patterns.append(as_file_path(entry, siteurl))
    return patterns


def as_file_path(url: str, siteurl: str) -> str:
    """ "/blog/x/" or "https://site/blog/x/" → "blog/x/index.html" (the file served)."""
    path = url.removeprefix(siteurl).lstrip("/")
    return f"{path}index.html" if path.endswith("/") or not path else path


def missing_urls(output: Path, siteurl: str, old_paths: set[str], retired_patterns) -> list[str]:
    """One line per baseline URL the new build would break."""
    problems = []
    for path in sorted(old_paths):
        if any(fnmatchcase(path, pattern) for pattern in retired_patterns):
            continue
        file = output / path
        if not file.is_file():
            problems.append(f"{siteurl}/{_url(path)} : n’existe plus")
            continue
        target = redirect_target(file)
        if target is not None and not resolves(output, siteurl, target):
            problems.append(f"{siteurl}/{_url(path)} : redirige vers {target}, qui n’existe pas")
    return problems


def redirect_target(file: Path) -> str | None:
    """The URL of a page's `<meta http-equiv="refresh">`, or None for an ordinary page."""
    if file.suffix not in (".html", ".htm"):
        return None
    data = file.read_bytes()
    if not data.strip():
        return None
    tree = html.fromstring(data)
    for meta in tree.iter("meta"):
        if (meta.get("http-equiv") or "").lower() == "refresh":
            match = REFRESH.match(meta.get("content") or "")
            return match.group(1).strip() if match else ""
    return None


def resolves(output: Path, siteurl: str, url: str) -> bool:
    if not url.startswith(siteurl + "/"):
        return False
    path = as_file_path(url.split("#", 1)[0], siteurl)
    return (output / path).is_file() or (output / path / "index.html").is_file()


def _url(path: str) -> str:
    return path.removesuffix("index.html")
