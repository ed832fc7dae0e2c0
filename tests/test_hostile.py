"""Hostile and broken input files: nothing leaks, nothing hangs.

Every hostile file is built here with real bytes. The ones that used to take gigabytes or minutes are read in a
child process (tests/hostile_reader.py) that reports its own peak memory (ru_maxrss) and time: each must be refused (or read) well under
500 MB, with one problem naming the file, and the child is stopped (a failure) if it has not finished within a
minute. What each really took is printed; speed itself is the benchmark's business.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

import hostile_reader
from conftest import case_row, inspect_site, uscc, write_csv, read_folder
from generator.assemble import staging
from generator.core.problems import Report, Severity
from generator.core.settings import Settings, settings_from_dict
from generator.intake.campaigns import read_campaigns
from generator.intake.files import decode_bytes
from generator.intake.validate import MAX_ADDRESS_BYTES, validate_rows
from generator.recordtypes.cases import CASES

MEMORY_MB = 500
HANG = 60  # seconds after which a child reading one hostile folder is taken to hang


def read_in_child(root: Path, kind: str = "cases", **settings) -> dict:
    result = hostile_reader.read_in_child(root, kind, settings, HANG)
    test = os.environ.get("PYTEST_CURRENT_TEST", kind).split(" ")[0].split("::")[-1]
    own = result["own_peak_mb"] or 0
    print(f"\n{test}: {result['seconds']:.2f} s, peak {result['peak_mb']:.0f} MB (its own: {own:.0f} MB)")
    assert result["peak_mb"] < MEMORY_MB
    return result


def refusal(result: dict, file: str, code: str = "file-too-large") -> dict:
    """The one problem about a refused file: an error with the code, naming the file."""
    about = [p for p in result["problems"] if p["file"] == file]
    assert [p["code"] for p in about] == [code], about
    assert about[0]["severity"] == "error" and file in about[0]["text"]
    return about[0]


def data_root(tmp_path: Path) -> Path:
    for name in ("cases", "blacklist", "campaigns"):
        (tmp_path / "data" / name).mkdir(parents=True, exist_ok=True)
    return tmp_path


# --- XLSX packages written part by part ------------------------------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE = "http://schemas.openxmlformats.org/package/2006"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
CONTENT_TYPES = (f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{PACKAGE}/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 f'<Override PartName="/xl/workbook.xml" ContentType="{SHEET_TYPE}.sheet.main+xml"/>'
                 f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_TYPE}.worksheet+xml"/>'
                 "{shared}</Types>")
SHARED_TYPE = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHEET_TYPE}.sharedStrings+xml"/>'
ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}/relationships">'
             f'<Relationship Id="rId1" Type="{OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{OFFICE}"><sheets>'
            '<sheet name="炸弹" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PACKAGE}/relationships">'
                 f'<Relationship Id="rId1" Type="{OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
                 "{shared}</Relationships>")
SHARED_REL = f'<Relationship Id="rId2" Type="{OFFICE}/sharedStrings" Target="sharedStrings.xml"/>'
SHEET_OPEN = f'<worksheet xmlns="{MAIN}"><sheetData>'.encode()
SHEET_CLOSE = b"</sheetData></worksheet>"


def write_xlsx(path: Path, sheet_chunks, strings: list[str] | None = None, shared_chunks=None, extra=()) -> Path:
    """A workbook of one sheet ("炸弹") whose XML is written chunk by chunk (it may be hundreds of MB)."""
    shared = strings is not None or shared_chunks is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.format(shared=SHARED_TYPE if shared else ""))
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.format(shared=SHARED_REL if shared else ""))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for chunk in sheet_chunks:
                sheet.write(chunk)
        if shared:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as table:
                if shared_chunks is None:
                    items = "".join(f"<si><t xml:space=\"preserve\">{s}</t></si>" for s in strings)
                    shared_chunks = [f'<sst xmlns="{MAIN}">{items}'
                                     "</sst>".encode()]
                for chunk in shared_chunks:
                    table.write(chunk)
        for name, data in extra:
            z.writestr(name, data)
    return path


def repeated(head: bytes, body: bytes, times: int, tail: bytes, per_chunk: int = 10_000):
    yield head
    for done in range(0, times, per_chunk):
        yield body * min(per_chunk, times - done)
    yield tail


# --- 1. limits: tiny files that used to take gigabytes ---------------------------------------------

def billion_laughs(levels: int = 9) -> list[str]:
    """Anchors of nine aliases of nine aliases: 72 aliases (under the default 100) expanding to 9**9 items."""
    lines = ['- &a0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    lines += [f"- &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return lines


def test_yaml_billion_laughs_in_a_data_file_is_refused_in_milliseconds(tmp_path):
    root = data_root(tmp_path)
    text = "\n".join(billion_laughs() + ["- 当事人名称: *a8\n  行政处罚决定书文号: 测试罚〔2026〕1号"]) + "\n"
    (root / "data" / "cases" / "laughs.yaml").write_text(text, encoding="utf-8")
    result = read_in_child(root)
    problem = refusal(result, "data/cases/laughs.yaml", "yaml-aliases")
    assert "max_cells" in problem["message"] and result["records"] == 0


def test_yaml_billion_laughs_in_a_campaign_file_is_refused(tmp_path):
    root = data_root(tmp_path)
    anchors = "\n".join(line.replace("- ", f"x{i}: ", 1) for i, line in enumerate(billion_laughs()))
    text = f"{anchors}\nid: c1\ntitle: *a8\nauthority: 局\nstart: 2026-01-01\nend: 2026-02-01\n"
    (root / "data" / "campaigns" / "c1.yaml").write_text(text, encoding="utf-8")
    result = read_in_child(root, "campaigns")
    refusal(result, "data/campaigns/c1.yaml", "yaml-aliases")


def test_yaml_billion_laughs_in_a_mapping_file_is_refused_and_the_data_still_read(tmp_path):
    root = data_root(tmp_path)
    anchors = "\n".join(line.replace("- ", f"x{i}: ", 1) for i, line in enumerate(billion_laughs()))
    (root / "data" / "cases" / "_mapping.yaml").write_text(f"{anchors}\naliases:\n  party_name: *a8\n",
                                                           encoding="utf-8")
    write_csv(root / "data" / "cases" / "cases.csv", [case_row(1)])
    result = read_in_child(root)
    refusal(result, "data/cases/_mapping.yaml", "yaml-aliases")
    assert result["records"] == 1


def test_more_yaml_aliases_than_allowed_are_refused_with_the_line(tmp_path):
    root = data_root(tmp_path)
    items = "\n".join(f"- 行政处罚决定书文号: 测试罚〔2026〕{n}号\n  处罚机关: *a" for n in range(1, 12))
    (root / "data" / "cases" / "aliases.yaml").write_text(f"- &a 测试市市场监督管理局\n{items}\n", encoding="utf-8")
    result = read_in_child(root, max_yaml_aliases=10)
    problem = refusal(result, "data/cases/aliases.yaml", "yaml-aliases")
    assert problem["row"] == 23 and "max_yaml_aliases" in problem["message"]


def test_yaml_nested_a_hundred_thousand_deep_is_refused_not_a_crash(tmp_path):
    # PyYAML's C composer overflows the C stack on this (a segfault), and its parser slows down with depth
    root = data_root(tmp_path)
    (root / "data" / "cases" / "deep.yaml").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (root / "data" / "cases" / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    result = read_in_child(root)
    assert "嵌套" in refusal(result, "data/cases/deep.yaml", "file-unreadable")["message"]
    assert "嵌套" in refusal(result, "data/cases/deep.json", "file-unreadable")["message"]


def workbook_with_declared_ranges(path: Path, rows: int) -> Path:
    """A real table whose sheet claims the whole grid: its dimension and two merged ranges reach XFD1048576."""
    book = Workbook()
    sheet = book.active
    sheet.title = "处罚"
    headers = list(case_row(1))
    sheet.append(["行政处罚信息公示"])
    sheet.append(headers)
    for n in range(1, rows + 1):
        sheet.append([v if h != "处罚机关" or n == 1 else None for h, v in case_row(n).items()])
    book.save(path)
    authority = f"{chr(ord('A') + headers.index('处罚机关'))}"
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml = re.sub(r'<dimension ref="[^"]+"/>', '<dimension ref="A1:XFD1048576"/>', xml)
    merges = f'<mergeCells count="3"><mergeCell ref="A1:M1"/><mergeCell ref="{authority}3:{authority}1048576"/>' \
             '<mergeCell ref="N3:XFD1048576"/></mergeCells>'
    parts["xl/worksheets/sheet1.xml"] = xml.replace("</sheetData>", "</sheetData>" + merges).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def test_xlsx_declaring_the_whole_grid_is_read_as_the_data_it_holds(tmp_path):
    root = data_root(tmp_path)
    workbook_with_declared_ranges(root / "data" / "cases" / "全表.xlsx", 4000)
    result = read_in_child(root)
    assert [p for p in result["problems"] if p["severity"] == "error"] == []
    assert result["records"] == 4000  # 处罚机关 merged down from row 3 reaches every record
    notes = [p for p in result["problems"] if p["code"] == "merged-cells"]
    assert [n["message"].split()[1] for n in notes] == ["K3:K4002"]
    assert "A1:XFD1048576" not in notes[0]["message"] and "K3:K1048576" in notes[0]["message"]


def test_xlsx_of_millions_of_blank_cells_is_refused_before_openpyxl_reads_it(tmp_path):
    root = data_root(tmp_path)
    path = root / "data" / "cases" / "空白.xlsx"
    row = b"<row>" + b'<c t="s"><v>0</v></c>' * 1000 + b"</row>"
    write_xlsx(path, repeated(SHEET_OPEN, row, 3000, SHEET_CLOSE, per_chunk=100), strings=["   "])
    assert path.stat().st_size < 2_000_000  # three million cells in a small file
    result = read_in_child(root)
    problem = refusal(result, "data/cases/空白.xlsx")
    assert problem["sheet"] == "炸弹" and "max_cells" in problem["message"]


def test_xlsx_that_inflates_beyond_the_limit_is_refused_from_the_zip_directory(tmp_path):
    root = data_root(tmp_path)
    path = root / "data" / "cases" / "膨胀.xlsx"
    write_xlsx(path, repeated(SHEET_OPEN, b" " * 1_000_000, 210, SHEET_CLOSE, per_chunk=10))
    result = read_in_child(root)
    problem = refusal(result, "data/cases/膨胀.xlsx")
    assert problem["sheet"] == "炸弹" and "max_uncompressed_mb" in problem["message"]


def test_xlsx_rows_padded_to_the_last_column_are_refused(tmp_path):
    root = data_root(tmp_path)
    wide = root / "data" / "cases" / "宽.xlsx"
    write_xlsx(wide, repeated(SHEET_OPEN, b'<row><c r="XFD1" t="s"><v>0</v></c></row>', 100_000, SHEET_CLOSE),
               strings=["x"])
    result = read_in_child(root)
    problem = refusal(result, "data/cases/宽.xlsx")
    assert "16,384 列" in problem["message"] and "max_columns" in problem["message"]
    wide.unlink()
    # empty cells in the last column: nothing to show, but each row costs 16,384 cells to read
    empty = root / "data" / "cases" / "空列.xlsx"
    write_xlsx(empty, repeated(SHEET_OPEN, b'<row><c r="A1" t="s"><v>0</v></c><c r="XFD1"/></row>', 100_000,
                               SHEET_CLOSE), strings=["x"])
    result = read_in_child(root)
    assert "max_columns" in refusal(result, "data/cases/空列.xlsx")["message"]


def test_xlsx_shared_strings_bomb_is_refused(tmp_path):
    root = data_root(tmp_path)
    shared = repeated(f'<sst xmlns="{MAIN}">'.encode(), b"<si><t>a</t></si>",
                      3_000_000, b"</sst>", per_chunk=100_000)
    write_xlsx(root / "data" / "cases" / "字.xlsx", [SHEET_OPEN, SHEET_CLOSE], shared_chunks=shared)
    result = read_in_child(root)
    assert "共享文字" in refusal(result, "data/cases/字.xlsx")["message"]


def test_xlsx_with_tens_of_thousands_of_parts_is_refused(tmp_path):
    root = data_root(tmp_path)
    extra = [(f"xl/media/{n}.bin", b"") for n in range(20_000)]
    write_xlsx(root / "data" / "cases" / "部件.xlsx", [SHEET_OPEN, SHEET_CLOSE], extra=extra)
    result = read_in_child(root)
    assert "部件" in refusal(result, "data/cases/部件.xlsx")["message"]


def test_xlsx_with_an_xml_entity_bomb_is_refused(tmp_path):
    root = data_root(tmp_path)
    entities = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    sheet = (f'<?xml version="1.0"?><!DOCTYPE worksheet [{entities}]>'
             f'<worksheet xmlns="{MAIN}"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>')
    write_xlsx(root / "data" / "cases" / "实体.xlsx", [sheet.encode()])
    result = read_in_child(root)
    refusal(result, "data/cases/实体.xlsx", "file-unreadable")


def test_csv_larger_than_the_limit_is_not_opened(tmp_path):
    root = data_root(tmp_path)
    path = root / "data" / "cases" / "大.csv"
    with open(path, "wb") as f:
        f.truncate(60 * 2**20)  # 60 MB on disk, and not a byte of it read
    result = read_in_child(root)
    assert "max_file_mb" in refusal(result, "data/cases/大.csv")["message"]


def test_csv_of_millions_of_empty_cells_stops_at_the_limit(tmp_path):
    root = data_root(tmp_path)
    path = root / "data" / "cases" / "逗号.csv"
    path.write_bytes(("行政处罚决定书文号,当事人名称\n" + ",,,,,,,,,,,,,,,,,,,x\n" * 400_000).encode())
    result = read_in_child(root)
    assert "max_cells" in refusal(result, "data/cases/逗号.csv")["message"]


def test_json_of_millions_of_empty_lists_is_refused_before_it_is_built(tmp_path):
    root = data_root(tmp_path)
    (root / "data" / "cases" / "lists.json").write_text("[" + ",".join(["[]"] * 4_000_000) + "]", encoding="utf-8")
    result = read_in_child(root)
    assert "max_cells" in refusal(result, "data/cases/lists.json")["message"]


def test_a_cell_longer_than_excel_allows_refuses_the_file_naming_the_cell(tmp_path):
    root = data_root(tmp_path)
    write_csv(root / "data" / "cases" / "长.csv", [case_row(1), case_row(2, 违法事实="违" * 40_000)])
    report = Report()
    assert read_folder(root / "data" / "cases", CASES, report, root) == []
    [problem] = report.problems
    assert (problem.code, problem.file, problem.row) == ("file-too-large", "data/cases/长.csv", 3)
    assert "32,767" in problem.message and problem.column == "第 6 列"


@pytest.mark.parametrize("key, value, code", [("max_rows", 2, "file-too-large"), ("max_columns", 5, "file-too-large"),
                                              ("max_cells", 20, "file-too-large")])
def test_every_limit_is_a_setting(tmp_path, key, value, code):
    root = data_root(tmp_path)
    write_csv(root / "data" / "cases" / "c.csv", [case_row(n) for n in range(1, 4)])
    (root / "data" / "cases" / "c.yaml").write_text(
        yaml.safe_dump([case_row(n) for n in range(4, 7)], allow_unicode=True), encoding="utf-8")
    wb = Workbook()
    wb.active.append(list(case_row(1)))
    for n in range(7, 10):
        wb.active.append(list(case_row(n).values()))
    wb.save(root / "data" / "cases" / "c.xlsx")
    report = Report()
    assert read_folder(root / "data" / "cases", CASES, report, root, Settings(**{key: value})) == []
    assert sorted((p.code, p.file) for p in report.problems) == [
        (code, f"data/cases/c.{suffix}") for suffix in ("csv", "xlsx", "yaml")]
    assert all(key in p.message for p in report.problems)


@pytest.mark.parametrize("value", [0, -1, "很多", 2.5, True])
def test_a_limit_must_be_a_positive_whole_number(value):
    settings, problems = settings_from_dict({"max_rows": value})
    assert [p.code for p in problems] == ["config-invalid"] and settings.max_rows == Settings().max_rows
    assert settings_from_dict({"max_yaml_aliases": 0})[1] == []  # no anchors at all is a choice


def test_a_build_with_a_refused_file_publishes_nothing_and_reports_every_file(fixture_site):
    fixture_site.cases_csv([case_row(1)])
    (fixture_site.root / "data" / "cases" / "laughs.yaml").write_text(
        "\n".join(billion_laughs() + ["- 当事人名称: *a8"]) + "\n", encoding="utf-8")
    fixture_site.blacklist_csv([{"当事人名称": "甲公司", "统一社会信用代码": "91110000MA0000000X", "列入事由": "x",
                                 "作出决定机关": "局", "列入日期": "2026-01-01"}])
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 1
    assert not fixture_site.site.exists()
    _, _, report = inspect_site(fixture_site.config)
    assert {("yaml-aliases", "data/cases/laughs.yaml"), ("invalid-uscc", "data/blacklist/blacklist.csv")} <= {
        (p.code, p.file) for p in report.errors()}


# --- 2. YAML and JSON shapes that crashed -----------------------------------------------------------

@pytest.mark.parametrize("text, line", [
    ("- 行政处罚决定书文号: 测试罚〔2026〕1号\n  ? [当事人, 名称]\n  : 甲公司\n", 2),
    ("- 行政处罚决定书文号: 测试罚〔2026〕1号\n- ? {当事人: 名称}\n  : 甲公司\n", 2),
    ("cases:\n  - 行政处罚决定书文号: x\n? [a]\n: 1\n", 3),
    ("- 行政处罚决定书文号: 测试罚〔2026〕1号\n  处罚机关: *nowhere\n", 2),
    ("- 行政处罚决定书文号: 测试罚〔2026〕1号\n---\n- 行政处罚决定书文号: 测试罚〔2026〕2号\n", 2),
    ("- !!python/object/apply:os.system [echo]\n", 1),
    ("- 行政处罚决定书文号: \"测试\x00罚\"\n", 1),
])
def test_yaml_that_crashed_or_slipped_through_is_an_error_with_its_line(tmp_path, text, line):
    root = data_root(tmp_path)
    (root / "data" / "cases" / "odd.yaml").write_text(text, encoding="utf-8")
    report = Report()
    assert read_folder(root / "data" / "cases", CASES, report, root) == []
    [problem] = report.problems
    assert (problem.code, problem.file, problem.row) == ("file-unreadable", "data/cases/odd.yaml", line)
    assert f"第 {line} 行" in problem.message


@pytest.mark.parametrize("where", ["campaigns", "mapping"])
def test_complex_keys_in_campaign_and_mapping_files_are_errors_with_the_line(fixture_site, where):
    path = (fixture_site.root / "data" / "campaigns" / "c1.yaml" if where == "campaigns"
            else fixture_site.root / "data" / "cases" / "_mapping.yaml")
    path.write_text("id: c1\n? [a, b]\n: 1\n", encoding="utf-8")
    fixture_site.cases_csv([case_row(1)])
    _, _, report = inspect_site(fixture_site.config)
    [problem] = [p for p in report.errors() if p.file.endswith(path.name)]
    assert problem.row == 2 and "第 2 行" in problem.message


@pytest.mark.parametrize("value, shown", [("{a: 1}", "…"), ("[甲, 乙]", "…"), ("!!set {甲, 乙}", "…"),
                                          ("!!binary aGVsbG8=", "…")])
def test_a_yaml_value_that_is_not_one_value_rejects_the_record(tmp_path, value, shown):
    root = data_root(tmp_path)
    record = yaml.safe_dump([case_row(1)], allow_unicode=True).replace("当事人名称: 测试市第1消防器材有限公司",
                                                                        f"当事人名称: {value}")
    (root / "data" / "cases" / "c.yaml").write_text(record, encoding="utf-8")
    report = Report()
    rows = read_folder(root / "data" / "cases", CASES, report, root)
    records, problems, rejected = validate_rows(rows, CASES, Settings())
    [problem] = [p for p in problems if p.severity is Severity.ERROR]
    assert (problem.code, problem.row, problem.column, problem.value) == ("file-shape", 1, "当事人名称", shown)
    assert records == [] and rejected == 1


def test_json_with_a_lone_surrogate_or_escaped_controls_is_cleaned_and_builds(fixture_site):
    item = case_row(1, 当事人名称="测试\ud800消防\u202e器材有限公司", 违法事实="第一行\u0000\n第二行")
    text = json.dumps([item], ensure_ascii=True)  # "\ud800" as JSON writes it: valid JSON, unwritable text
    (fixture_site.root / "data" / "cases" / "c.json").write_text(text, encoding="utf-8")
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    page = fixture_site.page("cases/测试市监罚-2026-1号")
    assert "测试消防器材有限公司" in page and "\u202e" not in page and "\x00" not in page


# --- 3. encodings -------------------------------------------------------------------------------------

def csv_text(rows) -> str:
    return "\r\n".join(",".join(row.values()) for row in [dict(zip(case_row(1), case_row(1))), *rows]) + "\r\n"


def test_gbk_file_behind_a_utf8_bom_is_named_for_what_it_is(tmp_path):
    root = data_root(tmp_path)
    data = codecs.BOM_UTF8 + csv_text([case_row(1), case_row(2)]).encode("gbk")
    (root / "data" / "cases" / "bom.csv").write_bytes(data)
    report = Report()
    assert read_folder(root / "data" / "cases", CASES, report, root) == []
    [problem] = report.problems
    assert (problem.code, problem.file) == ("encoding-mismatch", "data/cases/bom.csv")
    assert "UTF-8" in problem.message and "GBK" in problem.message and "另存为" in problem.message


@pytest.mark.parametrize("encoding", ["cp1252", "shift_jis", "koi8_r"])
def test_a_file_in_another_encoding_is_named_not_guessed(tmp_path, encoding):
    root = data_root(tmp_path)
    texts = {"cp1252": "Société Générale, Müller & Söhne, café crème brûlée", "shift_jis": "株式会社テスト、東京都千代田区",
             "koi8_r": "Общество с ограниченной ответственностью Ромашка"}
    (root / "data" / "cases" / "other.csv").write_bytes(
        ("行政处罚决定书文号,当事人名称\r\n".encode("gbk") if encoding == "cp1252" else b"")
        + "\r\n".join(f"{n},{texts[encoding]}" for n in range(30)).encode(encoding))
    report = Report()
    rows = read_folder(root / "data" / "cases", CASES, report, root)
    assert rows == []
    [problem] = report.problems
    assert problem.code == "encoding-unknown"
    assert "不是 UTF-8、GBK/GB18030 或 Big5" in problem.message


def test_a_utf8_file_with_a_few_broken_bytes_is_not_read_as_gbk(tmp_path):
    root = data_root(tmp_path)
    data = csv_text([case_row(n) for n in range(1, 6)]).encode("utf-8")
    broken = data.replace("第3消防".encode(), "第3".encode() + "消".encode()[:2] + "防".encode())
    (root / "data" / "cases" / "broken.csv").write_bytes(broken)
    report = Report()
    assert read_folder(root / "data" / "cases", CASES, report, root) == []
    [problem] = report.problems
    assert problem.code == "encoding-unknown" and "第 4 行" in problem.message and "UTF-8" in problem.message


def test_decode_bytes_never_returns_garbage_for_the_encodings_it_names():
    text = "行政处罚决定书文号,当事人名称\n测试罚〔2026〕1号,示例市鑫磊消防器材有限公司\n"
    assert decode_bytes(text.encode("gbk")) == text
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8")) == text
    assert decode_bytes("臺灣滅火器股份有限公司,處罰鍰新臺幣二萬元整\n".encode("big5")) == "臺灣滅火器股份有限公司,處罰鍰新臺幣二萬元整\n"


@pytest.mark.parametrize("magic, words", [(b"PK\x03\x04", ".xlsx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ".xls")])
def test_a_workbook_named_csv_is_told_apart(tmp_path, magic, words):
    root = data_root(tmp_path)
    (root / "data" / "cases" / "export.csv").write_bytes(magic + bytes(200))
    report = Report()
    read_folder(root / "data" / "cases", CASES, report, root)
    [problem] = report.problems
    assert problem.code == "file-format" and words in problem.message


# --- 4. invisible characters ------------------------------------------------------------------------

HIDDEN = {"bidi": "\u202e", "isolate": "\u2067", "zero-width": "\u200b", "nul": "\x00", "bom": "\ufeff",
          "soft hyphen": "\u00ad", "bell": "\x07", "tag": "\U000e0041"}


def hidden_case(n: int, char: str) -> dict:
    return case_row(n, 当事人名称=f"测试{char}消防器材有限公司", 违法事实=f"第一行{char}\n第二行（附注）")


def check_cleaned(report: Report, records, file: str, sheet: str = "", rows=(2,)) -> None:
    warnings = [p for p in report.problems if p.code == "control-characters"]
    assert {(p.file, p.sheet, p.row, p.column) for p in warnings} == {
        (file, sheet, row, column) for row in rows for column in ("当事人名称", "违法事实")}
    assert all(p.severity is Severity.WARNING and p.value == "" for p in warnings)
    for record in records:
        assert record.get("party_name") == "测试消防器材有限公司"
        assert record.get("facts") == "第一行\n第二行（附注）"  # line breaks inside free text stay


@pytest.mark.parametrize("char", HIDDEN.values(), ids=HIDDEN.keys())
def test_invisible_characters_in_csv_are_removed_with_a_warning(tmp_path, char):
    root = data_root(tmp_path)
    write_csv(root / "data" / "cases" / "c.csv", [hidden_case(1, char)])
    report = Report()
    rows = read_folder(root / "data" / "cases", CASES, report, root)
    records, problems, _ = validate_rows(rows, CASES, Settings())
    report.extend(problems)
    assert len(records) == 1 and report.errors() == []
    check_cleaned(report, records, "data/cases/c.csv")


def test_invisible_characters_in_xlsx_yaml_and_json_and_in_headers(tmp_path):
    root = data_root(tmp_path)
    wb = Workbook()
    wb.active.title = "表"
    wb.active.append([f"{h[:2]}\u200b{h[2:]}" if h == "当事人名称" else h for h in case_row(1)])
    wb.active.append(list(hidden_case(1, "\u202e").values()))
    wb.save(root / "data" / "cases" / "c.xlsx")
    (root / "data" / "cases" / "c.yaml").write_text(yaml.safe_dump([hidden_case(2, "\u2066")], allow_unicode=True),
                                                   encoding="utf-8")
    (root / "data" / "cases" / "c.json").write_text(json.dumps([hidden_case(3, "\u200f")]), encoding="utf-8")
    report = Report()
    rows = read_folder(root / "data" / "cases", CASES, report, root)
    records, problems, _ = validate_rows(rows, CASES, Settings())
    report.extend(problems)
    assert len(records) == 3 and report.errors() == []
    header = [p for p in report.problems if p.code == "control-characters" and p.row == 1 and p.sheet == "表"]
    assert [(p.file, p.column) for p in header] == [("data/cases/c.xlsx", "当事人名称")]
    for file, sheet, row in (("data/cases/c.xlsx", "表", 2), ("data/cases/c.yaml", "", 1),
                             ("data/cases/c.json", "", 1)):
        got = {(p.row, p.column) for p in report.problems if p.file == file and p.code == "control-characters"
               and p.row == row}
        assert got == {(row, "当事人名称"), (row, "违法事实")}, file


def test_invisible_characters_never_reach_a_page(fixture_site):
    fixture_site.cases_csv([hidden_case(1, "\u202e"), hidden_case(2, "\u200b\x00")])
    fixture_site.campaign({"id": "c1", "title": "专项\u202e行动", "authority": "局", "start": "2026-01-01",
                           "end": "2026-02-01"})
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    for path in fixture_site.site.rglob("*"):
        if path.suffix in {".html", ".json", ".csv", ".xml"}:
            text = path.read_text(encoding="utf-8")
            # MkDocs' search index separates Chinese words with U+200B itself
            hidden = "\u202e\x00" if path.name == "search_index.json" else "\u202e\u200b\x00"
            assert not any(c in text for c in hidden), path
    pages = fixture_site.page("cases/测试市监罚-2026-1号") + fixture_site.page("campaigns/c1")
    assert "测试消防器材有限公司" in pages and "专项行动" in pages


# --- 5. codes that become addresses -------------------------------------------------------------------

def test_a_decision_number_too_long_for_a_file_name_is_an_error(fixture_site):
    long_no = "测试市监罚〔2026〕" + "附" * 60 + "1号"
    fixture_site.cases_csv([case_row(1), case_row(2, 行政处罚决定书文号=long_no)])
    _, dataset, report = inspect_site(fixture_site.config)
    [problem] = report.errors()
    assert (problem.code, problem.file, problem.row) == ("address-too-long", "data/cases/cases.csv", 3)
    assert f"{MAX_ADDRESS_BYTES} 字节" in problem.message and len(dataset.records["cases"]) == 1
    ok = "测试市监罚〔2026〕" + "附" * 30 + "1号"
    fixture_site.cases_csv([case_row(1, 行政处罚决定书文号=ok)])
    assert inspect_site(fixture_site.config)[2].errors() == []


def test_addresses_that_differ_only_in_letter_case_are_one_file_on_windows(fixture_site):
    fixture_site.cases_csv([case_row(1, 行政处罚决定书文号="ABC罚〔2026〕1号"), case_row(2, 行政处罚决定书文号="abc罚〔2026〕1号")])
    _, dataset, report = inspect_site(fixture_site.config)
    [problem] = report.errors()
    assert (problem.code, problem.row) == ("duplicate-address", 3)
    assert "data/cases/cases.csv:2" in problem.message and "大小写" in problem.message
    assert [r.key for r in dataset.records["cases"]] == ["ABC罚〔2026〕1号"]


def test_campaign_ids_must_be_safe_addresses(fixture_site):
    base = {"title": "行动", "authority": "局", "start": "2026-01-01", "end": "2026-02-01"}
    for name, campaign_id in (("a", "../../etc"), ("b", "Fire-2026"), ("c", "fire-2026"), ("d", "行动" * 30)):
        path = fixture_site.root / "data" / "campaigns" / f"{name}.yaml"
        path.write_text(yaml.safe_dump({"id": campaign_id, **base}, allow_unicode=True), encoding="utf-8")
    report = Report()
    campaigns = read_campaigns(fixture_site.root / "data" / "campaigns", report, fixture_site.root)
    assert [c.id for c in campaigns] == ["Fire-2026"]
    assert sorted((p.file, p.code) for p in report.problems) == [
        ("data/campaigns/a.yaml", "campaign-id"), ("data/campaigns/c.yaml", "duplicate"),
        ("data/campaigns/d.yaml", "campaign-id")]


# --- 6. personal data in code fields ------------------------------------------------------------------

MOBILE = "13812345678"
CARD = "6222021234567890123"


@pytest.mark.parametrize("code", [f"测试罚〔2026〕{MOBILE}号", f"测试罚〔2026〕1号{CARD}", "测试罚〔2026〕1号zhang@example.com"])
def test_personal_data_in_a_decision_number_is_an_error_that_does_not_repeat_it(fixture_site, code):
    fixture_site.cases_csv([case_row(1, 行政处罚决定书文号=code)])
    _, dataset, report = inspect_site(fixture_site.config)
    [problem] = report.errors()
    assert (problem.code, problem.file, problem.row) == ("personal-data-in-code", "data/cases/cases.csv", 2)
    assert dataset.records["cases"] == []
    assert not any(secret in problem.text() for secret in (MOBILE, CARD, "zhang@example.com"))


def test_personal_data_in_blacklist_codes_and_campaign_ids_is_an_error(fixture_site):
    entry = {"当事人名称": "甲公司", "统一社会信用代码": uscc("91110000MA0000001"), "列入事由": "x",
             "作出决定机关": "局", "列入日期": "2026-01-01", "列入决定书文号": f"列入〔2026〕{MOBILE}号"}
    fixture_site.blacklist_csv([entry])
    fixture_site.campaign({"id": f"c-{MOBILE}", "title": "行动", "authority": "局", "start": "2026-01-01",
                           "end": "2026-02-01"})
    _, dataset, report = inspect_site(fixture_site.config)
    assert sorted((p.code, p.file, p.column) for p in report.errors()) == [
        ("personal-data-in-code", "data/blacklist/blacklist.csv", "列入决定书文号"),
        ("personal-data-in-code", f"data/campaigns/c-{MOBILE}.yaml", "id")]
    assert not any(MOBILE in p.message + p.value for p in report.problems)
    assert dataset.campaigns == [] and dataset.records["blacklist"] == []


# --- 7. leftovers of a killed build -------------------------------------------------------------------

def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_killed_builds_folders_are_removed_and_a_running_builds_are_not(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    dead = dead_pid()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        names = [f"{staging.STAGING_PREFIX}{dead}-abc", f"{staging.OLD_PREFIX}{dead}-def",
                 f"{staging.STAGING_PREFIX}{running.pid}-ghi", f"{staging.OLD_PREFIX}{running.pid}",
                 f"{staging.STAGING_PREFIX}notes", ".site-building-guide"]
        for name in names:
            (tmp_path / name).mkdir()
            (tmp_path / name / "index.html").write_text("half")
        folder = staging.create(target)
        left = sorted(p.name for p in tmp_path.iterdir())
        assert left == sorted(["site", folder.name, *names[2:]])
        assert folder.name.startswith(f"{staging.STAGING_PREFIX}{os.getpid()}-")
    finally:
        running.kill()
        running.wait()
