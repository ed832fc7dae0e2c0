"""Campaign figures as agencies report them: a number, perhaps approximate (13万余, 约650万, 近万, 超过 500),
perhaps out of a total (118/154), kept as data and shown as written. A value that is no number is refused,
never dropped."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from . import codes
from .problems import Invalid

BEFORE = ("不少于", "不低于", "多于", "超过", "约", "近", "逾", "超", "达", "共")  # longest first
AFTER = ("以上", "左右", "余", "多")
MULTIPLIERS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_NUMBER = re.compile(r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)?(?P<mult>[十百千万亿]{0,2})")


@dataclass(frozen=True)
class Figure:
    """One reported figure: 立案 13万余 元, 整改到位 118 of 154 处."""

    label: str
    value: Decimal  # the number itself: 13万余 -> 130000
    written: str  # as the agency wrote it, without its unit: 13万余
    qualifier: str  # 约, 近, 余, 以上 … ("" when exact)
    unit: str
    of: Decimal | None = None  # the total it is a part of (隐患 154 of which 118 整改)
    as_of: date | None = None  # "截至" day of this figure, when it is not the campaign's end

    @property
    def shown(self) -> str:
        """What a page shows: the figure as written, its total, and its unit (13万余元, 118/154 处)."""
        of = f"/{grouped(self.of)}" if self.of is not None else ""
        unit = self.unit
        return f"{self.written}{of}{(' ' if unit and unit[0].isascii() else '') + unit if unit else ''}"

    @property
    def total(self) -> str:
        """Its total as a page shows it (154), or "" without one."""
        return grouped(self.of) if self.of is not None else ""

    @property
    def share(self) -> int | None:
        """The part of its total in whole percent (118 of 154 -> 77), for a bar; None without a total."""
        if not self.of:
            return None
        return min(100, int(self.value * 100 / self.of + Decimal("0.5")))


def plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def grouped(value: Decimal) -> str:
    """1,260 or 13.5: digits grouped by thousands, no trailing zeros."""
    text = f"{value:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_number(text: str) -> tuple[Decimal, str, str]:
    """(value, qualifier, rest) of a figure written like 13万余, 约650万, 近万名, 1,260, 超过 500."""
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    before = next((q for q in BEFORE if text.startswith(q)), "")
    body = text[len(before):]
    match = _NUMBER.match(body)
    if not match or not (match["num"] or match["mult"]):
        raise Invalid(codes.CAMPAIGN_STAT, f"「{text}」不是数字：请写成 56、1,260、13万余、约650万、近万 这样的数字")
    try:
        value = Decimal((match["num"] or "1").replace(",", ""))
    except InvalidOperation:
        raise Invalid(codes.CAMPAIGN_STAT, f"「{text}」不是数字") from None
    for char in match["mult"]:
        value *= MULTIPLIERS[char]
    rest = body[match.end():]
    after = next((q for q in AFTER if rest.startswith(q)), "")
    rest = rest[len(after):]
    if value < 0:
        raise Invalid(codes.CAMPAIGN_STAT, f"「{text}」是负数")
    return value, before + after, rest


def figure(label: str, value, unit: str = "", of=None, as_of: date | None = None) -> Figure:
    """A figure from a campaign file's {label, value, unit, of, as_of}. A unit written after the number (近万名)
    is the figure's unit when `unit` is empty, and must be the same otherwise."""
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise Invalid(codes.CAMPAIGN_STAT, f"「{label}」的 value 应为数字，如 56 或 13万余")
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value))
        if number < 0 or not number.is_finite():
            raise Invalid(codes.CAMPAIGN_STAT, f"「{label}」的 value 应为不小于 0 的数字")
        written, qualifier, rest = grouped(number), "", ""
    else:
        text = str(value).strip()
        total = None
        if "/" in text and of is None:  # 118/154: 118 of 154
            text, total = (part.strip() for part in text.split("/", 1))
            of = total
        number, qualifier, rest = parse_number(text)
        written = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
        written = written[:len(written) - len(rest)] if rest else written
    if rest:
        if unit and rest != unit:
            raise Invalid(codes.CAMPAIGN_STAT, f"「{label}」的 value「{value}」中有数字以外的文字「{rest}」，与 unit「{unit}」不一致")
        if len(rest) > 4 or not re.fullmatch(r"[\u4e00-\u9fff%A-Za-z]+", rest):
            raise Invalid(codes.CAMPAIGN_STAT, f"「{label}」的 value「{value}」不是数字：数字后面只能写单位")
        unit = unit or rest
    total_value = None
    if of is not None:
        total_value, total_qualifier, total_rest = parse_number(str(of))
        if total_rest and total_rest != unit:
            raise Invalid(codes.CAMPAIGN_STAT, f"「{label}」的总数 of「{of}」不是数字")
        if total_value < number:
            raise Invalid(codes.CAMPAIGN_STAT, f"「{label}」的数字 {written} 大于总数 {plain(total_value)}")
    return Figure(label, number, written, qualifier, unit, total_value, as_of)
