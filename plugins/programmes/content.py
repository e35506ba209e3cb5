from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pelican.contents import Page

from relais.plugins.core import tr_later

from .facts import PROGRAMME_FIELDS, language_name


class Programme(Page):
    """One study programme: a page with typed facts, its posts and its events."""

    default_template = "programme"
    # The fields core accepts in a programme file (besides Pelican's and the kit's).
    metadata_keys = frozenset(field.name for field in PROGRAMME_FIELDS)
    kind_name = tr_later("une formation", "a programme")

    def apply_state(self, today: date) -> str:
        """ "open" until the deadline day included, then "closed"."""
        return "open" if today <= self.deadline else "closed"

    @property
    def closes_at(self) -> datetime:
        """The instant applications close: the end of the deadline day in TIMEZONE, the zone
        of the build's "today", so a visitor's clock (theme/static/js/clock.js) and a build
        on that day always agree."""
        return day_over(self.deadline, self.settings)

    def days_left(self, today: date) -> int:
        return (self.deadline - today).days

    @property
    def language_names(self) -> list[str]:
        """The teaching languages, named in the site's language ("anglais", "English")."""
        lang = self.settings.get("DEFAULT_LANG") or "fr"
        return [language_name(code, lang) for code in self.languages or ()]


def day_over(day: date, settings) -> datetime:
    """The first instant after `day` in the site's TIMEZONE (aware: it carries the offset)."""
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=zone)
