"""output/: filters, the site context, and each output on a small dataset, rendered without the theme engine."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
from decimal import Decimal

import pytest

from conftest import prepared_for, uscc, write_outputs
from generator.core.model import Dataset, Record, Source
from generator.core.settings import Settings
from generator.output.templates import cn_number, format_amount, show_value
from generator.recordtypes.blacklist import BLACKLIST
from generator.recordtypes.cases import CASES

AS_OF = date(2026, 6, 1)
CODE = uscc("91110000123450001")


def case(n: int, decided: str, **values) -> Record:
    base = {"decision_no": f"测试罚〔2026〕{n}号", "party_name": f"测试公司{n}", "party_type": "法人及非法人组织",
            "uscc": CODE if n == 1 else uscc(f"9111000012345{n:04d}"), "violation": "销售不合格灭火器",
            "basis": "产品质量法", "penalty_kind": ("罚款",), "penalty": "罚款6万元", "fine": Decimal("60000"),
            "authority": "测试局", "decision_date": date.fromisoformat(decided), "product": "灭火器"}
    base.update(values)
    return Record(CASES, base, Source("c.csv", "", n + 1))


def listing(**values) -> Record:
    base = {"party_name": "测试公司1", "uscc": CODE, "reason": "拒不整改", "authority": "测试局",
            "listed_date": date(2026, 4, 1), "penalty_no": "测试罚〔2026〕1号"}
    base.update(values)
    return Record(BLACKLIST, base, Source("b.csv", "", 2))


@pytest.fixture
def written(tmp_path):
    dataset = Dataset(records={"cases": [case(1, "2026-03-01"), case(2, "2026-05-01"), case(3, "2026-04-01")],
                               "blacklist": [listing()]}, read={"cases": 3, "blacklist": 1})
    prepared = prepared_for(dataset, Settings(blacklist_years=2), AS_OF, tmp_path)
    return prepared, write_outputs(prepared, tmp_path / "site")


@pytest.mark.parametrize("n, text", [(0, "零"), (1, "一"), (3, "三"), (10, "十"), (12, "十二"), (20, "二十"),
                                     (35, "三十五"), (100, "100")])
def test_periods_in_chinese_numerals(n, text):
    assert cn_number(n) == text


def test_values_as_the_site_shows_them():
    assert format_amount(Decimal("20000")) == "20,000 元" and format_amount(Decimal("1234.5")) == "1,234.50 元"
    assert show_value(("罚款", "没收违法所得"), CASES.field("penalty_kind")) == "罚款、没收违法所得"
    assert show_value(date(2026, 3, 5), CASES.field("decision_date")) == "2026-03-05"
    assert show_value(None, CASES.field("facts")) == ""


def test_context_sorts_newest_first_and_links_types(written):
    prepared, _ = written
    site = prepared.content
    assert [e.view["decision_no"] for e in site.entries["cases"]] == ["测试罚〔2026〕2号", "测试罚〔2026〕3号",
                                                                      "测试罚〔2026〕1号"]
    assert site.url_for("cases", "测试罚〔2026〕1号") == "cases/测试罚-2026-1号/"
    assert site.url_for("cases", "不存在") is None
    assert [e.view["decision_no"] for e in site.of_party("cases", CODE)] == ["测试罚〔2026〕1号"]
    assert list(site.pages["blacklist"]) == [CODE]


def test_record_pages_link_the_case_and_the_listing_both_ways(written):
    _, files = written
    case_page = files["cases/测试罚-2026-1号/index.html"]
    assert '<a href="../../blacklist/' + CODE + '/">该当事人已被列入严重违法失信名单</a>' in case_page
    listing_page = files[f"blacklist/{CODE}/index.html"]
    assert '<a href="../../cases/测试罚-2026-1号/">测试罚〔2026〕1号</a>' in listing_page
    assert "<title>测试公司1（测试罚〔2026〕1号）</title>" in case_page


def test_the_listing_period_on_pages_comes_from_the_settings(written):
    _, files = written
    assert "列入满二年自动移出" in files[f"blacklist/{CODE}/index.html"]
    assert "列入满二年自动移出" in files["_sources/blacklist/index.md"]
    assert "三年" not in files[f"blacklist/{CODE}/index.html"]


def test_list_pages_and_home_summary(written):
    _, files = written
    cases_md = files["_sources/cases/index.md"]
    assert cases_md.index("测试罚〔2026〕2号") < cases_md.index("测试罚〔2026〕1号")
    assert "共 3 条" in cases_md
    summary = files["_snippets/<!-- disclosure:summary -->"]
    assert '<span class="stat-value">3</span><span class="stat-unit">条</span>' in summary


def test_downloads_parse_and_hold_the_public_rows_typed(written):
    """What a journalist gets: every public row, amounts as numbers in 元, dates as dates, the page's address."""
    from openpyxl import load_workbook

    _, files = written
    rows = list(csv.DictReader(io.StringIO(files["data/cases.csv"])))
    assert len(rows) == 3 and list(rows[0])[0] == "行政处罚决定书文号"
    assert list(rows[0])[-2:] == ["公示截止", "网页地址"]
    first = rows[0]
    assert first["罚款金额（元）"] == "60000" and first["处罚决定日期"] == "2026-05-01"
    assert first["网页地址"] == "https://test.example.gov.cn/cases/测试罚-2026-2号/"
    data = json.loads(files["data/cases.json"])
    assert data["count"] == 3 and data["as_of"] == "2026-06-01" and data["units"] == {"fine": "元", "confiscated": "元"}
    record = data["records"][0]
    assert "id_number" not in record and record["public_until"] and record["fine"] == 60000
    assert {f["name"]: f["type"] for f in data["fields"]}["decision_date"] == "date"
    book = load_workbook(io.BytesIO(files["data/cases.xlsx"]))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    fine, decided = sheet.cell(2, header.index("罚款金额（元）") + 1), sheet.cell(2, header.index("处罚决定日期") + 1)
    assert fine.value == 60000 and fine.data_type == "n"
    assert decided.is_date and decided.value.date() == date(2026, 5, 1)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}4"
    assert sheet.max_row == 4 and sheet.cell(1, 1).font.b
    blacklist = load_workbook(io.BytesIO(files["data/blacklist.xlsx"])).active
    assert blacklist.max_row == 2 and "拒不整改" in [c.value for c in blacklist[2]]


def test_data_page_lists_downloads_and_the_dictionary(written):
    _, files = written
    page = files["_sources/data/index.md"]
    assert '<a href="cases.xlsx">XLSX</a>' in page and "| `party_name` |" in page
    assert "预计移出日期" in page and "公示截止" in page and "| 罚款金额（元） | `fine` | 数值 |" in page
    assert "| `id_number` |" not in page and "（`id_number`）" in page  # named as never published


def test_search_index_and_sitemap_cover_every_record_page(written, tmp_path):
    from search_files import Index

    _, files = written
    index = Index(tmp_path / "site" / "search")
    urls = {index.document(n)[0] for n in range(index.meta["docs"])}
    assert urls == {"cases/测试罚-2026-1号/", "cases/测试罚-2026-2号/", "cases/测试罚-2026-3号/", f"blacklist/{CODE}/"}
    # numbered newest first, cases then listings: a type's documents are one range
    assert [index.document(n)[1] for n in range(3)] == ["测试公司2", "测试公司3", "测试公司1"]
    assert index.meta["ranges"][:2] == [[0, 3], [3, 4]]
    sitemap = files["sitemap.xml"]
    for url in urls:
        assert f"<loc>https://test.example.gov.cn/{url}</loc>" in sitemap
    assert "<lastmod>" not in sitemap  # the same inputs give the same sitemap on any day


def test_search_index_finds_names_codes_and_words(written, tmp_path):
    from search_files import Index

    index = Index(tmp_path / "site" / "search")
    assert [d[0] for d in index.find(CODE.lower())] == ["cases/测试罚-2026-1号/", f"blacklist/{CODE}/"]
    assert [d[1] for d in index.find("测试公司2")] == ["测试公司2"]
    assert [d[0] for d in index.find("测试罚[2026]3号")] == ["cases/测试罚-2026-3号/"]
    # the name's bits: a posting says the term is in the name, so names rank before other fields
    assert all(bits & 1 for _, bits in index.postings("公司"))


def test_change_log_outputs(written):
    _, files = written
    assert json.loads(files["data/changes.json"])["events"][0]["first"] is True
    assert "开始记录更新" in files["_sources/changes/index.md"]


FORMULAS = {"facts": '=HYPERLINK("http://evil.example/","点击查看详情")', "penalty": "@SUM(1+1)*cmd|' /C calc'!A0",
            "violation": "+1+1", "remarks": "-2+3"}


def test_cells_that_look_like_formulas_are_text_in_every_download(tmp_path):
    """Opened in Excel or WPS, a downloaded cell never runs as a formula; JSON keeps the value as it is."""
    from openpyxl import load_workbook

    dataset = Dataset(records={"cases": [case(1, "2026-03-01", **FORMULAS)], "blacklist": []},
                      read={"cases": 1, "blacklist": 0})
    files = write_outputs(prepared_for(dataset, Settings(), AS_OF, tmp_path), tmp_path / "site")
    header, row = list(csv.reader(io.StringIO(files["data/cases.csv"].lstrip("\ufeff"))))
    cells = dict(zip(header, row))
    labels = {f: CASES.field(f).label for f in FORMULAS}
    for field_id, value in FORMULAS.items():
        assert cells[labels[field_id]] == "'" + value  # the apostrophe makes Excel read text
    assert cells["处罚机关"] == "测试局" and cells["罚款金额（元）"] == "60000"  # other cells as they were
    record = json.loads(files["data/cases.json"])["records"][0]
    assert {f: record[f] for f in FORMULAS} == FORMULAS
    with zipfile.ZipFile(io.BytesIO(files["data/cases.xlsx"])) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    sheet_cells = load_workbook(io.BytesIO(files["data/cases.xlsx"])).active
    by_label = {c.value: i for i, c in enumerate(sheet_cells[1])}
    for field_id, value in FORMULAS.items():
        cell = sheet_cells[2][by_label[labels[field_id]]]
        assert (cell.value, cell.data_type) == (value, "s")  # an inline string, exactly as written


@pytest.mark.parametrize("text, expected", [("=1+1", "'=1+1"), ("+86", "'+86"), ("-", "'-"), ("@A1", "'@A1"),
                                            ("\tx", "'\tx"), ("\rx", "'\rx"), ("＝1+1", "'＝1+1"),
                                            ("罚款 = 2 万元", "罚款 = 2 万元"), ("", ""), ("2026-03-01", "2026-03-01")])
def test_csv_cells_starting_like_a_formula_get_an_apostrophe(text, expected):
    from generator.output.downloads import csv_cell

    assert csv_cell(text) == expected


def test_the_search_script_puts_data_into_pages_as_text_only():
    """The index holds names as the data writes them (it is data); the page's script must never read them as
    HTML. The browser test shows a hostile name as text; this keeps HTML-inserting calls out of the script."""
    from conftest import PROJECT

    script = (PROJECT / "theme" / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8")
    for call in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function("):
        assert call not in script, call
    assert "textContent" in script

def test_a_theme_copied_elsewhere_reuses_compiled_templates_yet_edits_and_errors_name_its_own_files(tmp_path):
    import traceback

    from generator.output.templates import environment

    first, second = tmp_path / "first", tmp_path / "second"
    for theme in (first, second):
        (theme / "disclosure").mkdir(parents=True)
        (theme / "disclosure" / "page.html").write_text("{{ name }}\n{{ missing.field }}\n", encoding="utf-8")
    with pytest.raises(Exception):
        environment(first).get_template("page.html").render(name="甲")
    try:
        environment(second).get_template("page.html").render(name="甲")
    except Exception:
        places = [line for line in traceback.format_exc().splitlines() if "page.html\", line" in line]
    assert places and all(str(second) in line for line in places)
    (second / "disclosure" / "page.html").write_text("已修改：{{ name }}\n", encoding="utf-8")
    assert environment(second).get_template("page.html").render(name="甲") == "已修改：甲\n"
