"""Clean-up of cell values, one function per value type. Each returns the clean value or raises Invalid."""
from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from ..core import codes
from ..core import identifiers
from ..core.dates import PLAUSIBLE_YEARS, parse_date
from ..core.problems import Invalid
from ..core.schema import Field, ValueType
from ..core.text import cell_text, fold, fold_spaces, is_placeholder


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
            raise Invalid(codes.INVALID_AMOUNT, "无法识别的金额，请只写数字和单位，如 13万、130000、1,300 元")
        try:
            number = Decimal(match.group(1).replace(",", ""))
        except InvalidOperation:
            raise Invalid(codes.INVALID_AMOUNT, "无法识别的金额") from None
        cell_unit = match.group(2) or ""
    if number < 0:
        raise Invalid(codes.NEGATIVE_AMOUNT, "金额不能为负数")
    if (cell_unit or unit).startswith("万"):
        number *= 10000
    if number > MAX_AMOUNT:
        raise Invalid(codes.INVALID_AMOUNT, "金额大得不合常理（超过一千亿元），请检查是否多写了数字或单位")
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


ID_IN_USCC = ("「统一社会信用代码」中是（或含有）一串像个人身份证号码的数字（有地区码和出生日期），不能作为统一社会信用代码公开。"
              "如是身份证号码：请移到「证件号码」列（该列永不公开；没有此列的表格请删除），本列改填营业执照上的 18 位"
              "统一社会信用代码；当事人是自然人的，「当事人类型」填“自然人”，本列留空。{extra}"
              "如核对营业执照后确是统一社会信用代码（少数机关、事业单位的代码全为数字），请联系技术人员处理")
_ID_SEPARATORS = re.compile(r"[\-.–—_/·]")
_DIGIT_RUN = re.compile(r"\d+X?")


def _id_inside(code: str) -> str | None:
    """An ID-shaped number anywhere in an (invalid) code, however split: 110101-19800101-0006 in 20 characters."""
    for run in _DIGIT_RUN.findall(_ID_SEPARATORS.sub("", code)):
        for length in (18, 15):
            for start in range(len(run) - length + 1):
                if identifiers.has_resident_id_shape(run[start:start + length]):
                    return run[start:start + length]
    return None


def parse_uscc(value) -> str:
    """A credit code. A value with the shape of a resident ID (whatever its check characters) is refused
    before the check: naming the expected check character would lead a clerk to "fix" it and publish 17
    digits of an ID number. An invalid code that holds one is refused the same way, so that the message
    and its shown value (hidden for this code) never carry the number."""
    code = parse_code(value)
    found = code if identifiers.has_resident_id_shape(code) else None
    if found is None and identifiers.uscc_problem(code) is not None:
        found = _id_inside(code)
    if found is not None:
        extra = "如是旧的 15 位工商注册号，请改填 18 位统一社会信用代码。" if len(found) == 15 else ""
        raise Invalid(codes.USCC_LOOKS_LIKE_ID, ID_IN_USCC.format(extra=extra))
    return _checked_code(code, identifiers.uscc_problem, codes.INVALID_USCC)


def parse_id_number(value) -> str:
    """ID numbers lose the dashes and dots people group them with: 110101-20100101-1237."""
    grouped = re.sub(r"[\s\-.–—]", "", fold(cell_text(value)))
    return _checked_code(grouped, identifiers.id_number_problem, codes.INVALID_ID_NUMBER)


_YEAR_BRACKETS = re.compile(r"[\[［【(（〔]\s*((?:19|20)\d{2})\s*[\]］】)）〕]")


def parse_decision_no(value) -> str:
    """Decision numbers as the standard writes them: digits and letters half-width, the year in 〔〕 whatever
    brackets the clerk typed (示例市监处罚[2026]11号 -> 示例市监处罚〔2026〕11号; the address is the same)."""
    text = cell_text(value)
    text = "".join(unicodedata.normalize("NFKC", c) if c.isalnum() else c for c in text).strip()
    return _YEAR_BRACKETS.sub(r"〔\1〕", text)


def _choice(field: Field, text: str) -> str:
    text = fold(text)
    if text not in field.choices:
        raise Invalid(codes.INVALID_CHOICE, f"「{field.label}」只能是：{' / '.join(field.choices)}")
    return text


_SPLIT = re.compile(r"[;；、,，/]+")


def parse_choices(field: Field, value) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):  # YAML / JSON lists: [罚款, 没收违法所得]
        value = "；".join(cell_text(v) for v in value)
    parts = [p.strip() for p in _SPLIT.split(fold(cell_text(value))) if p.strip()]
    bad = [p for p in parts if p not in field.choices]
    if bad:
        raise Invalid(codes.INVALID_CHOICE,
                      f"「{field.label}」含有不认识的类别「{'、'.join(bad)}」，可用：{'、'.join(field.choices)}")
    return tuple(dict.fromkeys(parts))


def clean(field: Field, value, unit: str = ""):
    """The clean value of one cell for this field, or None for an empty cell."""
    if isinstance(value, (list, tuple)) and field.value_type is ValueType.CHOICES:
        return parse_choices(field, value) or None
    if isinstance(value, bool):  # YAML reads 是/否-like words (yes, true) as booleans
        value = "是" if value else "否"
    text = cell_text(value)
    vt = field.value_type
    if text == "" or (is_placeholder(text) and vt not in (ValueType.TEXT, ValueType.FREE_TEXT)):
        return None  # 无 / — in a date, amount or code cell means "not applicable"
    if vt is ValueType.DATE:
        parsed = parse_date(value)
        if not (PLAUSIBLE_YEARS[0] <= parsed.year <= PLAUSIBLE_YEARS[1]) and not field.open_ended:
            raise Invalid(codes.INVALID_DATE, f"日期超出合理范围（{PLAUSIBLE_YEARS[0]}—{PLAUSIBLE_YEARS[1]} 年），请检查年份")
        return parsed
    if vt is ValueType.AMOUNT:
        return parse_amount(value, unit)
    if vt is ValueType.USCC:
        return parse_uscc(value)
    if vt is ValueType.ID_NUMBER:
        return parse_id_number(value)
    if vt is ValueType.CODE:
        return parse_decision_no(value)
    if vt in (ValueType.CHOICE, ValueType.FLAG):
        return _choice(field, text)
    if vt is ValueType.CHOICES:
        return parse_choices(field, value)
    return fold_spaces(text)
