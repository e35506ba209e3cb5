"""The theme's static files, by the name Pelican publishes them under."""

from pathlib import Path


def static_dirs(settings) -> list[Path]:
    """The folders Pelican copies into the theme's output folder, in its order: a file
    of a later folder replaces the same file of an earlier one (a site's own logo or
    stylesheet over the kit's)."""
    theme = Path(settings["THEME"])
    return [theme / path for path in settings.get("THEME_STATIC_PATHS", ["static"])]


def static_files(settings) -> dict[str, Path]:
    """ "css/site.css" → the file Pelican publishes under that name."""
    files = {}
    for folder in static_dirs(settings):
        if folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.is_file():
                    files[file.relative_to(folder).as_posix()] = file
    return files
