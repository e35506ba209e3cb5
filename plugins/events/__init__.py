"""Events: Markdown files under content/events/ and programme dates, as pages and iCalendar feeds.

See README.md for the fields an author writes and the settings.
"""

from .plugin import CONTRACT, register

__all__ = ["CONTRACT", "register"]
