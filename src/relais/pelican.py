"""`pelican` as `make` runs it: `python -m relais.pelican content -s pelicanconf.py …`.

The same command line as Pelican's, with the settings the site writes as plain values read
first (from the settings file's source, without running it, and from `-e`): Pelican itself
stops with a traceback on some mistakes before any plugin runs (`DEFAULT_LANG = 5`), where
this says what is wrong in one line naming the settings file. Every build checks its
settings again as it starts (relais.plugins.core.contracts), however Pelican is run.
"""

import ast
import os
import sys

from pelican import DEFAULT_CONFIG_NAME, get_config, main, parse_arguments

from relais.plugins.core import build, settings_check


def run(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    arguments = parse_arguments(argv)
    path = arguments.settings
    if path is None and os.path.isfile(DEFAULT_CONFIG_NAME):
        path = DEFAULT_CONFIG_NAME
    if path:
        build.start({})  # the messages' language, until the build starts
        settings_check.check({**written_values(path), **get_config(arguments)}, path)
    main(argv)


def written_values(path: str) -> dict:
    """The settings the file assigns a literal value (`DEFAULT_LANG = "fr"`), last one wins."""
    try:
        with open(path, encoding="utf-8") as source:
            tree = ast.parse(source.read(), path)
    except (OSError, SyntaxError, ValueError):
        return {}  # Pelican says what is wrong with the file itself
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id.isupper():
                try:
                    values[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    values.pop(target.id, None)  # computed: read when the build starts
    return values


if __name__ == "__main__":
    run()
