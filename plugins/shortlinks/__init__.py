"""Short campaign links: `shortlink: lp-photo` gives /go/lp-photo/, a redirect to the content.

See README.md.
"""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
