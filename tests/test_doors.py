"""Nothing personal through any door editors use, no script from their text, no crash on odd input: bulletins'
and guides' front matter, campaign files and settings, checked on a copy of the sample site."""
from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, SAMPLE_AS_OF, clock
from generator.cli import main

PHONE = "13912345678"
POSTS = "content/news/posts"


def _copy_sample(root: Path) -> Path:
    for name in ("content", "data", "theme"):
        shutil.copytree(PROJECT / name, root / name)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    return root


@pytest.fixture
def sample(tmp_path) -> Path:
    return _copy_sample(tmp_path / "sample")


def _run(root: Path, *args: str) -> int:
    return main(["-f", str(root / "mkdocs.yml"), *args, "--as-of", SAMPLE_AS_OF], clock=clock)


def _check(root: Path, capsys) -> tuple[int, list[dict]]:
    code = _run(root, "check", "--json")
    return code, json.loads(capsys.readouterr().out)["problems"]


def _post(root: Path, name: str, front: str, body: str = "# 示例标题\n\n正文第一段。\n") -> Path:
    path = root / POSTS / name
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def _site_bytes(site: Path) -> list[tuple[str, bytes]]:
    return [(p.relative_to(site).as_posix(), p.read_bytes()) for p in site.rglob("*") if p.is_file()]


@pytest.mark.parametrize("front, column", [
    (f"title: 关于{PHONE}的通报\ndate: 2026-10-01\n", "title"),
    (f"date: 2026-10-01\ncategories:\n  - 联系{PHONE}\n", "categories"),
    ("date: 2026-10-01\nslug: zhang-110101199003074512\n", "slug"),
    (f"date: 2026-10-01\ntags: [电话{PHONE}]\n", "tags"),
])
def test_personal_data_in_what_becomes_an_address_or_a_title_is_an_error_with_file_and_line(
        sample, capsys, front, column):
    _post(sample, "leak.md", front)
    code, problems = _check(sample, capsys)
    found = [p for p in problems if p["code"] == "personal-data-in-address"]
    assert code == 1 and found
    assert found[0]["file"].endswith("news/posts/leak.md") and found[0]["column"] == column and found[0]["row"] >= 2
    assert PHONE not in json.dumps(problems, ensure_ascii=False)


def test_personal_data_in_a_file_name_or_a_heading_title_is_an_error(sample, capsys):
    _post(sample, f"tongbao-{PHONE}.md", "date: 2026-10-01\n")
    _post(sample, "heading.md", "date: 2026-10-01\n", f"# 举报人{PHONE}的情况\n\n正文。\n")
    code, problems = _check(sample, capsys)
    files = {p["file"].rsplit("/", 1)[-1] for p in problems if p["code"] == "personal-data-in-address"}
    assert code == 1 and files == {f"tongbao-{PHONE}.md", "heading.md"}


@pytest.mark.parametrize("front, column", [
    ("title: <img src=x onerror=alert(1)>\ndate: 2026-10-01\n", "title"),
    ("date: 2026-10-01\ndescription: 说明<script>alert(1)</script>\n", "description"),
    ("date: 2026-10-01\ncategories: ['<b>执法</b>']\n", "categories"),
])
def test_markup_in_front_matter_is_refused_by_check(sample, capsys, front, column):
    _post(sample, "markup.md", front)
    code, problems = _check(sample, capsys)
    found = [p for p in problems if p["code"] == "front-matter-markup"]
    assert code == 1 and found and found[0]["column"] == column


@pytest.mark.parametrize("old, new", [("products: [灭火器]", "title: 灭火器<svg onload=alert(1)>\nproducts: [灭火器]"),
                                      ("# 灭火器选购与使用提示", "# 灭火器<svg onload=alert(1)>选购提示")])
def test_markup_in_a_guide_title_is_refused_and_nothing_is_published(sample, old, new):
    guide = sample / "content/guides/fire-extinguisher.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert _run(sample, "build") == 1
    assert not (sample / "site").exists()


@pytest.fixture(scope="module")
def planted(tmp_path_factory) -> tuple[Path, str, list[str]]:
    """One copy of the sample with a bulletin, a sourced bulletin and a campaign carrying a phone number in every
    text an editor writes, built once: (the site folder, what the build wrote to standard error, the files of the
    site that hold the number)."""
    root = _copy_sample(tmp_path_factory.mktemp("planted") / "sample")
    _post(root, "quoted.md", f"date: '2026-10-19'\ndescription: 联系人手机{PHONE}\ncategories:\n  - 执法动态\n",
          "# 日期加引号的通报\n\n这篇通报的日期写在引号里。\n")
    _post(root, "sourced.md", f"date: 2026-10-20\nsource: 执法科（联系人手机{PHONE}）\n"
          "authority: 示例市东城区市场监督管理局\ncategories:\n  - 执法动态\n", "# 注明来源的通报\n\n正文。\n")
    _campaign(root, summary=f"联系人手机{PHONE}。", region=f"示例市{PHONE}",
              stats=[{"label": f"回访{PHONE}", "value": "13万余", "unit": f"份{PHONE}"}],
              authority=["示例市市场监督管理局", f"示例市消防救援支队{PHONE}"])
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert _run(root, "build") == 0
    site = root / "site"
    return site, err.getvalue(), [path for path, data in _site_bytes(site) if PHONE.encode() in data]


def test_a_description_is_masked_a_quoted_date_is_a_date_and_the_site_builds(planted):
    site, warnings, leaks = planted
    assert "personal-data-masked" in warnings and not leaks
    page = next(site.glob("news/2026/*/index.html"), None)
    pages = [p for p in site.glob("news/2026/*/index.html") if "日期加引号的通报" in p.read_text(encoding="utf-8")]
    assert page and pages and "2026" in pages[0].read_text(encoding="utf-8")
    assert "[手机号已隐去]" in pages[0].read_text(encoding="utf-8")  # the description, in <meta>


def test_a_bulletins_source_and_publisher_are_masked_text_under_its_heading(planted, sample, capsys):
    site, _, leaks = planted
    assert not leaks
    page = next(p for p in site.glob("news/2026/*/index.html") if "注明来源的通报" in p.read_text(encoding="utf-8"))
    html = page.read_text(encoding="utf-8")
    assert "<dt>来源</dt><dd>执法科（联系人手机[手机号已隐去]）</dd>" in html
    assert "<dt>发布机构</dt><dd>示例市东城区市场监督管理局</dd>" in html
    _post(sample, "marked.md", "date: 2026-10-21\nauthority: <b>某局</b>\n", "# 带标记的发布机构\n")
    code, problems = _check(sample, capsys)
    assert code == 1 and any(p["code"] == "front-matter-markup" and p["column"] == "authority" for p in problems)


def test_an_impossible_date_is_an_error_with_its_line_not_a_traceback(sample, capsys):
    _post(sample, "bad-date.md", "title: 日期不存在的通报\ndate: 2026-02-30\n")
    code, problems = _check(sample, capsys)
    found = [p for p in problems if p["file"].endswith("bad-date.md")]
    assert code == 1 and found and found[0]["code"] == "invalid-date" and found[0]["row"] == 3


def test_categories_that_make_no_address_or_the_same_address_are_errors(sample, capsys):
    _post(sample, "punct.md", "title: 标点分类\ndate: 2026-10-01\ncategories: ['!!!']\n")
    _post(sample, "twins.md", "title: 同名分类\ndate: 2026-10-02\ncategories: ['Safety Week', 'safety-week']\n")
    code, problems = _check(sample, capsys)
    codes = {p["code"] for p in problems if p["file"].endswith(("punct.md", "twins.md"))}
    assert code == 1 and {"address-empty", "duplicate-address"} <= codes


def _campaign(root: Path, **over) -> Path:
    data = {"id": "door-test", "title": "门禁测试专项行动", "authority": "示例市市场监督管理局", "start": "2026-01-01",
            "end": "2026-02-01", "summary": "测试。", "stats": [{"label": "检查", "value": 3, "unit": "家"}]}
    data.update(over)
    path = root / "data/campaigns/door-test.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_campaign_title_with_personal_data_is_an_error(sample, capsys):
    _campaign(sample, title=f"联系{PHONE}专项行动")
    code, problems = _check(sample, capsys)
    assert code == 1 and any(p["code"] == "personal-data-in-address" and p["column"] == "title" for p in problems)


def test_a_figure_that_is_no_number_is_an_error_with_its_line(sample, capsys):
    path = _campaign(sample, stats=[{"label": "检查", "value": 3, "unit": "家"}, {"label": "宣传", "value": "很多"}])
    lines = path.read_text(encoding="utf-8").splitlines()
    item = next(n for n, line in enumerate(lines, start=1) if "宣传" in line or "很多" in line)
    code, problems = _check(sample, capsys)
    found = [p for p in problems if p["code"] == "campaign-stat"]
    assert code == 1 and found and found[0]["row"] in (item - 1, item) and found[0]["value"] == "很多"


def test_every_campaign_text_is_masked_in_every_output(planted):
    site, _, leaks = planted
    assert not leaks
    rows = json.loads((site / "data/campaign_stats.json").read_text(encoding="utf-8"))["records"]
    figure = next(r for r in rows if r["campaign"] == "door-test" and r["source"] == "机关通报")
    assert figure["value"] == 130000 and figure["qualifier"] == "余" and figure["written"] == "13万余"


def test_a_license_link_must_be_a_web_address(sample, capsys):
    config = sample / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      lower_fine:", "      data_license_url: javascript:alert(1)\n      lower_fine:"),
        encoding="utf-8")
    code, problems = _check(sample, capsys)
    assert code == 1 and any(p["code"] == "config-invalid" and p["column"] == "data_license_url" for p in problems)


def test_settings_printed_on_every_page_are_text(sample, capsys):
    config = sample / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: 示例市市场监管执法信息公开", "site_name: 示例<script>alert(1)</script>"), encoding="utf-8")
    code, problems = _check(sample, capsys)
    assert code == 1 and any(p["code"] == "config-invalid" and p["column"] == "site_name" for p in problems)


def test_hotlines_and_short_name_are_checked_like_every_printed_setting(sample, capsys):
    config = sample / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        '    - {label: 火灾隐患举报, number: "96119"}', '    - {label: <b>值班</b>, number: "13912345678"}').replace(
        "short_name: 示例市执法公开", "short_name: 示例<i>简称</i>"), encoding="utf-8")
    code, problems = _check(sample, capsys)
    found = {(p["code"], p["column"]) for p in problems}
    assert code == 1 and {("config-invalid", "extra.hotlines.1"), ("config-invalid", "extra.short_name")} <= found
    assert ("personal-data-in-content", "extra.hotlines.1") in found  # a mobile number printed on posters


# --- Odd characters and odd regions: no crash, no ill-formed file, an address for every list ---------------
def test_characters_no_xml_file_may_hold_are_removed_and_every_output_is_well_formed(fixture_site, capsys):
    import xml.etree.ElementTree as ET
    import zipfile

    import openpyxl
    from frictionless import validate

    from conftest import case_row

    odd = "\uffff\ufffe\x01\x1f\ufdd0"
    fixture_site.cases_csv([case_row(1, 违法事实=f"当事人销售{odd}不合格灭火器。", 当事人名称=f"测试市第1消防{odd}器材有限公司"),
                            case_row(2)])
    fixture_site.campaign({"id": "c1", "title": f"消防{odd}专项行动", "authority": "测试市市场监督管理局",
                           "start": "2026-01-01", "end": "2026-02-01", "summary": f"概述{odd}。",
                           "stats": [{"label": f"检查{odd}", "value": 3, "unit": "家"}]})
    posts = fixture_site.root / "content/news/posts"
    posts.mkdir(parents=True)
    (posts / "odd.md").write_text(f"---\ntitle: \"通报{chr(0xFFFF)}标题\"\ndate: 2026-05-01\n---\n\n正文{odd}第一段。\n",
                                  encoding="utf-8")
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    assert "control-characters" in capsys.readouterr().err
    site = fixture_site.site
    for path in site.rglob("*"):
        if path.suffix in (".xml", ".atom"):
            ET.parse(path)
        if path.suffix == ".xlsx":
            openpyxl.load_workbook(path)
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    if name.endswith(".xml"):
                        ET.fromstring(book.read(name))
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".atom"):
            assert not set(odd) & set(path.read_text(encoding="utf-8-sig")), path
    assert validate(site / "data" / "datapackage.json").valid


@pytest.mark.parametrize("regions", [["示例市 东城区", "示例市/东城区"], ["！！！", "东城区"], ["测" * 124, "西城区"],
                                     ["ABC区", "abc区"]])
def test_every_region_gets_an_address_of_its_own(fixture_site, regions):
    from conftest import case_row

    fixture_site.cases_csv([case_row(n + 1, 地区=region) for n, region in enumerate(regions)])
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    folders = [p for p in (fixture_site.site / "cases" / "region").iterdir()]
    assert len(folders) == len(regions) and all(len(p.name.encode()) <= 90 and p.name for p in folders)
    sitemap = (fixture_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "//region" not in sitemap and "region//" not in sitemap
    for region in regions:
        assert any(region in (p / "index.html").read_text(encoding="utf-8") for p in folders)


# --- Names in any script: natural persons, sole traders and their operators ---------------------------------
SOLE_TRADERS = ["阿依古丽·吐尔逊", "欧阳娜娜娜", "John Smith", "司 马 青 云", "买买提•艾力"]


def _pieces(name: str) -> list[str]:
    """What of a name must not be readable anywhere: the name without spaces or dots, and its given name."""
    import re as _re

    compact = _re.sub(r"[\s·•.]+", "", name)
    return [compact, compact[2:] if len(compact) > 3 else compact[1:]] + (name.split() if name.isascii() else [])


def test_sole_traders_named_in_any_script_are_masked_in_every_file(fixture_site):
    from conftest import case_row, uscc

    rows = []
    for n, name in enumerate(SOLE_TRADERS, start=1):
        rows.append(case_row(n, 当事人名称=name, 当事人类型="个体工商户", 统一社会信用代码=uscc(f"9211000012345{n:04d}"),
                             违法事实=f"经查，{name}在其经营场所销售不合格灭火器。"))
        rows.append(case_row(10 + n, 当事人名称=f"测试市{name.replace(' ', '')}五金店", 当事人类型="个体工商户",
                             统一社会信用代码=uscc(f"9211000012346{n:04d}"), 经营者=name,
                             违法事实=f"当事人由{name}经营，从{name}处购进涉案产品。"))
    fixture_site.cases_csv(rows)
    fixture_site.blacklist_csv([{"当事人名称": f"测试市{SOLE_TRADERS[0]}商行", "统一社会信用代码": uscc("92110000123470001"),
                                 "法定代表人": "买买提•艾力", "列入事由": "拒不履行行政处罚决定", "作出决定机关": "测试市市场监督管理局",
                                 "列入日期": "2026-04-01"}])
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    texts = {p.relative_to(fixture_site.site).as_posix(): p.read_bytes() for p in fixture_site.site.rglob("*")
             if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml", ".atom", ".txt", ".bin", ".xlsx")}
    import gzip
    import re as _re
    import zipfile

    def readable(path: str, data: bytes) -> str:
        if path.endswith(".bin"):
            return gzip.decompress(data).decode("utf-8", "ignore")
        if path.endswith(".xlsx"):
            with zipfile.ZipFile(__import__("io").BytesIO(data)) as book:
                return "".join(book.read(n).decode("utf-8", "ignore") for n in book.namelist())
        return data.decode("utf-8-sig", "ignore")

    leaks = []
    for path, data in texts.items():
        text = _re.sub(r"[\s·•.\\]+", "", readable(path, data))
        for name in SOLE_TRADERS:
            leaks += [(path, piece) for piece in _pieces(name) if _re.sub(r"[\s·•.]+", "", piece) in text]
    assert leaks == []
