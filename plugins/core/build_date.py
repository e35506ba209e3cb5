"""The date a build treats as "today": deadlines close and events move to the archive."""

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo


def build_date(settings) -> date:
    """RELAIS_BUILD_DATE (environment) or BUILD_DATE (settings), else today in TIMEZONE.

    Tests and reproducible builds freeze it; a daily rebuild moves it forward.
    """
    frozen = os.environ.get("RELAIS_BUILD_DATE") or settings.get("BUILD_DATE") or ""
    if frozen:
        return date.fromisoformat(str(frozen))
    return datetime.now(ZoneInfo(settings.get("TIMEZONE") or "UTC")).date()
