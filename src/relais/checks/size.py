"""Does the built site fit on GitHub Pages? Its total size, against the 1 GB Pages publishes.

GitHub Pages publishes a site of at most 1 GB, and git refuses to push a file over 100 MiB
(it warns from 50 MiB). `make check` and `make publish` state the size in one line that
names the largest contributors; from 75 % of the limit it is a warning, above 100 % (or
with a file over 100 MiB) a failure: `make publish` refuses before anything is sent.
docs/publishing.md says what to do with a site that does not fit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from relais.checks.report import GateResult, Problem
from relais.plugins.core import tr

LIMIT = 1_000_000_000  # GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB"
WARN_SHARE = 0.75
FILE_LIMIT = 100 * 1024 * 1024  # git push to GitHub refuses a larger file
FILE_WARN = 50 * 1024 * 1024  # and warns from this size
SHOWN = 3  # contributors named in the line


@dataclass
class Size:
    total: int = 0
    files: int = 0
    # kind of file → bytes, and that kind's largest folder (path, bytes)
    kinds: dict[str, int] = field(default_factory=dict)
    folders: dict[str, dict[str, int]] = field(default_factory=dict)
    large_files: list[tuple[str, int]] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.total / LIMIT

    @property
    def too_large(self) -> bool:
        return self.total > LIMIT or any(size > FILE_LIMIT for _, size in self.large_files)

    @property
    def close(self) -> bool:
        return not self.too_large and self.share >= WARN_SHARE


def kind_of(relative: str) -> str:
    """What a file is, in words a team acts on: brochure renders, PDFs, cards, pages…"""
    parts = relative.split("/")
    name = parts[-1].lower()
    if name.endswith(".pdf"):
        return "pdf"
    if "brochure" in parts[:-1] and not name.endswith((".html", ".json")):
        return "brochure"
    if parts[0] in ("cards", "covers") and len(parts) > 1:
        return parts[0]
    if name.endswith((".html", ".htm")):
        return "pages"
    if name.endswith((".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg")):
        return "images"
    return "other"


def measure(output: Path) -> Size:
    size = Size()
    root = str(output)
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        relative_folder = os.path.relpath(folder, root)
        for name in sorted(files):
            try:
                length = os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
            relative = name if relative_folder == "." else f"{relative_folder}/{name}"
            kind = kind_of(relative)
            size.total += length
            size.files += 1
            size.kinds[kind] = size.kinds.get(kind, 0) + length
            place = f"{relative_folder}/" if relative_folder != "." else "./"
            by_folder = size.folders.setdefault(kind, {})
            by_folder[place] = by_folder.get(place, 0) + length
            if length > FILE_WARN:
                size.large_files.append((relative, length))
    return size


def megabytes(count: int) -> str:
    value = count / 1_000_000
    text = f"{value:,.0f}" if value >= 10 else f"{value:,.1f}"
    return tr(f"{text.replace(',', ' ').replace('.', ',')} Mo", f"{text} MB")


def _kind_name(kind: str) -> str:
    return {
        "brochure": tr("images des brochures", "brochure images"),
        "pdf": tr("PDF", "PDFs"),
        "cards": tr("cartes de partage", "share cards"),
        "covers": tr("couvertures", "covers"),
        "pages": tr("pages HTML", "HTML pages"),
        "images": tr("autres images", "other images"),
        "other": tr("autres fichiers", "other files"),
    }[kind]


def contributors(size: Size) -> str:
    """The largest kinds of files, each with its largest folder."""
    named = []
    for kind, count in sorted(size.kinds.items(), key=lambda item: -item[1])[:SHOWN]:
        folder, largest = max(size.folders[kind].items(), key=lambda item: item[1])
        where = tr(f"dont {folder} {megabytes(largest)}", f"{folder} {megabytes(largest)}")
        if largest == count:  # one folder holds them all
            where = folder
        named.append(f"{_kind_name(kind)} {megabytes(count)} ({where})")
    return ", ".join(named)


def line(size: Size) -> str:
    """One line: the total, its share of what GitHub Pages publishes, the largest parts."""
    share = f"{100 * size.share:.0f}"
    text = tr(
        f"taille du site : {megabytes(size.total)} ({size.files} fichiers), {share} % des "
        f"{megabytes(LIMIT)} que GitHub Pages publie",
        f"site size: {megabytes(size.total)} ({size.files} files), {share} % of the "
        f"{megabytes(LIMIT)} GitHub Pages publishes",
    )
    if size.kinds:
        text += tr(" ; les plus gros : ", "; largest: ") + contributors(size)
    return text


def verdict(size: Size) -> tuple[str, str]:
    """("ok" | "warn" | "refuse", the line to print)."""
    text = line(size)
    big = [(name, length) for name, length in size.large_files if length > FILE_LIMIT]
    if big:
        name, length = max(big, key=lambda item: item[1])
        return "refuse", text + tr(
            f" — {name} fait {megabytes(length)} : git ne pousse pas un fichier de plus de "
            f"{megabytes(FILE_LIMIT)} sur GitHub (docs/publishing.md, « Un site trop gros »)",
            f" — {name} is {megabytes(length)}: git does not push a file over "
            f'{megabytes(FILE_LIMIT)} to GitHub (docs/publishing.md, "A site too large")',
        )
    if size.total > LIMIT:
        return "refuse", text + tr(
            " — au-delà de la limite de GitHub Pages (docs/publishing.md, « Un site trop gros »)",
            ' — over GitHub Pages\' limit (docs/publishing.md, "A site too large")',
        )
    if size.close:
        return "warn", text + tr(
            f" — plus de {WARN_SHARE * 100:.0f} % de la limite (docs/publishing.md, « Un site "
            "trop gros »)",
            f" — over {WARN_SHARE * 100:.0f} % of the limit "
            '(docs/publishing.md, "A site too large")',
        )
    return "ok", text


def run(site) -> GateResult:
    """The `size` gate of `make check`: fails where `make publish` would refuse."""
    level, text = verdict(measure(Path(site.output)))
    result = GateResult("size", text)
    if level == "refuse":
        result.problems.append(Problem(str(site.output), text))
    elif level == "warn":
        result.notes.append(text)
    return result
