"""GB 32100 credit codes and GB 11643 resident ID numbers, as a clerk types them.

The expected check characters are computed here from the standards themselves (weights 3^i mod 31 for
GB 32100, 2^(17-i) mod 11 for GB 11643), not with the generator's own tables, so a wrong table fails.
"""
from __future__ import annotations

import json
import re

import pytest

from generator.core import identifiers
from generator.core.problems import Invalid
from generator.intake.normalise import parse_id_number, parse_uscc

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100 table: no I O S V Z


def ref_uscc_check(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def ref_id_check(first17: str) -> str:
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(first17))
    return "10X98765432"[total % 11]


def ref_uscc(first17: str) -> str:
    return first17 + ref_uscc_check(first17)


def ref_id(first17: str) -> str:
    return first17 + ref_id_check(first17)


BODIES = ["91110000123456789", "92449971RB5YEWEFN", "12100000400000624", "91350100M00010000",
          "5144000071093288X"[:17], "Y1110108MA01ABCDE"]


# --- GB 32100 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("body", BODIES)
def test_valid_credit_code_passes(body):
    code = ref_uscc(body)
    assert identifiers.uscc_problem(code) is None
    assert parse_uscc(code) == code


def test_published_code_from_the_sample_data_passes():
    # codes as they appear in the project's own sample spreadsheets
    for code in ("91449901HRPN42WW3R", "92449971RB5YEWEFND", "91449902JG7THHRQMU"):
        assert identifiers.uscc_problem(code) is None, code


@pytest.mark.parametrize("body", BODIES)
def test_wrong_check_character_names_the_expected_one(body):
    right = ref_uscc_check(body)
    wrong = next(c for c in "0123456789ABCDEFGH" if c != right)
    message = identifiers.uscc_problem(body + wrong)
    assert message is not None
    assert f"「{right}」" in message  # the expected 18th character
    assert wrong in message
    with pytest.raises(Invalid) as info:
        parse_uscc(body + wrong)
    assert info.value.code == "invalid-uscc"
    assert f"「{right}」" in info.value.message


def test_every_single_typo_in_a_code_is_caught():
    code = ref_uscc("91110000123456789")
    for pos in range(17):
        for c in USCC_ALPHABET:
            if c == code[pos]:
                continue
            typo = code[:pos] + c + code[pos + 1:]
            assert identifiers.uscc_problem(typo) is not None, typo


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_letters_not_used_by_gb32100_are_refused(letter):
    body = "9111000012345678" + letter  # position 17
    for code in (body + "0", "91" + letter + body[3:] + "0"):
        message = identifiers.uscc_problem(code)
        assert message is not None
        assert letter in message
        with pytest.raises(Invalid) as info:
            parse_uscc(code)
        assert info.value.code == "invalid-uscc"


@pytest.mark.parametrize("code", ["", "9111000012345678", "91110000123456789XX", "911100001234567"])
def test_wrong_length_is_refused_and_says_so(code):
    message = identifiers.uscc_problem(code)
    assert message is not None and "18" in message


def test_lower_case_code_is_upper_cased_before_checking():
    code = ref_uscc("91449901HRPN42WW3")
    assert parse_uscc(code.lower()) == code
    assert parse_uscc("  " + code.lower() + " ") == code


def test_full_width_code_is_folded_before_checking():
    code = ref_uscc("91449901HRPN42WW3")
    full = "".join(chr(ord(c) + 0xFEE0) for c in code)  # ９１４４…
    assert full != code
    assert parse_uscc(full) == code
    assert parse_uscc("\u3000" + full.lower() + "\u3000") == code  # ideographic spaces, full-width lower case


def test_spaces_inside_a_code_are_dropped():
    code = ref_uscc("91110000123456789")
    spaced = f"{code[:6]} {code[6:12]} {code[12:]}"
    assert parse_uscc(spaced) == code


def test_folding_does_not_rescue_a_wrong_check_character():
    code = ref_uscc("91110000123456789")
    wrong = "0" if code[17] != "0" else "1"
    with pytest.raises(Invalid) as info:
        parse_uscc((code[:17] + wrong).lower())
    assert f"「{code[17]}」" in info.value.message


# --- GB 11643 -------------------------------------------------------------------------------------

def _id_with_check(wanted: str) -> str:
    for seq in range(1000):
        body = f"11010519900307{seq:03d}"
        if ref_id_check(body) == wanted:
            return ref_id(body)
    raise AssertionError(wanted)


def test_valid_18_digit_resident_id():
    number = ref_id("11010519491231002")
    assert identifiers.id_number_problem(number) is None
    assert identifiers.is_resident_id(number)
    assert parse_id_number(number) == number


def test_resident_id_ending_in_x_lower_or_upper_case():
    number = _id_with_check("X")
    assert number.endswith("X")
    assert identifiers.is_resident_id(number)
    assert identifiers.id_number_problem(number) is None
    assert parse_id_number(number[:17] + "x") == number
    assert parse_id_number(number[:17] + "ｘ") == number  # full-width x


def test_every_check_digit_value_is_computed_right():
    seen = set()
    for seq in range(300):
        body = f"44030119851122{seq:03d}"
        number = ref_id(body)
        seen.add(number[17])
        assert identifiers.id_number_problem(number) is None, number
        assert identifiers.is_resident_id(number), number
    assert seen == set("0123456789X")


def test_old_15_digit_resident_id():
    number = "110105491231002"  # born 1949-12-31
    assert identifiers.is_resident_id(number)
    assert identifiers.id_number_problem(number) is None
    assert parse_id_number(number) == number


def test_old_15_digit_id_with_impossible_birth_date():
    number = "110105490231002"  # 1949-02-31
    assert not identifiers.is_resident_id(number)
    assert identifiers.id_number_problem(number) is not None


@pytest.mark.parametrize("body", ["11010519491231002", "44990219860423317", "11010520000229123"])
def test_bad_check_digit_message_names_expected_digit(body):
    right = ref_id_check(body)
    wrong = "0" if right != "0" else "1"
    number = body + wrong
    assert not identifiers.is_resident_id(number)
    message = identifiers.id_number_problem(number)
    assert message is not None
    assert f"「{right}」" in message
    with pytest.raises(Invalid) as info:
        parse_id_number(number)
    assert info.value.code == "invalid-id-number"
    assert f"「{right}」" in info.value.message


def test_18_digit_id_with_impossible_birth_date():
    number = ref_id("11010519990230123")  # 1999-02-30
    assert not identifiers.is_resident_id(number)
    message = identifiers.id_number_problem(number)
    assert message is not None and "出生日期" in message


@pytest.mark.parametrize("text", ["1101051990030712", "12345678901234567890"])
def test_digit_strings_of_other_lengths_are_refused(text):
    assert not identifiers.is_resident_id(text)
    assert identifiers.id_number_problem(text) is not None


# --- a resident ID in the credit-code column ----------------------------------------------------------
# A clerk who pastes an ID number into 统一社会信用代码 must be told to move it, never which 18th character
# would make it a valid credit code: "fixing" that would publish 17 digits of the ID number.

def _ids_with_every_check_character() -> list[str]:
    """ID-shaped numbers whose 18th character is each of 0-9 and X, right or wrong by GB 11643."""
    body = "11010519800101002"
    return [body + c for c in "0123456789X"] + [ref_id("44030120080229431"), "110105491231002"]


@pytest.mark.parametrize("number", _ids_with_every_check_character())
def test_an_id_number_in_the_credit_code_column_is_refused_whatever_its_check_character(number):
    assert identifiers.has_resident_id_shape(number)
    for written in (number, number.lower(), f" {number[:6]} {number[6:14]} {number[14:]} "):
        with pytest.raises(Invalid) as info:
            parse_uscc(written)
        assert info.value.code == "uscc-looks-like-id"
        message = info.value.message
        assert "证件号码" in message  # where it belongs
        assert number[:6] not in message and number[6:14] not in message
        assert not re.search(r"「[0-9A-Z]」", message), message  # no check character to "correct"


@pytest.mark.parametrize("written", ["110101-19800101-0006", "110101.19800101.0006", "身份证110101198001010006",
                                     "110101198001010006（张三）", "NO.110105491231002"])
def test_an_id_number_written_with_separators_or_words_is_refused_the_same_way(written):
    with pytest.raises(Invalid) as info:
        parse_uscc(written)
    assert info.value.code == "uscc-looks-like-id"
    assert "19800101" not in info.value.message and "491231" not in info.value.message


@pytest.mark.parametrize("code", ["91449901HRPN42WW3R", "92449971RB5YEWEFND", "91449902JG7THHRQMU",
                                  *(ref_uscc(b) for b in BODIES)])
def test_credit_codes_do_not_have_the_shape_of_an_id(code):
    assert not identifiers.has_resident_id_shape(code)
    assert parse_uscc(code) == code


@pytest.mark.parametrize("text", [
    "99010519800101002X",   # no province 99
    "110105198002300021",   # 30 February
    "110105180001010021",   # born 1800
    "11010519800101002",    # 17 characters
    "1101051980010100212",  # 19
    "11010519800101002Y",
])
def test_what_is_not_the_shape_of_a_resident_id(text):
    assert not identifiers.has_resident_id_shape(text)


def test_the_check_character_message_of_an_id_shaped_code_names_no_character():
    number = "110105198001010020"
    assert identifiers.uscc_check_char(number[:17]) != number[17]
    message = identifiers.uscc_problem(number)
    assert message is not None and not re.search(r"「[0-9A-Z]」", message)


def test_check_never_prints_an_id_number_from_the_credit_code_column(fixture_site, capsys):
    """What a clerk sees (text and --json): the row, the column, a hidden value, what to do; never the number."""
    from conftest import case_row

    numbers = ["110105198001010020", "440301200802294311", ref_id("32010219750615123"), "110105491231002"]
    fixture_site.cases_csv([case_row(n + 1, 当事人类型=kind, 统一社会信用代码=number)
                            for n, (number, kind) in enumerate(zip(numbers, ["法人及非法人组织", "个体工商户"] * 2))])
    assert fixture_site.run("check", "--as-of", "2026-11-20") == 1
    text = capsys.readouterr().out
    assert fixture_site.run("check", "--json", "--as-of", "2026-11-20") == 1
    printed = capsys.readouterr().out
    problems = json.loads(printed)["problems"]
    assert [(p["code"], p["row"], p["column"]) for p in problems] == [
        ("uscc-looks-like-id", row, "统一社会信用代码") for row in (2, 3, 4, 5)]
    for output in (text, printed):
        for number in numbers:
            assert number not in output and number[:14] not in output and number[-12:] not in output
        assert not re.search(r"「[0-9A-Z]」", output)
    assert fixture_site.run("build", "--as-of", "2026-11-20") == 1
    capsys.readouterr()
    assert not fixture_site.site.exists()
