"""relais — settings for `make publish` (GitHub Pages).

Everything in pelicanconf.py applies; only what differs in production is here.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from pelicanconf import *  # noqa: F403

# The public address of the site, https. For a project site it ends with the
# repository name: https://<user>.github.io/<repo>
SITEURL = os.environ.get("RELAIS_SITEURL") or "https://relais-demo.github.io/relais"
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False  # what is deployed is built from scratch, never from a cache

# --- Where `make publish` sends the site (docs/publishing.md) ----------------
# The git remote and branch GitHub Pages serves: "gh-pages" for a project site,
# "main" for a <user>.github.io site (its sources then live on another branch).
# Environment variables RELAIS_PUBLISH_REMOTE / RELAIS_PUBLISH_BRANCH override them.
PUBLISH_REMOTE = "origin"
PUBLISH_BRANCH = "gh-pages"
# Custom domain (written to the CNAME file GitHub Pages reads), e.g. "formations.example.org";
# empty for none. SITEURL must then be https://<that domain>. Overridden by RELAIS_CNAME.
PUBLISH_CNAME = ""
