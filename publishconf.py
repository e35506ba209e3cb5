"""relais — settings for `make publish` (GitHub Pages).

Everything in pelicanconf.py applies; only what differs in production is here.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from pelicanconf import *  # noqa: F403

# The public address of the site, https. For a project site it ends with the
# repository name: https://<user>.github.io/<repo>
SITEURL = os.environ.get("RELAIS_SITEURL", "https://relais-demo.github.io/relais")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
