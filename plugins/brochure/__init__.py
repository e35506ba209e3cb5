"""Programme brochures: each `brochure:` PDF rendered at build time into an accessible,
embeddable viewer (WebP pages, thumbnails, extracted text) instead of a third-party embed.

See README.md for the settings and what an author writes.
"""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
