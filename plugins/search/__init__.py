"""Site-wide static search (Pagefind): programmes, posts, events, pages and the text of
every brochure page, searched in the visitor's browser, with no server and no third party.

See README.md.
"""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
