"""site.css → site.<hash>.css, from the file's bytes: a new file gets a new name."""

import hashlib
from pathlib import Path, PurePosixPath

DIGEST_LENGTH = 10
FINGERPRINTED = (".css", ".js")
# Lists the names this build wrote, so `make publish` can keep the previous build's
# files for pages still in browser and CDN caches (GitHub Pages caches for ~10 minutes).
MANIFEST = "fingerprints.txt"


def fingerprinted_name(relative: str, data: bytes) -> str:
    path = PurePosixPath(relative)
    digest = hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def theme_assets(static_dir: Path) -> dict[str, str]:
    """ "css/site.css" → "css/site.1a2b3c4d5e.css" for every CSS and JS file of the theme."""
    names = {}
    for file in sorted(static_dir.rglob("*")):
        if file.is_file() and file.suffix in FINGERPRINTED:
            relative = file.relative_to(static_dir).as_posix()
            names[relative] = fingerprinted_name(relative, file.read_bytes())
    return names
