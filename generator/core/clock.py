"""The one clock. Only the entry points (the command line, and the MkDocs plugin when MkDocs itself is the
command) ask it for today's date; everything below them is handed the date, so any build can be reproduced
and the tests pass whatever day the machine thinks it is.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Callable

CHINA_TZ = timezone(timedelta(hours=8))

Clock = Callable[[], date]


def system_today() -> date:
    """Today in China Standard Time (UTC+8), the day the law counts in."""
    return datetime.now(CHINA_TZ).date()


def fixed(day: date) -> Clock:
    """A clock that always says `day` (tests, and `serve --as-of`)."""
    return lambda: day
