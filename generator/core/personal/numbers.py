"""Numbers that identify a person: resident IDs, mobile and landline numbers, bank cards — however they are
split (spaces, dashes, dots, brackets, invisible characters), widened, or written in Chinese digits.

A run of digits and separators is cut into groups; a personal number is a window of whole consecutive groups
whose digits have one of the shapes below. Dates (2024-03-05) inside a run are never part of a window, and a
credit code, a certificate number or a barcode has none of these shapes, so it stays as written.
Every step is linear in the length of the text.
"""
from __future__ import annotations

import re
from ..identifiers import has_resident_id_shape, id_check_char, plausible_birth, uscc_problem

CN_DIGITS = {"〇": "0", "零": "0", "○": "0", "一": "1", "幺": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5",
             "六": "6", "七": "7", "八": "8", "九": "9",
             **dict(zip("壹贰叁肆伍陆柒捌玖", "123456789"))}  # 大写 digits, as on cheques
DIGIT = "0-9" + "".join(CN_DIGITS)
# Between groups of a number: spaces, dashes, dots, brackets; and, between groups of three digits or more
# (never thousands of an amount), what a clerk types to keep a long number apart: a comma, 、, a line break.
WEAK = ",、\r\n|~:+;"
SEPARATORS = " -./_()[]" + WEAK
RUN = re.compile(rf"[{DIGIT}](?:(?:[ \-./_()\[\]]{{0,3}}|[ ]*[{re.escape(WEAK)}]{{1,2}}[ ]*)[{DIGIT}])*+"
                 rf"(?:[ \-./_]{{0,3}}[Xx](?![A-Za-z]))?")
# One value after a label (电话：…): never across a comma or a line break, which start the next value.
VALUE_RUN = re.compile(rf"[{DIGIT}](?:[ \-./_()\[\]]{{0,3}}[{DIGIT}])*+(?:[ \-./_]{{0,3}}[Xx](?![A-Za-z]))?")
# A number right after these is a code (a certificate, an invoice, a batch): only what no code looks like, an ID
# with its right check character or a mobile number, is taken for personal data there.
CODE_LABELS = re.compile(r"(?:编号|代码|批号|单号|订单号|注册号|表号|条码|货号|型号|序列号|许可证号|发票号码|证书号|证号|"
                         r"No\.?|NO\.?|SN)[ ]*[:：]?[ ]*$")
LONGEST = 19  # a bank card; nothing personal is longer
SHORTEST = 10  # a landline with its area code; nothing personal is shorter


def digit_value(ch: str) -> str:
    return CN_DIGITS.get(ch, ch)


class Group:
    """Consecutive digits of one script (ASCII or Chinese) with no separator inside."""

    __slots__ = ("start", "end", "digits", "sep")

    def __init__(self, start: int, end: int, digits: str, sep: str):
        self.start, self.end, self.digits, self.sep = start, end, digits, sep


def groups_of(view: str, start: int, end: int) -> list[Group]:
    groups: list[Group] = []
    sep, i = "", start
    while i < end:
        ch = view[i]
        if ch in "Xx":
            if groups:
                last = groups[-1]
                last.digits += "X"
                last.end = i + 1
            i += 1
            continue
        if ch in SEPARATORS:
            sep += ch
            i += 1
            continue
        chinese = ch in CN_DIGITS
        j = i + 1
        while j < end and view[j] not in SEPARATORS and view[j] not in "Xx" and (view[j] in CN_DIGITS) == chinese:
            j += 1
        groups.append(Group(i, j, "".join(digit_value(c) for c in view[i:j]), sep))
        sep, i = "", j
    return groups


def _is_date(a: Group, b: Group, c: Group) -> bool:
    if not (len(a.digits) == 4 and 1 <= len(b.digits) <= 2 and 1 <= len(c.digits) <= 2):
        return False
    if b.sep != c.sep or b.sep not in ("-", ".", "/"):
        return False
    if not (a.digits.isdigit() and b.digits.isdigit() and c.digits.isdigit()):
        return False
    return 1900 <= int(a.digits) <= 2100 and 1 <= int(b.digits) <= 12 and 1 <= int(c.digits) <= 31


def id_shape(digits: str) -> bool:
    """A resident ID by its shape: a province code and a real birth date (the check character may be
    mistyped), or a real birth date and a right check character (whatever the region digits say)."""
    return has_resident_id_shape(digits) or (
        len(digits) == 18 and digits[:17].isdigit() and plausible_birth(digits[6:14])
        and digits[17] == id_check_char(digits[:17]))


def luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


KEEP = "keep"  # a public code with a personal number's length (a credit code): consumed, not masked


def classify(digits: str) -> str | None:
    """The category of a whole window's digits, KEEP for a credit code, None for nothing personal."""
    n = len(digits)
    if digits.endswith("X"):
        return "id" if n == 18 and id_shape(digits) else classify(digits[:-1])  # 13812345678x is a mobile
    if n == 18:
        if id_shape(digits):
            if digits[17] == id_check_char(digits[:17]) or uscc_problem(digits) is not None:
                return "id"
            return KEEP  # a mistyped ID and a valid credit code at once: the credit code is what it says
        if digits.startswith("62"):
            return "bank"  # a UnionPay card; the only credit codes that start 62 are a few tourism offices
        if uscc_problem(digits) is None:
            return KEEP
    if n == 15 and id_shape(digits):
        return "id"
    if n == 17 and digits.isdigit() and has_resident_id_shape(digits + "0"):
        return "id"  # an ID with its check character left off
    if n == 11 and digits[0] == "1" and digits[1] in "3456789":
        return "mobile"
    if (n == 13 and digits.startswith("861") or n == 15 and digits.startswith("00861")) and digits[-10] in "3456789":
        return "mobile"
    if 10 <= n <= 12 and digits[0] == "0" and digits[1] != "0":
        return "phone"
    if n in (12, 13) and digits.startswith("86") and digits[2] in "123456789":
        return "phone"
    if 16 <= n <= 19 and (digits.startswith("62") or digits[0] in "3456" and luhn(digits)):
        return "bank"
    return None


def find_numbers(view: str, taken: list[bool]) -> list[tuple[int, int, str]]:
    """(start, end, category) of every personal number not inside an already found span."""
    found = []
    for match in RUN.finditer(view):
        start, end = match.span()
        if end - start < SHORTEST or all(taken[start:end]):
            continue  # amounts, dates, counts: too short to be anything personal (overlaps are dropped later)
        before = view[start - 1] if start else ""
        after = view[end] if end < len(view) else ""
        windows = _windows(groups_of(view, start, end), before.isascii() and before.isalpha(),
                           after.isascii() and after.isalpha())
        if windows and CODE_LABELS.search(view, max(0, start - 8), start):
            windows = [w for w in windows if w[2] == "mobile" or w[2] == "id" and w[1] - w[0] >= 18]
        found += windows
    return found


def _weak(group: Group) -> bool:
    return any(c in WEAK for c in group.sep)


def _strong(digits: str, category: str) -> bool:
    """Shapes too specific to be a date's digits by chance: an ID with its check character right, a mobile."""
    if category == "id":
        return len(digits) == 18 and digits[17] == id_check_char(digits[:17])
    return category == "mobile"


def _windows(groups: list[Group], glued_left: bool, glued_right: bool) -> list[tuple[int, int, str]]:
    found = []
    dates = set()
    for i in range(len(groups) - 2):
        if _is_date(groups[i], groups[i + 1], groups[i + 2]):
            dates.update((i, i + 1, i + 2))
    s = 0
    while s < len(groups):
        best, digits, e, crosses_date = None, "", s, False
        while e < len(groups):
            if e > s and _weak(groups[e]) and (len(groups[e - 1].digits) < 3 or len(groups[e].digits) < 3):
                break  # 1,300,000: thousands of an amount, never one number
            digits += groups[e].digits
            crosses_date = crosses_date or e in dates
            if len(digits) - digits.endswith("X") > LONGEST or "X" in digits[:-1]:
                break
            category = classify(digits)
            if category == KEEP and any(_weak(groups[k]) for k in range(s + 1, e + 1)):
                category = None  # no credit code is written split by a comma: 0000001，13000000000 is a mobile
            # a window that takes in a date (2024-03-05) must be a shape no date makes: an ID, a mobile;
            # one glued to letters is part of a code (a model or certificate number), unless it is an ID or a
            # mobile (c13812345678: no model or certificate number has that shape)
            in_code = s == 0 and glued_left or e == len(groups) - 1 and glued_right
            if category is not None and (not crosses_date or _strong(digits, category)) \
                    and (not in_code or category in ("id", "mobile", KEEP)):
                best = (e, category)
            e += 1
        if best is None:
            s += 1
            continue
        e, category = best
        if category != KEEP:
            found.append((groups[s].start, groups[e].end, category))
        s = e + 1
    return found
