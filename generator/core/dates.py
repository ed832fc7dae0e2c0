"""Dates: the forms clerks write them in, and the calendar arithmetic the rules share."""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import chinese_calendar

from . import codes
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
    """A date from any form the data contract allows; Invalid(codes.INVALID_DATE) otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = cell_text(value)
    text = fold(raw).replace(" ", "")
    if isinstance(value, (int, float)) and not math.isfinite(value):
        raise Invalid(codes.INVALID_DATE, "无法识别的日期")
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
    raise Invalid(codes.INVALID_DATE, "无法识别的日期，请写成 2024-03-05、2024/3/5 或 2024年3月5日")


def _make_date(year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise Invalid(codes.INVALID_DATE, "日期不存在（请检查月、日）") from None


def plausible(day: date) -> bool:
    return PLAUSIBLE_YEARS[0] <= day.year <= PLAUSIBLE_YEARS[1]


@dataclass(frozen=True)
class WorkingDays:
    """The day a count of working days ends on, and the years it crossed whose holiday schedule is not known.

    In a year of `unscheduled_years` Mondays to Fridays were counted, without holidays or adjusted working
    days: the end day is then only an estimate (usually too early)."""

    day: date
    unscheduled_years: tuple[int, ...] = ()


# Years whose State Council schedule (国务院办公厅 节假日安排) the pinned chinese-calendar carries. The schedule
# of a year is announced late in the year before; a newer release of the package brings it.
SCHEDULED_YEARS = frozenset(day.year for day in chinese_calendar.holidays)


def holiday_schedule_known(year: int) -> bool:
    return year in SCHEDULED_YEARS


def is_working_day(day: date) -> bool:
    """A working day by the State Council's schedule: weekdays except holidays, plus adjusted working days
    (调休, a Saturday or Sunday worked in exchange for a longer holiday). Mondays to Fridays in a year whose
    schedule is not known (see holiday_schedule_known)."""
    if day in chinese_calendar.workdays:
        return True
    # chinese_calendar.is_workday is the same test, but it re-checks its year range on every call (~1000x slower)
    return day.weekday() < 5 and day not in chinese_calendar.holidays


@functools.lru_cache(maxsize=8192)  # decision dates repeat across thousands of records
def add_working_days(start: date, days: int) -> WorkingDays:
    """The `days`-th working day after `start` (start itself not counted), holidays and 调休 included."""
    current, unscheduled = start, set()
    while days:
        current += timedelta(days=1)
        if not holiday_schedule_known(current.year):
            unscheduled.add(current.year)
        if is_working_day(current):
            days -= 1
    return WorkingDays(current, tuple(sorted(unscheduled)))


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


def given_date(text: str) -> date:
    """A date someone typed for a command (--as-of, --start, DISCLOSURE_AS_OF): any form the data contract allows,
    within plausible years; Invalid otherwise."""
    day = parse_date(text, allow_roc=False)
    if not plausible(day):
        raise Invalid(codes.INVALID_DATE, f"日期超出合理范围（{PLAUSIBLE_YEARS[0]}—{PLAUSIBLE_YEARS[1]} 年）")
    return day
