"""Clean-up of cell values, one function per field kind. Each returns the clean value or raises Invalid."""
from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from . import identifiers
from .schema import Field


class Invalid(ValueError):
    """A value that cannot be used; carries a problem code and a clerk-readable message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


EXCEL_EPOCH = date(1899, 12, 30)
PLAUSIBLE_YEARS = (1949, 2100)  # outside these a date is a typo; only a restriction may run "forever" (9999)
PLACEHOLDERS = {"无", "暂无", "—", "-", "--", "——", "/", "無", "暫無", "n/a", "N/A"}


def fold(text: str) -> str:
    """Full-width letters, digits and brackets to half-width; trim."""
    return unicodedata.normalize("NFKC", text).strip()


def cell_text(value) -> str:
    """Any cell value (str, number, datetime from a spreadsheet) as trimmed text."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN from pandas
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    return str(value).strip().replace("\u3000", " ").strip()


def is_placeholder(text: str) -> bool:
    return text in PLACEHOLDERS


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
            return _make_date(raw, *match.groups())
    if allow_roc:
        for pattern in _ROC_PATTERNS:
            match = pattern.match(text)
            if match:
                year, month, day = match.groups()
                return _make_date(raw, str(int(year) + 1911), month, day)
    raise Invalid("invalid-date", "无法识别的日期，请写成 2024-03-05、2024/3/5 或 2024年3月5日")


def _make_date(raw: str, year: str, month: str, day: str) -> date:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise Invalid("invalid-date", "日期不存在（请检查月、日）") from None


MAX_AMOUNT = Decimal("100000000000")  # 1,000 亿元: larger is a typo, and Decimal quantize would overflow
_AMOUNT = re.compile(r"^(?:人民币)?([-+]?[\d,]*\.?\d+)(万元|万|元)?$")


def parse_amount(value, unit: str = "") -> Decimal:
    """An amount in 元. `unit` comes from the header (元 / 万元); a unit in the cell wins."""
    if isinstance(value, (int, float)) and math.isfinite(value):
        number, cell_unit = Decimal(str(value)), ""
    else:
        text = fold(cell_text(value)).replace(" ", "")
        match = _AMOUNT.match(text)
        if not match:
            raise Invalid("invalid-amount", "无法识别的金额，请只写数字和单位，如 13万、130000、1,300 元")
        try:
            number = Decimal(match.group(1).replace(",", ""))
        except InvalidOperation:
            raise Invalid("invalid-amount", "无法识别的金额") from None
        cell_unit = match.group(2) or ""
    if number < 0:
        raise Invalid("negative-amount", "金额不能为负数")
    if (cell_unit or unit).startswith("万"):
        number *= 10000
    if number > MAX_AMOUNT:
        raise Invalid("invalid-amount", "金额大得不合常理（超过一千亿元），请检查是否多写了数字或单位")
    return number.quantize(Decimal("0.01"))


def parse_code(value) -> str:
    """Identifiers: half-width, upper case, no spaces."""
    return re.sub(r"\s+", "", fold(cell_text(value))).upper()


def _checked_code(value, check, code: str) -> str:
    text = parse_code(value)
    problem = check(text)
    if problem:
        raise Invalid(code, problem)
    return text


def parse_uscc(value) -> str:
    code = _checked_code(value, identifiers.uscc_problem, "invalid-uscc")
    if identifiers.is_resident_id(code) and code[:2] in identifiers.PROVINCE_CODES:
        # about one ID number in 31 also passes the credit-code check: never publish one by mistake
        raise Invalid("uscc-looks-like-id", "这串号码同时符合身份证号码的格式，疑为身份证号，不能作为统一社会信用代码公开；"
                      "请核对。自然人请在「当事人类型」中填“自然人”")
    return code


def parse_id_number(value) -> str:
    """ID numbers lose the dashes and dots people group them with: 110101-20100101-1237."""
    grouped = re.sub(r"[\s\-.–—]", "", fold(cell_text(value)))
    return _checked_code(grouped, identifiers.id_number_problem, "invalid-id-number")


def parse_decision_no(value) -> str:
    """Decision numbers keep their Chinese brackets; only digits and letters fold to half-width."""
    text = cell_text(value)
    return "".join(unicodedata.normalize("NFKC", c) if c.isalnum() else c for c in text).strip()


def _choice(field: Field, text: str) -> str:
    text = fold(text)
    if text not in field.choices:
        raise Invalid("invalid-choice", f"「{field.label}」只能是：{' / '.join(field.choices)}")
    return text


_SPLIT = re.compile(r"[;；、,，/]+")


def parse_choices(field: Field, value) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):  # YAML / JSON lists: [罚款, 没收违法所得]
        value = "；".join(cell_text(v) for v in value)
    parts = [p.strip() for p in _SPLIT.split(fold(cell_text(value))) if p.strip()]
    bad = [p for p in parts if p not in field.choices]
    if bad:
        raise Invalid("invalid-choice",
                      f"「{field.label}」含有不认识的类别「{'、'.join(bad)}」，可用：{'、'.join(field.choices)}")
    return tuple(dict.fromkeys(parts))


def kind_accepts_list(field: Field) -> bool:
    return field.kind == "choices"


def clean(field: Field, value, unit: str = ""):
    """The clean value of one cell for this field, or None for an empty cell."""
    if isinstance(value, (list, tuple)) and kind_accepts_list(field):
        return parse_choices(field, value) or None
    if isinstance(value, bool):  # YAML reads 是/否-like words (yes, true) as booleans
        value = "是" if value else "否"
    text = cell_text(value)
    kind = field.kind
    if text == "" or (is_placeholder(text) and kind not in ("text", "free_text")):
        return None  # 无 / — in a date, amount or code cell means "not applicable"
    if kind == "date":
        parsed = parse_date(value)
        if not (PLAUSIBLE_YEARS[0] <= parsed.year <= PLAUSIBLE_YEARS[1]) and field.id != "restriction_until":
            raise Invalid("invalid-date", f"日期超出合理范围（{PLAUSIBLE_YEARS[0]}—{PLAUSIBLE_YEARS[1]} 年），请检查年份")
        return parsed
    if kind == "amount":
        return parse_amount(value, unit)
    if kind == "uscc":
        return parse_uscc(value)
    if kind == "id_number":
        return parse_id_number(value)
    if kind == "code":
        return parse_decision_no(value)
    if kind in ("choice", "flag"):
        return _choice(field, text)
    if kind == "choices":
        return parse_choices(field, value)
    return fold_spaces(text)


def fold_spaces(text: str) -> str:
    """Free text keeps its characters; only runs of spaces collapse."""
    return re.sub(r"[ \t\u3000]+", " ", text).strip()
