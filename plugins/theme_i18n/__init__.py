"""Interface strings and dates in the site's language (DEFAULT_LANG).

Templates are written in French with `{{ _("…") }}`; other languages come
from Babel catalogues in THEME/translations/<lang>/LC_MESSAGES/messages.po.
"""

from .plugin import CONTRACT, Translator, catalogue_for, register, translator

__all__ = ["CONTRACT", "Translator", "catalogue_for", "register", "translator"]
