"""Real MkDocs builds of a small fixture site and of the shipped sample site; assertions on the HTML."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import FixtureSite, case_row, uscc

AS_OF = "2026-06-01"


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _build(fixture_site: FixtureSite) -> FixtureSite:
    rows = [case_row(n) for n in range(1, 6)]
    rows.append(case_row(6, 处罚类别="警告", 罚款金额="", 处罚内容="警告。"))
    fixture_site.cases_csv(rows)
    fixture_site.blacklist_csv([{
        "当事人名称": "测试市第1消防器材有限公司", "统一社会信用代码": rows[0]["统一社会信用代码"],
        "列入事由": "销售不合格消防产品拒不整改", "作出决定机关": "测试市市场监督管理局", "列入日期": "2026-04-01",
        "所依据行政处罚决定书文号": rows[0]["行政处罚决定书文号"],
    }])
    assert fixture_site.run("build", "--as-of", AS_OF) == 0
    return fixture_site


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> FixtureSite:
    """The fixture site built once for the tests that only read it."""
    return _build(FixtureSite(tmp_path_factory.mktemp("built") / "site-src"))


@pytest.fixture
def own_built(fixture_site) -> FixtureSite:
    """The same site built for a test that changes it."""
    return _build(fixture_site)


def test_record_page_shows_every_public_field(built):
    html = built.page("cases/测试市监罚-2026-3号")
    for text in ("测试市监罚〔2026〕3号", "测试市第3消防器材有限公司", uscc("9111000012345" "0003"), "销售不合格灭火器",
                 "《中华人民共和国产品质量法》第四十九条", "罚款、没收违法所得", "20,000 元", "测试市市场监督管理局",
                 "2026-03-02"):
        assert text in html
    period = re.search(r"<dt>公示期</dt><dd>(.*?)</dd>", html).group(1)
    assert re.findall(r'datetime="([\d-]+)"', period) == ["2026-03-05", "2029-03-04"]  # first and last public day
    assert "<title>测试市第3消防器材有限公司（测试市监罚〔2026〕3号） - 测试站点</title>" in html


def test_record_page_is_themed_like_every_other_page(built):
    html = built.page("cases/测试市监罚-2026-3号")
    assert 'class="md-header' in html and "md-footer" in html
    assert "assets/stylesheets/site.css" in html
    assert "@@RECORD" not in html and "_frame" not in html
    assert not (built.site / "_frame").exists()


def test_list_pages_link_every_public_record_and_nothing_else(built):
    listing = built.page("cases")
    links = set(re.findall(r'href="\.\./cases/(测试市监罚-2026-\d+号)/"', listing))
    assert links == {f"测试市监罚-2026-{n}号" for n in range(1, 6)}
    assert not (built.site / "cases" / "测试市监罚-2026-6号").exists()  # warning only
    blacklist = built.page("blacklist")
    code = uscc("9111000012345" "0001")
    assert f'href="../blacklist/{code}/"' in blacklist
    entry = built.page(f"blacklist/{code}")
    assert "../../cases/测试市监罚-2026-1号/" in entry  # links to the case it is based on
    assert re.search(r'预计移出日期</dt><dd><time[^>]* datetime="2029-04-01"', entry)  # the first day off the list


def test_footer_shows_the_configured_numbers(built):
    for url in ("", "cases", "cases/测试市监罚-2026-1号"):
        html = built.page(url) if url else (built.site / "index.html").read_text(encoding="utf-8")
        for text in ("主办单位：测试市市场监督管理局", "网站标识码：1234567890", "ICP备案号：测ICP备12345678号",
                     "公安机关备案号：测公网安备 11010502000001号", "联系方式：测试路 9 号", "党政机关标识：党政机关",
                     '<a href="https://zfwzzc.www.gov.cn/">我为政府网站找错</a>'):
            assert text in html, (url, text)


def test_home_summary_counts_public_records(built):
    html = (built.site / "index.html").read_text(encoding="utf-8")
    assert '<span class="stat-value">5</span><span class="stat-unit">条</span>' in html
    assert "<!-- disclosure:summary -->" not in html


def test_search_index_finds_records_by_credit_code_and_words(built):
    from search_files import Index

    index = Index(built.site / "search")
    assert [d[0] for d in index.find(uscc("9111000012345" "0002"))] == ["cases/测试市监罚-2026-2号/"]
    assert "cases/测试市监罚-2026-2号/" in [d[0] for d in index.find("测试市第2消防器材")]
    assert not any(index.document(n)[0].startswith("_frame") for n in range(index.meta["docs"]))
    pages = [index.document(n) for n in range(*index.meta["ranges"][-1])]
    assert [p[0] for p in pages] == [""]  # hand-written pages are searched too (the fixture has one)


def test_sitemap_lists_record_pages(built):
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://test.example.gov.cn/cases/测试市监罚-2026-1号/" in sitemap
    assert "_frame" not in sitemap


def test_downloads_hold_public_records_only(built):
    text = (built.site / "data" / "cases.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("行政处罚决定书文号,")
    assert len(text.strip().splitlines()) == 1 + 5
    data = json.loads((built.site / "data" / "cases.json").read_text(encoding="utf-8"))
    assert data["count"] == 5 and data["as_of"] == AS_OF
    assert "id_number" not in data["records"][0]
    page = built.page("data")
    assert 'href="cases.csv"' in page and 'href="cases.xlsx"' in page and "数据字典" in page
    assert page.count("<code>party_name</code>") == 2  # both record types are in the data dictionary
    from openpyxl import load_workbook

    sheet = load_workbook(built.site / "data" / "cases.xlsx").active
    assert sheet.max_row == 1 + 5 and sheet.cell(1, 1).value == "行政处罚决定书文号"


def test_build_with_errors_publishes_nothing_and_keeps_the_old_site(own_built):
    before = tree_digest(own_built.site)
    own_built.cases_csv([case_row(9, 处罚决定日期="2026-02-30")], name="more.csv")
    assert own_built.run("build", "--as-of", AS_OF) == 1
    assert tree_digest(own_built.site) == before
    assert not list(own_built.root.glob(".site-build-*"))


def test_rebuild_on_a_later_date_takes_expired_records_down(own_built, tmp_path):
    later = tmp_path / "preview"  # a future date may only be previewed elsewhere, never built into site/
    assert own_built.run("build", "--as-of", "2029-03-05") == 2
    assert own_built.run("build", "--as-of", "2029-03-05", "-d", str(later)) == 0
    assert not (later / "cases" / "测试市监罚-2026-1号").exists()
    assert (later / "cases" / "测试市监罚-2026-2号").exists() is False
    from search_files import Index

    assert "测试市监罚〔2026〕1号" not in Index(later / "search").all_text()


# --- the shipped sample site ------------------------------------------------------------------------

OWN_HOSTS = {"xxgk.example.gov.cn"}
NAMESPACES = ("http://www.w3.org/", "http://www.sitemaps.org/", "http://purl.org/rss/1.0/modules/content/")


def test_sample_site_has_every_page_type(sample_site):
    for url in ("", "blacklist", "cases", "campaigns", "news", "guides", "data", "report", "about",
                "campaigns/fire-products-315-2026", "guides/fire-extinguisher"):
        assert (sample_site / url / "index.html").exists(), url
    assert len(list((sample_site / "cases").glob("*/index.html"))) >= 40
    assert len(list((sample_site / "blacklist").glob("*/index.html"))) >= 15
    assert len(list(sample_site.rglob("index.html"))) >= 60
    assert list((sample_site / "news").rglob("*/index.html"))


def test_campaign_page_gathers_bulletins_stats_and_cases(sample_site):
    html = (sample_site / "campaigns" / "fire-products-315-2026" / "index.html").read_text(encoding="utf-8")
    assert "工作成效" in html and 'class="figure-card"' in html and "56家" in html
    assert re.search(r'href="../../news/2026/[^"]+/"', html), "bulletins of the campaign are linked"
    assert re.search(r'href="../../cases/[^"]+/"', html), "cases of the campaign are linked"


def _outside_urls(text: str) -> set[str]:
    found = set()
    for url in re.findall(r"""(?:src|href|url|action|content)\s*[=(]\s*["']?(https?://[^"' )>]+)""", text):
        if url.startswith(NAMESPACES):
            continue
        if urlparse(url).hostname not in OWN_HOSTS:
            found.add(url)
    return found


def test_sample_site_references_no_outside_host(sample_site):
    offenders = {}
    for path in sample_site.rglob("*"):
        if path.suffix in {".html", ".css", ".json", ".xml", ".js"} and path.is_file():
            urls = _outside_urls(path.read_text(encoding="utf-8", errors="replace"))
            if urls:
                offenders[str(path.relative_to(sample_site))] = urls
    assert offenders == {}
    for script in sample_site.rglob("*.js"):
        assert "unpkg.com" not in script.read_text(encoding="utf-8"), script
    assert "fonts.googleapis.com" not in (sample_site / "index.html").read_text(encoding="utf-8")


def test_sample_site_internal_links_resolve(sample_site):
    missing = set()
    for path in sample_site.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]+)', path.read_text(encoding="utf-8")):
            if href.startswith(("http:", "https:", "mailto:", "tel:", "javascript:")):
                continue
            base = sample_site if href.startswith("/") else path.parent  # 404.html links from the site root
            target = (base / unquote(href.lstrip("/"))).resolve()
            if not (target.exists() or (target / "index.html").exists()):
                missing.add((str(path.relative_to(sample_site)), href))
    assert missing == set()


def test_strict_build_fails_on_a_broken_link_in_content(fixture_site):
    fixture_site.cases_csv([case_row(1)])
    (fixture_site.root / "content" / "index.md").write_text("# 首页\n\n[不存在](missing.md)\n", encoding="utf-8")
    assert fixture_site.run("build", "--strict", "--as-of", "2026-06-01") == 2
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0


def test_every_list_pages_through_all_its_records_at_every_depth(fixture_site):
    # 51 cases of one region in one year: the list of the region in that year needs a second page, the deepest
    # address the site has (cases/region/<region>/year/2026/page/2/)
    fixture_site.cases_csv([case_row(n, 地区="测试市东区") for n in range(1, 52)])
    assert fixture_site.run("build", "--as-of", AS_OF) == 0
    listed = set()
    for first in ("cases", "cases/year/2026", "cases/region/测试市东区", "cases/region/测试市东区/year/2026"):
        pages = [built_page(fixture_site, first), built_page(fixture_site, first + "/page/2")]
        found = [set(re.findall(r'href="(?:\.\./)+cases/(测试市监罚-2026-\d+号)/"', page)) for page in pages]
        assert len(found[0]) == 50 and len(found[1]) == 1 and not found[0] & found[1], first
        assert 'class="md-header' in pages[1]  # themed like every other page
        listed |= found[0] | found[1]
    assert listed == {f"测试市监罚-2026-{n}号" for n in range(1, 52)}


def built_page(site, address: str) -> str:
    return (site.site / address / "index.html").read_text(encoding="utf-8")
