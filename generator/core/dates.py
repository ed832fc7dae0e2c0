"""Dates: the forms clerks write them in, and the calendar arithmetic the rules share."""
from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

from .problems import Invalid
from .text import cell_text, fold

EXCEL_EPOCH = date(1899, 12, 30)
PLAUSIBLE_YEARS = (1949, 2100)  # outside these a date is a typo; only a restriction may run "forever" (9999)

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
# ROC (Minguo) dates from Taiwan exports. A three-digit year (100 = 2011) is unambiguous; a two-digit one
# only with 民國 in front, since 240305 or 24/3/5 may just as well be a short Gregorian year.
_ROC_PATTERNS = (
    re.compile(r"^(1\d{2})(\d{2})(\d{2})$"),  # 1130305
    re.compile(r"^(1\d{2})[/.年-](\d{1,2})[/.月-](\d{1,2})日?$"),  # 113/03/05, 113年3月5日
    re.compile(r"^民國(\d{2,3})[/.年-](\d{1,2})[/.月-](\d{1,2})日?$"),  # 民國99年3月5日
)


def parse_date(value, *, allow_roc: bool = True) -> date:
    """A date from any form the data contract allows; Invalid("invalid-date") otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = cell_text(value)
    text = fold(raw).replace(" ", "")
    if isinstance(value, (int, float)) and not math.isfinite(value):
        raise Invalid("invalid-date", "无法识别的日期")
    if isinstance(value, (int, float)) and re.fullmatch(r"\d{5}(\.\d+)?", text) or re.fullmatch(r"\d{5}(\.0+)?", text):
        serial = int(float(text))
        if 20000 <= serial <= 80000:  # Excel serial numbers between 1954 and 2119
            return EXCEL_EPOCH + timedelta(days=serial)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            return _make_date(*match.groups())
    if allow_roc:
        for pattern in _ROC_PATTERNS:
            match = pattern.match(text)
            if match:
                year, month, day = match.groups()
                return _make_date(str(int(year) + 1911), month, day)
    raise Invalid("invalid-date", "无法识别的日期，请写成 2024-03-05、2024/3/5 或 2024年3月5日")


def _make_date(year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise Invalid("invalid-date", "日期不存在（请检查月、日）") from None


def plausible(day: date) -> bool:
    return PLAUSIBLE_YEARS[0] <= day.year <= PLAUSIBLE_YEARS[1]


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
