"""What follows a label: 电话：…, QQ …, 微信号为 …, 护照号码 …, 卡号 … — and e-mail addresses however the @
and the dot are disguised, and identity numbers of Hong Kong, Macau and Taiwan residents.
"""
from __future__ import annotations

import re

from ..identifiers import uscc_problem
from .numbers import VALUE_RUN, digit_value
from .trie import words_pattern

PHONE_LABELS = ("电话", "联系电话", "电话号码", "联系方式", "联系号码", "手机", "手机号", "手机号码", "移动电话",
                "座机", "固话", "固定电话", "传真", "办公电话", "住宅电话", "家庭电话", "拨打", "致电", "来电",
                "Tel", "TEL", "tel", "Phone", "phone", "Mobile", "mobile", "Fax", "FAX", "fax")
ID_LABELS = ("身份证", "身份证号", "身份证号码", "公民身份号码", "身份号码", "证件号", "证件号码", "社保号",
             "社会保障号码", "居民身份证", "身分证", "身分证号", "身分证号码", "身分证字号", "身分证统一编号")
BANK_LABELS = ("银行卡", "银行卡号", "卡号", "账号", "帐号", "账户", "帐户", "银行账号", "银行账户", "开户账号",
               "收款账号", "收款账户", "对公账户", "储蓄卡", "信用卡")
ACCOUNT_LABELS = ("QQ", "qq", "Qq", "QQ号", "QQ号码", "qq号码", "Q号", "扣扣", "企鹅号", "企鹅", "微信", "微信号", "微信号码",
                  "微信账号", "微信帐号", "微信名", "微信昵称", "微信同号", "加V", "加v", "+V", "+v", "V:", "v:", "QQ好友",
                  "weixin", "Weixin", "WEIXIN", "wei信", "微x", "微X", "徽信", "微芯",
                  "威信", "薇信", "V信", "v信", "VX",
                  "vx", "Vx", "WX", "wx", "Wx", "WeChat", "wechat", "Wechat", "支付宝", "支付宝账号", "抖音", "抖音号",
                  "快手号", "微博", "钉钉", "淘宝账号", "闲鱼号", "Skype", "skype", "Line", "LINE", "Telegram",
                  # slang sellers use to slip past filters: 扣 for QQ (only with its colon: 扣款, 罚扣 are
                  # amounts), 卫星 and 绿色软件 for WeChat
                  "扣：", "扣:", "QQ群成员", "加v信", "加V信", "卫星", "绿色软件")
PERMIT_LABELS = ("护照", "护照号", "护照号码", "港澳通行证", "往来港澳通行证", "港澳居民来往内地通行证", "回乡证",
                 "台湾通行证", "往来台湾通行证", "台湾居民来往大陆通行证", "台胞证", "通行证", "居住证", "驾驶证",
                 "驾驶证号", "驾照", "香港身份证", "澳门身份证", "台湾身份证", "香港居民身份证", "澳门居民身份证",
                 "台湾居民身份证", "军官证", "士兵证", "Passport", "passport", "PASSPORT")
FAMILY = {**{w: "phone" for w in PHONE_LABELS}, **{w: "id" for w in ID_LABELS}, **{w: "bank" for w in BANK_LABELS},
          **{w: "account" for w in ACCOUNT_LABELS}, **{w: "permit" for w in PERMIT_LABELS}}

# What may stand between a label and its value: 号码, a colon (为：), a bracket or quote, a line break.
CONNECTOR = (r"[ \n#]*[(\[]?[ ]*(?:号码|号|账号|帐号|ID|Id|id|No\.?)?[ \n]*(?:(?:[:=]|均为|均是|都是|为|是|系)[ \n]*){0,2}"
             r"[(\[“「『\"'‘《-]?[ \n]*")
# A Latin label only as a word of its own (not the "tel" of Hotel), and never after 型号 (型号WX2008A).
LABELLED = re.compile(f"(?<![A-Za-z])({words_pattern(FAMILY)}){CONNECTOR}")
MODEL = re.compile(r"(?:型号|规格|货号|款号|品牌)[ :]*$")
ALNUM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-.@]{2,39}+")
PERMIT_VALUE = re.compile(r"[A-Za-z]{0,2}[ ]*[0-9](?:[ ]?[0-9]){4,10}+(?:[ ]*\(?[0-9A-Za-z]\)?)?")
CREDIT_CODE = re.compile(r"[0-9A-Z]{18}(?![0-9A-Za-z])")
ID_LOOKALIKE = re.compile(r"[0-9lIOo]{17}[0-9lIOoXx](?![0-9A-Za-z])")


def _digits(text: str) -> str:
    return "".join(digit_value(c) for c in text if c.isdigit() or digit_value(c) != c)


def _public_number(digits: str) -> bool:
    """Numbers anyone may publish: service lines (12315, 95588, 95105888, 10105858) and hotlines (400/800)."""
    return (len(digits) <= 6 or len(digits) == 10 and digits[:3] in ("400", "800")
            or len(digits) == 8 and digits[:2] in ("95", "96", "10"))


def find_labelled(view: str, taken: list[bool]) -> list[tuple[int, int, str]]:
    found = []
    for match in LABELLED.finditer(view):
        at = match.end()
        if at >= len(view) or taken[at]:
            continue
        family = FAMILY[re.sub(r"[ ]+", "", match.group(1))]
        if family == "account" and match.group(1).isascii() and MODEL.search(view, max(0, match.start() - 4),
                                                                               match.start()):
            continue  # 型号WX2008A: a model number
        code = CREDIT_CODE.match(view, at)
        if code and (uscc_problem(code.group()) is None or re.search(r"[A-HJ-NP-RTUWY]", code.group()[:17])):
            continue  # 证件号码：91440101MA5ABCDE1X: an organisation's credit code (no ID has letters inside;
            # no credit code has I, O, S, V or Z: 37O7262OO412193454 is an ID with O for 0)
        value = VALUE_RUN.match(view, at)
        if family == "id":
            lookalike = ID_LOOKALIKE.match(view, at)  # 32l3032002O9080695: l for 1, O for 0 after an ID label
            if lookalike and sum(c.isdigit() for c in lookalike.group()) >= 12:
                value = lookalike
        if family in ("account", "permit", "id") and not (value and value.end() - at >= 5):
            value = (ALNUM_ID if family == "account" else PERMIT_VALUE).match(view, at)
            if value is not None and family == "id":
                family = "permit"  # 证件号码：C12345678, a permit or passport under the ID column
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
STRONG_AT = (r"[ ]*(?:@|\(@\)|\[@\]|\{@\}|\(at\)|\[at\]|\{at\}|<at>|\(艾特\)|艾特|爱特|\(AT\)|\[AT\]|\(a\)|"
             r"_at_|「at」|小老鼠|圈a|圈A)[ ]*")
WEAK_AT = r"#| at | AT |在"
DOT = (r"(?:[ ]*(?:\.|。|\[\.\]|\(\.\)|\(dot\)|\[dot\]|\{dot\}|<dot>|\(DOT\)|\[DOT\]|#dot#|#|点)[ ]*"
       r"| dot | DOT )")
EMAIL = re.compile(rf"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{{1,64}}+(?:({STRONG_AT})|{WEAK_AT})"
                   rf"[A-Za-z0-9\-]{{1,63}}+(?:{DOT}[A-Za-z0-9\-]{{1,63}}+){{0,4}}")
TLDS = {"com", "cn", "net", "org", "edu", "gov", "info", "io", "me", "co", "top", "xyz", "vip", "cc", "hk", "tw",
        "mo", "biz", "site", "online", "club", "email", "mail", "uk", "us", "jp"}


# zhang.san_at_163.com, li_si-2020_at_qq.com: the local part may itself hold _, so "_at_" is looked for on its
# own, the local part as short as it can be
EMAIL_AT_WORD = re.compile(r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}?_at_[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,4}")


def find_emails(view: str, taken: list[bool]) -> list[tuple[int, int, str]]:
    found = [(m.start(), m.end(), "email") for m in EMAIL_AT_WORD.finditer(view)]
    for match in EMAIL.finditer(view):
        tld = re.split(r"[ .()\[\]{}<>点#]|dot|DOT", match.group())[-1].lower()
        if match.group(1) is None and tld not in TLDS:  # a weak @ (#, " at ") needs a real domain ending
            continue
        if not re.search(DOT, match.group()[match.end(1) - match.start() if match.group(1) else 0:]) and (
                match.group(1) is None or "@" not in match.group(1) or len(match.group()) < 6):
            continue  # zhang@163 without its ending: only with a real @
        if match.group(1) is not None and "@" not in match.group(1) and tld not in TLDS and "." not in match.group():
            continue
        found.append((match.start(), match.end(), "email"))
    return found


# Identity cards of Hong Kong (A123456(7)), Macau (1234567(8)) and Taiwan (A123456789) residents.
HK_ID = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,2})[ ]?([0-9]{3}[ ]?[0-9]{3})[ ]*(?:[(\[][ ]*([0-9Aa])[ ]*[)\]]"
                   r"|-?([0-9Aa]))(?![A-Za-z0-9])")
MACAU_ID = re.compile(r"(?<![A-Za-z0-9])[157](?:[0-9]{6}[ ]*\([ ]*[0-9][ ]*\)|/[0-9]{6}/[0-9](?![0-9]))")
TAIWAN_ID = re.compile(r"(?<![A-Za-z0-9])([A-Za-z])[ \-]?([12][0-9]{2}[ ]?[0-9]{3}[ ]?[0-9]{3})(?![A-Za-z0-9])")
# Without brackets, a Hong Kong number is told from a model number by what is said before it.
HK_CONTEXT = re.compile(r"(?:香港|身份证|身分证|证件|居民|持证|证号)[^。；;\n]{0,12}$")
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
        check = (match.group(3) or match.group(4) or "").upper()
        bracketed = match.group(3) is not None
        if hk_check(match.group(1).upper(), match.group(2).replace(" ", "")) != check:
            continue
        if bracketed or HK_CONTEXT.search(view, max(0, match.start() - 16), match.start()):
            found.append((match.start(), match.end(), "permit"))
    found += [(m.start(), m.end(), "permit") for m in MACAU_ID.finditer(view)]
    found += [(m.start(), m.end(), "permit") for m in TAIWAN_ID.finditer(view)
              if taiwan_valid(m.group(1).upper(), m.group(2).replace(" ", ""))]
    return found
