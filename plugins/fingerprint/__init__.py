"""Content-hashed names for the theme's CSS and JS: `{{ asset('css/site.css') }}`.

See README.md.
"""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
