"""What a bulletin states about itself: when (a labelled date, else the latest full date in the text), who
(an authority's full name: place + 市场监督管理局, 消防救援支队 …) and where (the place in that name).
"""
from __future__ import annotations

import re
from datetime import date

_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))")
_CHINESE_DATE = re.compile(r"([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
LABELLED_DATE = re.compile(r"(?:发布时间|发布日期|发表时间|发稿时间|日期|时间)\s*[:：]\s*")
AUTHORITY_SUFFIXES = ("市场监督管理局", "市场监管局", "消防救援支队", "消防救援大队", "消防救援总队", "消防救援局",
                      "市场监督管理分局", "市场监管分局", "质量技术监督局", "工商行政管理局", "应急管理局")
_PLACE_UNITS = "省|自治区|市|地区|自治州|州|盟|县|区|旗|新区|开发区"
_AUTHORITY = re.compile(
    r"(?:^|(?<=[\s，,。；;：:、“”（(）)》《\d年]))(?P<region>[\u4e00-\u9fff]{1,10}?(?:" + _PLACE_UNITS + r"))"
    r"(?P<suffix>" + "|".join(AUTHORITY_SUFFIXES) + ")")


def _chinese_number(text: str) -> int:
    """十 = 10, 十二 = 12, 二十 = 20, 二十一 = 21, 三 = 3."""
    if "十" not in text:
        return int(_CN_DIGITS.get(text, "0"))
    tens, _, ones = text.partition("十")
    return (int(_CN_DIGITS[tens]) if tens else 1) * 10 + (int(_CN_DIGITS[ones]) if ones else 0)


def dates_in(text: str) -> list[date]:
    """Every full date (year, month and day) the text writes, in order; impossible ones skipped."""
    found: list[tuple[int, date]] = []
    for match in _NUMERIC_DATE.finditer(text):
        year, month, day = match[1], match[2] or match[4], match[3] or match[5]
        found += _made(match.start(), int(year), int(month), int(day))
    for match in _CHINESE_DATE.finditer(text):
        year = int("".join(_CN_DIGITS[c] for c in match[1]))
        found += _made(match.start(), year, _chinese_number(match[2]), _chinese_number(match[3]))
    return [day for _, day in sorted(found, key=lambda item: item[0])]


def _made(position: int, year: int, month: int, day: int) -> list[tuple[int, date]]:
    try:
        made = date(year, month, day)
    except ValueError:
        return []
    return [(position, made)] if 1949 <= year <= 2100 else []


def labelled_date(text: str) -> date | None:
    """The date after 发布时间：/日期： … in a line, if one is there."""
    for label in LABELLED_DATE.finditer(text):
        days = dates_in(text[label.end():label.end() + 24])
        if days:
            return days[0]
    return None


def latest_date(lines: list[str], today: date) -> tuple[date, int] | None:
    """(the latest full date not after today, index of its line) in the lines."""
    best = None
    for index, line in enumerate(lines):
        for day in dates_in(line):
            if day <= today and (best is None or day > best[0]):
                best = (day, index)
    return best


def authority_in(text: str) -> tuple[str, str] | None:
    """(authority, region) of the first full authority name in the text: 永州市市场监督管理局 -> 永州市."""
    match = _AUTHORITY.search(text)
    if not match:
        return None
    return match["region"] + match["suffix"], match["region"]


def all_authorities(text: str) -> list[tuple[str, str]]:
    """(authority, region) of every full authority name in the text, in order."""
    return [(m["region"] + m["suffix"], m["region"]) for m in _AUTHORITY.finditer(text)]
