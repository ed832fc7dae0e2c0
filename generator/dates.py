"""Calendar arithmetic the rules share: working days, months and years, safe at the end of the calendar."""
from __future__ import annotations

from datetime import date, timedelta


def add_working_days(start: date, days: int) -> date:
    """Mondays to Fridays only; public holidays are not known here, so this is a lower bound."""
    current = start
    while days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def add_months(start: date, months: int) -> date:
    """Calendar months later; the 31st becomes the month's last day; far-future dates stop at date.max."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if year > date.max.year:
        return date.max
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def add_years(start: date, years: int) -> date:
    return add_months(start, 12 * years)
