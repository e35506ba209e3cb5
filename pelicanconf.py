"""Réglages du site (`make html`, `make serve`).

Seul ce que votre site décide est ici ; le reste vient du kit relais (relais/settings.py),
qui se met à jour sans toucher à ce fichier. Guide : docs/authoring.md.
"""

from relais.settings import *  # noqa: F403 — les réglages par défaut du kit

# --- Le site -----------------------------------------------------------------------
SITENAME = "Formations & relais"
SITE_DESCRIPTION = (
    "Les formations de l’IUT et leurs actualités : dates clés, brochures, candidatures."
)
AUTHOR = "Service communication"
# L’établissement : nom, site principal, adresse de contact (pied de page, données structurées).
ORGANIZATION = {
    "name": "Université de démonstration — IUT",
    "url": "https://www.example.org/",
    "email": "communication@example.org",
}
# Adresse pour l’aperçu local ; l’adresse publique est dans publishconf.py.
SITEURL = "http://127.0.0.1:8000"

# Langue du contenu et de l’interface : "fr" ou "en". Fuseau horaire des dates.
DEFAULT_LANG = "fr"
TIMEZONE = "Europe/Paris"
# Identifiant des événements dans les agendas abonnés : votre domaine, à ne plus changer.
EVENTS_UID_DOMAIN = "example.org"

# --- Apparence ---------------------------------------------------------------------
# Logo, feuille de style et gabarits propres au site : dossier site-theme/
# (docs/customising.md). Logo : chemin sous site-theme/static/, ou None.
SITE_LOGO = None
# Couleurs des images de partage : fond, titre, autres textes, barre latérale.
CARDS_COLORS = {
    "background": "#0b4f8a",
    "text": "#ffffff",
    "muted": "#d7e6f5",
    "accent": "#a3151c",
}

# --- Réseaux sociaux (plugins/feeds/README.md) ----------------------------------
# Caractères laissés libres dans chaque message X pour un « RT @compte: » manuel.
FEEDS_SOCIAL_RESERVE = {"x": 16}
# Ajouté avant les mots-dièse de chaque message, par exemple "Merci de partager !".
FEEDS_SOCIAL_CALL_TO_ACTION = ""

# --- Mesure d’audience : désactivée. Par exemple :
#   {"provider": "plausible", "domain": "formations.example.org"}
#   {"provider": "goatcounter", "code": "monsite"}
#   {"provider": "matomo", "url": "https://stats.example.org/", "site_id": 3}
ANALYTICS = None
