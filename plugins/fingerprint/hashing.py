"""site.css → site.<hash>.css, from the file's bytes: a new file gets a new name."""

import hashlib
from pathlib import PurePosixPath

DIGEST_LENGTH = 10
FINGERPRINTED = (".css", ".js")
# Lists the names this build wrote, so `make publish` can keep the previous build's
# files for pages still in browser and CDN caches (GitHub Pages caches for ~10 minutes).
MANIFEST = "fingerprints.txt"


def fingerprinted_name(relative: str, data: bytes) -> str:
    path = PurePosixPath(relative)
    digest = hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))
