"""Each authority's law: the lower amount per party type at both thresholds, the credit-portal rules (NDRC Order
58) for fire rescue, the blacklist's longer restriction (Order 44 Art. 21), credit repair dates; and property
tests over generated records and days for each rule set: a record is public on day D exactly when its law says."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from conftest import BLACKLIST, CASES, case_row, decide
from generator.core.lawsettings import Authority, LowerFine
from generator.core.model import Record, Source, Visibility
from generator.core.settings import Settings, settings_from_dict
from generator.rules.cases import repair_from

D = date.fromisoformat
DAY = timedelta(days=1)
FUJIAN = LowerFine(Decimal("5000"), Decimal("50000"), "自然人", False)
FIRE = Authority("消防救援", "credit", "消防")
SETTINGS = Settings(lower_fine=FUJIAN, authorities=(FIRE,))


def case(**values) -> Record:
    base = {"decision_no": "测试罚〔2026〕1号", "party_name": "测试公司", "party_type": "法人及非法人组织",
            "penalty_kind": ("罚款",), "fine": Decimal("20000"), "decision_date": D("2026-03-02"),
            "publish_date": D("2026-03-05"), "authority": "测试市市场监督管理局"}
    base.update(values)
    return Record(CASES, base, Source("t.csv", "", 2))


def _window_end(record, settings=SETTINGS) -> date:
    return decide(record, D("2026-03-06"), settings).public_until


# --- the lower amount, per party type, the amount itself not counted (Fujian) ---------------------------------
@pytest.mark.parametrize("party_type, fine, short", [
    ("自然人", "4999.99", True), ("自然人", "5000", False), ("自然人", "5000.01", False),
    ("法人及非法人组织", "49999.99", True), ("法人及非法人组织", "50000", False), ("法人及非法人组织", "30000", True),
    ("个体工商户", "4999", True), ("个体工商户", "5000", False), ("个体工商户", "30000", False),
])
def test_the_lower_amount_follows_the_party_type_and_excludes_the_amount(party_type, fine, short):
    end = _window_end(case(party_type=party_type, fine=Decimal(fine)))
    assert end == (D("2026-06-05") if short else D("2029-03-05"))


def test_the_amount_itself_counts_where_the_province_says_so_and_sole_traders_may_follow_organisations():
    inclusive = Settings(lower_fine=LowerFine(Decimal("5000"), Decimal("50000"), "法人及非法人组织", True))
    assert _window_end(case(party_type="自然人", fine=Decimal("5000")), inclusive) == D("2026-06-05")
    assert _window_end(case(party_type="个体工商户", fine=Decimal("50000")), inclusive) == D("2026-06-05")
    assert _window_end(case(party_type="个体工商户", fine=Decimal("50000.01")), inclusive) == D("2029-03-05")


def test_the_lower_amount_setting_is_read_and_checked():
    settings, problems = settings_from_dict({"lower_fine": {"自然人": 3000, "法人及非法人组织": "3万", "含本数": True}})
    assert any(p.code == "config-invalid" for p in problems)
    settings, problems = settings_from_dict({"lower_fine": {"自然人": 3000, "法人及非法人组织": 30000, "个体工商户": "法人及非法人组织"}})
    assert problems == [] and settings.lower_fine.threshold("个体工商户") == Decimal("30000")
    assert "不足 3,000 元" in settings.lower_fine.words() and "个体工商户按法人及非法人组织" in settings.lower_fine.words()


# --- the credit-portal rules for fire rescue -------------------------------------------------------------
def fire(**values) -> Record:
    return case(authority="示例市消防救援支队", decision_no="测试消行罚决字〔2026〕4号", **values)


def test_a_fire_rescue_penalty_runs_three_years_from_its_decision_whatever_the_amount():
    record = fire(fine=Decimal("3000"))  # a lower amount under Order 45: irrelevant here
    assert visible(record, "2029-03-01") and not visible(record, "2029-03-02")
    decision = decide(record, D("2026-04-01"), SETTINGS)
    assert (decision.rules, decision.repair_from) == ("credit", D("2027-03-02"))  # fire safety: one year


def test_outside_the_key_fields_the_shortest_period_is_three_months():
    record = case(authority="示例市应急管理局", decision_no="应急罚〔2026〕1号")
    settings = Settings(lower_fine=FUJIAN, authorities=(Authority("应急管理局", "credit", ""),))
    assert decide(record, D("2026-04-01"), settings).repair_from == D("2026-06-02")
    assert repair_from(dict(record.values, domain="安全生产"), settings) == D("2027-03-02")


def test_a_column_overrides_the_authority_and_market_rules_are_stated_too():
    market = decide(fire(rule_set="市场监管", fine=Decimal("60000")), D("2026-04-01"), SETTINGS)
    assert market.rules == "market" and market.public_until == D("2029-03-05")
    assert market.repair_from == D("2026-09-05")  # six months after publication
    assert decide(case(fine=Decimal("3000")), D("2026-04-01"), SETTINGS).repair_from is None  # ends by itself


def test_credit_repair_ends_publication_and_before_the_shortest_period_it_is_an_error(fixture_site):
    text = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(text.replace("lower_fine_threshold: 5000", "lower_fine_threshold: 5000\n"
                                                "      authorities: [{name: 消防救援, rules: credit, field: 消防}]"),
                                   encoding="utf-8")
    early = case_row(1, 处罚机关="测试市消防救援支队", 处罚决定日期="2026-03-02", 公示日期="2026-03-05", 状态="信用修复",
                     状态日期="2026-09-01", 状态说明="修复")
    fixture_site.cases_csv([early])
    assert fixture_site.run("check", "--json", "--as-of", "2026-10-01") == 1
    fixture_site.cases_csv([dict(early, 状态日期="2027-03-02")])
    assert fixture_site.run("build", "--as-of", "2026-10-01", "-d", str(fixture_site.root / "before")) == 0
    assert (fixture_site.root / "before/cases/测试市监罚-2026-1号/index.html").exists()
    page = (fixture_site.root / "before/cases/测试市监罚-2026-1号/index.html").read_text(encoding="utf-8")
    assert "行政处罚法》第四十八条" in page and "信用中国" in page and "2027-03-02" in page
    assert "市场监督管理行政处罚信息公示规定" not in page


def visible(record, on, settings=SETTINGS) -> bool:
    return decide(record, D(on) if isinstance(on, str) else on, settings).visibility is Visibility.PUBLIC


# --- the blacklist's restriction period --------------------------------------------------------------------
def listing(**values) -> Record:
    base = {"party_name": "测试公司", "uscc": "91110000123450001X", "reason": "r", "authority": "a",
            "listed_date": D("2024-05-10")}
    base.update(values)
    return Record(BLACKLIST, base, Source("b.csv", "", 2))


def test_a_longer_restriction_keeps_the_entry_listed_until_the_day_after_it_ends():
    restricted = listing(restriction_until=D("2029-12-31"), measures="限制从业五年")
    assert visible(restricted, "2029-12-31") and not visible(restricted, "2030-01-01")
    assert decide(restricted, D("2025-01-01"), SETTINGS).public_until == D("2030-01-01")
    shorter = listing(restriction_until=D("2026-01-01"))
    assert decide(shorter, D("2025-01-01"), SETTINGS).public_until == D("2027-05-10")


# --- properties: each rule set, any record, any day ---------------------------------------------------------
days = st.dates(D("2020-01-01"), D("2035-12-31"))


@st.composite
def any_penalty(draw):
    decided = draw(st.dates(D("2021-01-01"), D("2030-12-31")))
    values = {"authority": draw(st.sampled_from(["测试市市场监督管理局", "测试市消防救援支队", "测试市应急管理局"])),
              "party_type": draw(st.sampled_from(["自然人", "法人及非法人组织", "个体工商户"])),
              "penalty_kind": tuple(draw(st.sets(st.sampled_from(["罚款", "通报批评", "没收违法所得"]), min_size=1))),
              "fine": Decimal(draw(st.sampled_from([1000, 4999, 5000, 5001, 30000, 49999, 50000, 50001, 200000]))),
              "decision_date": decided, "publish_date": decided + timedelta(days=draw(st.integers(0, 30))),
              "domain": draw(st.sampled_from([None, "消防", "食品", "产品质量"]))}
    if draw(st.booleans()):
        values.update(status="信用修复", status_date=decided + timedelta(days=draw(st.integers(0, 1500))),
                      status_reason="修复")
    return case(**{k: v for k, v in values.items() if v is not None})


RULES = Settings(lower_fine=FUJIAN, authorities=(FIRE, Authority("应急管理局", "credit", "")))


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError


def test_each_rule_set_shows_a_record_exactly_on_the_days_its_law_says():
    seen = {"market": 0, "credit": 0, "credit-repaired": 0, "market-short": 0}

    @hsettings(max_examples=500, deadline=None)
    @given(record=any_penalty(), offset=st.integers(-60, 1300))
    def check(record, offset):
        v = record.values
        on = v["decision_date"] + timedelta(days=offset)
        credit = "消防救援" in v["authority"] or "应急管理局" in v["authority"]
        start = v["publish_date"]
        if credit:  # from the decision date, three years at most, until credit repair
            end = _add_months(v["decision_date"], 36)
        else:  # from publication: three months for criticism or a lower fine of the party's type, else three years
            kinds = set(v["penalty_kind"])
            limit = Decimal(5000) if v["party_type"] in ("自然人", "个体工商户") else Decimal(50000)
            short = kinds <= {"通报批评", "罚款"} and ("罚款" not in kinds or v["fine"] < limit)
            end = _add_months(start, 3 if short else 36)
            seen["market-short"] += short
        if v.get("status") == "信用修复":
            end = min(end, v["status_date"])
        expected = start <= on < end
        assert visible(record, on, RULES) == expected, (v, on)
        if expected:
            seen["credit" if credit else "market"] += 1
            seen["credit-repaired"] += credit and v.get("status") == "信用修复"

    check()
    assert all(n >= 5 for n in seen.values()), seen  # every branch was really exercised


# --- decision numbers, typical cases, names that outlive their records ------------------------------------
def test_decision_numbers_show_the_standard_brackets_and_odd_ones_are_warned_about(fixture_site, capsys):
    import json

    fixture_site.cases_csv([case_row(1, 行政处罚决定书文号="测试市监罚[2026]1号"),
                            case_row(2, 行政处罚决定书文号="测试市监罚〔2025〕2号"),
                            case_row(3, 行政处罚决定书文号="测试市监罚2026第三号")])
    assert fixture_site.run("check", "--json", "--as-of", "2026-06-01") == 0
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert {(p["code"], p["row"]) for p in problems if p["code"].startswith("decision-no")} == {
        ("decision-no-year", 3), ("decision-no-form", 4)}
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    assert "测试市监罚〔2026〕1号" in fixture_site.page("cases/测试市监罚-2026-1号")


def test_a_typical_case_shows_while_public_and_a_neutral_line_after(fixture_site):
    fixture_site.cases_csv([case_row(1, 罚款金额="1000", 处罚类别="罚款")])  # a lower amount: public three months
    posts = fixture_site.root / "content" / "news" / "posts"
    posts.mkdir(parents=True)
    (posts / "typical.md").write_text("---\ndate: 2026-03-10\n---\n# 典型案例通报\n\n开篇。\n\n"
                                      "<!-- disclosure:case 测试市监罚〔2026〕1号 -->\n", encoding="utf-8")
    assert fixture_site.run("build", "--as-of", "2026-04-01", "-d", str(fixture_site.root / "april")) == 0
    april = (fixture_site.root / "april/news/posts/typical/index.html").read_text(encoding="utf-8")
    assert "测试市第1消防器材有限公司" in april and "case-card__title" in april
    assert fixture_site.run("build", "--as-of", "2026-07-01", "-d", str(fixture_site.root / "july")) == 0
    july = (fixture_site.root / "july/news/posts/typical/index.html").read_text(encoding="utf-8")
    assert "该信息已依法停止公示" in july and "测试市第1消防器材有限公司" not in july


def test_a_page_naming_a_party_with_nothing_public_is_pointed_out(fixture_site, capsys):
    import json

    fixture_site.cases_csv([case_row(1, 罚款金额="1000", 处罚类别="罚款")])
    (fixture_site.root / "content" / "about.md").write_text("# 关于\n\n测试市第1消防器材有限公司曾被查处。\n",
                                                              encoding="utf-8")
    assert fixture_site.run("check", "--json", "--as-of", "2026-04-01") == 0
    assert not any(p["code"] == "party-no-longer-public" for p in json.loads(capsys.readouterr().out)["problems"])
    fixture_site.run("check", "--json", "--as-of", "2026-07-01")
    [found] = [p for p in json.loads(capsys.readouterr().out)["problems"] if p["code"] == "party-no-longer-public"]
    assert found["file"].endswith("about.md") and found["row"] == 3
