"""Relay feeds: Atom/RSS for the site, categories, tags and programmes, and one
ready-to-post feed per social network with campaign links. See README.md."""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
