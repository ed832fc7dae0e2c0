"""Personal data in free text: found and masked. Pure text functions, used by intake (to refuse personal data
in codes and point it out in hand-written pages) and by the rules (to mask it in what is published).
"""
from __future__ import annotations

import re
from collections import Counter

from .identifiers import is_resident_id

COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "端木", "申屠", "澹台", "呼延", "南宫", "西门", "百里", "独孤",
)

MASKS = {
    "id": "[身份证号已隐去]",
    "mobile": "[手机号已隐去]",
    "phone": "[电话已隐去]",
    "bank": "[账号已隐去]",
    "email": "[邮箱已隐去]",
    "number": "[号码已隐去]",
    "name": "[姓名已隐去]",
}

# Full-width digits, letters and the signs that join phone numbers and e-mail addresses; other
# full-width punctuation (，（）：) is Chinese text and stays as written.
_HALF = str.maketrans({chr(c): chr(c - 0xFEE0) for c in (*range(0xFF10, 0xFF1A), *range(0xFF20, 0xFF3B),
                                                        *range(0xFF41, 0xFF5B), 0xFF0B, 0xFF0D, 0xFF0E)})
# Spaces and dashes of every width become plain ones before scanning; exports use them all.
_SEPARATORS = str.maketrans({"\xa0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u202f": " ",
                             "\u3000": " ", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-",
                             "\u2014": "-", "\u2212": "-"})
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+\s*(?:@|\(at\)|\[at\]|（at）| at )\s*[A-Za-z0-9-]+(?:\s*(?:\.|\(dot\)|\[dot\])\s*[A-Za-z0-9-]+)+")
# Eleven or more digits, whatever groups them (spaces, dashes, dots, brackets): a phone, ID, card or account.
_GROUPED_DIGITS = re.compile(r"(?:\+?86[ -]?)?[(（]?\d(?:[ \-.()（）]{0,2}\d){10,}(?:[ \-.]?[Xx](?![A-Za-z]))?")
_LANDLINE = re.compile(r"(?:[(（]0\d{2,3}[)）]|0\d{2,3}[- ])\s?\d{3,4}[- ]?\d{4}(?:[-转]\d{1,5})?")
# A number after a contact word, in any grouping: 电话：8765-4321, 联系电话为87654321, QQ 123456789.
_LABELLED = re.compile(
    r"(电话|联系电话|联系方式|固话|座机|手机|手机号|传真|QQ|qq|微信|微信号|Tel|TEL|tel|Fax|FAX|拨打|致电|热线|"
    r"账号|账户|卡号|银行卡|号码)"
    r"((?:号码?)?\s*(?:[:：为是]|号码为|号为)?\s*)"
    r"([0-9A-Za-z_][0-9A-Za-z_\- ]{3,}[0-9A-Za-z_])")
# Names after a word that introduces a person: 法定代表人张三, 举报人：李四, 店员张小花销售.
_ROLE = re.compile(
    r"(?:法定代表人|负责人|经营者|店主|业主|户主|员工|职工|工作人员|店员|雇员|营业员|售货员|销售员|司机|消费者|"
    r"顾客|买家|举报人|投诉人|受害人|被害人|证人|驾驶人|实际控制人|股东|监护人|联系人|患者|住户|租户|"
    r"其子|其女|其妻|其夫|其父|其母|亲属|家属)(?:[:：]|为|是)?\s*")
# Common surnames; a role word followed by one of these starts a name.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊"
    "葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉"
    "骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
# After a one-character given name these usually follow: a verb or preposition, not a second name character.
_AFTER_NAME = set("在于系将向把被对从称说未已到等的和与及销购经是为因以曾拒并也均都现自已即仍等")


# Words that start with a surname character but are not names ("负责人安排…", "经营者明知…").
_COMMON_WORDS = {"管理", "安排", "安装", "安全", "明知", "明确", "全部", "全面", "高度", "成立", "时间", "任何",
                 "于是", "将其", "向其", "常年", "长期", "方面", "金额", "程序", "连续", "毛利", "单位", "江边"}


def _mask_role_names(text: str, counts: Counter) -> str:
    out, pos = [], 0
    for match in _ROLE.finditer(text):
        start = match.end()
        if start < pos:
            continue
        rest = text[start:start + 5]
        surname = next((c for c in COMPOUND_SURNAMES if rest.startswith(c)), rest[:1])
        if surname not in SURNAMES and surname not in COMPOUND_SURNAMES or rest[:2] in _COMMON_WORDS:
            continue
        given = rest[len(surname):len(surname) + 2]
        if not given or not re.fullmatch(r"[\u4e00-\u9fff]+", given[:1]):
            continue
        if len(given) < 2 or given[1] in _AFTER_NAME or not re.fullmatch(r"[\u4e00-\u9fff]", given[1]):
            given = given[:1]
        out.append(text[pos:start] + surname + "*")
        pos = start + len(surname) + len(given)
        counts["name"] += 1
    return "".join(out) + text[pos:]


def _classify(digits: str) -> str:
    """What a long run of digits (separators removed) most likely is: the category counted and the mask's wording."""
    if len(digits) in (15, 18) and is_resident_id(digits):
        return "id"
    if re.fullmatch(r"(?:86)?1[3-9]\d{9}", digits):
        return "mobile"
    if re.fullmatch(r"0\d{9,11}", digits):
        return "phone"
    if 16 <= len(digits) <= 19:
        return "bank"
    return "number"


def mask_text(text: str, names: frozenset[str] = frozenset(), keep: frozenset[str] = frozenset()
              ) -> tuple[str, Counter]:
    """Text with personal data masked, and how many of each category were masked.

    `names` are natural persons' names known from the data (parties, representatives): each is masked
    wherever it appears, whichever record's text it is in, except those in `keep`.
    """
    counts: Counter = Counter()

    def sub(pattern, category_of, text):
        def repl(match):
            category = category_of(match)
            counts[category] += 1
            return MASKS[category]
        return pattern.sub(repl, text)

    text = text.translate(_HALF).translate(_SEPARATORS)
    text = sub(_EMAIL, lambda m: "email", text)
    text = sub(_GROUPED_DIGITS, lambda m: _classify(re.sub(r"[^\dXx]", "", m.group())), text)
    text = sub(_LANDLINE, lambda m: "phone", text)

    def labelled(match):
        if not any(ch.isdigit() for ch in match.group(3)):
            return match.group()
        counts["phone"] += 1
        return match.group(1) + match.group(2) + MASKS["phone"]
    text = _LABELLED.sub(labelled, text)

    if names:
        text = NameIndex.of(names).mask(text, counts, keep)

    return _mask_role_names(text, counts), counts


class NameIndex:
    """Finds known names in text in one pass: jump to characters that start a name, try each name length.

    Replacing names one by one would cost (names x texts), which does not scale to a province's data.
    """

    _cache: dict[frozenset, "NameIndex"] = {}

    def __init__(self, names: frozenset[str]):
        self.names = names
        self.lengths = sorted({len(n) for n in names}, reverse=True)
        self.starts = re.compile("[" + re.escape("".join(sorted({n[0] for n in names}))) + "]")

    @classmethod
    def of(cls, names: frozenset[str]) -> "NameIndex":
        index = cls._cache.get(names)
        if index is None:
            if len(cls._cache) > 8:
                cls._cache.clear()
            index = cls._cache[names] = cls(names)
        return index

    def mask(self, text: str, counts: Counter, keep: frozenset[str] = frozenset()) -> str:
        out, pos = [], 0
        for match in self.starts.finditer(text):
            i = match.start()
            if i < pos:
                continue
            for length in self.lengths:
                if text[i:i + length] in self.names and text[i:i + length] not in keep:
                    out.append(text[pos:i] + mask_name(text[i:i + length]))
                    pos = i + length
                    counts["name"] += 1
                    break
        return "".join(out) + text[pos:]


def mask_name(name: str) -> str:
    """A natural person's name as surname + '*'."""
    name = re.sub(r"\s+", "", name).lstrip("(（[【")
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s) and len(name) > len(s)), name[:1])
    return surname + "*"
