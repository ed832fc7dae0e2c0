"""Adversarial probes for generator.core.personal.mask_text and generator.rules.redact.public_view.

Run: .venv/bin/python bench/redaction_probe.py [results.json]  (prints the counts per class and the failures;
writes every probe with its verdict to the JSON file if one is named). About 3,000 generated texts in the
classes of issue 17 (IDs, e-mails, QQ/WeChat, HK/MO/TW ids, permits, names after role words and in other
forms) and innocent look-alikes; the figures are quoted in the closing notes of that issue.
Every text passes first through what intake does to a free-text cell (visible(), cell_text(), fold_spaces()),
so only disguises that survive intake are counted.
"""
from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from generator.core.identifiers import id_check_char, uscc_check_char  # noqa: E402
from generator.core.personal import mask_text, mask_name  # noqa: E402
from generator.core.personal.labels import hk_check, taiwan_valid, _TW_LETTERS  # noqa: E402
from generator.core.text import cell_text, fold_spaces  # noqa: E402
from generator.intake.limits import visible  # noqa: E402

random.seed(20260305)


def intake(text: str) -> str:
    return fold_spaces(cell_text(visible(cell_text(text))[0]))


def mask(text: str, names=frozenset()) -> str:
    return mask_text(intake(text), frozenset(names))[0]


# ---------------------------------------------------------------- folding for leak checks
CN = dict(zip("〇一二三四五六七八九", "0123456789")) | {"零": "0", "○": "0", "幺": "1", "两": "2"} | \
    dict(zip("零壹贰叁肆伍陆柒捌玖", "0123456789")) | {"貳": "2", "參": "3", "陸": "6", "⓪": "0"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = "".join(CN.get(c, c) for c in text)
    text = text.replace("×", "x").replace("Χ", "x").replace("Х", "x")
    return re.sub(r"[\s\u200b-\u200f\u2060\ufeff\-./()（）\[\]【】|•·,，、~_*「」“”\"'+:：;；]+", "", text).lower()


def fold_digits(text: str) -> str:
    return "".join(c for c in fold(text) if c.isdigit())


def longest_common_digits(secret: str, out: str) -> int:
    a, b = fold_digits(secret), fold_digits(out)
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


# ---------------------------------------------------------------- probe records
@dataclass
class Probe:
    cls: str
    text: str
    secrets: tuple = ()          # must not survive (folded)
    innocent: bool = False       # must come out unchanged
    names: frozenset = frozenset()
    note: str = ""
    name: str = ""               # role-name probes: the name planted
    digits_partial: int = 0      # flag a partial leak when >= this many consecutive secret digits survive


PROBES: list[Probe] = []


def P(cls, text, *secrets, names=frozenset(), note="", partial=0):
    PROBES.append(Probe(cls, text, tuple(secrets), names=frozenset(names), note=note, digits_partial=partial))


def I(cls, text, names=frozenset(), note=""):
    PROBES.append(Probe(cls, text, innocent=True, names=frozenset(names), note=note))


def N(cls, prefix, name, suffix, names=frozenset(), note=""):
    PROBES.append(Probe(cls, prefix + name + suffix, (re.sub(r"\s+", "", name),), names=frozenset(names),
                        note=note, name=name))


# ================================================================ 1. resident IDs
def rid(body17: str) -> str:
    return body17 + id_check_char(body17)


def random_id(x=False):
    while True:
        prov = random.choice(["11", "31", "44", "51", "61", "32", "33", "37", "42", "65", "45"])
        body = prov + f"{random.randint(1, 20):02d}{random.randint(1, 30):02d}" + \
            f"{random.randint(1950, 2005)}{random.randint(1, 12):02d}{random.randint(1, 28):02d}{random.randint(0, 999):03d}"
        n = rid(body)
        if x == n.endswith("X"):
            return n


IDS = [random_id() for _ in range(6)] + [random_id(x=True) for _ in range(3)]
FULLW = {c: chr(ord(c) + 0xFEE0) for c in "0123456789Xx"}
CNLOW = dict(zip("0123456789", "〇一二三四五六七八九"))
CNZERO = dict(zip("0123456789", "零一二三四五六七八九"))
CNBIG = dict(zip("0123456789", "零壹贰叁肆伍陆柒捌玖"))
CIRCLED = dict(zip("0123456789", "⓪①②③④⑤⑥⑦⑧⑨"))
CN_LIANG = dict(zip("0123456789", "〇幺两三四五六七八九"))


def tr(s, table):
    return "".join(table.get(c, c) for c in s)


def groups(s, sizes, sep):
    out, i = [], 0
    for n in sizes:
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(out)


ID_LABELS = ["", "身份证号码为", "公民身份号码:", "证件号", "身份证号：", "身份证号码（", "居民身份证号码", "身份证",
             "ID:", "身份证号码是", "公民身份号码 ", "身分證號碼", "其身份证号码", "证件号码为"]
for n in IDS:
    cls = "id"
    forms = {
        "plain": n,
        "6-8-4 spaces": groups(n, (6, 8), " "),
        "4-4-4-4-2 spaces": groups(n, (4, 4, 4, 4), " "),
        "dashes": groups(n, (6, 8), "-"),
        "dots": groups(n, (6, 8), "."),
        "full-width": tr(n, FULLW),
        "chinese 〇": tr(n, CNLOW),
        "chinese 零": tr(n, CNZERO),
        "chinese 幺两": tr(n, CN_LIANG),
        "daxie 壹贰": tr(n, CNBIG),
        "circled": tr(n, CIRCLED),
        "newline 6/8/4": groups(n, (6, 8), "\n"),
        "CRLF 6/8/4": groups(n, (6, 8), "\r\n"),
        "bullet •": groups(n, (6, 8), "•"),
        "pipe |": groups(n, (6, 8), "|"),
        "comma ，": groups(n, (6, 8), "，"),
        "dunhao 、": groups(n, (6, 8), "、"),
        "tilde ~": groups(n, (6, 8), "~"),
        "colon :": groups(n, (6, 8), ":"),
        "plus +": groups(n, (6, 8), "+"),
        "every char spaced": " ".join(n),
        "mixed cn/ascii groups": tr(n[:6], CNLOW) + n[6:14] + tr(n[14:], CNLOW),
        "mixed full/cn": tr(n[:9], FULLW) + tr(n[9:], CNLOW),
        "brackets": f"（{n}）",
        "lower x": n.lower(),
        "fullwidth x": tr(n[:17], FULLW) + ("ｘ" if n[-1] == "X" else FULLW[n[-1]]),
        "O for 0": n.replace("0", "O"),
        "l for 1": n.replace("1", "l"),
        "quoted": f"“{n}”",
        "split 4-4-4-4-2 after 号码：": "号码：" + groups(n, (4, 4, 4, 4), " "),
        "birth as date": f"{n[:6]}-{n[6:10]}-{n[10:12]}-{n[12:14]}-{n[14:]}",
        "birth as date ( )": f"{n[:6]}({n[6:10]}.{n[10:12]}.{n[12:14]}){n[14:]}",
        "two-space groups": groups(n, (6, 8), "  "),
        "em-dash groups": groups(n, (6, 8), "——"),
    }
    if n.endswith("X"):
        forms |= {"× for X": n[:17] + "×", "Greek Χ": n[:17] + "Χ", "Cyrillic Х": n[:17] + "Х",
                  "space X": n[:17] + " X", "x in cn": tr(n[:17], CNLOW) + "x", "(X)": n[:17] + "(X)",
                  "叉 for X": n[:17] + "叉"}
    for fname, form in forms.items():
        label = random.choice(ID_LABELS)
        P(cls, f"当事人{label}{form}，已核实。", n, note=fname, partial=8)
    for fname in ("plain", "chinese 〇", "newline 6/8/4", "daxie 壹贰", "circled", "bullet •", "comma ，"):
        P(cls, f"张某{forms[fname]}男，汉族", n, note=fname + " glued, no label", partial=8)
        P(cls, f"经查明{forms[fname]}", n, note=fname + " after 经查明", partial=8)

for n in IDS[:3]:
    P("id", f"ID{n}", n, note="glued to Latin ID", partial=8)
    P("id", f"No.{n}", n, note="after No.", partial=8)
    P("id", f"{n}号", n, note="followed by 号", partial=8)
    P("id", f"身份证{n}、{IDS[-1]}", n, IDS[-1], note="two IDs", partial=8)
    P("id", f"{n}/13812345678", n, "13812345678", note="ID/mobile", partial=8)
    P("id", f"身份证号码：{n[:6]} {n[6:14]} {n[14:]}（男）", n, note="6 8 4 with gender", partial=8)
    P("id", f"证号{n}1", n, note="19 digits (typo extra digit)", partial=8)
    P("id", f"身份证号{n[:17]}", n[:17], note="17 digits (check char dropped)", partial=8)
    P("id", f"身份证后六位{n[-6:]}及出生日期{n[6:14]}", n[6:14] + n[-6:], note="only parts")

OLD = ["110105900307123", "440106850101234", "320102771231456", "510104680615789"]
for n in OLD:
    for fname, form in {"plain": n, "spaced": groups(n, (6, 6), " "), "cn": tr(n, CNLOW), "dashes": groups(n, (6, 6), "-"),
                        "full": tr(n, FULLW), "newline": groups(n, (6, 6), "\n")}.items():
        P("id-old15", f"旧身份证号码{form}。", n, note=fname, partial=8)
        P("id-old15", f"当事人{form}。", n, note=fname + " unlabelled", partial=8)

# residence permits for HK/MO/TW residents: 18-digit IDs with 81/82/83 codes
for body in ("81000019900101123", "82000019851212456", "83000019790505789"):
    n = rid(body)
    P("id", f"港澳台居民居住证号码{n}", n, note="居住证 810000/820000/830000", partial=8)
    P("id", f"当事人（{groups(n, (6, 8), ' ')}）", n, note="居住证 unlabelled spaced", partial=8)

# ================================================================ 2. e-mails
LOCALS = ["zhang.san", "zhangsan88", "li_si-2020", "ZHANGSAN", "wang+shop", "12345678"]
DOMAINS = ["163.com", "qq.com", "vip.sina.com", "example.com.cn", "mail.gd.gov.cn", "gmail.com"]
EMAIL_FORMS = {
    "plain": "{l}@{d}",
    "upper": "{L}@{D}",
    "(at)": "{l}(at){d}",
    "[at]": "{l}[at]{d}",
    "（at）": "{l}（at）{d}",
    "at dot": "{l} at {dsp}",
    "AT DOT": "{L} AT {DSP}",
    "#": "{l}#{d}",
    "full-width": "{lf}＠{df}",
    "艾特 点": "{l}艾特{dcn}",
    "(艾特)": "{l}(艾特){d}",
    "@ with spaces": "{l} @ {d}",
    "[dot]": "{l}@{dbr}",
    "Chinese full stop 。": "{l}@{dcj}",
    "(@)": "{l}(@){d}",
    "[@]": "{l}[@]{d}",
    "「at」": "{l}「at」{d}",
    "_at_": "{l}_at_{d}",
    "(a)": "{l}(a){d}",
    "圈a": "{l}圈a{d}",
    "小老鼠": "{l}小老鼠{d}",
    "at sign 爱特": "{l}爱特{d}",
    "＃": "{l}＃{d}",
    "[.] defang": "{l}@{ddef}",
    "(.) defang": "{l}@{dpar}",
    "#dot#": "{l}#{dhash}",
    "@ 点 spaced": "{l} @ {dcnsp}",
    "at 点": "{l} at {dcn}",
    "＠ full only": "{l}＠{d}",
    "no TLD dot, 点com": "{l}@{dcn}",
    "at only-domain": "{l}@{dfirst}",
    "(at)(dot)": "{l}(at){dparen}",
    "AT (upper) #": "{L}#{D}",
    "﹫ small": "{l}﹫{d}",
    "@ + 。": "{l}＠{dcj}",
    "at with 在": "{l}在{d}",
}


def email_forms(l, d):
    return {k: v.format(l=l, L=l.upper(), d=d, D=d.upper(), dsp=d.replace(".", " dot "),
                        DSP=d.upper().replace(".", " DOT "), lf="".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in l),
                        df="".join(chr(ord(c) + 0xFEE0) if c.isalnum() or c == "." else c for c in d),
                        dcn=d.replace(".", "点"), dbr=d.replace(".", "[dot]"), dcj=d.replace(".", "。"),
                        ddef=d.replace(".", "[.]"), dpar=d.replace(".", "(.)"), dhash=d.replace(".", "#dot#"),
                        dcnsp=d.replace(".", " 点 "), dfirst=d.split(".")[0], dparen=d.replace(".", "(dot)"))
            for k, v in EMAIL_FORMS.items()}


CONTEXTS = ["当事人邮箱{e}，已联系。", "邮箱{e}联系", "电子邮箱：{e}", "通过{e}发送订单", "E-mail:{e}", "邮箱为{e}。",
            "联系人张某（{e}）", "发至{e}的邮件"]
for l in LOCALS:
    for d in DOMAINS[:4] if l != "12345678" else ("qq.com",):
        for fname, e in email_forms(l, d).items():
            ctx = random.choice(CONTEXTS)
            secret = l.split(".")[0].split("+")[0].split("_")[0]
            P("email", ctx.format(e=e), secret, note=fname)

# ================================================================ 3. QQ / WeChat
QQS = ["12345678", "387654321", "1234567890", "98765"]
WXIDS = ["wxid_abc123", "zhang_san-88", "abc12345", "Lisi2020", "wxid_9f8e7d6c5b"]
ACCOUNT_TEXTS = [
    "QQ号{q}", "QQ：{q}", "qq {q}", "扣扣：{q}", "企鹅号{q}", "QQ号码是{q}", "QQ号码：{q}", "QQ号码为{q}", "Q Q：{q}",
    "ＱＱ：{qf}", "QQ（{q}）", "QQ:“{q}”", "QQ「{q}」", "QQ【{q}】", "QQ、微信均为{q}", "QQ及微信号均为{q}",
    "通过QQ（号码{q}）联系", "QQ号：{qcn}", "QQ{qsp}", "加QQ好友{q}", "扣扣号码{q}", "QQ账号是{q}", "QQ/微信：{q}",
    "q{q}", "QQ号为：{q}", "QQ群成员{q}", "企鹅{q}", "Q号{q}", "QQ-{q}", "QQ # {q}", "QQ\n{q}", "QQ号：{q}（已注销）",
    "扣：{q}", "QQ号是 {q}。", "联系QQ {q}；", "QQ邮箱{q}@qq.com",
]
for q in QQS:
    for t in ACCOUNT_TEXTS:
        P("qq", "买家通过" + t.format(q=q, qf="".join(chr(ord(c) + 0xFEE0) for c in q), qcn=tr(q, CNLOW),
                                   qsp=groups(q, (3, 3), " ")) + "联系卖家。", q, note=t)
WX_TEXTS = [
    "微信号 {w}", "微信：{w}", "VX:{w}", "加微信{w}", "微 信 {w}", "微信号码：{w}", "微信号码为{w}", "微信号是“{w}”",
    "微信（{w}）", "V信{w}", "vx号：{w}", "WX：{w}", "wechat: {w}", "WeChat ID {w}", "微信ID：{w}", "威信{w}",
    "薇信：{w}", "微芯{w}", "徽信：{w}", "V：{w}", "v:{w}", "+V {w}", "加V{w}", "卫星{w}", "wei信{w}", "weixin:{w}",
    "微信名{w}", "微信昵称{w}", "微信【{w}】", "微信「{w}」", "微信号：\n{w}", "微信同号{w}", "微信/QQ：{w}",
    "vx：{w}", "V X：{w}", "ｖｘ：{wf}", "微信账号{w}", "微信帐号为{w}", "绿色软件{w}", "微x：{w}", "wx号{w}",
    "加v信：{w}", "私信微信{w}", "微信号码是：{w}",
]
for w in WXIDS:
    for t in WX_TEXTS:
        P("wechat", "当事人通过" + t.format(w=w, wf="".join(chr(ord(c) + 0xFEE0) if c.isalnum() else c for c in w))
          + "销售产品。", w, note=t)
P("wechat", "微信同手机号13812345678", "13812345678", note="微信同手机号")
P("wechat", "微信号：13812345678（同手机）", "13812345678", note="微信=手机")

# ================================================================ 4. HK / Macau / Taiwan
def hk(letters, digits):
    return f"{letters}{digits}({hk_check(letters, digits)})"


HKS = [hk("A", "123456"), hk("Z", "683365"), hk("K", "987654"), hk("AB", "123456"), hk("M", "204518"), hk("R", "555123")]


def tw(letter, first, rest7):
    for c in range(10):
        digits = first + rest7 + str(c)
        if taiwan_valid(letter, digits):
            return letter + digits


TWS = [tw("A", "1", "2345678"), tw("F", "2", "3110409"), tw("H", "1", "0928374"), tw("Q", "2", "6543210")]
MACAUS = ["1234567(8)", "5215299(8)", "7123456(1)"]
for h in HKS:
    bare = h.replace("(", "").replace(")", "")
    core = re.sub(r"\(.*", "", h)
    check = h[-2]
    digits = re.sub(r"\D", "", core)
    forms = {"plain": h, "fullwidth": "".join(chr(ord(c) + 0xFEE0) if c.isalnum() or c in "()" else c for c in h),
             "（）": h.replace("(", "（").replace(")", "）"), "no brackets": bare, "lower": h.lower(),
             "space after letter": core[:-6] + " " + core[-6:] + f"({check})", "[ ]": f"{core}[{check}]",
             "【】": f"{core}【{check}】", "dash check": f"{core}-{check}", "spaced digits": core[:-6] + " " + groups(core[-6:], (3,), " ") + f"({check})",
             "space before (": f"{core} ({check})"}
    for fname, form in forms.items():
        P("hk", f"当事人持香港居民身份证{form}入境。", digits, note=fname + " (香港居民身份证)")
        P("hk", f"当事人（香港居民，证件号码{form}）", digits, note=fname + " (证件号码)")
        P("hk", f"当事人陈某{form}。", digits, note=fname + " unlabelled")
for m in MACAUS:
    core, check = m[:7], m[8]
    forms = {"plain": m, "slashes 1/234567/8": f"{core[0]}/{core[1:]}/{check}", "no brackets": core + check,
             "（）": f"{core}（{check}）", "full": "".join(chr(ord(c) + 0xFEE0) if c.isalnum() or c in "()" else c for c in m)}
    for fname, form in forms.items():
        P("macau", f"当事人持澳门居民身份证{form}。", core, note=fname + " (澳门居民身份证)")
        P("macau", f"当事人（澳门居民，{form}）", core, note=fname + " unlabelled")
for t in TWS:
    forms = {"plain": t, "lower": t.lower(), "space": t[0] + " " + t[1:], "full": "".join(chr(ord(c) + 0xFEE0) for c in t),
             "dash": t[0] + "-" + t[1:], "spaced 1-3-3-3": t[0] + " " + groups(t[1:], (3, 3, 3), " ")}
    for fname, form in forms.items():
        P("taiwan", f"台湾居民身份证{form}。", t[1:], note=fname + " (台湾居民身份证)")
        P("taiwan", f"当事人（台湾居民）{form}，", t[1:], note=fname + " unlabelled")
        P("taiwan", f"身分證字號{form}", t[1:], note=fname + " (身分證字號)")
PERMITS = [
    ("港澳通行证C12345678", "12345678"), ("港澳通行证：C 1234 5678", "12345678"), ("往来港澳通行证号码：CA1234567", "1234567"),
    ("港澳通行证号码为c12345678", "12345678"), ("持港澳通行证（C12345678）", "12345678"), ("港澳通行证“C12345678”", "12345678"),
    ("台胞证12345678", "12345678"), ("台胞证号：1234567801", "1234567801"), ("台胞证号码：12345678(B)", "12345678"),
    ("台湾居民来往大陆通行证12345678", "12345678"), ("回乡证H1234567801", "1234567801"), ("回乡证号码H12345678(01)", "12345678"),
    ("回乡证：M 1234 5678 01", "1234567801"), ("港澳居民来往内地通行证H12345678", "12345678"),
    ("护照号码E12345678", "12345678"), ("护照：EA1234567", "1234567"), ("Passport No. E12345678", "12345678"),
    ("护照号码：e12345678", "12345678"), ("护照（E12345678）", "12345678"), ("持美国护照 567890123", "567890123"),
    ("港澳台居民居住证", ""), ("回鄉證H12345678", "12345678"), ("台胞證號碼12345678", "12345678"),
    ("通行证号C12345678，", "12345678"), ("证件号码C12345678", "12345678"), ("证件号码：H1234567801", "1234567801"),
    ("当事人（持C12345678号港澳通行证）", "12345678"), ("台胞证号码\n12345678", "12345678"),
    ("护照号码E 1234 5678", "12345678"), ("港澳通行证号码 CA1234567（有效期至2030年）", "1234567"),
    ("持澳门居民身份证1234567(8)、香港身份证" + HKS[0], "1234567"),
]
for text, secret in PERMITS:
    if secret:
        P("permit", text, secret, note="permit")

# ================================================================ 5. names after role words
ROLES_OK = ["法定代表人", "经营者：", "负责人系", "员工", "店长", "法人代表", "个体工商户业主", "其妻", "经理", "老板",
            "委托代理人", "实际经营者", "店主", "销售员", "消费者", "投诉人", "举报人", "股东", "负责人（"]
ROLES_MAYBE = ["董事长", "执行董事", "监事", "总监", "主任", "站长", "主播", "带货主播", "执业药师", "药师", "医生", "厨师",
               "服务员", "快递员", "外卖员", "合伙人", "执行事务合伙人", "投资人", "承包人", "实际经营人", "摊主", "经营户",
               "责任人", "直接责任人", "配偶", "丈夫", "妻子", "儿子", "女儿", "朋友", "同事", "学生", "客户", "行为人",
               "嫌疑人", "现场负责人", "质量负责人", "见证人", "在场人", "被检查人", "陪同人员", "技术负责人", "网店店主",
               "个体工商户经营者", "个体户", "现任法定代表人", "原法定代表人", "法定代表人兼总经理", "法定代表人、执行董事",
               "当事人系", "当事人", "户主", "消费者", "保洁员", "维修工", "师傅"]
NAMES_CN = ["张三", "王小明", "欧阳娜娜", "欧阳娜娜娜", "司马青云", "李四", "刘德华", "陈李美玲", "李春和", "陈永为",
            "黄玉均", "王自强", "张·三", "何以", "向东", "于和平", "和平", "武则天"]
SUFFIXES = ["称不知情。", "未到场。", "在店内销售。", "（身份证号略）", "，", "表示配合。", "销售了该批产品。"]
for role in ROLES_OK:
    for nm in NAMES_CN:
        N("name-role", role, nm, random.choice(SUFFIXES))
for role in ROLES_MAYBE:
    for nm in ("张三", "王小明", "欧阳娜娜"):
        N("name-role(missing role words)", role, nm, "称不知情。")
# scripts, dots, spacing
FORMS = ["阿依古丽·吐尔逊", "买买提·艾力", "阿依古丽•吐尔逊", "阿依古丽.吐尔逊", "阿依古丽・吐尔逊", "买买提艾力",
         "热依拉·买买提", "古丽", "John Smith", "ZHANG San", "Zhang San", "Zhang Sanfeng", "J. Smith", "Smith",
         "司 马 青 云", "李 四", "张  三", "欧 阳 娜 娜", "王·小明", "张-三", "扎西多吉", "尼玛次仁", "达娃卓玛",
         "爱新觉罗·启星", "诸葛亮", "欧阳修", "上官婉儿", "金喜善", "阮氏香", "NGUYEN VAN A", "Tanaka Taro",
         "陈 大 文", "張三豐", "陳大文", "歐陽娜娜"]
for role in ("法定代表人", "经营者：", "负责人系", "员工", "店长", "个体工商户业主", "其妻", "法人代表", "经营者"):
    for nm in FORMS:
        N("name-form", role, nm, "未到场。")
# lists
N("name-list", "员工张三、李四和", "王五", "均称不知情。")
N("name-list", "员工张三、李四、", "欧阳娜娜", "均称不知情。")
N("name-list", "店员张三及", "阿依古丽·吐尔逊", "在场。")
N("name-list", "店员张三、", "John Smith", "在场。")
N("name-list", "股东王强与", "李 四", "签字。")
N("name-list", "经理张三，会计", "李四", "，出纳王五。")
N("name-list", "法定代表人", "张三", "及其妻李四到场。")
N("name-list", "法定代表人张三及其妻", "李四", "到场。")
N("name-list", "法定代表人张三的儿子", "张小明", "到场。")
N("name-list", "法定代表人：", "张三", "；股东：李四、王五。")
# quoting/bracketing after role
for role, (l, r) in [("法定代表人", ("“", "”")), ("法定代表人", ("【", "】")), ("负责人", ("「", "」")), ("经理", ("[", "]")),
                     ("法定代表人：", ("(", ")")), ("法定代表人", ("（", "）")), ("经营者", ("《", "》")), ("员工", ("'", "'"))]:
    for nm in ("张三", "王小明"):
        PROBES.append(Probe("name-quoted", f"{role}{l}{nm}{r}未到场。", (nm,), name=nm))
# "当事人某某"
for nm in ("王五", "张小明", "欧阳娜娜", "阿依古丽·吐尔逊"):
    N("name-当事人 (not a role)", "当事人", nm, "在路边摆摊销售。", note="当事人 is not a role word")
    N("name-当事人 (not a role)", "当事人", nm, "在路边摆摊销售。", names={nm}, note="当事人 + known name")
    N("name-当事人 (not a role)", "当事人系", nm, "。")
    N("name-当事人 (not a role)", "当事人：", nm, "，男，")
    N("name-当事人 (not a role)", "当事人（", nm, "）")
    N("name-当事人 (not a role)", "当事人", nm, "，男，1980年出生")
# known names (the NameIndex): raw forms vs. the view
KNOWN = [("阿依古丽·吐尔逊", "阿依古丽·吐尔逊"), ("阿依古丽·吐尔逊", "阿依古丽.吐尔逊"), ("阿依古丽.吐尔逊", "阿依古丽.吐尔逊"),
         ("张三", "张三"), ("張三豐", "張三豐"), ("張三豐", "张三丰"), ("张三丰", "張三豐"), ("陳大文", "陳大文"),
         ("John Smith", "John Smith"), ("John Smith", "JOHN SMITH"), ("John Smith", "John  Smith"),
         ("司马青云", "司 马 青 云"), ("欧阳娜娜娜", "欧阳娜娜娜"), ("ＺＨＡＮＧ", "ZHANG"), ("Ｊｏｈｎ Ｓｍｉｔｈ", "Ｊｏｈｎ Ｓｍｉｔｈ"),
         ("买买提·艾力", "买买提·艾力"), ("张 三", "张 三"), ("王小明", "王 小 明")]
for known, written in KNOWN:
    PROBES.append(Probe("name-known (NameIndex)", f"经查，{written}在店内销售不合格灭火器。", (re.sub(r"\s", "", written),),
                        names=frozenset({known}), name=written, note=f"names={{{known}}}"))

# ================================================================ 6. innocent look-alikes
def credit(body17):
    return body17 + uscc_check_char(body17)


CREDITS = [credit("91440101MA5ABCDE1"), credit("92440300MA5F2K123"), credit("91110000100012345"),
           credit("91310115123456789"), credit("52440300MJL123456"), credit("12440000455859123"),
           credit("91440101199003071"), credit("93440101MA5ABCDE1")]
INNOCENT = [
    "产品不符合GB 4351.1-2005《手提式灭火器 第1部分》的要求。", "依据GB/T 19001-2016标准。", "GB 4706.1—2005、GB 4706.15-2008",
    "GB 17625.1-2012", "GB 21551.2-2010", "SN/T 0123.4-2010", "GB/T 2828.1-2012", "YY/T 0287-2017 idt ISO 13485:2016",
    "GB 31241-2014", "Q/ABC 001-2020", "GB4943.1-2022", "GB 5009.3-2016第一法",
    "型号MFZ/ABC4-Ⅱ", "型号MFZ/ABC4", "型号XDB-3000-12，额定电压220V", "型号WX2008A", "型号WX-2008", "规格型号：VX100",
    "型号：QQ-3000", "型号Vx12345", "型号LINE 20000", "LED灯具，USB接口，GB标准，CCC认证，ISO体系",
    "3C证书编号2020010903123456", "CCC证书编号：2021011606123456", "证书编号 2020 0109 0312 3456",
    "批号20260305", "批号：2026030501", "生产批号0320250305", "出厂编号20250301001", "批号：0123456789",
    "条码6901234567892", "条形码 6 901234 567892", "ISBN 978-7-111-12345-6",
    "罚款人民币130000元", "罚款1,300,000.00 元", "没收违法所得12345678.90元", "货值金额1234567890元",
    "2026年3月5日", "20260305", "2026-03-05 14:30:00", "2026.03.05-2026.06.30", "20260305至20260630",
    "20260305-20260630", "检查时间：202603051430", "有效期2024.03.05-2029.03.04",
    "示例市监处罚〔2026〕11号", "示例市监处罚[2026]第0012号", "示例市监检查〔2026〕0305001号",
    "拨打12315投诉", "12345热线", "火警96119", "客服热线400-800-1234", "服务热线：400 800 1234", "电话：4008001234",
    "服务电话：95105888", "客服电话10105858", "电话：800-820-8820", "投诉电话12315、12345", "热线95598",
    "当事人位于张华路", "王府井大街", "宁波市高新区", "马鞍山市", "于都县", "文明路12", "周口市川汇区",
    "于是当事人停止销售", "灭火器高度不符合要求", "周边商户", "金额共计3万元", "万元以下罚款", "安全员培训记录",
    "马路边摆摊", "人民路1号示例市市场监督管理局",
    "发票代码044031900111，发票号码01234567", "电表号0123456789", "报告编号：No.0123456789",
    "快递单号773012345678901", "订单号1234567890123456789", "订单号2503051234567890", "淘宝订单号3456789012345678901",
    "注册号440301000123456", "注册号：440301103456789", "营业执照注册号320102000234567", "组织机构代码12345678-9",
    "食品经营许可证JY14401010012345", "许可证编号XK16-204-01234",
    "其营业执照（证件号码：91440101MA5ABCDE1X）", "证件号码：" + CREDITS[0],
    "经营者向消费者提供商品", "消费者向本局投诉", "举报人向我局反映", "消费者向当事人购买",
    "公民、法人和其他组织", "法人和非法人组织", "经营者和消费者", "员工和顾客", "经理和会计均在场", "消费者和其他受害人",
    "消费者于当日购买", "投诉人于近日", "经营者于店内销售", "员工戴口罩", "顾客储值卡", "业主方提供", "法人章和公章",
    "当事人系钟表店", "名为金凤凰的商店", "经营者尤其", "员工时常", "员工曾经", "消费者支付了货款",
    "户名：华为技术有限公司", "收款人：王府井百货", "股东会决议", "会计凭证", "员工宿舍", "店长助理",
    "经营者应当向消费者出具发票", "消费者向经营者要求赔偿", "由经营者承担", "经营者明知", "负责人高度重视",
    "员工包括", "经营者尚未", "负责人全面负责", "经理室", "消费者权益", "个体工商户营业执照", "业主委员会",
    "居民身份证", "法人资格", "司机车辆", "店员向执法人员出示", "当事人系单位负责人", "当事人系农民",
    "经营者于2026年3月5日", "投诉人于2026年3月5日向本局投诉", "消费者于网上购买", "举报人于同日",
    "经理张三及时整改", "关注微信12315", "微信公众号12315", "通过微信支付12800元", "微信转账5000元",
    "QQ群123456", "抖音2025年", "支付宝（中国）网络技术有限公司", "Hotel 8801234", "Intel 12345678",
    "经营者康某", "当事人于2026年", "当事人经营的康师傅面", "买卖合同", "消费者买买提", "消费者王某某",
    "经营者以次充好", "经营者将不合格产品", "员工高温作业", "经营者安全意识淡薄",
]
for c in CREDITS:
    INNOCENT += [f"统一社会信用代码{c}", f"统一社会信用代码：{c.lower()}", f"信用代码{c[:6]} {c[6:]}"]
for t in INNOCENT:
    I("innocent", t)
# known-name innocents
for t, nm in [("当事人位于张华路的仓库", "张华"), ("该产品属于强制性产品", "于强"), ("佛山市高明区", "高明"),
              ("张华电器有限公司", "张华"), ("文明城市创建", "文明"), ("高明的手段", "高明"), ("王府井大街", "王府"),
              ("马路边", "马路"), ("金额共计", "金额"), ("周边商户", "周边"), ("于是停止销售", "于是"),
              ("李宁体育用品有限公司", "李宁"), ("张华区", "张华"), ("高度重视", "高度"), ("安全员培训", "安全")]:
    I("innocent-known-name", t, names={nm})


# ================================================================ run
def region_leak(p: Probe, out: str) -> str | None:
    """For a name probe: 'LEAK' if the name survives, 'PARTIAL' if given-name characters survive next to a mask."""
    compact = fold(p.name)
    fo = fold(out)
    if compact and compact in fo:
        return "LEAK"
    # any latin word of the name or any 2-gram of the name's CJK characters after the surname
    words = [w for w in re.split(r"[\s·•.・\-]+", p.name) if w]
    latin = [w for w in words if w.isascii() and len(w) >= 2]
    if any(w.lower() in out.lower() for w in latin[1:] + latin[:1] if w):
        return "LEAK"
    cjk = re.sub(r"[^\u4e00-\u9fff]", "", p.name)
    for part in words:
        part_cjk = re.sub(r"[^\u4e00-\u9fff]", "", part)
        if len(part_cjk) >= 2 and part_cjk[1:] and part_cjk in out.replace(" ", ""):
            return "LEAK"
    # partial: the mask is followed by given-name characters
    for k in range(1, len(cjk)):
        tail = cjk[k:]
        if len(tail) >= 1 and ("*" + tail) in out.replace(" ", ""):
            return "PARTIAL"
    return None


def run():
    results = []
    for p in PROBES:
        out = mask(p.text, p.names)
        verdict = "ok"
        if p.innocent:
            if out != intake(p.text):
                verdict = "OVER-MASK"
        elif p.name:
            verdict = region_leak(p, out) or "ok"
        else:
            for s in p.secrets:
                if fold(s) in fold(out):
                    verdict = "LEAK"
            if verdict == "ok" and p.digits_partial:
                for s in p.secrets:
                    if longest_common_digits(s, out) >= p.digits_partial:
                        verdict = "PARTIAL"
        results.append({"cls": p.cls, "text": p.text, "out": out, "verdict": verdict, "note": p.note,
                        "names": sorted(p.names)})
    return results


if __name__ == "__main__":
    res = run()
    if len(sys.argv) > 1:
        with open(sys.argv[1], "w", encoding="utf-8") as out:
            json.dump(res, out, ensure_ascii=False, indent=1)
    per = defaultdict(Counter)
    for r in res:
        per[r["cls"]][r["verdict"]] += 1
        per[r["cls"]]["total"] += 1
    for cls, c in per.items():
        print(f"{cls:40s} {dict(c)}")
    print("total", len(res), "failing", sum(r["verdict"] != "ok" for r in res))
