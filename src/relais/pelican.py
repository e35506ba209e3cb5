"""`pelican` as `make` runs it: `python -m relais.pelican content -s pelicanconf.py …`.

The same command line as Pelican's, with the site's settings checked first: Pelican itself
stops with a traceback on some mistakes before any plugin runs (`DEFAULT_LANG = 5`), where
this says what is wrong in one line naming the settings file. Every build also checks the
settings as it starts (relais.plugins.core.contracts), however Pelican is run.
"""

import os
import sys

from pelican import DEFAULT_CONFIG_NAME, get_config, main, parse_arguments
from pelican.settings import load_source

from relais.plugins.core import build, settings_check


def run(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    arguments = parse_arguments(argv)
    path = arguments.settings
    if path is None and os.path.isfile(DEFAULT_CONFIG_NAME):
        path = DEFAULT_CONFIG_NAME
    if path:
        module = load_source("relais_site_settings", path)
        values = {name: value for name, value in vars(module).items() if name.isupper()}
        build.start({})  # the messages' language, until the build starts
        settings_check.check({**values, **get_config(arguments)}, path)
    main(argv)


if __name__ == "__main__":
    run()
