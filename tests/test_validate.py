"""What a clerk sees when the data is wrong: every problem with its file, sheet, row and column header as
written, all problems of a run at once, and the `check` command's summary and exit code.
"""
from __future__ import annotations

import json
import string
import tempfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from conftest import CASE_HEADERS, case_row, uscc, write_csv, read_folder
from generator.core.schema import ValueType
from generator.core.settings import Settings
from generator.core.model import Record
from generator.core.problems import Report, Severity

from generator.intake.rows import Cell, RawRow
from conftest import BLACKLIST, CASES as CASE, inspect_site
from generator.intake.validate import check_across, validate_rows

AS_OF = "2026-03-10"

BL_HEADERS = ["当事人名称", "统一社会信用代码", "列入事由", "作出决定机关", "列入日期", "移出日期", "移出原因"]


def bl_row(n: int, **over) -> dict:
    row = {
        "当事人名称": f"测试市第{n}商贸有限公司",
        "统一社会信用代码": uscc(f"9111000012345{n:04d}"),
        "列入事由": "生产销售不合格消防产品且拒不整改",
        "作出决定机关": "测试市市场监督管理局",
        "列入日期": "2025-01-10",
        "移出日期": "",
        "移出原因": "",
    }
    row.update(over)
    return row


def cases_file(site, rows, name="cases.csv", headers=None, encoding="utf-8-sig") -> Path:
    return write_csv(site.root / "data" / "cases" / name, rows, encoding, headers or CASE_HEADERS)


def blacklist_file(site, rows, name="blacklist.csv", headers=None) -> Path:
    return write_csv(site.root / "data" / "blacklist" / name, rows, "utf-8-sig", headers or BL_HEADERS)


def run(site):
    _, dataset, report = inspect_site(site.config)
    return dataset, report


def only(report: Report, code: str):
    found = [p for p in report.problems if p.code == code]
    assert len(found) == 1, (code, [p.text() for p in report.problems])
    return found[0]


def where(problem) -> tuple:
    return problem.file, problem.sheet, problem.row, problem.column


# --- one problem kind at a time -------------------------------------------------------------------

def test_required_field_left_empty(fixture_site):
    cases_file(fixture_site, [case_row(1), case_row(2, 处罚依据="  ")])
    dataset, report = run(fixture_site)
    p = only(report, "required-missing")
    assert p.severity is Severity.ERROR
    assert where(p) == ("data/cases/cases.csv", "", 3, "处罚依据")
    assert "处罚依据" in p.message
    assert dataset.rejected["cases"] == 1 and len(dataset.records["cases"]) == 1


def test_required_column_missing_from_the_file(fixture_site):
    headers = [h for h in CASE_HEADERS if h != "处罚机关"]
    cases_file(fixture_site, [case_row(1), case_row(2)], headers=headers)
    _, report = run(fixture_site)
    missing = [p for p in report.errors() if p.code == "required-missing"]
    assert [(p.row, p.column) for p in missing] == [(2, "处罚机关"), (3, "处罚机关")]


def test_invalid_date_quotes_the_value_under_the_users_header(fixture_site):
    headers = [h if h != "处罚决定日期" else "决定日期" for h in CASE_HEADERS]
    rows = [dict(case_row(1), 决定日期="2026-03-02"), dict(case_row(2), 决定日期="2026年2月30日")]
    cases_file(fixture_site, rows, headers=headers)
    _, report = run(fixture_site)
    p = only(report, "invalid-date")
    assert where(p) == ("data/cases/cases.csv", "", 3, "决定日期")
    assert p.value == "2026年2月30日"
    assert "2026年2月30日" in p.text() and "data/cases/cases.csv:3:决定日期" in p.text()
    # the bad date is the only thing said about that row: no extra "required" complaint
    assert [q.code for q in report.errors()] == ["invalid-date"]


def test_invalid_amount(fixture_site):
    headers = [h if h != "罚款金额" else " 罚款金额（元） " for h in CASE_HEADERS]
    rows = [dict(case_row(1), **{" 罚款金额（元） ": "两万元"})]
    cases_file(fixture_site, rows, headers=headers)
    _, report = run(fixture_site)
    p = only(report, "invalid-amount")
    assert where(p) == ("data/cases/cases.csv", "", 2, "罚款金额（元）")
    assert p.value == "两万元"


def test_negative_amount(fixture_site):
    cases_file(fixture_site, [case_row(1, 罚款金额="-2000")])
    _, report = run(fixture_site)
    p = only(report, "negative-amount")
    assert where(p) == ("data/cases/cases.csv", "", 2, "罚款金额")


def test_invalid_uscc_names_the_expected_check_character(fixture_site):
    good = uscc("91110000123450001")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    cases_file(fixture_site, [case_row(1, 统一社会信用代码=bad)])
    _, report = run(fixture_site)
    p = only(report, "invalid-uscc")
    assert where(p) == ("data/cases/cases.csv", "", 2, "统一社会信用代码")
    assert f"「{good[17]}」" in p.message
    assert p.value == bad
    # the clerk did fill the code in: it must not also be reported as "须填写统一社会信用代码"
    assert [q.text() for q in report.problems if q.code != "invalid-uscc"] == []


def test_invalid_choice_names_the_value(fixture_site):
    cases_file(fixture_site, [case_row(1, 当事人类型="有限责任公司"), case_row(2, 处罚类别="罚款；记过")])
    _, report = run(fixture_site)
    bad = sorted((p.row, p.column, p.value) for p in report.errors() if p.code == "invalid-choice")
    assert bad == [(2, "当事人类型", "有限责任公司"), (3, "处罚类别", "罚款；记过")]
    kind = next(p for p in report.errors() if p.row == 3)
    assert "记过" in kind.message


def test_publish_date_before_decision_date(fixture_site):
    cases_file(fixture_site, [case_row(1, 处罚决定日期="2026-03-02", 公示日期="2026-03-01")])
    _, report = run(fixture_site)
    p = only(report, "date-order")
    assert where(p) == ("data/cases/cases.csv", "", 2, "公示日期")
    assert p.severity is Severity.ERROR


def test_blacklist_removed_before_listed(fixture_site):
    blacklist_file(fixture_site, [bl_row(1), bl_row(2, 列入日期="2025-05-01", 移出日期="2025-04-01", 移出原因="期满移出")])
    dataset, report = run(fixture_site)
    p = only(report, "date-order")
    assert where(p) == ("data/blacklist/blacklist.csv", "", 3, "移出日期")
    assert dataset.rejected["blacklist"] == 1


def test_early_stop_forbidden_for_revoked_licence(fixture_site):
    headers = CASE_HEADERS + ["公示状态", "状态日期", "状态说明"]
    rows = [dict(case_row(1, 处罚类别="罚款；吊销许可证件"), 公示状态="提前停止公示", 状态日期="2026-04-01",
                 状态说明="当事人已整改并申请"),
            dict(case_row(2, 处罚类别="罚款"), 公示状态="提前停止公示", 状态日期="2026-04-01",
                 状态说明="当事人已整改并申请")]
    cases_file(fixture_site, rows, headers=headers)
    _, report = run(fixture_site)
    p = only(report, "early-stop-forbidden")
    assert where(p) == ("data/cases/cases.csv", "", 2, "公示状态")
    assert "吊销许可证件" in p.message


def test_credit_repair_less_than_a_year_after_listing(fixture_site):
    blacklist_file(fixture_site, [
        bl_row(1, 列入日期="2025-01-10", 移出日期="2025-10-01", 移出原因="信用修复"),
        bl_row(2, 列入日期="2025-01-10", 移出日期="2026-01-10", 移出原因="信用修复"),  # exactly one year: fine
    ])
    _, report = run(fixture_site)
    p = only(report, "credit-repair-too-early")
    assert where(p) == ("data/blacklist/blacklist.csv", "", 2, "移出日期")
    assert "2026-01-10" in p.message  # the earliest allowed day


def test_duplicate_decision_number_across_two_files_names_both_places(fixture_site):
    cases_file(fixture_site, [case_row(1), case_row(2)], name="a.csv")
    # the same number typed with full-width digits and a trailing space in another file
    dup = case_row(7, 行政处罚决定书文号="测试市监罚〔２０２６〕２号 ")
    cases_file(fixture_site, [case_row(3), dup], name="b.csv")
    dataset, report = run(fixture_site)
    dups = sorted((p for p in report.problems if p.code == "duplicate"), key=lambda p: p.file)
    assert [(p.file, p.row, p.severity) for p in dups] == [("data/cases/a.csv", 3, Severity.ERROR),
                                                          ("data/cases/b.csv", 3, Severity.ERROR)]
    assert "data/cases/b.csv:3" in dups[0].message
    assert "data/cases/a.csv:3" in dups[1].message
    assert {r.key for r in dataset.records["cases"]} == {"测试市监罚〔2026〕1号", "测试市监罚〔2026〕3号"}


def test_blacklist_same_code_with_overlapping_periods(fixture_site):
    code = uscc("91110000123450001")
    blacklist_file(fixture_site, [bl_row(1, 列入日期="2024-01-01"), bl_row(2),
                                  bl_row(3, 统一社会信用代码=code.lower(), 列入日期="2025-06-01")],
                   name="2024.csv")
    dataset, report = run(fixture_site)
    dups = sorted((p for p in report.problems if p.code == "duplicate"), key=lambda p: p.row)
    assert [(p.file, p.row, p.column) for p in dups] == [("data/blacklist/2024.csv", 2, "统一社会信用代码"),
                                                         ("data/blacklist/2024.csv", 4, "统一社会信用代码")]
    assert "data/blacklist/2024.csv:4" in dups[0].message
    assert "data/blacklist/2024.csv:2" in dups[1].message


def test_blacklist_same_code_in_separate_periods_is_fine(fixture_site):
    blacklist_file(fixture_site, [bl_row(1, 列入日期="2019-01-10", 移出日期="2022-01-10", 移出原因="期满移出"),
                                  bl_row(1, 列入日期="2024-01-10")])
    dataset, report = run(fixture_site)
    assert not any(p.code == "duplicate" for p in report.problems)
    assert len(dataset.records["blacklist"]) == 2


def test_late_publication_is_a_warning(fixture_site):
    # 2026-03-02 is a Monday; 20 working days later is Monday 2026-03-30
    cases_file(fixture_site, [case_row(1, 处罚决定日期="2026-03-02", 公示日期="2026-03-30"),
                              case_row(2, 处罚决定日期="2026-03-02", 公示日期="2026-03-31")])
    dataset, report = run(fixture_site)
    p = only(report, "late-publication")
    assert p.severity is Severity.WARNING
    assert where(p) == ("data/cases/cases.csv", "", 3, "公示日期")
    assert report.errors() == []
    assert len(dataset.records["cases"]) == 2  # a warning does not reject the record


@pytest.mark.parametrize("party_type", ["法人及非法人组织", "个体工商户"])
def test_credit_code_required_for_organisations_and_businesses(fixture_site, party_type):
    cases_file(fixture_site, [case_row(1, 当事人类型=party_type, 统一社会信用代码=""),
                              case_row(2, 当事人类型="自然人", 当事人名称="王某某", 统一社会信用代码="")])
    _, report = run(fixture_site)
    p = only(report, "required-missing")
    assert where(p) == ("data/cases/cases.csv", "", 2, "统一社会信用代码")


def test_problem_in_xlsx_carries_sheet_and_excel_row(fixture_site):
    wb = Workbook()
    ws = wb.active
    ws.title = "第一季度"
    ws["A1"] = "行政处罚信息公示表"
    ws.merge_cells("A1:H1")
    ws["A2"] = "导出日期：2026-03-10"
    ws.append(CASE_HEADERS)
    for row in (case_row(1), case_row(2, 罚款金额="-5", 公示日期=datetime(2026, 3, 1))):
        ws.append([row[h] for h in CASE_HEADERS])
    wb.save(fixture_site.root / "data" / "cases" / "导出.xlsx")
    _, report = run(fixture_site)
    found = sorted((p.code, p.file, p.sheet, p.row, p.column) for p in report.errors())
    assert found == [("date-order", "data/cases/导出.xlsx", "第一季度", 5, "公示日期"),
                     ("negative-amount", "data/cases/导出.xlsx", "第一季度", 5, "罚款金额")]


# --- all problems at once -------------------------------------------------------------------------

def test_every_bad_row_of_a_file_is_reported_in_one_run(fixture_site):
    bad = uscc("91110000123450004")
    rows = [
        case_row(1, 处罚决定日期="下周一"),                                     # row 2
        case_row(2, 罚款金额="约两万"),                                         # row 3
        case_row(3, 统一社会信用代码=bad[:17] + ("0" if bad[17] != "0" else "1")),  # row 4
        case_row(4, 当事人类型="公司"),                                         # row 5
        case_row(5, 违法行为类型=""),                                           # row 6
        case_row(6, 公示日期="2026-01-01"),                                     # row 7
        case_row(7),                                                            # row 8: fine
    ]
    cases_file(fixture_site, rows)
    dataset, report = run(fixture_site)
    errors = report.errors()
    found = {(p.row, p.code) for p in errors}
    assert found >= {(2, "invalid-date"), (3, "invalid-amount"), (4, "invalid-uscc"), (5, "invalid-choice"),
                     (6, "required-missing"), (7, "date-order")}
    assert {p.row for p in errors} == {2, 3, 4, 5, 6, 7}
    assert all(p.file == "data/cases/cases.csv" for p in errors)
    assert dataset.read["cases"] == 7 and dataset.rejected["cases"] == 6
    assert [r.key for r in dataset.records["cases"]] == ["测试市监罚〔2026〕7号"]


def test_every_bad_cell_of_a_row_is_reported(fixture_site):
    cases_file(fixture_site, [case_row(1, 处罚决定日期="2026-13-01", 罚款金额="很多", 统一社会信用代码="123",
                                       当事人类型="单位", 处罚类别="记过")])
    _, report = run(fixture_site)
    assert sorted(p.column for p in report.errors()) == sorted(
        ["处罚决定日期", "罚款金额", "统一社会信用代码", "当事人类型", "处罚类别"])
    assert {p.row for p in report.errors()} == {2}


def test_problems_in_both_record_types_and_several_files_come_together(fixture_site):
    cases_file(fixture_site, [case_row(1, 处罚决定日期="x")], name="a.csv")
    cases_file(fixture_site, [case_row(2, 罚款金额="-1")], name="b.csv", encoding="gbk")
    blacklist_file(fixture_site, [bl_row(1, 列入日期="")])
    _, report = run(fixture_site)
    assert sorted((p.file, p.code) for p in report.errors()) == [
        ("data/blacklist/blacklist.csv", "required-missing"),
        ("data/cases/a.csv", "invalid-date"),
        ("data/cases/b.csv", "negative-amount")]


# --- robustness: real-world values that must be reported, never crash -------------------------------

def test_account_number_pasted_into_fine_column_is_reported_not_a_crash(fixture_site):
    cases_file(fixture_site, [case_row(1), case_row(2, 罚款金额="6222021234567890123456789012")])
    dataset, report = run(fixture_site)  # must not raise
    assert len(dataset.records["cases"]) + dataset.rejected["cases"] == 2
    assert {p.row for p in report.errors()} <= {3}


YAML_CASE = ("- decision_no: 测试市监罚〔2026〕{n}号\n"
             "  party_name: 甲\n  party_type: 自然人\n  violation: 违法\n  basis: 依据\n"
             "  penalty_kind: 罚款\n  penalty: 罚款\n  authority: 机关\n  fine: 1000\n"
             "  decision_date: 2026-03-02\n")


def test_yaml_infinite_amount_is_reported_not_a_crash(fixture_site):
    text = YAML_CASE.format(n=1).replace("fine: 1000", "fine: .inf") + YAML_CASE.format(n=2)
    (fixture_site.root / "data" / "cases" / "manual.yaml").write_text(text, encoding="utf-8")
    dataset, report = run(fixture_site)  # must not raise
    assert [(p.row, p.code, p.column) for p in report.errors()] == [(1, "invalid-amount", "fine")]
    assert dataset.rejected["cases"] == 1 and len(dataset.records["cases"]) == 1


@pytest.mark.parametrize("value", ["yes", "true", ".inf"])
def test_yaml_boolean_or_infinite_date_is_reported_not_a_crash(fixture_site, value):
    """YAML turns `yes`/`true` into a boolean and `.inf` into a float; in a date field that is an invalid date."""
    text = YAML_CASE.format(n=1) + f"  publish_date: {value}\n" + YAML_CASE.format(n=2)
    (fixture_site.root / "data" / "cases" / "manual.yaml").write_text(text, encoding="utf-8")
    dataset, report = run(fixture_site)  # must not raise
    assert [(p.row, p.code, p.column) for p in report.errors()] == [(1, "invalid-date", "publish_date")]
    assert dataset.rejected["cases"] == 1 and len(dataset.records["cases"]) == 1


def test_restriction_until_9999_12_31_meaning_indefinite_does_not_crash_check(fixture_site, capsys):
    """Case systems write 9999-12-31 for 长期 (no end date); `check` must still print its summary."""
    headers = CASE_HEADERS + ["处罚有效期"]
    cases_file(fixture_site, [dict(case_row(1, 处罚类别="罚款；限制从业"), 处罚有效期="9999-12-31")], headers=headers)
    code = fixture_site.run("check", "--json", "--as-of", AS_OF)
    summary = json.loads(capsys.readouterr().out)
    assert code == 0
    c = summary["records"]["cases"]
    assert c["read"] == 1 == c["published"]  # a restriction without end keeps the case public


@pytest.mark.parametrize("kind, over", [
    ("cases", {"处罚决定日期": "9999-12-30", "公示日期": "9999-12-31"}),
    ("cases", {"公示日期": "9999-12-31"}),
    ("blacklist", {"列入日期": "9999-06-01", "移出日期": "9999-07-01", "移出原因": "信用修复"}),
    ("blacklist", {"列入日期": "9999-06-01"}),
], ids=["case-decided-9999", "case-published-9999", "blacklist-repaired-9999", "blacklist-listed-9999-twice"])
def test_dates_at_the_end_of_the_calendar_are_reported_or_accepted_never_a_crash(fixture_site, kind, over):
    if kind == "cases":
        cases_file(fixture_site, [case_row(1, **over)])
    else:
        blacklist_file(fixture_site, [bl_row(1, **over), bl_row(1, 列入日期="2025-01-10")])
    dataset, report = run(fixture_site)  # must not raise
    assert len(dataset.records[kind]) + dataset.rejected[kind] == dataset.read[kind]


# --- the check command ----------------------------------------------------------------------------

def _mixed_site(site):
    cases_file(site, [
        case_row(1),                                                   # public
        case_row(2, 处罚决定日期="2026-13-01"),                         # rejected
        case_row(3, 处罚类别="警告", 罚款金额=""),                       # withheld: warning only
        case_row(4, 处罚决定日期="2026-04-01", 公示日期="2026-04-02"),   # withheld: not yet
        dict.fromkeys(CASE_HEADERS, "无"),                              # placeholder, not read
        case_row(5, 行政处罚决定书文号="测试市监罚〔2026〕1号"),          # duplicate of row 2
    ])
    blacklist_file(site, [bl_row(1), bl_row(2, 统一社会信用代码="91110000"), bl_row(3, 列入日期="2026-05-01")])


def test_check_json_prints_one_object_and_the_counts_add_up(fixture_site, capsys):
    _mixed_site(fixture_site)
    code = fixture_site.run("check", "--json", "--as-of", AS_OF)
    out = capsys.readouterr().out
    summary = json.loads(out)  # exactly one JSON document on stdout
    assert {"problems", "records", "next_change"} <= set(summary)
    assert code == 1
    for name in ("cases", "blacklist"):
        c = summary["records"][name]
        assert c["read"] == c["published"] + c["withheld"] + c["rejected"], (name, c)
    cases, blacklist = summary["records"]["cases"], summary["records"]["blacklist"]
    assert (cases["read"], cases["published"], cases["withheld"], cases["rejected"]) == (5, 0, 2, 3)
    assert (blacklist["read"], blacklist["published"], blacklist["withheld"], blacklist["rejected"]) == (3, 1, 1, 1)
    places = {(p["file"], p["row"], p["code"]) for p in summary["problems"]}
    assert ("data/cases/cases.csv", 3, "invalid-date") in places
    assert ("data/cases/cases.csv", 6, "placeholder-row") in places
    assert ("data/cases/cases.csv", 2, "duplicate") in places and ("data/cases/cases.csv", 7, "duplicate") in places
    assert ("data/blacklist/blacklist.csv", 3, "invalid-uscc") in places
    assert all(set(p) >= {"severity", "code", "message", "file", "sheet", "row", "column", "value"}
               for p in summary["problems"])
    assert summary["next_change"] == "2026-04-02"


def test_check_exit_code_zero_without_errors(fixture_site, capsys):
    cases_file(fixture_site, [case_row(1), case_row(2)])
    blacklist_file(fixture_site, [bl_row(1)])
    assert fixture_site.run("check", "--json", "--as-of", AS_OF) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["problems"] == []
    assert summary["records"]["cases"]["published"] == 2
    assert summary["records"]["blacklist"]["published"] == 1


def test_strict_turns_a_warning_into_exit_1(fixture_site, capsys):
    cases_file(fixture_site, [case_row(1, 处罚决定日期="2026-01-05", 公示日期="2026-03-02")])
    assert fixture_site.run("check", "--json", "--as-of", AS_OF) == 0
    summary = json.loads(capsys.readouterr().out)
    assert [p["code"] for p in summary["problems"]] == ["late-publication"]
    assert summary["problems"][0]["severity"] == "warning"
    assert fixture_site.run("check", "--strict", "--json", "--as-of", AS_OF) == 1
    capsys.readouterr()


def test_check_text_output_gives_place_and_value(fixture_site, capsys):
    cases_file(fixture_site, [case_row(1, 处罚决定日期="2026-02-30")])
    assert fixture_site.run("check", "--as-of", AS_OF) == 1
    out = capsys.readouterr().out
    assert "data/cases/cases.csv:2:处罚决定日期" in out
    assert "2026-02-30" in out
    assert "错误 1 个" in out


# --- property tests: arbitrary cell contents end as a record or as problems ------------------------

EMOJI = st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF)
TEXTS = st.one_of(
    st.text(),                                                            # includes control characters
    st.text(alphabet=EMOJI, min_size=1, max_size=5),
    st.text(min_size=300, max_size=3000),                                 # very long
    st.text(alphabet=string.digits, min_size=10, max_size=60),            # long digit runs
    st.from_regex(r"-?[0-9,]{1,40}(\.[0-9]{1,6})?(万元|万|元)?", fullmatch=True),
    st.sampled_from(["", " ", "无", "暂无", "—", "2024-02-30", "1130305", "45356", "13万", "法人及非法人组织",
                     "罚款；吊销许可证件", "提前停止公示", "信用修复", "是", "9999-12-31", "0001-01-01",
                     "\x00", "\r\n", "\u3000", "９１"]),
)
CELL = st.one_of(
    st.none(), TEXTS,
    st.integers(), st.integers(min_value=-10**40, max_value=10**40),
    st.floats(), st.booleans(), st.datetimes(), st.dates(),
)


def _raw_rows(rtype, data, units):
    rows = []
    for i, (values, unit) in enumerate(zip(data, units)):
        cells = {f.id: Cell(f.label, v, unit if f.value_type is ValueType.AMOUNT else "") for f, v in zip(rtype.fields, values)}
        rows.append(RawRow("data/x.csv", "", i + 2, cells))
    return rows


def _assert_accounted(rows, records, problems, rejected):
    assert len(records) + rejected == len(rows)
    kept = {r.source.row for r in records}
    for raw in rows:
        errs = [p for p in problems if p.row == raw.row and p.severity is Severity.ERROR]
        assert (raw.row in kept) != bool(errs), (raw.row, errs)
    for record in records:
        assert isinstance(record, Record)
        for field_id in ("decision_date", "publish_date", "listed_date", "removed_date"):
            assert record.get(field_id) is None or isinstance(record.get(field_id), date)
        for field_id in ("fine", "confiscated"):
            assert record.get(field_id) is None or isinstance(record.get(field_id), Decimal)


@pytest.mark.parametrize("rtype", [CASE, BLACKLIST], ids=["cases", "blacklist"])
@settings(max_examples=150, deadline=None,
          phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],  # no slow "explain"
          suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_cell_values_end_as_record_or_problems(rtype, data):
    n = data.draw(st.integers(1, 3))
    values = [data.draw(st.lists(CELL, min_size=len(rtype.fields), max_size=len(rtype.fields))) for _ in range(n)]
    units = [data.draw(st.sampled_from(["", "元", "万元"])) for _ in range(n)]
    rows = _raw_rows(rtype, values, units)
    records, problems, rejected = validate_rows(rows, rtype, Settings())
    _assert_accounted(rows, records, problems, rejected)
    across, bad = check_across(records, rtype, Settings())
    assert bad <= set(range(len(records)))


@settings(max_examples=150, deadline=None,
          phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],  # no slow "explain"
          suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.lists(TEXTS, min_size=len(CASE_HEADERS), max_size=len(CASE_HEADERS)), min_size=1, max_size=3),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_any_csv_cell_text_ends_as_record_or_problems(cells, encoding):
    rows = [dict(zip(CASE_HEADERS, values)) for values in cells]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "data" / "cases"
        write_csv(folder / "h.csv", rows, encoding, CASE_HEADERS)
        report = Report()
        raw = read_folder(folder, CASE, report, root)
        assert len(raw) <= len(rows)
        records, problems, rejected = validate_rows(raw, CASE, Settings())
        _assert_accounted(raw, records, problems, rejected)
        check_across(records, CASE, Settings())
