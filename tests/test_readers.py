"""Reading what staff hand over: CSV in any of the encodings Excel/WPS produce, XLSX with banners and
several sheets, YAML and JSON, header aliases, a site's own mapping file, placeholder and empty rows.

Every fixture file is written here with real bytes; nothing is mocked.
"""
from __future__ import annotations

import csv
import io
import json
import random
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from conftest import CASE_HEADERS, case_row, uscc, write_csv, read_folder
from generator.core.settings import Settings
from generator.core.identifiers import id_check_char
from generator.core.problems import Report, Severity

from conftest import BLACKLIST, CASES as CASE, inspect_site
from generator.intake.validate import validate_rows

RARE_NAME = "䶮达消防器材有限公司"  # U+4DAE: in GB18030 (4 bytes), not in GBK


def csv_bytes(rows: list[list], encoding: str, newline: str = "\r\n") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows(rows)
    return buffer.getvalue().encode(encoding)


def grid(rows: list[dict], headers=CASE_HEADERS) -> list[list]:
    return [list(headers)] + [[r.get(h, "") for h in headers] for r in rows]


def cases_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data" / "cases"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def read(folder: Path, root: Path, rtype=CASE):
    report = Report()
    rows = read_folder(folder, rtype, report, root)
    return rows, report


def read_records(folder: Path, root: Path, rtype=CASE):
    rows, report = read(folder, root, rtype)
    records, problems, rejected = validate_rows(rows, rtype, Settings())
    report.extend(problems)
    return records, report, rejected


def codes(report: Report, severity=None) -> list[str]:
    return [p.code for p in report.problems if severity is None or p.severity is severity]


# --- CSV encodings --------------------------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\r\n", "\n"], ids=["CRLF", "LF"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_with_rare_character_comes_back_exactly(tmp_path, encoding, newline):
    folder = cases_dir(tmp_path)
    rows = [case_row(1, 当事人名称=RARE_NAME), case_row(2)]
    (folder / "cases.csv").write_bytes(csv_bytes(grid(rows), encoding, newline))
    records, report, rejected = read_records(folder, tmp_path)
    assert codes(report, Severity.ERROR) == [] and rejected == 0
    assert [r.get("party_name") for r in records] == [RARE_NAME, "测试市第2消防器材有限公司"]
    assert records[0].key == "测试市监罚〔2026〕1号"
    assert records[0].get("fine") == Decimal("20000")
    assert [r.source.row for r in records] == [2, 3]
    assert records[0].source.file == "data/cases/cases.csv"


@pytest.mark.parametrize("newline", ["\r\n", "\n"], ids=["CRLF", "LF"])
def test_gbk_csv_from_excel_on_chinese_windows(tmp_path, newline):
    folder = cases_dir(tmp_path)
    rows = [case_row(1, 当事人名称="示例市鑫磊消防器材有限公司", 违法事实="经营者祁某某销售“灭火器”，货值￥1,200。"),
            case_row(2, 当事人名称="示例市瑞祥五金店", 当事人类型="个体工商户", 统一社会信用代码=uscc("92110000MA01XYW1A"))]
    data = csv_bytes(grid(rows), "gbk", newline)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really not UTF-8
    (folder / "处罚-GBK.csv").write_bytes(data)
    records, report, rejected = read_records(folder, tmp_path)
    assert codes(report, Severity.ERROR) == [] and rejected == 0
    assert [r.get("party_name") for r in records] == ["示例市鑫磊消防器材有限公司", "示例市瑞祥五金店"]
    assert records[0].get("facts") == "经营者祁某某销售“灭火器”，货值￥1,200。"
    assert records[1].get("party_type") == "个体工商户"


def test_gb18030_rare_character_survives_a_whole_check(fixture_site):
    fixture_site.cases_csv([case_row(1, 当事人名称=RARE_NAME)], encoding="gb18030")
    _, dataset, report = inspect_site(fixture_site.config)
    assert report.errors() == []
    assert [r.get("party_name") for r in dataset.records["cases"]] == [RARE_NAME]


TW_HEADERS = ["決定書文號", "當事人名稱", "統一社會信用代碼", "違法行為類型", "處罰依據", "處罰內容", "處罰機關",
              "處罰決定日期"]
TW_MAPPING = {
    "aliases": {"decision_no": ["決定書文號"], "party_name": ["當事人名稱"], "uscc": ["統一社會信用代碼"],
                "violation": ["違法行為類型"], "basis": ["處罰依據"], "penalty": ["處罰內容"],
                "authority": ["處罰機關"], "decision_date": ["處罰決定日期"]},
    "values": {"party_type": "法人及非法人组织", "penalty_kind": "罚款"},
}


@pytest.mark.parametrize("encoding, name", [("big5", "臺灣滅火器股份有限公司"), ("cp950", "碁峰消防器材有限公司")])
@pytest.mark.parametrize("newline", ["\r\n", "\n"], ids=["CRLF", "LF"])
def test_big5_csv_with_traditional_headers_through_a_mapping(tmp_path, encoding, name, newline):
    folder = cases_dir(tmp_path)
    (folder / "_mapping.yaml").write_text(yaml.safe_dump(TW_MAPPING, allow_unicode=True), encoding="utf-8")
    code = uscc("91710000TW0000001")
    rows = [TW_HEADERS,
            ["北市消保罰字第1130001號", name, code, "販賣不合格滅火器", "消費者保護法第三十三條",
             "處罰鍰新臺幣二萬元整", "臺北市政府消費者保護處", "113/03/05"],
            ["北市消保罰字第1130002號", "高雄縣電器行", uscc("91710000TW0000002"), "標示不符", "商品標示法第十五條",
             "處罰鍰", "臺北市政府消費者保護處", "1130306"]]
    data = csv_bytes(rows, encoding, newline)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    (folder / "tw.csv").write_bytes(data)
    records, report, rejected = read_records(folder, tmp_path)
    assert codes(report, Severity.ERROR) == [] and rejected == 0
    assert "unknown-column" not in codes(report)  # every traditional header was recognised
    first, second = records
    assert first.key == "北市消保罰字第1130001號"
    assert first.get("party_name") == name
    assert first.get("penalty") == "處罰鍰新臺幣二萬元整"
    assert first.get("decision_date") == date(2024, 3, 5)
    assert first.get("party_type") == "法人及非法人组织"  # fixed value from the mapping
    assert second.get("party_name") == "高雄縣電器行"
    assert second.get("decision_date") == date(2024, 3, 6)


def test_random_binary_file_is_an_error_naming_the_file(tmp_path):
    folder = cases_dir(tmp_path)
    (folder / "乱码导出.csv").write_bytes(random.Random(20240305).randbytes(4096))
    rows, report = read(folder, tmp_path)
    assert rows == []
    errors = report.errors()
    assert len(errors) == 1
    assert errors[0].code in ("encoding-unknown", "file-unreadable")
    assert errors[0].file == "data/cases/乱码导出.csv"
    assert "乱码导出.csv" in errors[0].text()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_unsupported_encoding_is_an_error_that_says_so(tmp_path, encoding):
    """Excel's "Unicode text" is UTF-16: not one of the supported encodings, and the clerk is told."""
    folder = cases_dir(tmp_path)
    (folder / "unicode.csv").write_bytes(csv_bytes(grid([case_row(1)]), encoding))
    rows, report = read(folder, tmp_path)
    assert rows == []
    [error] = report.errors()
    assert (error.code, error.file) == ("encoding-unknown", "data/cases/unicode.csv")
    assert "UTF-8" in error.message


def test_csv_with_title_rows_above_the_header_keeps_excel_row_numbers(tmp_path):
    folder = cases_dir(tmp_path)
    n = len(CASE_HEADERS)
    rows = ([["行政处罚信息公示表"] + [""] * (n - 1), ["导出日期：2026-03-10"] + [""] * (n - 1), [""] * n]
            + grid([case_row(1), case_row(2, 处罚决定日期="2026-02-30")]))
    (folder / "cases.csv").write_bytes(csv_bytes(rows, "gbk"))
    records, report, rejected = read_records(folder, tmp_path)
    assert [r.source.row for r in records] == [5]
    [bad] = report.errors()
    assert (bad.code, bad.row, bad.column) == ("invalid-date", 6, "处罚决定日期")


def test_a_broken_file_does_not_stop_the_others(tmp_path):
    folder = cases_dir(tmp_path)
    (folder / "a-broken.csv").write_bytes(random.Random(1).randbytes(2048))
    write_csv(folder / "b-good.csv", [case_row(1)])
    (folder / "c-broken.xlsx").write_bytes(b"PK\x03\x04 this is not really a workbook")
    rows, report = read(folder, tmp_path)
    assert [r.file for r in rows] == ["data/cases/b-good.csv"]
    assert sorted(p.file for p in report.errors()) == ["data/cases/a-broken.csv", "data/cases/c-broken.xlsx"]


def test_multi_line_cell_keeps_excel_row_numbers(tmp_path):
    folder = cases_dir(tmp_path)
    rows = [case_row(1, 违法事实="第一行\r\n第二行\r\n第三行"), case_row(2, 处罚决定日期="2026-02-30")]
    write_csv(folder / "cases.csv", rows)
    records, report, _ = read_records(folder, tmp_path)
    assert records[0].get("facts").count("第") == 3
    [bad] = report.errors()
    assert (bad.code, bad.row) == ("invalid-date", 3)  # Excel shows the second record on row 3


# --- XLSX -----------------------------------------------------------------------------------------

XLSX_HEADERS = CASE_HEADERS


def _xlsx_rows(ws, rows):
    for row in rows:
        ws.append([row.get(h) for h in XLSX_HEADERS])


def make_workbook(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "2025年"
    ws["A1"] = "行政处罚信息公示表"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(XLSX_HEADERS))
    ws["A2"] = "导出日期："
    ws["B2"] = datetime(2026, 3, 10)
    ws.append(XLSX_HEADERS)  # row 3
    _xlsx_rows(ws, [
        case_row(1, 处罚决定日期=datetime(2025, 11, 3), 公示日期=datetime(2025, 11, 6), 罚款金额=20000),
        case_row(2, 处罚决定日期=datetime(2025, 12, 1), 公示日期=datetime(2025, 12, 2)),
        case_row(3, 处罚决定日期=(date(2025, 12, 15) - date(1899, 12, 30)).days, 公示日期="2025-12-16"),
    ])
    for r in range(4, 6):
        ws.cell(r, XLSX_HEADERS.index("处罚决定日期") + 1).number_format = "yyyy-mm-dd"

    ws2 = wb.create_sheet("2026年")
    ws2.append(["2026年行政处罚信息"])
    ws2.merge_cells("A1:F1")
    ws2.append([])
    ws2.append(XLSX_HEADERS)  # row 3
    _xlsx_rows(ws2, [
        case_row(11, 处罚决定日期=datetime(2026, 1, 5), 公示日期=datetime(2026, 1, 8)),
        case_row(12, 处罚决定日期="2026-02-30"),  # row 5: a date that does not exist
    ])

    notes = wb.create_sheet("填表说明")
    notes["A1"] = "本表由案件系统导出，请勿修改列名。"
    notes["A2"] = "金额单位：元"
    wb.create_sheet("空白页")  # empty: nothing to say about it
    wb.save(path)
    return path


@pytest.fixture
def workbook_folder(tmp_path) -> Path:
    folder = cases_dir(tmp_path)
    make_workbook(folder / "2025-2026年行政处罚信息.xlsx")
    return folder


def test_xlsx_reads_every_sheet_with_a_header_below_title_rows(workbook_folder, tmp_path):
    rows, report = read(workbook_folder, tmp_path)
    assert [(r.sheet, r.row) for r in rows] == [("2025年", 4), ("2025年", 5), ("2025年", 6),
                                                ("2026年", 4), ("2026年", 5)]
    assert all(r.file == "data/cases/2025-2026年行政处罚信息.xlsx" for r in rows)


def test_xlsx_dates_stored_as_excel_serials_are_dates(workbook_folder, tmp_path):
    records, report, rejected = read_records(workbook_folder, tmp_path)
    by_no = {r.key: r for r in records}
    assert by_no["测试市监罚〔2026〕1号"].get("decision_date") == date(2025, 11, 3)
    assert by_no["测试市监罚〔2026〕1号"].get("publish_date") == date(2025, 11, 6)
    assert by_no["测试市监罚〔2026〕1号"].get("fine") == Decimal("20000")
    assert by_no["测试市监罚〔2026〕2号"].get("decision_date") == date(2025, 12, 1)
    assert by_no["测试市监罚〔2026〕3号"].get("decision_date") == date(2025, 12, 15)
    assert by_no["测试市监罚〔2026〕11号"].get("decision_date") == date(2026, 1, 5)
    assert by_no["测试市监罚〔2026〕11号"].source.sheet == "2026年"
    assert by_no["测试市监罚〔2026〕11号"].source.row == 4


def test_xlsx_problem_has_the_row_excel_shows_and_the_sheet_name(workbook_folder, tmp_path):
    records, report, rejected = read_records(workbook_folder, tmp_path)
    [bad] = [p for p in report.errors() if p.code != "header-missing"]
    assert bad.code == "invalid-date"
    assert (bad.file, bad.sheet, bad.row, bad.column) == (
        "data/cases/2025-2026年行政处罚信息.xlsx", "2026年", 5, "处罚决定日期")
    assert bad.value == "2026-02-30"
    assert "2026年!5" in bad.text()
    assert rejected == 1 and len(records) == 4


def test_xlsx_sheet_without_header_is_an_error_naming_the_sheet(workbook_folder, tmp_path):
    _, report = read(workbook_folder, tmp_path)
    missing = [p for p in report.problems if p.code == "header-missing"]
    assert [(p.severity, p.sheet) for p in missing] == [(Severity.ERROR, "填表说明")]
    assert missing[0].file == "data/cases/2025-2026年行政处罚信息.xlsx"
    assert "ignore_sheets" in missing[0].message
    assert not any(p.sheet == "空白页" for p in report.problems)


def test_a_notes_sheet_listed_in_the_mapping_is_not_read(workbook_folder, tmp_path):
    (workbook_folder / "_mapping.yaml").write_text("ignore_sheets: [填表说明]\n", encoding="utf-8")
    rows, report = read(workbook_folder, tmp_path)
    assert not [p for p in report.problems if p.code == "header-missing"]
    assert len(rows) == 5


def test_xlsx_blacklist_with_banner(tmp_path):
    folder = tmp_path / "data" / "blacklist"
    folder.mkdir(parents=True)
    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws["A1"] = "严重违法失信名单"
    ws.merge_cells("A1:F1")
    ws["A2"] = "导出时间：2026年3月10日"
    ws.append(["当事人名称", "统一社会信用代码", "列入事由", "作出决定机关", "列入日期", "移出日期", "移出原因"])
    ws.append(["示例市信德消防器材有限公司", "91449901HRPN42WW3R", "生产销售不合格消防产品", "示例市市场监督管理局",
               datetime(2023, 12, 18), None, None])
    wb.save(folder / "名单.xlsx")
    records, report, rejected = read_records(folder, tmp_path, BLACKLIST)
    assert report.errors() == []
    [entry] = records
    assert (entry.key, entry.get("listed_date"), entry.source.sheet, entry.source.row) == (
        "91449901HRPN42WW3R", date(2023, 12, 18), "名单", 4)


# --- headers --------------------------------------------------------------------------------------

def test_header_with_unit_and_full_width_brackets(tmp_path):
    folder = cases_dir(tmp_path)
    headers = ["行政处罚决定书文号", " 当事人名称（全称） ", "当事人类型", "统一社会信用代码", "违法行为类型",
               "处罚依据", "处罚类别", "处罚内容", "罚款金额（万元）", "处罚机关", "处罚决定日期"]
    row = case_row(1)
    values = [row["行政处罚决定书文号"], row["当事人名称"], row["当事人类型"], row["统一社会信用代码"],
              row["违法行为类型"], row["处罚依据"], "罚款", row["处罚内容"], "3.2", row["处罚机关"], "2026-03-02"]
    (folder / "cases.csv").write_bytes(csv_bytes([headers, values], "utf-8-sig"))
    records, report, rejected = read_records(folder, tmp_path)
    assert report.problems == []
    [record] = records
    assert record.get("fine") == Decimal("32000")
    assert record.get("party_name") == "测试市第1消防器材有限公司"


@pytest.mark.parametrize("header", ["罚款金额(万元)", "罚款金额（万元）", "罚款金额 ( 万元 )", "罚款金额【万元】",
                                    "＊罚款金额（万元）"])
def test_unit_in_header_in_any_bracket_style(tmp_path, header):
    folder = cases_dir(tmp_path)
    headers = [h if h != "罚款金额" else header for h in CASE_HEADERS]
    row = case_row(1, 罚款金额="1.5")
    (folder / "cases.csv").write_bytes(csv_bytes([headers, [row[h] for h in CASE_HEADERS]], "utf-8"))
    records, report, _ = read_records(folder, tmp_path)
    assert report.problems == []
    assert records[0].get("fine") == Decimal("15000")


def test_header_unit_does_not_override_a_unit_in_the_cell(tmp_path):
    folder = cases_dir(tmp_path)
    headers = [h if h != "罚款金额" else "罚款金额（万元）" for h in CASE_HEADERS]
    row = case_row(1, 罚款金额="8000元")
    (folder / "cases.csv").write_bytes(csv_bytes([headers, [row[h] for h in CASE_HEADERS]], "utf-8"))
    records, _, _ = read_records(folder, tmp_path)
    assert records[0].get("fine") == Decimal("8000")


# --- mapping file ---------------------------------------------------------------------------------

def test_mapping_file_adds_aliases_fixed_values_and_ignored_columns(tmp_path):
    folder = cases_dir(tmp_path)
    (folder / "_mapping.yaml").write_text(
        "aliases:\n"
        "  party_name: [经营主体名称]\n"
        "  decision_date: 作出决定日期\n"
        "values:\n"
        "  authority: 测试市市场监督管理局\n"
        "ignore: [系统流水号]\n", encoding="utf-8")
    headers = ["行政处罚决定书文号", "经营主体名称", "当事人类型", "统一社会信用代码", "违法行为类型", "处罚依据",
               "处罚类别", "处罚内容", "处罚机关", "作出决定日期", "系统流水号", "内部编号"]
    base = case_row(1)
    r1 = [base["行政处罚决定书文号"], "甲公司", base["当事人类型"], base["统一社会信用代码"], "违法", "依据",
          "没收违法所得", "没收违法所得", "", "2026-03-02", "已送达", "N-0001"]
    r2 = ["测试市监罚〔2026〕2号", "乙公司", base["当事人类型"], uscc("91110000123450002"), "违法", "依据",
          "没收违法所得", "没收违法所得", "测试市某区市场监督管理局", "2026-03-03", "", "N-0002"]
    (folder / "cases.csv").write_bytes(csv_bytes([headers, r1, r2], "utf-8-sig"))
    records, report, rejected = read_records(folder, tmp_path)
    assert report.errors() == [] and rejected == 0
    assert [r.get("party_name") for r in records] == ["甲公司", "乙公司"]
    assert [r.get("authority") for r in records] == ["测试市市场监督管理局", "测试市某区市场监督管理局"]
    assert records[0].get("decision_date") == date(2026, 3, 2)
    warnings = [p for p in report.problems if p.severity is Severity.WARNING]
    assert [(p.code, p.column, p.row) for p in warnings] == [("unknown-column", "内部编号", 1)]
    assert "内部编号" in warnings[0].message
    assert not any("系统流水号" in p.message or p.column == "系统流水号" for p in report.problems)


def test_unknown_column_without_mapping_is_a_warning_naming_it(tmp_path):
    folder = cases_dir(tmp_path)
    rows = [dict(case_row(1), 经办人="张三")]
    write_csv(folder / "cases.csv", rows)
    records, report, rejected = read_records(folder, tmp_path)
    assert rejected == 0 and len(records) == 1
    [warning] = report.problems
    assert (warning.severity, warning.code, warning.column) == (Severity.WARNING, "unknown-column", "经办人")
    assert warning.file == "data/cases/cases.csv"
    assert "经办人" in warning.text()


def test_mapping_naming_an_unknown_field_is_an_error(tmp_path):
    folder = cases_dir(tmp_path)
    (folder / "_mapping.yaml").write_text("aliases:\n  party_nmae: [经营主体名称]\n", encoding="utf-8")
    write_csv(folder / "cases.csv", [case_row(1)])
    _, report = read(folder, tmp_path)
    [error] = report.errors()
    assert error.code == "mapping-invalid" and "party_nmae" in error.message
    assert error.file == "data/cases/_mapping.yaml"


# --- placeholder and empty rows -------------------------------------------------------------------

def test_placeholder_rows_are_skipped_with_a_note_and_empty_rows_silently(tmp_path):
    folder = cases_dir(tmp_path)
    n = len(CASE_HEADERS)
    rows = [CASE_HEADERS,
            [case_row(1)[h] for h in CASE_HEADERS],   # 2
            ["无"] * n,                                # 3
            ["暂无"] * n,                              # 4
            [""] * n,                                  # 5: completely empty
            ["—"] * n,                                 # 6
            [],                                        # 7: empty line
            ["无", "暂无", "—"] + [""] * (n - 3),       # 8: mixed placeholders, rest empty
            [case_row(2)[h] for h in CASE_HEADERS]]   # 9
    (folder / "cases.csv").write_bytes(csv_bytes(rows, "utf-8-sig"))
    records, report, rejected = read_records(folder, tmp_path)
    assert rejected == 0
    assert [r.source.row for r in records] == [2, 9]
    notes = [p for p in report.problems if p.code == "placeholder-row"]
    assert [(p.severity, p.row) for p in notes] == [(Severity.NOTE, 3), (Severity.NOTE, 4), (Severity.NOTE, 6),
                                                   (Severity.NOTE, 8)]
    assert all(p.file == "data/cases/cases.csv" for p in notes)
    assert [p for p in report.problems if p.code != "placeholder-row"] == []


def test_placeholder_rows_do_not_count_as_read_or_rejected(fixture_site):
    rows = [case_row(1), dict.fromkeys(CASE_HEADERS, "无"), dict.fromkeys(CASE_HEADERS, ""),
            dict.fromkeys(CASE_HEADERS, "——"), case_row(2)]
    fixture_site.cases_csv(rows)
    _, dataset, report = inspect_site(fixture_site.config)
    assert report.errors(strict=True) == []
    assert dataset.read["cases"] == 2
    assert dataset.rejected["cases"] == 0
    assert len(dataset.records["cases"]) == 2
    assert sum(1 for p in report.problems if p.code == "placeholder-row") == 2


def test_a_row_with_one_real_value_among_placeholders_is_not_skipped(tmp_path):
    folder = cases_dir(tmp_path)
    row = dict.fromkeys(CASE_HEADERS, "无")
    row["行政处罚决定书文号"] = "测试市监罚〔2026〕9号"
    write_csv(folder / "cases.csv", [row])
    records, report, rejected = read_records(folder, tmp_path)
    assert rejected == 1  # the 无 cells are then wrong values, reported
    assert not any(p.code == "placeholder-row" for p in report.problems)
    assert report.errors()


# --- YAML and JSON --------------------------------------------------------------------------------

def test_yaml_list_with_english_ids(tmp_path):
    folder = cases_dir(tmp_path)
    (folder / "manual.yaml").write_text(f"""
# 手工维护
- decision_no: 测试市监罚〔2026〕21号
  party_name: 测试市甲商店
  party_type: 个体工商户
  uscc: "{uscc('92110000MA01ABC1X')}"
  violation: 销售过期食品
  basis: 《中华人民共和国食品安全法》第一百二十四条
  penalty_kind: 罚款；没收违法所得
  penalty: 罚款5000元
  fine: 5000元
  authority: 测试市市场监督管理局
  decision_date: 2026-03-02
  publish_date: 2026/3/4
- decision_no: 测试市监罚〔2026〕22号
  party_name: 王某某
  party_type: 自然人
  id_number: "{'11010519491231002' + id_check_char('11010519491231002')}"
  violation: 无照经营
  basis: 《无证无照经营查处办法》第十三条
  penalty_kind: 警告
  penalty: 警告
  authority: 测试市市场监督管理局
  decision_date: 20260303
""", encoding="utf-8")
    records, report, rejected = read_records(folder, tmp_path)
    assert report.errors() == [] and rejected == 0
    first, second = records
    assert first.key == "测试市监罚〔2026〕21号"
    assert first.get("penalty_kind") == ("罚款", "没收违法所得")
    assert first.get("fine") == Decimal("5000")
    assert (first.get("decision_date"), first.get("publish_date")) == (date(2026, 3, 2), date(2026, 3, 4))
    assert second.get("decision_date") == date(2026, 3, 3)
    # YAML rows are the lines the items start on, as an editor shows them
    assert (first.source.file, first.source.row, second.source.row) == ("data/cases/manual.yaml", 3, 15)


def test_json_list_with_chinese_headers(tmp_path):
    folder = cases_dir(tmp_path)
    items = [case_row(31, 罚款金额=15000), case_row(32, 处罚决定日期="2026年3月3日", 公示日期="2026.3.4")]
    (folder / "cases.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    records, report, rejected = read_records(folder, tmp_path)
    assert report.errors() == [] and rejected == 0
    assert [r.key for r in records] == ["测试市监罚〔2026〕31号", "测试市监罚〔2026〕32号"]
    assert records[0].get("fine") == Decimal("15000")
    assert records[1].get("decision_date") == date(2026, 3, 3)
    assert records[1].get("publish_date") == date(2026, 3, 4)


def test_yaml_blacklist_with_chinese_headers_and_bad_item(tmp_path):
    folder = tmp_path / "data" / "blacklist"
    folder.mkdir(parents=True)
    (folder / "名单.yml").write_text("""
- 当事人名称: 示例市信德消防器材有限公司
  统一社会信用代码: 91449901hrpn42ww3r
  列入事由: 生产销售不合格消防产品
  作出决定机关: 示例市市场监督管理局
  列入日期: 2023-12-18
- 这一条不是字段
""", encoding="utf-8")
    records, report, _ = read_records(folder, tmp_path, BLACKLIST)
    [entry] = records
    assert entry.key == "91449901HRPN42WW3R"
    [error] = report.errors()
    assert (error.code, error.file, error.row) == ("file-shape", "data/blacklist/名单.yml", 7)


def test_yaml_that_is_not_a_list_is_an_error(tmp_path):
    folder = cases_dir(tmp_path)
    (folder / "wrong.yaml").write_text("decision_no: 测试市监罚〔2026〕1号\nparty_name: 甲\n", encoding="utf-8")
    rows, report = read(folder, tmp_path)
    assert rows == []
    [error] = report.errors()
    assert error.file == "data/cases/wrong.yaml"


def test_json_with_a_syntax_error_names_the_file(tmp_path):
    folder = cases_dir(tmp_path)
    (folder / "cases.json").write_text('[{"decision_no": "x",}', encoding="utf-8")
    rows, report = read(folder, tmp_path)
    assert rows == []
    [error] = report.errors()
    assert error.file == "data/cases/cases.json"


def test_lock_and_hidden_files_are_not_read(tmp_path):
    folder = cases_dir(tmp_path)
    write_csv(folder / "cases.csv", [case_row(1)])
    (folder / "~$cases.xlsx").write_bytes(b"\x00lock")
    (folder / ".cases.csv.swp").write_bytes(b"\x00swap")
    rows, report = read(folder, tmp_path)
    assert len(rows) == 1 and report.problems == []


def test_csv_without_a_recognisable_header_is_an_error_not_a_silent_loss(tmp_path):
    folder = tmp_path / "data" / "cases"
    write_csv(folder / "noheader.csv", [{"甲": "1", "乙": "2", "丙": "3"}])
    report = Report()
    assert read_folder(folder, CASE, report, tmp_path) == []
    [problem] = [p for p in report.problems if p.code == "header-missing"]
    assert problem.severity is Severity.ERROR and problem.file == "data/cases/noheader.csv"


@pytest.mark.parametrize("name,severity", [("2024.xls", Severity.ERROR), ("说明.txt", Severity.WARNING),
                                           ("_old.csv", Severity.WARNING)])
def test_files_that_are_not_read_are_reported(tmp_path, name, severity):
    folder = tmp_path / "data" / "cases"
    folder.mkdir(parents=True)
    (folder / name).write_bytes(b"x")
    (folder / "~$lock.xlsx").write_bytes(b"x")  # Excel's lock file: silently ignored
    report = Report()
    assert read_folder(folder, CASE, report, tmp_path) == []
    assert [(p.code, p.severity, p.file) for p in report.problems] == [("file-format", severity, f"data/cases/{name}")]


@pytest.mark.parametrize("text", ["- a\n- b\n", "aliases: [decision_no]\n", "aliases: {decision_no: 5}\nfoo: 1\n"])
def test_odd_mapping_files_are_problems_not_crashes(tmp_path, text):
    folder = tmp_path / "data" / "cases"
    folder.mkdir(parents=True)
    (folder / "_mapping.yaml").write_text(text, encoding="utf-8")
    report = Report()
    read_folder(folder, CASE, report, tmp_path)
    assert any(p.code == "mapping-invalid" and p.file == "data/cases/_mapping.yaml" for p in report.problems)
