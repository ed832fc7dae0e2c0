"""Realistic synthetic data at any scale, delivered the way clerks deliver it: penalty cases and blacklist
entries split over files by year and district, mostly XLSX (with a banner row and date cells), some CSV in
GBK or UTF-8. Companies have a city, often a district, a trade name (字号), an industry and a legal form, so
searching by trade name, by full name or by parts is realistic. Everything is fictional and seeded: the same
arguments give the same files.
"""
from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..core.identifiers import USCC_CHARSET, uscc_check_char

CITY = "示例市"
DISTRICTS = ("东城区", "西城区", "城南区", "江北区", "高新区", "经开区", "临江区", "北湖区", "南山区", "新港区",
             "示例县", "东平县", "清河县", "安宁县", "丰泽县", "龙泉县")
TRADE_CHARS = "宏安鑫达华盛兴隆恒通顺利金泰丰源信诚博远嘉瑞祥和鼎德永康宁昌盈凯豪邦旺福佳美晟昊弘创益聚天海正光明星辰辉耀"
INDUSTRIES = (("消防器材", "灭火器"), ("消防科技", "消防应急照明灯具"), ("电器", "电热水壶"), ("五金", "开关插座"),
              ("电动车", "电动自行车"), ("电动车配件", "电动自行车充电器"), ("燃气具", "燃气灶具"), ("燃气软管", "燃气软管"),
              ("线缆", "电线电缆"), ("照明电器", "消防应急照明灯具"), ("建材", "防火门"), ("商贸", "灭火器"),
              ("电子", "电动自行车蓄电池"), ("日用品", "燃气软管"), ("安防设备", "火灾探测报警器"), ("玩具", "儿童玩具"))
FORMS = ("有限公司", "有限公司", "有限公司", "有限责任公司", "商行", "经营部", "店")
SOLE_TRADER_FORMS = {"商行", "经营部", "店"}
VIOLATIONS = ("销售不合格消防产品", "生产不符合标准的产品", "销售未经强制性产品认证的产品", "以不合格产品冒充合格产品",
              "伪造认证标志", "使用不合格消防产品", "销售不符合国家标准的电线电缆", "非法改装电动自行车",
              "销售过期失效的灭火器", "未按规定标注产品标识", "虚假宣传", "销售国家明令淘汰的产品")
ITEMS = ("灭火剂主要组分含量", "喷射性能", "应急工作时间", "绝缘电阻", "导体电阻", "耐燃气性能", "温升", "爆破压力")
STANDARDS = ("GB 4351-2005", "GB 17945-2010", "GB/T 5023.3-2008", "GB 17761-2018", "GB/T 2099.1-2021",
             "GB 6246-2011", "GB 12955-2008", "GB 4706.19-2008")
BASES = ("《中华人民共和国产品质量法》第四十九条", "《中华人民共和国产品质量法》第五十条",
         "《中华人民共和国认证认可条例》第六十六条", "《中华人民共和国消防法》第六十五条第二款")
REASONS = ("拒不履行行政处罚决定", "因销售不合格消防产品受到较重行政处罚", "伪造强制性产品认证证书",
           "一年内因同一违法行为受到两次以上行政处罚", "提交虚假材料骗取认证")
EXTRAS = ("", "当事人主动停止销售并召回已售产品，依法予以从轻处罚。", "当事人积极配合调查。",
          "执法人员在检查中还发现库存产品若干，已依法扣押。", "当事人系初次违法，依法予以减轻处罚。")
CASE_HEADERS = ("行政处罚决定书文号", "当事人名称", "当事人类型", "统一社会信用代码", "法定代表人", "违法行为类型", "违法事实",
                "处罚依据", "处罚类别", "处罚内容", "罚款金额", "没收违法所得金额", "处罚机关", "处罚决定日期", "公示日期",
                "地区", "产品类别")
BLACKLIST_HEADERS = ("当事人名称", "统一社会信用代码", "法定代表人", "列入事由", "列入依据", "所依据行政处罚决定书文号",
                     "列入决定书文号", "作出决定机关", "列入日期", "地区", "产品类别")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛超霞刚英辉鹏飞玉兰红斌浩凯亮峰春华明国平建"


@dataclass(frozen=True)
class Company:
    name: str
    district: str
    trade: str
    product: str
    uscc: str
    sole_trader: bool
    representative: str


def _uscc(rng: random.Random, sole_trader: bool) -> str:
    body = ("92" if sole_trader else "91") + "4499" + f"{rng.randrange(100):02d}" + "".join(
        rng.choice(USCC_CHARSET) for _ in range(9))
    return body + uscc_check_char(body)


def companies(count: int, rng: random.Random) -> list[Company]:
    seen: set[str] = set()
    found: list[Company] = []
    while len(found) < count:
        district = rng.choice(DISTRICTS)
        trade = "".join(rng.sample(TRADE_CHARS, rng.choice((2, 2, 2, 3))))
        industry, product = rng.choice(INDUSTRIES)
        form = rng.choice(FORMS)
        name = CITY + (district if rng.random() < 0.6 else "") + trade + industry + form
        if name in seen:
            continue
        seen.add(name)
        found.append(Company(name, district, trade, product, _uscc(rng, form in SOLE_TRADER_FORMS),
                             form in SOLE_TRADER_FORMS,
                             rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))))
    return found


def _facts(rng: random.Random, company: Company) -> str:
    qty = rng.randrange(20, 2000)
    sold = rng.randrange(1, qty)
    return (f"当事人在其经营场所销售的“示{rng.choice(TRADE_CHARS)}”牌{company.product}，经抽样检验，"
            f"“{rng.choice(ITEMS)}”项目不合格，不符合{rng.choice(STANDARDS)}要求。当事人共购进该批次产品{qty}件，"
            f"已售出{sold}件，货值金额{qty * rng.randrange(20, 400):,}元，违法所得{sold * rng.randrange(2, 50):,}元。"
            f"{rng.choice(EXTRAS)}")


def case_rows(count: int, start: date, until: date, firms: list[Company], rng: random.Random) -> list[dict]:
    rows = []
    serial: dict[tuple[str, int], int] = {}
    span = (until - start).days
    for n in range(count):
        company = firms[rng.randrange(len(firms))] if rng.random() < 0.9 else firms[n % len(firms)]
        decided = start + timedelta(days=rng.randrange(span))
        authority, prefix = (("示例市消防救援支队", "示例消行罚决字") if "消防" in company.product and rng.random() < 0.3
                             else (f"示例市{company.district}市场监督管理局", f"示例{company.district[:2]}市监罚"))
        key = (prefix, decided.year)
        serial[key] = serial.get(key, 0) + 1
        fine = rng.choice((2000, 3000, 4500, 8000, 12000, 20000, 35000, 50000, 80000, 130000))
        kinds = rng.choice(("罚款", "罚款；没收违法所得", "罚款；没收违法所得；没收非法财物", "警告；罚款", "通报批评；罚款"))
        rows.append({
            "行政处罚决定书文号": f"{prefix}〔{decided.year}〕{serial[key]:04d}号",
            "当事人名称": company.name,
            "当事人类型": "个体工商户" if company.sole_trader else "法人及非法人组织",
            "统一社会信用代码": company.uscc,
            "法定代表人": company.representative,
            "违法行为类型": rng.choice(VIOLATIONS),
            "违法事实": _facts(rng, company),
            "处罚依据": rng.choice(BASES),
            "处罚类别": kinds,
            "处罚内容": f"责令停止销售，并处罚款人民币{fine}元。",
            "罚款金额": fine,
            "没收违法所得金额": rng.randrange(100, 9000) if "没收违法所得" in kinds else None,
            "处罚机关": authority,
            "处罚决定日期": decided,
            "公示日期": min(decided + timedelta(days=rng.randrange(1, 12)), until),
            "地区": CITY + company.district,
            "产品类别": company.product,
        })
    return rows


def blacklist_rows(count: int, until: date, cases: list[dict], rng: random.Random) -> list[dict]:
    rows, listed_codes = [], set()
    candidates = [c for c in cases if c["处罚类别"].startswith("罚款")]
    rng.shuffle(candidates)
    for case in candidates:
        if len(rows) == count:
            break
        if case["统一社会信用代码"] in listed_codes:
            continue
        listed_codes.add(case["统一社会信用代码"])
        listed = case["处罚决定日期"] + timedelta(days=rng.randrange(30, 120))
        if listed > until:
            continue
        rows.append({
            "当事人名称": case["当事人名称"], "统一社会信用代码": case["统一社会信用代码"],
            "法定代表人": case["法定代表人"], "列入事由": rng.choice(REASONS), "列入依据": "《市场监督管理严重违法失信名单管理办法》第十条",
            "所依据行政处罚决定书文号": case["行政处罚决定书文号"], "列入决定书文号": f"示例市监列严〔{listed.year}〕{len(rows) + 1}号",
            "作出决定机关": "示例市市场监督管理局", "列入日期": listed, "地区": case["地区"], "产品类别": case["产品类别"],
        })
    return rows


def write_data(folder: Path, cases: int, blacklist: int, until: date, years: int = 4, seed: int = 20261129) -> dict:
    """data/cases and data/blacklist under folder, decided over `years` years up to `until`, split by year and
    district; returns how many records and files were written."""
    rng = random.Random(seed)
    firms = companies(max(cases // 3, 10), rng)
    case_list = case_rows(cases, date(until.year - years + 1, 1, 1), until, firms, rng)
    listings = blacklist_rows(blacklist, until, case_list, rng)
    files = {"cases": 0, "blacklist": 0}
    for type_name, rows, headers, split in (("cases", case_list, CASE_HEADERS, "处罚决定日期"),
                                            ("blacklist", listings, BLACKLIST_HEADERS, "列入日期")):
        target = folder / type_name
        target.mkdir(parents=True, exist_ok=True)
        groups: dict[tuple[int, str], list[dict]] = {}
        for row in rows:
            groups.setdefault((row[split].year, row["地区"].removeprefix(CITY)), []).append(row)
        for i, ((year, district), group) in enumerate(sorted(groups.items())):
            stem = f"{year}年{district}{'行政处罚信息' if type_name == 'cases' else '严重违法失信名单'}"
            if i % 4 == 3:  # a quarter of the files come as CSV, half of those in GBK as Excel saves them
                _write_csv(target / f"{stem}.csv", headers, group, "gb18030" if i % 8 == 7 else "utf-8-sig")
            else:
                _write_xlsx(target / f"{stem}.xlsx", headers, group, stem)
            files[type_name] += 1
    return {"cases": len(case_list), "blacklist": len(listings), "files": files}


def _cell(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _write_csv(path: Path, headers, rows, encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(headers)
        for row in rows:
            writer.writerow([_cell(row[h]) for h in headers])


def _write_xlsx(path: Path, headers, rows, title: str) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Sheet1")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write(0, 0, title)  # the banner row clerks' exports carry above the header
    sheet.write_row(1, 0, headers)
    for r, row in enumerate(rows, start=2):
        for c, header in enumerate(headers):
            value = row[header]
            if isinstance(value, date):
                sheet.write_datetime(r, c, value, day)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
