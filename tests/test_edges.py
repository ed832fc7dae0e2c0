"""Edge cases found by adversarial review: each once lost a row, published what it must not, or crashed."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from openpyxl import Workbook

from conftest import at_day, case_row, uscc, write_csv
from test_rules import codes, run_check

HEADERS = list(case_row(1)) + ["是否未成年人", "状态", "状态日期", "状态说明"]


def workbook(site, build) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    build(book, sheet)
    book.save(site.root / "data" / "cases" / "c.xlsx")


def test_a_merged_cell_applies_to_every_row_it_covers(fixture_site):
    def build(book, sheet):
        for n in (1, 2, 3):
            sheet.append([case_row(n, 当事人名称=f"王{'一二三'[n - 1]}明", 当事人类型="自然人", 统一社会信用代码="")[h]
                          for h in HEADERS[:-4]] + ["是", "", "", ""])
        sheet.merge_cells("N2:N4")  # 是否未成年人 = 是 for all three
    workbook(fixture_site, build)
    code, result = run_check(fixture_site)
    assert result["records"]["cases"]["withheld_by_reason"] == {"minor": 3}
    assert "merged-cells" in codes(result)


def test_hidden_sheets_and_uncalculated_formulas_are_errors(fixture_site):
    def build(book, sheet):
        sheet.append([case_row(1)[h] for h in HEADERS[:-4]] + ["", "", "", ""])
        sheet["J2"] = "=1+1"  # 罚款金额 as a formula that no spreadsheet program has calculated
        old = book.create_sheet("旧数据")
        old.append(HEADERS)
        old.sheet_state = "hidden"
    workbook(fixture_site, build)
    code, result = run_check(fixture_site)
    assert code == 1 and {"hidden-sheet", "formula-not-calculated"} <= codes(result)


def test_a_value_in_a_column_without_header_rejects_the_row(fixture_site):
    rows = [[*case_row(1).values()], [*case_row(2).values(), "是"]]
    path = fixture_site.root / "data" / "cases" / "c.csv"
    path.write_text("\n".join(",".join(r) for r in [list(case_row(1)), *rows]) + "\n", encoding="utf-8")
    code, result = run_check(fixture_site)
    [problem] = [p for p in result["problems"] if p["code"] == "cell-without-header"]
    assert (problem["row"], problem["value"]) == (3, "是")
    assert result["records"]["cases"]["rejected"] == 1


def test_keys_written_twice_and_items_that_are_not_records(fixture_site):
    folder = fixture_site.root / "data" / "cases"
    record = {k: v for k, v in case_row(1).items()}
    text = json.dumps([record, "不是记录", {"decisionNo": "x", "partyName": "y"}], ensure_ascii=False)
    text = text.replace('"公示日期"', '"是否未成年人": "是", "是否未成年人": "否", "公示日期"', 1)
    (folder / "c.json").write_text(text, encoding="utf-8")
    code, result = run_check(fixture_site)
    counts = result["records"]["cases"]
    assert counts["read"] == 3 and counts["rejected"] == 3 and counts["published"] == 0
    assert "conflicting-columns" in codes(result) and "file-shape" in codes(result)


def test_an_id_number_in_the_credit_code_column_is_never_published(fixture_site):
    fixture_site.cases_csv([case_row(1, 当事人名称="张三", 当事人类型="个体工商户", 统一社会信用代码="110100198001010006")])
    code, result = run_check(fixture_site)
    assert code == 1 and "uscc-looks-like-id" in codes(result)
    assert "110100198001010006" not in json.dumps(result)


def test_campaign_texts_mask_names_known_from_the_data(fixture_site):
    fixture_site.cases_csv([case_row(1, 当事人名称="钱小宝", 当事人类型="自然人", 统一社会信用代码="")])
    fixture_site.campaign({"id": "c1", "title": "专项行动", "authority": "局", "start": "2026-01-01",
                           "end": "2026-02-01", "summary": "查处了钱小宝销售假冒插座一案。"})
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    assert "钱小宝" not in fixture_site.page("campaigns/c1") and "钱*" in fixture_site.page("campaigns/c1")


def test_next_change_includes_a_revocation_that_ends_a_blacklist_entry(fixture_site):
    code_ = uscc("9111000012345" "0001")
    fixture_site.cases_csv([case_row(1, 处罚决定日期="2022-01-04", 公示日期="2022-01-05", 状态="已撤销",
                                     状态日期="2026-07-01", 状态说明="复议撤销")])
    fixture_site.blacklist_csv([{"当事人名称": "测试市第1消防器材有限公司", "统一社会信用代码": code_, "列入事由": "r",
                                 "作出决定机关": "局", "列入日期": "2024-06-01",
                                 "所依据行政处罚决定书文号": "测试市监罚〔2026〕1号"}])
    code, result = run_check(fixture_site)
    assert result["next_change"] == "2026-07-01"


@pytest.mark.parametrize("setting", ["history_dir: site/.disclosure", "data_dir: site/data"])
def test_folders_inside_the_site_folder_are_refused(fixture_site, setting):
    text = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(text.replace("lower_fine_threshold: 5000",
                                                f"lower_fine_threshold: 5000\n      {setting}"), encoding="utf-8")
    code, result = run_check(fixture_site)
    assert code == 1 and "config-placement" in codes(result)


def test_files_beside_the_data_folders_are_reported(fixture_site):
    write_csv(fixture_site.root / "data" / "cases.csv", [case_row(1)])
    code, result = run_check(fixture_site)
    assert any(p["code"] == "file-format" and p["file"] == "data/cases.csv" for p in result["problems"])


@pytest.mark.parametrize("value", ["abc", "[1]", ".nan"])
def test_a_bad_threshold_is_a_config_error(fixture_site, value):
    text = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(text.replace("lower_fine_threshold: 5000", f"lower_fine_threshold: {value}"),
                                   encoding="utf-8")
    code, result = run_check(fixture_site)
    assert code == 1 and "config-invalid" in codes(result)


def test_odd_campaign_and_content_shapes_are_not_crashes(fixture_site):
    fixture_site.campaign({"id": "c1", "title": "t", "authority": "a", "start": "2026-01-01", "end": "2026-02-01",
                           "products": 5})
    (fixture_site.root / "content" / "notes.md").mkdir()
    code, result = run_check(fixture_site)
    assert "campaign-products" in codes(result)


def _mkdocs(site, *args, as_of="2026-06-01"):
    env = dict(os.environ, DISCLOSURE_AS_OF=as_of)
    return subprocess.run(at_day([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site.config), *args]),
                          cwd=site.root, env=env, capture_output=True, text=True, timeout=180)


def test_plain_mkdocs_build_refuses_a_future_date_and_bad_dates(fixture_site):
    fixture_site.cases_csv([case_row(1)])
    future = _mkdocs(fixture_site, as_of="2099-01-01")
    assert future.returncode != 0 and "晚于今天" in future.stderr
    garbage = _mkdocs(fixture_site, as_of="明天")
    assert garbage.returncode != 0 and "DISCLOSURE_AS_OF" in garbage.stderr and "Traceback" not in garbage.stderr


def test_plain_mkdocs_build_runs_the_same_checks_and_dirty_builds_drop_old_records(fixture_site):
    fixture_site.cases_csv([case_row(1), case_row(2)])
    assert _mkdocs(fixture_site).returncode == 0
    assert (fixture_site.site / "cases" / "测试市监罚-2026-2号").exists()
    revoked = case_row(2, 状态="已撤销", 状态日期="2026-05-01", 状态说明="复议撤销")
    write_csv(fixture_site.root / "data" / "cases" / "cases.csv", [case_row(1), revoked], headers=list(revoked))
    assert _mkdocs(fixture_site, "--dirty").returncode == 0
    assert not (fixture_site.site / "cases" / "测试市监罚-2026-2号").exists()
    (fixture_site.root / "content" / "news.md").write_text("# 通报\n\n手机13812345678\n", encoding="utf-8")
    strict = _mkdocs(fixture_site, "--strict")
    assert strict.returncode != 0 and "personal-data-in-content" in strict.stderr
