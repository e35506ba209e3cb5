"""Réglages de la publication (`make publish`, GitHub Pages) : pelicanconf.py, plus ce
qui change en ligne. Guide : docs/publishing.md.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))  # comme tout publishconf.py de Pelican

from pelicanconf import *  # noqa: F403

# Adresse publique du site, en https. Site de projet GitHub : https://<compte>.github.io/<dépôt>
SITEURL = os.environ.get("RELAIS_SITEURL") or "https://relais-demo.github.io/relais"

# Où `make publish` envoie le site : le dépôt git distant et la branche que GitHub Pages
# sert ("gh-pages" pour un site de projet, "main" pour un site <compte>.github.io).
PUBLISH_REMOTE = "origin"
PUBLISH_BRANCH = "gh-pages"
# Domaine personnalisé (fichier CNAME), par exemple "formations.example.org" ; vide : aucun.
PUBLISH_CNAME = ""
