"""A corpus for the personal-data scanner: planted identifiers in every disguise class of the issue, and
innocent look-alikes that must come out exactly as written. `measure()` counts, per class, what was planted
and leaked, and what was innocent and changed; tests/test_redaction_corpus.py requires 0 and 0, and
bench/redaction_report.py prints the table.

Every item is written for this corpus; none is real. Texts read like the facts clerks write.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.core.identifiers import id_check_char, uscc_check_char


def resident_id(body17: str) -> str:
    return body17 + id_check_char(body17)


def credit_code(body17: str) -> str:
    return body17 + uscc_check_char(body17)


ID1 = resident_id("11010519900307123")
ID2 = resident_id("44030419851224301")
ID_X = next(resident_id(f"320102198807150{n:02d}") for n in range(100) if id_check_char(f"320102198807150{n:02d}") == "X")
ID_OLD = "110105900307123"  # 15 digits, born 1990-03-07
MOBILE = "13812345678"
MOBILE2 = "15987654321"
CARD = "6222021234567890123"  # UnionPay, 19 digits
CARD16 = "6225880123456789"
CN = dict(zip("0123456789", "〇一二三四五六七八九"))
FULL = {c: chr(ord(c) + 0xFEE0) for c in "0123456789Xx@.-"}


def chinese(digits: str, one: str = "一") -> str:
    return "".join(CN[d] if d != "1" else one for d in digits)


def spaced(text: str, sep: str, every: int = 1) -> str:
    return sep.join(text[i:i + every] for i in range(0, len(text), every))


def full_width(text: str) -> str:
    return "".join(FULL.get(c, c) for c in text)


@dataclass(frozen=True)
class Planted:
    text: str
    secrets: tuple[str, ...]  # what must not survive, compared after normalising digits and spaces
    names: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Innocent:
    text: str
    names: frozenset[str] = frozenset()


def _numbers() -> list[Planted]:
    items = []
    for number in (ID1, ID_X, MOBILE, CARD):
        for sep in (" ", "-", ".", "/", "\u200b", "\u2060", "\u00a0", " - ", "\u3000"):
            items.append(Planted(f"当事人留下的号码为{spaced(number, sep, 4)}，已核实。", (number,)))
        items.append(Planted(f"当事人留下的号码为{spaced(number, chr(0x200c), 1)}。", (number,)))
        items.append(Planted(f"号码{full_width(number)}已停用。", (number,)))
    items += [
        Planted(f"手机{chinese(MOBILE)}。", (MOBILE,)),
        Planted(f"手机{chinese(MOBILE, '幺')}。", (MOBILE,)),
        Planted(f"证件号{chinese(ID1[:17])}{ID1[17]}，", (ID1,)),
        Planted(f"身份证号{ID_X.lower()}，", (ID_X,)),
        Planted(f"身份证号{spaced(ID_X.lower(), ' ', 6)}，", (ID_X,)),
        Planted(f"旧身份证{ID_OLD}。", (ID_OLD,)),
        Planted(f"手机+86 {MOBILE}，", (MOBILE,)),
        Planted(f"手机+86-{MOBILE[:3]}-{MOBILE[3:7]}-{MOBILE[7:]}，", (MOBILE,)),
        Planted(f"电话0086{MOBILE}，", (MOBILE,)),
        Planted(f"电话0086 {spaced(MOBILE, ' ', 4)}，", (MOBILE,)),
        Planted(f"联系{MOBILE[:3]}一{chinese(MOBILE[4:8])}{MOBILE[8:]}。", (MOBILE,)),
        Planted("座机0755-83451234转801。", ("83451234",)),
        Planted("座机(0755)83451234。", ("83451234",)),
        Planted("座机（０２０）８７６５４３２１。", ("87654321",)),
        Planted("固话010 6234 5678。", ("62345678",)),
        Planted("电话 021-6234-5678 或 021 62345679。", ("62345678", "62345679")),
        Planted("电话+86 10 6234 5678。", ("62345678",)),
        Planted("另一号码0571—87654321。", ("87654321",)),
        Planted(f"两个号码{MOBILE}/{MOBILE2}均已停机。", (MOBILE, MOBILE2)),
        Planted(f"号码{MOBILE}-{MOBILE2}。", (MOBILE, MOBILE2)),
        Planted(f"2025年3月5日联系{MOBILE}未接通。", (MOBILE,)),
        Planted(f"于2025-03-05 {MOBILE}致电。", (MOBILE,)),
        Planted(f"卡号{spaced(CARD16, ' ', 4)}。", (CARD16,)),
        Planted(f"转入{spaced(CARD16, '-', 4)}账户。", (CARD16,)),
    ]
    return items


def _emails() -> list[Planted]:
    local, domain = "zhang.san88", "example"
    forms = ["{l}@{d}.com", "{l} @ {d} . com", "{l}(at){d}(dot)com", "{l}[at]{d}[dot]com", "{l}（at）{d}．com",
             "{l}【at】{d}.cn", "{l}艾特{d}.com", "{l}#{d}.com", "{l} at {d} dot com", "{l} AT {d} DOT cn",
             "{l}＠{d}．ｃｏｍ", "{l}(艾特){d}点com", "{l}@{d}.com.cn", "{l}{{at}}{d}.net"]
    return [Planted(f"当事人邮箱{f.format(l=local, d=domain)}，已联系。", (local,)) for f in forms] + [
        Planted(f"请发送至 {f.format(l='li_si', d='mail163')}。", ("li_si",)) for f in forms[:6]]


def _accounts() -> list[Planted]:
    items = []
    for label in ("QQ", "QQ号", "qq", "扣扣", "企鹅号", "微信", "微信号", "威信", "V信", "vx", "WeChat", "wx",
                  "支付宝", "支付宝账号", "抖音号"):
        for value in ("387654321", "zhangsan_1988", "wxid_9f8e7d6c"):
            for sep in ("", "：", ":", " ", "为", "号："):
                items.append(Planted(f"买家通过{label}{sep}{value}联系卖家。", (value,)))
    items.append(Planted(f"支付宝账号{MOBILE}，", (MOBILE,)))
    items.append(Planted("支付宝 lisi@example.com 收款", ("lisi",)))
    return items


def _permits() -> list[Planted]:
    hk = "A123456(3)"
    return [
        Planted(f"香港居民身份证{hk}。", ("123456",)),
        Planted(f"持{hk}入境。", ("123456",)),
        Planted("香港身份证：Z683365(5)", ("683365",)),
        Planted("澳门居民身份证1234567(8)。", ("1234567",)),
        Planted("台湾居民身份证A123456789。", ("123456789",)),
        Planted("身份证号码F131104093，", ("131104093",)),
        Planted("港澳通行证C12345678，", ("12345678",)),
        Planted("往来港澳通行证号码：CA1234567。", ("1234567",)),
        Planted("回乡证H12345678，", ("12345678",)),
        Planted("台胞证 12345678，", ("12345678",)),
        Planted("台湾通行证T12345678。", ("12345678",)),
        Planted("护照号码E12345678。", ("12345678",)),
        Planted("护照：EA1234567", ("1234567",)),
        Planted("护照号 G87654321，", ("87654321",)),
        Planted(f"银行卡号：{spaced(CARD, ' ', 4)}。", (CARD,)),
        Planted(f"收款账户{spaced(CARD, '-', 4)}。", (CARD,)),
        Planted("对公账户 3100 2120 1000 0123 456，", ("31002120100000123456",)),
    ]


def _addresses() -> list[Planted]:
    return [
        Planted("当事人住示例市示例区人民路88号3栋2单元501室。", ("88号", "501室")),
        Planted("住址：示例省示例市示例县城关镇解放街12号。", ("12号",)),
        Planted("经营场所位于示例区建设大道一百二十八号。", ("一百二十八号",)),
        Planted("住示例区幸福小区5栋1单元302室。", ("5栋", "302室")),
        Planted("家住示例县示例镇大王村3组15号。", ("3组", "15号")),
        Planted("家住示例乡李家庄七组。", ("七组",)),
        Planted("住在示例区和平路18号院2号楼3单元201。", ("18号", "201")),
        Planted("现住示例市东风路28-3号。", ("28-3号",)),
        Planted("现住 示例市 胜利街 9 号 2 栋。", ("9 号",)),
        Planted("住示例区花园新村12幢3单元。", ("12幢",)),
        Planted("住所：示例市西关巷6号。", ("6号",)),
        Planted("住3号楼2单元401室。", ("401室",)),
        Planted("住示例市中山路100弄5号。", ("100弄", "5号")),
    ]


def _names() -> list[Planted]:
    items = [
        Planted("经理张伟称不知情。", ("张伟",)), Planted("店长李娜未到场。", ("李娜",)),
        Planted("法人代表王强签字。", ("王强",)), Planted("厂长刘洋承认销售。", ("刘洋",)),
        Planted("老板陈静表示整改。", ("陈静",)), Planted("会计杨帆提供了账簿。", ("杨帆",)),
        Planted("委托代理人赵磊到场。", ("赵磊",)), Planted("负责人黄敏拒绝签字。", ("黄敏",)),
        Planted("经营者周杰销售了该批产品。", ("周杰",)), Planted("法定代表人（吴刚）未到场。", ("吴刚",)),
        Planted("法定代表人(徐丽)未到场。", ("徐丽",)), Planted("姓名：孙浩，性别男。", ("孙浩",)),
        Planted("经查，负责人系马超。", ("马超",)), Planted("当事人系朱明经营的店铺。", ("朱明",)),
        Planted("店员胡斌、郭敏和何军均称不知情。", ("胡斌", "郭敏", "何军")),
        Planted("股东林峰、罗杰及梁静参与经营。", ("林峰", "罗杰", "梁静")),
        Planted("法定代表人欧阳明华未到场。", ("欧阳明华",)), Planted("法 定 代 表 人 宋 江 到场。", ("宋江",)),
        Planted("负责人唐晓东表示配合。", ("唐晓东",)), Planted("经理许文博确认了事实。", ("许文博",)),
    ]
    # the party's own name and names known from the data, wherever they stand as names
    known = frozenset({"于强", "韩梅梅", "高明"})
    items += [
        Planted("于强销售了不合格灭火器。", ("于强",), known),
        Planted("经查，当事人于强在店内销售。", ("于强",), known),
        Planted("韩梅梅、于强均已到场。", ("韩梅梅", "于强"), known),
        Planted("执法人员向高明送达了告知书。", ("高明",), known),
        Planted("示例区于强五金店销售不合格灭火器。", ("于强",), known),
    ]
    return items


DAXIE = dict(zip("0123456789", "零壹贰叁肆伍陆柒捌玖"))
CIRCLED = dict(zip("0123456789", "⓪①②③④⑤⑥⑦⑧⑨"))


def _split_and_spelt() -> list[Planted]:
    """Numbers split the way clerks split them in a cell (line breaks, 、 and ，) or spelt in 大写 or circled
    digits, with the check character written as ×."""
    items = []
    for number in (ID1, ID2, MOBILE):
        for sep in ("\n", "，", "、", "•", "|", "：", "\r\n"):
            items.append(Planted(f"当事人证件号码为{spaced(number, sep, 6)}，已核实。", (number,)))
            items.append(Planted(f"经查，其号码{spaced(number, sep, 6)}无误。", (number,)))
    items += [
        Planted(f"身份证号码{''.join(DAXIE[c] for c in ID1)}。", (ID1,)),
        Planted(f"当事人{''.join(CIRCLED[c] for c in ID1)}，男。", (ID1,)),
        Planted(f"身份证号码{ID_X[:17]}×，", (ID_X,)),
        Planted(f"当事人{ID_X[:17]}Х（西里尔字母），", (ID_X,)),
        Planted(f"身分證號碼{ID1}，", (ID1,)),
        Planted(f"号码{chinese(MOBILE).replace('二', '两')}，", (MOBILE,)),
        Planted(f"身份证{ID1}、{ID_X}（两人）。", (ID1, ID_X)),
        Planted(f"手机{MOBILE}，身份证{ID2}，卡号{CARD}-x。", (MOBILE, ID2, CARD)),
        Planted("卡号6200000000000000000-x。", ("6200000000000000000",)),
    ]
    return items


def _evasive_accounts() -> list[Planted]:
    return [
        Planted("联系人（zhang.san@163。com）", ("zhang.san",)),
        Planted("邮箱为zhang.san(@)163.com。", ("zhang.san",)),
        Planted("邮箱为zhang.san[@]163.com。", ("zhang.san",)),
        Planted("邮件发至zhang.san@163的邮箱", ("zhang.san",)),
        Planted("邮箱zhang.san@163[.]com联系", ("zhang.san",)),
        Planted("邮箱为zhang.san_at_163.com。", ("zhang.san",)),
        Planted("电子邮箱：zhang.san#qq#dot#com", ("zhang.san",)),
        Planted("发至li_si-2020_at_163.com的邮件", ("li_si-2020",)),
        Planted("发至zhangsan88#vip#dot#sina#dot#com的邮件", ("zhangsan88",)),
        Planted("当事人身份证号码是32l303200209080695，已核实。", ("32l303200209080695",)),  # l for 1
        Planted("当事人其身份证号码37O7262OO412193454，已核实。", ("37O7262OO412193454",)),  # O for 0
        Planted("买家通过QQ号码：12345678联系卖家。", ("12345678",)),
        Planted("买家通过扣：12345678联系卖家。", ("12345678",)),
        Planted("当事人通过卫星wxid_abc123销售产品。", ("wxid_abc123",)),
        Planted("当事人通过绿色软件zhang_san-88销售产品。", ("zhang_san-88",)),
        Planted("当事人通过加v信：abc12345销售产品。", ("abc12345",)),
        Planted("买家通过QQ号码为387654321联系卖家。", ("387654321",)),
        Planted("当事人通过微信号码：wxid_abc123销售。", ("wxid_abc123",)),
        Planted("当事人通过微信号是“zhang_san88”销售。", ("zhang_san88",)),
        Planted("买家通过QQ号为：12345678联系卖家。", ("12345678",)),
        Planted("微信：\nwxid_abc123", ("wxid_abc123",)),
        Planted("买家通过QQ、微信均为387654321联系卖家。", ("387654321",)),
        Planted("当事人通过加Vwxid_abc123销售产品。", ("wxid_abc123",)),
        Planted("当事人持香港居民身份证A1234563入境。", ("1234563",)),
        Planted("当事人持香港居民身份证a123456(3)入境。", ("123456",)),
        Planted("香港居民，证件号码A 123 456(3)", ("123456",)),
        Planted("香港身份证A123456[3]", ("123456",)),
        Planted("台湾居民身份证a123456789。", ("123456789",)),
        Planted("身分證字號A 123456789", ("123456789",)),
        Planted("当事人（澳门居民，1/234567/8）", ("1234567",)),
        Planted("证件号码C12345678", ("12345678",)),
        Planted("证件号码：H1234567801", ("1234567801",)),
        Planted("护照号码E 1234 5678", ("12345678",)),
    ]


def _names_any_script() -> list[Planted]:
    items = [
        Planted("法定代表人阿依古丽·吐尔逊未到场。", ("阿依古丽",)),
        Planted("经营者：买买提•艾力在店内销售。", ("买买提",)),
        Planted("法定代表人扎西多吉未到场。", ("扎西多吉",)),
        Planted("经营者：买买提艾力在店内销售。", ("买买提",)),
        Planted("负责人尼玛次仁（身份证号略）", ("尼玛次仁",)),
        Planted("员工John Smith未到场。", ("John", "Smith")),
        Planted("店员张三及阿依古丽·吐尔逊在场。", ("张三", "阿依古丽")),
        Planted("法定代表人欧阳娜娜娜，", ("欧阳娜娜娜",)),
        Planted("员工陈李美玲在店内销售。", ("陈李美玲",)),
        Planted("经理李春和称不知情。", ("李春和",)),
        Planted("店主陈永为未到场。", ("陈永为",)),
        Planted("法定代表人“张三”未到场。", ("张三",)),
        Planted("负责人「王小明」拒绝签字。", ("王小明",)),
        Planted("董事长赵大伟称不知情。", ("赵大伟",)),
        Planted("主播刘小美在直播间销售。", ("刘小美",)),
        Planted("执行事务合伙人孙建国签字。", ("孙建国",)),
        Planted("其配偶周丽华到场。", ("周丽华",)),
        Planted("当事人王五在路边摆摊销售。", ("王五",)),
        Planted("当事人张小明称不知情。", ("张小明",)),
    ]
    known = frozenset({"阿依古丽·吐尔逊", "司马青云", "陳大文", "John Smith", "欧阳娜娜娜"})
    items += [
        Planted("经查，阿依古丽吐尔逊在店内销售。", ("阿依古丽",), known),
        Planted("经查，阿依古丽 . 吐尔逊在店内销售。", ("阿依古丽",), known),
        Planted("司 马 青 云在店内销售不合格灭火器。", ("司马青云",), known),
        Planted("该公司从陈大文处购进涉案产品。", ("陈大文",), known),
        Planted("JOHN SMITH signed the record.", ("JOHN", "SMITH"), known),
        Planted("示例区欧阳娜娜娜五金店销售不合格灭火器。", ("欧阳娜娜娜",), known),
    ]
    return items


TRADITIONAL = str.maketrans("电话手机联系号码经理负责张陈刘杨赵黄吴孙马罗郑梁谢宋许韩冯邓曹萧叶苏",
                            "電話手機聯繫號碼經理負責張陳劉楊趙黃吳孫馬羅鄭梁謝宋許韓馮鄧曹蕭葉蘇")


def _traditional() -> list[Planted]:
    items = []
    for p in _names()[:12] + _numbers()[-10:] + _accounts()[:6]:
        text = p.text.translate(TRADITIONAL)
        if text != p.text:
            items.append(Planted(text, tuple(s.translate(TRADITIONAL) for s in p.secrets), p.names))
    items += [
        Planted(f"聯繫電話：{spaced(MOBILE, ' ', 4)}。", (MOBILE,)),
        Planted(f"身分證號碼{ID2}。", (ID2,)),
        Planted("負責人張三豐到場。", ("張三豐",)),
        Planted("地址：示例市人民路８８號３樓。", ("８８號",)),
    ]
    return items


PLANTED = {
    "numbers split, widened or in Chinese digits": _numbers(),
    "e-mail addresses written to evade filters": _emails(),
    "QQ, WeChat, Alipay and other accounts after labels": _accounts(),
    "HK, Macau, Taiwan IDs, permits, passports, bank cards": _permits(),
    "home addresses": _addresses(),
    "names after role words, lists, known names": _names(),
    "traditional characters and spaced variants": _traditional(),
    "numbers split across lines, 、 or ，, 大写 and circled digits": _split_and_spelt(),
    "evasive e-mails, QQ/WeChat labels, HK/MO/TW forms": _evasive_accounts(),
    "names in any script, spelling or quotes": _names_any_script(),
}

USCC_ALL_DIGITS = credit_code("91310115123456789")
INNOCENT = {
    "standards, models, certificates, barcodes": [
        Innocent("产品不符合 GB 4351-2005《手提式灭火器》的要求。"),
        Innocent("依据GB/T 19001-2016/ISO 9001:2015和GB 4351.1-2005。"),
        Innocent("型号MFZ/ABC4，出厂编号20250301001，CCC证书编号2021011606123456。"),
        Innocent("条码6901234567892，批号2025030501。"),
        Innocent("认证证书号CCCF-2020-123456，许可证号XK16-204-01234。"),
        Innocent("检验报告编号WT2025-0312-0456，抽样单编号No.20250312001。"),
        Innocent("型号XDB-3000-12，额定电压220V，功率1800W。"),
        Innocent("生产日期2024.03.05-2024.06.30，保质期24个月。"),
    ],
    "hotlines, dates, amounts, decision numbers": [
        Innocent("拨打12315投诉举报，或拨打12345政务服务热线，火警请拨119。"),
        Innocent("客服热线400-810-8888，银行客服95588。"),
        Innocent("罚款人民币32,000元，没收违法所得1,640.50元。"),
        Innocent("于2025年11月18日作出处罚，2025-11-20公示，2025/11/21送达。"),
        Innocent("示例市监处罚〔2025〕0031号、示例消行罚决字[2025]第0012号。"),
        Innocent("检查时间2025-03-05 14:30，共检查灭火器128具，不合格23具。"),
        Innocent("处罚依据《中华人民共和国产品质量法》第四十九条、第五十条。"),
        Innocent("第3号、第12号检查组于3月5日前往3号仓库。"),
    ],
    "company names and credit codes": [
        Innocent(f"示例市安康消防科技有限公司（统一社会信用代码{credit_code('91440300MA5F2K123')}）。"),
        Innocent(f"统一社会信用代码{USCC_ALL_DIGITS}的企业。"),
        Innocent("示例市张华电器有限公司销售不合格电热水壶。", frozenset({"张华"})),
        Innocent("李宁体育用品有限公司、王老吉大健康产业有限公司。"),
        Innocent("示例市人民路消防器材经营部。"),
    ],
    "ordinary words and place names": [
        Innocent("该产品属于强制性产品认证目录内产品。", frozenset({"于强"})),
        Innocent("关于强化消防产品质量监管的通知。", frozenset({"于强"})),
        Innocent("当事人位于张华路的仓库存放灭火器。", frozenset({"张华"})),
        Innocent("负责人管理不善，安排工人加班。"),
        Innocent("经理室、会计师事务所、股东会决议。"),
        Innocent("经营者明知产品不合格仍销售。"),
        Innocent("消费者权益保护法规定，经营者应当保障消费者安全。"),
        Innocent("店长助理负责日常管理，老板娘不在店内。"),
        Innocent("当事人销售的手机充电器和电话机均不合格。"),
        Innocent("微信公众号、支付宝小程序和QQ群均有宣传。"),
        Innocent("电话机3台、手机壳120个。"),
        Innocent("该车辆装有卫星定位装置，卫星电视接收器3台，使用绿色软件包装材料。"),
        Innocent("罚扣2000元，扣款2000元。"),
        Innocent("示例市人民路、中山大道沿线商户。"),
        Innocent("共发放宣传资料2万余份，检查单位56家。"),
        Innocent("当事人在参与住宅小区配电工程投标时提交伪造证书。"),
        Innocent("持有电工证的人员、项目经理部和法人代表大会。"),
    ],
    "statute words after role words, codes and pseudonyms": [
        Innocent("第二十条：经营者向消费者提供有关商品或者服务的质量等信息，应当真实、全面。"),
        Innocent("消费者向本局投诉，举报人向我局反映。"),
        Innocent("公民、法人和其他组织；法人和非法人组织。"),
        Innocent("消费者于当日购买，投诉人于近日来电，举报人于同日到场。"),
        Innocent("经理张三及时整改。".replace("张三", "某某")),
        Innocent("证书编号 2020 0109 0312 3456，发票代码044031900111。"),
        Innocent("生产批号0320250305，批号：0123456789，报告编号：No.0123456789。"),
        Innocent("服务电话：95105888，客服电话10105858，投诉电话12315、12345。"),
        Innocent("注册号440301000123456。"),
        Innocent("型号WX2008A，型号Vx12345。"),
        Innocent("Hotel 8801234，Intel 12345678。"),
        Innocent(f"其营业执照（证件号码：{credit_code('91440101MA5ABCDE1')}）。"),
        Innocent("经营者康某、消费者王某某。"),
        Innocent("创建文明城市，高度重视。", frozenset({"文明", "高度"})),
        Innocent("金额共计一万元，周边商户。", frozenset({"金额", "周边"})),
    ],
}


def _fold(text: str) -> str:
    """Compare secrets and output the way a reader would: digits and letters folded, spaces and joiners gone."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(CN_TO_DIGIT.get(c, c) for c in text)
    return re.sub(r"[\s\u200b-\u200f\u2060\ufeff\-./()（）]+", "", text).lower()


CN_TO_DIGIT = {v: k for k, v in CN.items()} | {"幺": "1", "零": "0"}


def leaked(masked: str, secret: str) -> bool:
    return _fold(secret) in _fold(masked)


def measure(mask) -> dict[str, dict[str, int]]:
    """Per class: planted, leaked, innocent, changed; `mask(text, names)` returns the masked text."""
    table: dict[str, dict[str, int]] = {}
    for name, items in PLANTED.items():
        row = table.setdefault(name, {"planted": 0, "leaked": 0, "innocent": 0, "changed": 0})
        for item in items:
            out = mask(item.text, item.names)
            row["planted"] += len(item.secrets)
            row["leaked"] += sum(leaked(out, s) for s in item.secrets)
    for name, items in INNOCENT.items():
        row = table.setdefault(name, {"planted": 0, "leaked": 0, "innocent": 0, "changed": 0})
        for item in items:
            row["innocent"] += 1
            row["changed"] += mask(item.text, item.names) != item.text
    return table


def failures(mask) -> list[str]:
    found = []
    for name, items in PLANTED.items():
        for item in items:
            out = mask(item.text, item.names)
            found += [f"[{name}] leaked {s!r}: {item.text!r} -> {out!r}" for s in item.secrets if leaked(out, s)]
    for name, items in INNOCENT.items():
        for item in items:
            out = mask(item.text, item.names)
            if out != item.text:
                found.append(f"[{name}] changed: {item.text!r} -> {out!r}")
    return found
