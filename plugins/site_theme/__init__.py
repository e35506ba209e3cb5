"""A site's own templates, stylesheet and logo, over the kit's theme. See README.md."""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
