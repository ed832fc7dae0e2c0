"""What follows a label: 电话：…, QQ …, 微信号为 …, 护照号码 …, 卡号 … — and e-mail addresses however the @
and the dot are disguised, and identity numbers of Hong Kong, Macau and Taiwan residents.
"""
from __future__ import annotations

import re

from .numbers import RUN, digit_value
from .trie import words_pattern

PHONE_LABELS = ("电话", "联系电话", "电话号码", "联系方式", "联系号码", "手机", "手机号", "手机号码", "移动电话",
                "座机", "固话", "固定电话", "传真", "办公电话", "住宅电话", "家庭电话", "拨打", "致电", "来电",
                "Tel", "TEL", "tel", "Phone", "phone", "Mobile", "mobile", "Fax", "FAX", "fax")
ID_LABELS = ("身份证", "身份证号", "身份证号码", "公民身份号码", "身份号码", "证件号", "证件号码", "社保号",
             "社会保障号码", "居民身份证")
BANK_LABELS = ("银行卡", "银行卡号", "卡号", "账号", "帐号", "账户", "帐户", "银行账号", "银行账户", "开户账号",
               "收款账号", "收款账户", "对公账户", "储蓄卡", "信用卡")
ACCOUNT_LABELS = ("QQ", "qq", "Qq", "QQ号", "扣扣", "企鹅号", "微信", "微信号", "威信", "薇信", "V信", "v信", "VX",
                  "vx", "Vx", "WX", "wx", "Wx", "WeChat", "wechat", "Wechat", "支付宝", "支付宝账号", "抖音", "抖音号",
                  "快手号", "微博", "钉钉", "淘宝账号", "闲鱼号", "Skype", "skype", "Line", "LINE", "Telegram")
PERMIT_LABELS = ("护照", "护照号", "护照号码", "港澳通行证", "往来港澳通行证", "港澳居民来往内地通行证", "回乡证",
                 "台湾通行证", "往来台湾通行证", "台湾居民来往大陆通行证", "台胞证", "通行证", "居住证", "驾驶证",
                 "驾驶证号", "驾照", "香港身份证", "澳门身份证", "台湾身份证", "军官证", "士兵证")
FAMILY = {**{w: "phone" for w in PHONE_LABELS}, **{w: "id" for w in ID_LABELS}, **{w: "bank" for w in BANK_LABELS},
          **{w: "account" for w in ACCOUNT_LABELS}, **{w: "permit" for w in PERMIT_LABELS}}

CONNECTOR = r"[ ]*(?:号码|号|账号|帐号|ID|Id|id|No\.?)?[ ]*(?:[:=]|为|是|系)?[ ]*[(\[]?[ ]*"
LABELLED = re.compile(f"({words_pattern(FAMILY)}){CONNECTOR}")
ALNUM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-.@]{2,39}+")
PERMIT_VALUE = re.compile(r"[A-Za-z]{0,2}[ ]*[0-9]{5,10}+(?:[ ]*\(?[0-9A-Za-z]\)?)?")


def _digits(text: str) -> str:
    return "".join(digit_value(c) for c in text if c.isdigit() or digit_value(c) != c)


def _public_number(digits: str) -> bool:
    """Numbers anyone may publish: service lines (12315, 95588) and company hotlines (400/800)."""
    return len(digits) <= 6 or len(digits) == 10 and digits[:3] in ("400", "800")


def find_labelled(view: str, taken: list[bool]) -> list[tuple[int, int, str]]:
    found = []
    for match in LABELLED.finditer(view):
        at = match.end()
        if at >= len(view) or taken[at]:
            continue
        family = FAMILY[re.sub(r"[ ]+", "", match.group(1))]
        value = RUN.match(view, at)
        if family in ("account", "permit") and not (value and value.end() - at >= 5):
            value = (ALNUM_ID if family == "account" else PERMIT_VALUE).match(view, at)
        if value is None:
            continue
        digits = _digits(value.group())
        if family == "phone":
            if len(digits) < 7 or _public_number(digits):
                continue
            category = "mobile" if len(digits) == 11 and digits[0] == "1" else "phone"
        elif family == "bank":
            if len(digits) < 10:
                continue
            category = "bank"
        elif family == "id":
            if len(value.group()) < 8:
                continue
            category = "id"
        else:
            if len(value.group()) < 4 or family == "account" and _public_number(digits) and value.group().isdigit() \
                    and len(digits) < 5:
                continue
            category = family
        found.append((at, value.end(), category))
    return found


# E-mail: the @ written as (at), [at], 艾特, # or " at ", the dot as (dot), [dot], " dot " or 点.
STRONG_AT = r"[ ]*(?:@|\(at\)|\[at\]|\{at\}|<at>|\(艾特\)|艾特|\(AT\)|\[AT\])[ ]*"
WEAK_AT = r"#| at | AT "
DOT = r"(?:[ ]*(?:\.|\(dot\)|\[dot\]|\{dot\}|<dot>|\(DOT\)|\[DOT\]|点)[ ]*| dot | DOT )"
EMAIL = re.compile(rf"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{{1,64}}+(?:({STRONG_AT})|{WEAK_AT})"
                   rf"[A-Za-z0-9\-]{{1,63}}+(?:{DOT}[A-Za-z0-9\-]{{1,63}}+){{1,4}}")
TLDS = {"com", "cn", "net", "org", "edu", "gov", "info", "io", "me", "co", "top", "xyz", "vip", "cc", "hk", "tw",
        "mo", "biz", "site", "online", "club", "email", "mail", "uk", "us", "jp"}


def find_emails(view: str, taken: list[bool]) -> list[tuple[int, int, str]]:
    found = []
    for match in EMAIL.finditer(view):
        tld = re.split(r"[ .()\[\]{}<>点]|dot|DOT", match.group())[-1].lower()
        if match.group(1) is None and tld not in TLDS:  # a weak @ (#, " at ") needs a real domain ending
            continue
        if match.group(1) is not None and "@" not in match.group(1) and tld not in TLDS and "." not in match.group():
            continue
        found.append((match.start(), match.end(), "email"))
    return found


# Identity cards of Hong Kong (A123456(7)), Macau (1234567(8)) and Taiwan (A123456789) residents.
HK_ID = re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,2})([0-9]{6})[ ]*\([ ]*([0-9A])[ ]*\)")
MACAU_ID = re.compile(r"(?<![A-Za-z0-9])[157][0-9]{6}[ ]*\([ ]*[0-9][ ]*\)")
TAIWAN_ID = re.compile(r"(?<![A-Za-z0-9])([A-Z])([12][0-9]{8})(?![A-Za-z0-9])")
_TW_LETTERS = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36)))


def hk_check(letters: str, digits: str) -> str:
    values = ([36] if len(letters) == 1 else []) + [ord(c) - 55 for c in letters] + [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1)))
    remainder = (11 - total % 11) % 11
    return "A" if remainder == 10 else str(remainder)


def taiwan_valid(letter: str, digits: str) -> bool:
    n = _TW_LETTERS[letter]
    total = n // 10 + (n % 10) * 9 + sum(int(d) * w for d, w in zip(digits[:8], range(8, 0, -1))) + int(digits[8])
    return total % 10 == 0


def find_permits(view: str, taken: list[bool]) -> list[tuple[int, int, str]]:
    found = []
    for match in HK_ID.finditer(view):
        if hk_check(match.group(1), match.group(2)) == match.group(3):
            found.append((match.start(), match.end(), "permit"))
    found += [(m.start(), m.end(), "permit") for m in MACAU_ID.finditer(view)]
    found += [(m.start(), m.end(), "permit") for m in TAIWAN_ID.finditer(view) if taiwan_valid(m.group(1), m.group(2))]
    return found
