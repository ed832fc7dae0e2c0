"""Rules that only show in a whole run: settings, the change log, names across records, odd inputs."""
from __future__ import annotations

import json
import re
import stat

from conftest import case_row, uscc
from generator.core.identifiers import id_check_char
from conftest import inspect_site, publish_all
from generator.core.dates import parse_date

ID_ADULT = "11010519800101002" + id_check_char("11010519800101002")


def run_check(site, *extra):
    import io
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        code = site.run("check", "--json", "--as-of", "2026-06-01", *extra)
    return code, json.loads(out.getvalue())


def codes(result):
    return {p["code"] for p in result["problems"]}


def test_a_setting_that_loosens_the_law_is_an_error(fixture_site):
    text = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(text.replace("lower_fine_threshold: 5000",
                                                "lower_fine_threshold: 5000\n      long_window_years: 5"),
                                   encoding="utf-8")
    fixture_site.cases_csv([case_row(1)])
    code, result = run_check(fixture_site)
    assert code == 1 and "config-loosened" in codes(result)


def test_two_decision_numbers_with_one_address_are_both_named(fixture_site):
    fixture_site.cases_csv([case_row(1, 行政处罚决定书文号="测试罚〔2026〕1号"),
                            case_row(2, 行政处罚决定书文号="测试罚-2026-1号")])
    code, result = run_check(fixture_site)
    [problem] = [p for p in result["problems"] if p["code"] == "duplicate-address"]
    assert code == 1 and problem["row"] == 3 and "cases.csv:2" in problem["message"]


def test_a_decision_number_without_letters_cannot_take_over_a_page(fixture_site):
    fixture_site.cases_csv([case_row(1, 行政处罚决定书文号="〔〕")])
    code, result = run_check(fixture_site)
    assert code == 1 and "invalid-decision-no" in codes(result)


def test_an_id_number_in_a_decision_number_is_refused(fixture_site):
    fixture_site.cases_csv([case_row(1, 行政处罚决定书文号=f"测试罚{ID_ADULT}号")])
    code, result = run_check(fixture_site)
    [problem] = [p for p in result["problems"] if p["code"] == "personal-data-in-code"]
    assert code == 1 and ID_ADULT not in json.dumps(result, ensure_ascii=False)


def test_a_person_whose_credit_code_column_holds_an_id_number(fixture_site):
    # 449902198601080076 passes both the GB 11643 and the GB 32100 check
    fixture_site.cases_csv([case_row(1, 当事人名称="周建国", 当事人类型="自然人", 统一社会信用代码="449902198601080076")])
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    text = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in fixture_site.site.rglob("*")
                   if p.is_file() and p.suffix in {".html", ".json", ".csv", ".xml"})
    assert "449902198601080076" not in text and "周建国" not in text and "周*" in text


def test_names_from_one_record_are_masked_in_every_other(fixture_site):
    fixture_site.cases_csv([
        case_row(1, 当事人名称="李秀英", 当事人类型="自然人", 统一社会信用代码=""),
        case_row(2, 违法事实="当事人从李秀英处购进灭火器，店主王大锤在场。"),
        case_row(3, 当事人名称="赵铁柱", 当事人类型="个体工商户", 违法事实="赵铁柱销售不合格插座。"),
    ])
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    facts = fixture_site.page("cases/测试市监罚-2026-2号")
    assert "李秀英" not in facts and "王大锤" not in facts and "李*" in facts and "王*" in facts
    sole_trader = fixture_site.page("cases/测试市监罚-2026-3号")
    assert "赵铁柱" not in sole_trader and "赵*" in sole_trader


def test_a_site_may_choose_to_show_penalised_persons_names(fixture_site):
    text = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(text.replace("lower_fine_threshold: 5000",
                                                "lower_fine_threshold: 5000\n      mask_person_names: false"),
                                   encoding="utf-8")
    fixture_site.cases_csv([case_row(1, 当事人名称="李秀英", 当事人类型="自然人", 统一社会信用代码="",
                                     违法事实="李秀英雇用的店员张小花销售。")])
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    page = fixture_site.page("cases/测试市监罚-2026-1号")
    assert "李秀英" in page and "张小花" not in page


def test_next_change_and_leaving_soon_over_a_dataset(fixture_site):
    fixture_site.cases_csv([
        case_row(1, 处罚类别="通报批评", 罚款金额="", 公示日期="2026-03-20"),  # 3 months: leaves 2026-06-20
        case_row(2, 处罚决定日期="2026-06-08", 公示日期="2026-06-10"),  # embargoed until 2026-06-10
    ])
    settings, dataset, report = inspect_site(fixture_site.config)
    pub = publish_all(dataset, settings, parse_date("2026-06-01"))
    assert pub.next_change == parse_date("2026-06-10")
    assert [e.view["decision_no"] for e in pub.leaving_soon] == ["测试市监罚〔2026〕1号"]
    assert pub.counts(dataset)["cases"]["withheld_by_reason"] == {"embargoed": 1}


def test_change_log_moves_only_with_the_published_site(fixture_site, tmp_path):
    fixture_site.cases_csv([case_row(1), case_row(2, 处罚决定日期="2026-06-08", 公示日期="2026-06-10")])
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    history = fixture_site.root / ".disclosure" / "history.json"
    first = history.read_text(encoding="utf-8")
    assert fixture_site.run("build", "--as-of", "2026-06-15", "-d", str(tmp_path / "elsewhere")) == 0
    assert history.read_text(encoding="utf-8") == first  # a copy built elsewhere
    assert fixture_site.run("build", "--as-of", "2026-06-15") == 0
    events = json.loads(history.read_text(encoding="utf-8"))
    assert [a["id"] for a in events[-1]["added"]] == ["测试市监罚〔2026〕2号"]
    second = history.read_text(encoding="utf-8")
    assert fixture_site.run("build", "--as-of", "2026-06-05") == 0  # reproducing an earlier day
    assert history.read_text(encoding="utf-8") == second


def test_the_built_site_is_readable_by_a_web_server(fixture_site):
    fixture_site.cases_csv([case_row(1)])
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    mode = fixture_site.site.stat().st_mode
    assert mode & stat.S_IROTH and mode & stat.S_IXOTH


def test_campaign_products_as_text_and_bad_stats(fixture_site):
    fixture_site.cases_csv([case_row(1)])
    fixture_site.campaign({"id": "c1", "title": "行动", "authority": "局", "start": "2026-01-01",
                           "end": "2026-02-01", "products": "灭火器、消防水带", "stats": 5})
    code, result = run_check(fixture_site)
    assert "campaign-stat" in codes(result)
    from generator.intake.campaigns import read_campaigns
    from generator.core.problems import Report

    [campaign] = read_campaigns(fixture_site.root / "data" / "campaigns", Report(), fixture_site.root)
    assert campaign.products == ("灭火器", "消防水带")


def test_a_row_with_real_content_beside_placeholders_is_not_skipped(fixture_site):
    row = {h: "无" for h in case_row(1)}
    row["违法事实"] = "当事人销售不合格灭火器"
    fixture_site.cases_csv([case_row(1), row])
    code, result = run_check(fixture_site)
    assert result["records"]["cases"]["read"] == 2 and result["records"]["cases"]["rejected"] == 1
    assert "placeholder-row" not in codes(result)


def test_blacklist_entry_of_a_revoked_penalty_leaves_the_site(fixture_site):
    code = uscc("9111000012345" "0001")
    fixture_site.cases_csv([case_row(1, 状态="已撤销", 状态日期="2026-05-20", 状态说明="复议撤销")])
    fixture_site.blacklist_csv([{"当事人名称": "测试市第1消防器材有限公司", "统一社会信用代码": code,
                                 "列入事由": "拒不整改", "作出决定机关": "测试市市场监督管理局", "列入日期": "2026-04-01",
                                 "所依据行政处罚决定书文号": "测试市监罚[2026]1号"}])
    assert fixture_site.run("build", "--as-of", "2026-05-19") == 0
    assert (fixture_site.site / "blacklist" / code).exists()
    assert fixture_site.run("build", "--as-of", "2026-05-20") == 0
    assert not (fixture_site.site / "blacklist" / code).exists()
    assert "失信名单" in fixture_site.page("changes") and "所依据的处罚决定已撤销" in fixture_site.page("changes")


# --- found by adversarial review: each once let a forbidden record or personal data through ---------

def test_a_workbook_that_understates_its_size_is_read_whole(fixture_site):
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    headers = list(case_row(1)) + ["状态", "状态日期", "状态说明"]
    sheet.append(headers)
    sheet.append([case_row(1)[h] for h in headers[:-3]] + ["已撤销", "2026-05-01", "复议撤销"])
    sheet.append([case_row(2)[h] for h in headers[:-3]] + ["", "", ""])
    path = fixture_site.root / "data" / "cases" / "c.xlsx"
    book.save(path)
    # rewrite the recorded size to cover only part of the data, as some exporters do
    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    import re

    parts["xl/worksheets/sheet1.xml"] = re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:M2"', sheet_xml).encode()
    with zipfile.ZipFile(path, "w") as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    code, result = run_check(fixture_site)
    assert result["records"]["cases"]["read"] == 2
    assert result["records"]["cases"]["withheld_by_reason"] == {"revoked": 1}


def test_settings_written_as_a_mapping_or_inherited_are_honoured(fixture_site):
    base = fixture_site.root / "base.yml"
    base.write_text("plugins:\n  disclosure:\n    long_window_years: 1\n", encoding="utf-8")
    text = fixture_site.config.read_text(encoding="utf-8")
    text = text.replace("plugins:\n  - disclosure:\n      lower_fine_threshold: 5000",
                        "INHERIT: base.yml\nplugins:\n  disclosure:\n    lower_fine_threshold: 5000")
    fixture_site.config.write_text(text, encoding="utf-8")
    fixture_site.cases_csv([case_row(1, 处罚决定日期="2025-01-02", 公示日期="2025-01-03")])
    code, result = run_check(fixture_site)
    assert code == 0, result["problems"]
    assert result["records"]["cases"]["withheld_by_reason"] == {"expired": 1}  # 1 year, not 3


def test_data_inside_the_content_folder_is_refused(fixture_site):
    text = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(text.replace("lower_fine_threshold: 5000",
                                                "lower_fine_threshold: 5000\n      data_dir: content/records"),
                                   encoding="utf-8")
    code, result = run_check(fixture_site)
    assert code == 1 and "config-placement" in codes(result)


def test_a_person_named_with_a_note_is_masked_in_the_text_too(fixture_site):
    fixture_site.cases_csv([case_row(1, 当事人名称="张伟（个人）", 当事人类型="自然人", 统一社会信用代码="",
                                     违法事实="经查，张伟于2026年1月销售不合格灭火器。")])
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    page = fixture_site.page("cases/测试市监罚-2026-1号")
    assert "张伟" not in page and "张*于2026年1月" in page


def test_a_minor_whose_id_is_written_with_dashes_is_not_published(fixture_site):
    body = "11010120100101123"
    rows = [case_row(1, 当事人名称="王小明", 当事人类型="自然人", 统一社会信用代码="")]
    rows[0]["证件号码"] = f"{body[:6]}-{body[6:14]}-{body[14:]}{id_check_char(body)}"
    fixture_site.cases_csv(rows)
    code, result = run_check(fixture_site)
    assert result["records"]["cases"]["withheld_by_reason"] == {"minor": 1}


def test_two_columns_of_one_field_that_disagree_are_an_error(fixture_site):
    rows = [case_row(1)]
    rows[0].update({"状态": "", "公示状态": "已撤销", "状态日期": "2026-05-01", "状态说明": "复议"})
    rows.append(case_row(2))
    rows[1].update({"状态": "有效", "公示状态": "已撤销", "状态日期": "2026-05-01", "状态说明": "复议"})
    rows.append(case_row(3, 当事人类型="自然人", 统一社会信用代码="", 当事人名称="李四"))
    rows[2]["是否未成年"] = "是"  # a header written without 人
    from conftest import write_csv

    write_csv(fixture_site.root / "data" / "cases" / "cases.csv", rows, headers=list(rows[0]) + ["是否未成年"])
    code, result = run_check(fixture_site)
    [conflict] = [p for p in result["problems"] if p["code"] == "conflicting-columns"]
    assert conflict["row"] == 3
    assert result["records"]["cases"]["withheld_by_reason"] == {"revoked": 1, "minor": 1}


def test_yaml_with_other_lists_beside_the_records_is_an_error(fixture_site):
    path = fixture_site.root / "data" / "blacklist" / "b.yaml"
    path.write_text("blacklist: []\nremoved: [{当事人名称: 甲}]\n", encoding="utf-8")
    code, result = run_check(fixture_site)
    assert code == 1 and any(p["code"] == "file-shape" and p["column"] == "removed" for p in result["problems"])


def test_campaign_texts_are_masked_like_record_texts(fixture_site):
    fixture_site.cases_csv([case_row(1)])
    fixture_site.campaign({"id": "c1", "title": "消防产品专项", "authority": "局", "start": "2026-01-01",
                           "end": "2026-02-01", "summary": "举报人王大锤，举报电话13812345678。",
                           "stats": [{"label": "检查", "value": 5, "unit": "家"}]})
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    page = fixture_site.page("campaigns/c1")
    assert "13812345678" not in page and "王大锤" not in page


def test_rule_fields_cannot_be_declared_optional(fixture_site):
    (fixture_site.root / "data" / "cases" / "_mapping.yaml").write_text("optional: [decision_date]\n",
                                                                          encoding="utf-8")
    fixture_site.cases_csv([case_row(1, 处罚决定日期="")])
    code, result = run_check(fixture_site)
    assert code == 1 and "mapping-invalid" in codes(result)


def test_a_withdrawal_without_its_details_still_takes_the_record_down(fixture_site):
    rows = [case_row(1)]
    rows[0]["状态"] = "已撤销"
    fixture_site.cases_csv(rows)
    code, result = run_check(fixture_site)
    assert code == 0 and "status-incomplete" in codes(result)
    assert result["records"]["cases"]["withheld_by_reason"] == {"revoked": 1}


def test_odd_command_lines_are_messages_not_tracebacks(fixture_site, tmp_path, capsys):
    import pytest

    fixture_site.cases_csv([case_row(1)])
    with pytest.raises(SystemExit):
        fixture_site.run("check", "--as-of", "9999-12-30")
    assert fixture_site.run("build", "--as-of", "2026-06-01", "-d", str(tmp_path / "new" / "deep" / "site")) == 0
    text = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(text.replace("docs_dir: content", "docs_dir: nope"), encoding="utf-8")
    assert fixture_site.run("build", "--as-of", "2026-06-01") != 0
    assert "mkdocs.yml 有误" in capsys.readouterr().err


def test_personal_data_in_hand_written_pages_is_pointed_out(fixture_site):
    fixture_site.cases_csv([case_row(1, 当事人名称="李秀英", 当事人类型="自然人", 统一社会信用代码="")])
    (fixture_site.root / "content" / "news.md").write_text("# 通报\n\n李秀英销售假冒插座，手机13812345678。\n",
                                                           encoding="utf-8")
    code, result = run_check(fixture_site)
    [problem] = [p for p in result["problems"] if p["code"] == "personal-data-in-content"]
    assert (problem["file"], problem["row"]) == ("content/news.md", 3)
    assert "自然人姓名" in problem["message"] and "手机号" in problem["message"]


def test_a_party_relisted_after_removal_starts_a_new_period(fixture_site):
    # Order 44 Art. 20: a removal obtained by fraud is revoked and the party listed again, the period restarting
    code_ = uscc("9111000012345" "0001")
    entry = {"当事人名称": "测试市第1消防器材有限公司", "统一社会信用代码": code_, "列入事由": "r", "作出决定机关": "局"}
    fixture_site.blacklist_csv([
        dict(entry, 列入日期="2024-03-01", 移出日期="2025-04-01", 移出原因="信用修复"),
        dict(entry, 列入日期="2025-09-01", 移出日期="", 移出原因=""),
    ])
    code, result = run_check(fixture_site)
    assert code == 0 and "duplicate" not in codes(result)
    counts = result["records"]["blacklist"]
    assert (counts["published"], counts["withheld_by_reason"]) == (1, {"credit-repair": 1})
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    page = fixture_site.page(f"blacklist/{code_}")
    assert re.search(r'预计移出日期</dt><dd><time[^>]* datetime="2028-09-01"', page)  # the first day off the list


def test_an_invalid_fine_is_reported_once(fixture_site):
    fixture_site.cases_csv([case_row(1, 罚款金额="负五千")])
    code, result = run_check(fixture_site)
    assert [p["code"] for p in result["problems"]] == ["invalid-amount"]
