"""Check characters of the national identifiers (GB 32100 credit codes, GB 11643 resident IDs)."""
from __future__ import annotations

from datetime import date

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# First two digits of a resident ID: the province (GB/T 2260), plus Hong Kong, Macao and Taiwan residents.
PROVINCE_CODES = {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41",
                  "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71",
                  "81", "82", "83"}


BIRTH_YEARS = (1900, 2100)  # a birth date outside these is no resident ID's


def has_resident_id_shape(text: str) -> bool:
    """The shape of a resident ID whatever its check character: a province code and a real birth date in
    17 digits and a digit or X (18 characters), or in 15 digits (the old form)."""
    text = text.upper()
    if len(text) == 18:
        return text[:17].isdigit() and text[17] in "0123456789X" and text[:2] in PROVINCE_CODES \
            and plausible_birth(text[6:14])
    if len(text) == 15:
        return text.isdigit() and text[:2] in PROVINCE_CODES and plausible_birth("19" + text[6:12])
    return False


def uscc_check_char(first17: str) -> str:
    """The 18th character GB 32100 expects after these 17."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """None when the code is a valid credit code, else a message saying what is wrong."""
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，现为 {len(code)} 位"
    bad = sorted({c for c in code if c not in USCC_CHARSET})
    if bad:
        return f"统一社会信用代码含有不允许的字符「{''.join(bad)}」（不使用 I、O、S、V、Z）"
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        if has_resident_id_shape(code):
            # Never name the check character here: "fixing" it would publish 17 digits of an ID number.
            return "统一社会信用代码校验位不符，且这串号码具有身份证号码的格式：如是身份证号码，请移到「证件号码」列，本列改填统一社会信用代码"
        return f"统一社会信用代码校验位不符：第 18 位应为「{expected}」，现为「{code[17]}」，请核对是否录入有误"
    return None


def id_check_char(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def _valid_birth(text: str) -> bool:
    try:
        date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return False
    return True


def plausible_birth(text: str) -> bool:
    """A real date YYYYMMDD in the years a living person can have been born in."""
    return _valid_birth(text) and BIRTH_YEARS[0] <= int(text[:4]) <= BIRTH_YEARS[1]


def is_resident_id(text: str) -> bool:
    """True for an 18-character GB 11643 number with a right check digit, or a 15-digit old one."""
    text = text.upper()
    if len(text) == 18 and text[:17].isdigit():
        return _valid_birth(text[6:14]) and text[17] == id_check_char(text[:17])
    if len(text) == 15 and text.isdigit():
        return _valid_birth("19" + text[6:12])
    return False


def birth_date(text: str) -> date | None:
    """The birth date a valid resident ID number carries, else None."""
    text = text.upper()
    if not is_resident_id(text):
        return None
    digits = text[6:14] if len(text) == 18 else "19" + text[6:12]
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def id_number_problem(text: str) -> str | None:
    text = text.upper()
    if len(text) == 18 and text[:17].isdigit() and text[17] in "0123456789X":
        if not _valid_birth(text[6:14]):
            return "身份证号码中的出生日期无效"
        expected = id_check_char(text[:17])
        if text[17] != expected:
            return f"身份证号码校验位不符：第 18 位应为「{expected}」，现为「{text[17]}」"
        return None
    if len(text) == 15 and text.isdigit():
        return None if _valid_birth("19" + text[6:12]) else "身份证号码中的出生日期无效"
    return None if not text.isdigit() else "身份证号码应为 18 位（或旧式 15 位）"

