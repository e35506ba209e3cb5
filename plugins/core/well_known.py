"""content/.well-known/ is published as /.well-known/, on purpose.

Hidden files are never read under content/ (IGNORE_FILES: `.*`), which would leave a
team no way to publish the files other services look for at /.well-known/: security.txt,
app links (apple-app-site-association, assetlinks.json), network verification
(atproto-did for Bluesky…). This one folder is the exception. Its files are copied as
they are (no Markdown, no template); inside it, the rules of the rest of content/ hold:
hidden files, editor backups and nested repositories are never copied, and a symlink
leading out of content/ stops the build.
"""

import os
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from .build import connect
from .collisions import Output, declare_outputs
from .errors import ContentError, relative_path, report, tr
from .files import write_if_changed
from .paths import OUTSIDE, is_ignored, is_inside, output_file

FOLDER = ".well-known"


class WellKnownGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.files: list[str] = []  # relative to the folder, POSIX

    def generate_context(self):
        self.files = published_files(self.path, self.settings.get("IGNORE_FILES", []))

    def generate_output(self, writer):
        source = Path(self.path) / FOLDER
        for name in self.files:
            write_if_changed(output_file(self.output_path, f"{FOLDER}/{name}"),
                             (source / name).read_bytes())  # fmt: skip


def published_files(root, patterns) -> list[str]:
    """The files of content/.well-known/ to publish; reports each link that leads out of
    content/ (the build then stops before anything is copied)."""
    folder = Path(root) / FOLDER
    if not folder.is_dir():
        return []
    if not is_inside(root, folder):
        _outside(folder)
        return []
    found = []
    for directory, subfolders, names in os.walk(folder, followlinks=False):
        relative = os.path.relpath(directory, folder)
        kept = [d for d in subfolders if not is_ignored(os.path.join(relative, d), patterns)]
        subfolders[:] = [d for d in kept if _inside(root, Path(directory, d))]
        for name in sorted(names):
            path = Path(directory, name)
            if is_ignored(os.path.join(relative, name), patterns) or not _inside(root, path):
                continue
            if path.is_file():
                found.append(path.relative_to(folder).as_posix())
    return found


def _inside(root, path: Path) -> bool:
    if not path.is_symlink() or is_inside(root, path):
        return True
    _outside(path)
    return False


def _outside(path: Path) -> None:
    report(
        ContentError(
            str(path),
            tr("lien symbolique", "symbolic link"),
            tr(
                f"pointe vers « {os.readlink(path)} », {OUTSIDE}",
                f'points to "{os.readlink(path)}", {OUTSIDE}',
            ),
            tr(
                "une copie du fichier rangée sous content/.well-known/ (un lien vers "
                "l’extérieur n’est jamais publié)",
                "a copy of the file under content/.well-known/ (a link leading outside is "
                "never published)",
            ),
        )
    )


def adopt_static_links(generators) -> None:
    """A `{static}/.well-known/security.txt` link makes Pelican plan a copy of its own,
    which the hidden-file check would refuse: the file is this generator's to copy, and the
    link leads to its address. A link to a file this folder does not publish (`.secret`)
    is left to that check."""
    published = {
        f"{FOLDER}/{name}"
        for generator in generators
        if isinstance(generator, WellKnownGenerator)
        for name in generator.files
    }
    for generator in generators:
        files = getattr(generator, "staticfiles", None)
        if isinstance(files, list):  # the context's list too
            files[:] = [
                f for f in files if Path(f.relative_source_path).as_posix() not in published
            ]


def _outputs(generators, _settings):
    for generator in generators:
        if isinstance(generator, WellKnownGenerator):
            for name in generator.files:
                path = Path(generator.path) / FOLDER / name
                # No `source`: a content file asking for the same address is the one to fix.
                yield Output(f"{FOLDER}/{name}", relative_path(str(path)))


def _generator(_pelican):
    return WellKnownGenerator


def register():
    connect(signals.get_generators, _generator, __package__)
    declare_outputs(_outputs, __package__)
