"""The demo site's publish settings (tests publish the demo to a local bare remote)."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))  # comme tout publishconf.py de Pelican

from pelicanconf import *  # noqa: E402, F403

# Adresse publique du site, en https. Site de projet GitHub : https://<compte>.github.io/<dépôt>
SITEURL = os.environ.get("RELAIS_SITEURL") or "https://relais-demo.github.io/relais"

# Où `make publish` envoie le site : le dépôt git distant et la branche que GitHub Pages
# sert ("gh-pages" pour un site de projet, "main" pour un site <compte>.github.io).
PUBLISH_REMOTE = "origin"
PUBLISH_BRANCH = "gh-pages"
# Domaine personnalisé (fichier CNAME), par exemple "formations.example.org" ; vide : aucun.
PUBLISH_CNAME = ""

