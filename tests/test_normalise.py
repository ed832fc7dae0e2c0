"""Cell values as clerks type them: dates, amounts, penalty kinds, identifiers and free text."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from generator.core.dates import parse_date
from generator.core.problems import Invalid
from generator.intake.normalise import clean, parse_amount, parse_choices, parse_decision_no
from generator.recordtypes.blacklist import BLACKLIST
from generator.recordtypes.cases import CASES as CASE

MARCH_5 = date(2024, 3, 5)


# --- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    "2024-03-05",
    "2024/3/5",
    "2024.3.5",
    "2024年3月5日",
    "20240305",
    45356,            # Excel serial as a number cell
    45356.0,          # … as pandas / openpyxl floats
    "45356",          # … pasted as text
    "1130305",        # ROC (Taiwan export)
    "113/03/05",      # ROC with slashes
    " 2024-03-05 ",   # surrounding spaces
    "２０２４－０３－０５",  # full-width digits and dash
    "2024年3月5日\u3000",
    datetime(2024, 3, 5),
    MARCH_5,
])
def test_every_date_form_of_the_contract_reads_as_the_same_day(value):
    assert parse_date(value) == MARCH_5


@pytest.mark.parametrize("value", ["2024-03-05", "2024/3/5", "2024年3月5日", "20240305", "45356", "1130305"])
def test_date_fields_clean_to_a_date(value):
    assert clean(CASE.field("decision_date"), value) == MARCH_5
    assert clean(BLACKLIST.field("listed_date"), value) == MARCH_5


@pytest.mark.parametrize("value", [
    "2024-02-30",     # no such day
    "2023-02-29",     # not a leap year
    "2024-13-01",
    "2024年2月30日",
    "下周一",
    "2015年12月",      # month only
    "2024-03",
    "3/5/2024",       # US order
    "abc",
    "113/02/30",      # ROC date that does not exist
])
def test_invalid_dates_are_refused_with_invalid_date(value):
    with pytest.raises(Invalid) as info:
        parse_date(value)
    assert info.value.code == "invalid-date"
    assert info.value.message  # something a clerk can read


def test_invalid_date_through_clean_keeps_the_code():
    with pytest.raises(Invalid) as info:
        clean(CASE.field("publish_date"), "2024-02-30")
    assert info.value.code == "invalid-date"


def test_empty_date_cell_is_no_value_not_an_error():
    assert clean(CASE.field("publish_date"), "") is None
    assert clean(CASE.field("publish_date"), None) is None
    assert clean(CASE.field("publish_date"), "   ") is None


# --- amounts --------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, unit, expected", [
    ("13万", "", "130000"),
    ("130000", "", "130000"),
    ("13.5万元", "", "135000"),
    ("1,300 元", "", "1300"),
    ("１３万", "", "130000"),           # full-width digits
    ("１，３００元", "", "1300"),        # full-width comma
    ("人民币2万元", "", "20000"),
    ("8000元", "", "8000"),
    ("0", "", "0"),
    (130000, "", "130000"),            # number cell
    (3.2, "万元", "32000"),             # header unit applied to a number cell
    ("3.2", "万元", "32000"),           # … and to a bare number typed as text
    ("13", "万元", "130000"),
    ("13", "元", "13"),
    ("5000元", "万元", "5000"),         # a unit in the cell wins over the header
])
def test_amounts_are_stored_in_yuan(value, unit, expected):
    amount = parse_amount(value, unit)
    assert isinstance(amount, Decimal)
    assert amount == Decimal(expected)


def test_amount_through_clean_uses_the_header_unit():
    assert clean(CASE.field("fine"), "3.2", "万元") == Decimal("32000")
    assert clean(CASE.field("confiscated"), "1,640元") == Decimal("1640")


def test_amounts_keep_cents_exactly():
    assert parse_amount("1234.56") == Decimal("1234.56")
    assert parse_amount("0.1万") == Decimal("1000")


@pytest.mark.parametrize("value", ["-5", "-2万", "-1,300 元", -100, -0.5])
def test_negative_amount_is_refused(value):
    with pytest.raises(Invalid) as info:
        parse_amount(value)
    assert info.value.code == "negative-amount"


@pytest.mark.parametrize("value", ["两万元", "abc", "13万5千", "约2万", "1.2.3", "万元", "2万美元", "1e5"])
def test_unreadable_amount_is_refused(value):
    with pytest.raises(Invalid) as info:
        parse_amount(value)
    assert info.value.code == "invalid-amount"


@pytest.mark.parametrize("value", ["1" * 30, "99999999999999999999999999999万元"])
def test_absurdly_long_amount_is_an_invalid_amount_not_a_crash(value):
    """A bank account number pasted into the fine column must be reported, not crash the run."""
    try:
        parse_amount(value)
    except Invalid as exc:
        assert exc.code == "invalid-amount"


# --- penalty kinds --------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["罚款;没收违法所得", "罚款；没收违法所得", "罚款、没收违法所得",
                                   " 罚款 ； 没收违法所得 ", "罚款；没收违法所得；"])
def test_penalty_kinds_split_on_every_separator(value):
    assert parse_choices(CASE.field("penalty_kind"), value) == ("罚款", "没收违法所得")


def test_penalty_kind_single_and_repeated():
    kind = CASE.field("penalty_kind")
    assert parse_choices(kind, "警告") == ("警告",)
    assert parse_choices(kind, "罚款、罚款") == ("罚款",)
    assert clean(kind, "警告；通报批评；罚款") == ("警告", "通报批评", "罚款")


def test_unknown_penalty_kind_is_named():
    with pytest.raises(Invalid) as info:
        parse_choices(CASE.field("penalty_kind"), "罚款；记过")
    assert info.value.code == "invalid-choice"
    assert "记过" in info.value.message
    assert "罚款」" not in info.value.message.split("可用")[0]  # the known one is not blamed


@pytest.mark.parametrize("field_id, value", [("party_type", "公司"), ("procedure", "一般程序"),
                                             ("status", "作废"), ("minor", "不是")])
def test_other_choices_refuse_unknown_values(field_id, value):
    with pytest.raises(Invalid) as info:
        clean(CASE.field(field_id), value)
    assert info.value.code == "invalid-choice"


def test_choices_are_trimmed_and_folded():
    assert clean(CASE.field("party_type"), " 个体工商户 ") == "个体工商户"
    assert clean(BLACKLIST.field("removal_reason"), "\u3000信用修复") == "信用修复"


# --- identifiers and text -------------------------------------------------------------------------

def test_decision_number_keeps_chinese_brackets_but_folds_digits():
    assert parse_decision_no(" 测试市监罚〔２０２６〕１号 ") == "测试市监罚〔2026〕1号"


def test_free_text_is_trimmed_and_keeps_its_characters():
    assert clean(CASE.field("party_name"), "  䶮达消防器材有限公司\u3000") == "䶮达消防器材有限公司"
    assert clean(CASE.field("facts"), "第一句。  第二句。") == "第一句。 第二句。"


def test_uscc_field_folds_case_and_width():
    assert clean(CASE.field("uscc"), "９１４４９９０１ｈｒｐｎ４２ｗｗ３ｒ") == "91449901HRPN42WW3R"


@pytest.mark.parametrize("text", ["240305", "24/3/5"])
def test_two_digit_years_without_minguo_are_refused_not_guessed(text):
    with pytest.raises(Invalid) as exc:
        parse_date(text)
    assert exc.value.code == "invalid-date"


def test_two_digit_minguo_year_with_its_prefix_is_read():
    assert parse_date("民國99年3月5日") == date(2010, 3, 5)


def test_yaml_list_of_penalty_kinds_is_read_as_kinds():
    assert clean(CASE.field("penalty_kind"), ["罚款", "没收违法所得"]) == ("罚款", "没收违法所得")
