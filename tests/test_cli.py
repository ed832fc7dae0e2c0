"""The commands as a user runs them: real processes for serve, in-process for the rest."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import PROJECT, at_day, case_row


def rows_in_sample_files() -> dict[str, int]:
    """Data rows of the sample files, counted here without the generator's readers."""
    import csv
    import io

    import yaml
    from openpyxl import load_workbook

    counts = {}
    for kind in ("cases", "blacklist"):
        total = 0
        for path in (PROJECT / "data" / kind).iterdir():
            if path.suffix == ".xlsx":
                for sheet in load_workbook(path, read_only=True).worksheets:
                    total += sum(1 for row in list(sheet.iter_rows(values_only=True))[3:] if any(row))
            elif path.suffix == ".csv":
                raw = path.read_bytes()
                text = raw.decode("utf-8-sig") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("gbk")
                total += sum(1 for row in list(csv.reader(io.StringIO(text)))[1:] if any(c.strip() for c in row))
            elif path.suffix in (".yaml", ".yml"):
                total += len(yaml.safe_load(path.read_text(encoding="utf-8")))
        counts[kind] = total
    return counts


def test_check_json_on_the_sample_data_accounts_for_every_row(capsys):
    from generator.cli import main

    assert main(["-f", str(PROJECT / "mkdocs.yml"), "check", "--json", "--as-of", "2026-11-20"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"problems", "records", "next_change"}
    assert [p for p in out["problems"] if p["severity"] == "error"] == []
    in_files = rows_in_sample_files()
    for kind in ("cases", "blacklist"):
        c = out["records"][kind]
        assert c["read"] == in_files[kind]  # every row of the files, counted independently
        assert c["read"] == c["published"] + c["withheld"] + c["rejected"]
    assert out["records"]["cases"]["published"] >= 40
    assert out["records"]["blacklist"]["published"] >= 15
    assert out["next_change"] > "2026-11-20"


def test_check_reports_withheld_reasons_and_leaving_soon(capsys):
    from generator.cli import main

    main(["-f", str(PROJECT / "mkdocs.yml"), "check", "--as-of", "2026-11-20"])
    out = capsys.readouterr().out
    assert "仅受到警告，依法不公示 1" in out and "未成年人案件，依法不公示 1" in out
    assert "30 天内到期撤下 2 条" in out and "下次公开内容变化：" in out
    # names as a clerk knows them, not internal ids
    assert "示例市东城区美厨电器有限公司（示例市监处罚〔2026〕29号），最后公示日" in out
    assert "已遮蔽个人信息：" in out and "违法事实中的手机号 1 处" in out and "facts:" not in out


def test_the_report_file_holds_every_problem_and_every_withheld_row(fixture_site, capsys):
    from conftest import case_row

    rows = [case_row(n) for n in range(1, 80)]
    rows += [case_row(200 + n, 处罚决定日期="2026-13-0" + str(n % 9 + 1)) for n in range(60)]  # 60 bad dates
    rows += [case_row(300, 处罚类别="警告", 罚款金额="")]  # a warning alone is not published
    fixture_site.cases_csv(rows)
    assert fixture_site.run("check", "--as-of", "2026-06-01") == 1
    out = capsys.readouterr().out
    assert "……另有 10 个问题未显示，见报告文件" in out  # the terminal shows 50 of 60
    assert f"详细报告（不随网站发布）：{fixture_site.root / 'site-report.html'}" in out
    import csv
    with (fixture_site.root / "site-report.csv").open(encoding="utf-8-sig") as f:
        report = list(csv.DictReader(f))
    errors = [r for r in report if r["类别"] == "错误"]
    assert len(errors) == 60 and all(r["文件"].endswith("cases.csv") and r["行"] and r["列"] == "处罚决定日期"
                                     for r in errors)
    withheld = [r for r in report if r["类别"] == "暂不公开"]
    assert [(r["编号"], r["说明"]) for r in withheld] == [("测试市监罚〔2026〕300号", "仅受到警告，依法不公示")]
    assert withheld[0]["行"] == str(len(rows) + 1)  # the row in the file, after its header
    html = (fixture_site.root / "site-report.html").read_text(encoding="utf-8")
    assert html.count("<tr>") == len(report) + 1


def test_build_quiet_and_json_for_scripts(fixture_site, capsys):
    import json
    from conftest import case_row

    fixture_site.cases_csv([case_row(1), case_row(2)])
    assert fixture_site.run("build", "--as-of", "2026-06-01", "--quiet") == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    # the report names withheld records: beside mkdocs.yml, never in the published site
    assert (fixture_site.root / "site-report.csv").exists() and not list(fixture_site.site.rglob("site-report*"))
    assert fixture_site.run("build", "--as-of", "2026-06-01", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["exit"] == 0 and data["records"]["cases"]["published"] == 2 and data["site"]
    fixture_site.cases_csv([case_row(1), case_row(2, 处罚决定日期="昨天")])
    assert fixture_site.run("build", "--as-of", "2026-06-01", "--json") == 1
    data = json.loads(capsys.readouterr().out)
    assert data["exit"] == 1 and data["problems"][0]["column"] == "处罚决定日期"


def test_bad_as_of_is_a_clear_error(capsys):
    from generator.cli import main

    with pytest.raises(SystemExit):
        main(["check", "--as-of", "明天"])
    assert "--as-of" in capsys.readouterr().err


def test_missing_config_file_says_where_to_run(tmp_path, capsys):
    from generator.cli import main

    assert main(["-f", str(tmp_path / "mkdocs.yml"), "check"]) == 2
    assert "找不到配置文件" in capsys.readouterr().err


def test_plain_mkdocs_build_works_and_stops_on_bad_data(fixture_site):
    fixture_site.cases_csv([case_row(1)])
    env = dict(os.environ, DISCLOSURE_AS_OF="2026-06-01")
    mkdocs = at_day([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(fixture_site.config)])
    done = subprocess.run(mkdocs, cwd=fixture_site.root, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (fixture_site.site / "cases" / "测试市监罚-2026-1号" / "index.html").exists()
    fixture_site.cases_csv([case_row(2, 罚款金额="-5")], name="bad.csv")
    done = subprocess.run(mkdocs, cwd=fixture_site.root, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "bad.csv:2:罚款金额" in done.stderr and "金额不能为负数" in done.stderr
