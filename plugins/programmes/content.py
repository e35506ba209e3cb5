from datetime import date

from pelican.contents import Page

from .fields import FIELDS


class Programme(Page):
    """One study programme: a page with typed facts, its posts and its events."""

    default_template = "programme"
    # The fields relais_core accepts in a programme file (besides Pelican's and the kit's).
    metadata_keys = frozenset(field.name for field in FIELDS)
    kind_names = ("une formation", "a programme")

    def apply_state(self, today: date) -> str:
        """ "open" until the deadline day included, then "closed"."""
        return "open" if today <= self.deadline else "closed"

    def days_left(self, today: date) -> int:
        return (self.deadline - today).days
