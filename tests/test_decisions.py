"""Decision documents (data/decisions/): read from Word, GBK text and PDF with a text layer, redacted like every
text, shown and searchable with their record, gone with it; scans, orphans and missing files are errors."""
from __future__ import annotations

import gzip
import json

import pytest

from conftest import case_row
from documents import docx_with, pdf_with_text, scanned_pdf

PHONE, WITNESS, ID = "13987654321", "周晓燕", "110105199003071239"
PARAGRAPHS = ["测试市市场监督管理局行政处罚决定书", f"当事人仓库保管员{WITNESS}（联系电话{PHONE}）配合检查。",
              f"经查，当事人销售的灭火器不合格，另查明其股东身份证号码{ID}。", "本局决定处罚款人民币2万元。"]


def _site_text(site) -> str:
    chunks = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".bin":
            data = gzip.decompress(data)
        chunks.append(data.decode("utf-8", "ignore"))
    return "\n".join(chunks)


@pytest.fixture
def with_documents(fixture_site):
    fixture_site.cases_csv([case_row(1), case_row(2), case_row(3), case_row(4, 状态="已撤销", 状态日期="2026-04-01",
                                                                          状态说明="复议撤销")])
    folder = fixture_site.root / "data" / "decisions"
    folder.mkdir()
    docx_with(folder / "测试市监罚[2026]1号.docx", PARAGRAPHS)
    (folder / "测试市监罚〔2026〕2号.txt").write_bytes("\r\n".join(PARAGRAPHS).encode("gbk"))
    (folder / "测试市监罚（2026）3号.pdf").write_bytes(pdf_with_text(PARAGRAPHS))
    docx_with(folder / "测试市监罚〔2026〕4号.docx", PARAGRAPHS[:1] + ["已撤销案件决定书中独有的一句话。"])
    return fixture_site


def test_documents_in_three_formats_are_published_redacted_and_searchable(with_documents):
    site = with_documents
    assert site.run("build", "--as-of", "2026-06-01") == 0
    for n in (1, 2, 3):
        page = site.page(f"cases/测试市监罚-2026-{n}号")
        assert "行政处罚决定书" in page and "配合检查" in page and "本局决定处罚款人民币2万元" in page
        assert "周*" in page and "[手机号已隐去]" in page
    text = _site_text(site.site)
    for secret in (PHONE, WITNESS, ID, "已撤销案件决定书中独有的一句话"):
        assert secret not in text, secret
    records = json.loads((site.site / "data" / "cases.json").read_text(encoding="utf-8"))["records"]
    assert sum(1 for r in records if "配合检查" in (r.get("decision_text") or "")) == 3
    report = (site.root / "site-report.csv").read_text(encoding="utf-8-sig")
    assert report.count("决定书遮蔽") >= 9 and PHONE not in report and ID not in report


def test_a_document_is_found_in_search_by_its_words(with_documents, tmp_path):
    from search_files import Index

    assert with_documents.run("build", "--as-of", "2026-06-01") == 0
    found = Index(with_documents.site / "search").find("仓库保管员")
    assert {d[0] for d in found} == {f"cases/测试市监罚-2026-{n}号/" for n in (1, 2, 3)}


@pytest.mark.parametrize("name, data, code", [
    ("测试市监罚〔2026〕1号.pdf", scanned_pdf(), "decision-unreadable"),
    ("测试市监罚〔2026〕9号.docx", None, "decision-orphan"),
    ("测试市监罚〔2026〕1号.doc", b"\xd0\xcf\x11\xe0", "file-format"),
])
def test_scans_orphans_and_other_files_are_errors_with_the_file(fixture_site, capsys, name, data, code):
    fixture_site.cases_csv([case_row(1)])
    folder = fixture_site.root / "data" / "decisions"
    folder.mkdir()
    if data is None:
        docx_with(folder / name, PARAGRAPHS)
    else:
        (folder / name).write_bytes(data)
    assert fixture_site.run("check", "--json", "--as-of", "2026-06-01") == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert any(p["code"] == code and p["file"].endswith(name) for p in problems), problems


def test_a_case_naming_a_missing_document_is_an_error_at_its_row(fixture_site, capsys):
    fixture_site.cases_csv([case_row(1, 决定书文件="不存在的决定书.docx")])
    (fixture_site.root / "data" / "decisions").mkdir()
    assert fixture_site.run("check", "--json", "--as-of", "2026-06-01") == 1
    [problem] = [p for p in json.loads(capsys.readouterr().out)["problems"] if p["code"] == "decision-missing"]
    assert problem["row"] == 2 and problem["column"] == "决定书文件"


def test_a_document_named_in_its_column_belongs_to_that_case(fixture_site):
    fixture_site.cases_csv([case_row(1, 决定书文件="一号案决定书.docx")])
    folder = fixture_site.root / "data" / "decisions"
    folder.mkdir()
    docx_with(folder / "一号案决定书.docx", PARAGRAPHS)
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    assert "配合检查" in fixture_site.page("cases/测试市监罚-2026-1号")
