"""What the public finds on the built sample site, checked on its files: company pages, feeds, open data with
its Data Package, the sitemap and robots.txt, bulletins (excerpts, archives, drafts), guides, QR codes and
valid HTML. (What a person sees in a browser is in test_browser.py.)"""
from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlparse

import numpy as np
import pytest
import zxingcpp

from conftest import PROJECT, SAMPLE_AS_OF, clock, inspect_site
from generator.cli import main

SITE_URL = "https://xxgk.example.gov.cn/"
VNU = PROJECT / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"


def rows(site: Path, stem: str) -> list[dict]:
    data = json.loads((site / "data" / f"{stem}.json").read_text(encoding="utf-8"))
    return data["records"]


def page_exists(site: Path, url: str) -> bool:
    path = unquote(urlparse(url).path)
    return (site / path.lstrip("/") / "index.html").is_file() or (site / path.lstrip("/")).is_file()


# --- Company pages -----------------------------------------------------------------------------------------
def test_entity_pages_exist_exactly_for_parties_with_public_records(sample_site):
    public = {r["uscc"] for stem in ("cases", "blacklist") for r in rows(sample_site, stem)
              if r.get("uscc") and r.get("party_type") != "自然人"}
    pages = {p.name for p in (sample_site / "entity").iterdir() if (p / "index.html").is_file()}
    assert pages == public and len(pages) > 20


def test_a_party_whose_records_are_all_withheld_has_no_page_and_appears_nowhere(sample_site):
    _, dataset, _ = inspect_site(PROJECT / "mkdocs.yml")
    public = {r["uscc"] for stem in ("cases", "blacklist") for r in rows(sample_site, stem) if r.get("uscc")}
    withheld = {r.values["uscc"] for r in dataset.all_records() if r.values.get("uscc")} - public
    assert withheld  # the sample has parties whose only record is revoked, stopped or not to be published
    texts = [p.read_text(encoding="utf-8", errors="ignore") for p in sample_site.rglob("*")
             if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv", ".atom", ".txt")]
    for code in withheld:
        assert not (sample_site / "entity" / code).exists()
        assert not any(code in text for text in texts), code


def test_entity_page_lists_every_public_record_of_the_party_newest_first(sample_site):
    code = "9144990254484672U0"
    html = (sample_site / "entity" / code / "index.html").read_text(encoding="utf-8")
    expected = [r for stem in ("cases", "blacklist") for r in rows(sample_site, stem) if r.get("uscc") == code]
    assert expected
    for r in expected:
        assert r["url"].removeprefix(SITE_URL) in unquote(html) or unquote(r["url"].removeprefix(SITE_URL)) in html
    dates = re.findall(r'<td data-label="处罚决定日期"><span class="nowrap">([\d-]+)</span>', html)
    assert dates == sorted(dates, reverse=True)


def test_record_pages_lists_and_search_link_the_company_page(sample_site):
    case = rows(sample_site, "cases")[0]
    record = unquote(urlparse(case["url"]).path).strip("/")
    assert f'entity/{case["uscc"]}/' in (sample_site / record / "index.html").read_text(encoding="utf-8")
    assert f'entity/{case["uscc"]}/' in (sample_site / "cases" / "index.html").read_text(encoding="utf-8")
    from search_files import Index
    found = Index(sample_site / "search").find(case["uscc"])
    assert found and found[0][8] == f'entity/{case["uscc"]}/'


# --- Open data ---------------------------------------------------------------------------------------------
def test_every_download_parses_and_holds_every_public_row(sample_site):
    data = sample_site / "data"
    for stem in ("cases", "blacklist", "campaign_stats"):
        records = rows(sample_site, stem)
        with (data / f"{stem}.csv").open(encoding="utf-8-sig", newline="") as f:
            table = list(csv.reader(f))
        from openpyxl import load_workbook
        sheet = load_workbook(data / f"{stem}.xlsx", read_only=True).worksheets[0]
        assert len(table) - 1 == len(records) == sheet.max_row - 1 > 0, stem
    cases = rows(sample_site, "cases")
    assert len(cases) == len(list((sample_site / "cases").glob("示例*")))
    assert all(isinstance(r["fine"], (int, float)) or r["fine"] is None for r in cases)


def test_campaign_statistics_hold_reported_and_counted_figures(sample_site):
    stats = rows(sample_site, "campaign_stats")
    fire = [r for r in stats if r["campaign"] == "fire-products-315-2026"]
    reported = {r["label"]: r["value"] for r in fire if r["source"] == "机关通报"}
    counted = {r["label"]: r["value"] for r in fire if r["source"] == "本站统计"}
    assert reported["联合检查单位"] == 56
    published = sum(1 for r in rows(sample_site, "cases") if r.get("campaign") == "fire-products-315-2026")
    assert counted["本站公示的行政处罚信息"] == published > 0


def test_the_data_package_validates_and_matches_the_dictionary_page(sample_site):
    from frictionless import validate

    package = json.loads((sample_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    report = validate(str(sample_site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "message"])[:5]
    assert {r["path"] for r in package["resources"]} == {f"{s}.{x}" for x in ("csv", "json", "xlsx") for s in (
        "cases", "cases_shuanggongshi", "blacklist", "campaign_stats")}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    page = (sample_site / "data" / "index.html").read_text(encoding="utf-8")
    for resource in package["resources"]:
        for field in resource.get("schema", {}).get("fields", []):
            assert f"<td>{field['name']}</td>" in page, field["name"]


# --- Feeds -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["news", "cases", "blacklist"])
def test_feeds_are_valid_xml_and_every_item_links_to_a_page_that_exists(sample_site, name):
    rss = ET.parse(sample_site / "feeds" / f"{name}.xml").getroot()
    atom = ET.parse(sample_site / "feeds" / f"{name}.atom").getroot()
    links = [i.findtext("link") for i in rss.iter("item")]
    atom_links = [e.find("{http://www.w3.org/2005/Atom}link").get("href")
                  for e in atom.iter("{http://www.w3.org/2005/Atom}entry")]
    assert links and links == atom_links
    for link in links:
        assert link.startswith(SITE_URL) and page_exists(sample_site, link), link
    public = {r["url"] for stem in ("cases", "blacklist") for r in rows(sample_site, stem)}
    if name != "news":
        assert {unquote(link) for link in links} <= public


def test_each_region_and_product_has_feeds_of_exactly_its_newest_records_linked_from_its_pages(sample_site):
    data = (sample_site / "data" / "index.html").read_text(encoding="utf-8")
    for stem, role, value, column in (("cases", "region", "示例市东城区", "region"),
                                      ("cases", "product", "灭火器", "product"),
                                      ("blacklist", "product", "灭火器", "product")):
        feed = f"feeds/{stem}-{role}-{value}.xml"
        rss = ET.parse(sample_site / feed).getroot()
        links = {unquote(i.findtext("link")) for i in rss.iter("item")}
        expected = {r["url"] for r in rows(sample_site, stem) if r[column] == value}
        assert links and links == expected  # fewer than 50 here: all of them
        assert f'href="../{feed}"' in data
        assert ET.parse(sample_site / feed.replace(".xml", ".atom")).getroot() is not None
    region_page = (sample_site / "cases/region/示例市东城区/index.html").read_text(encoding="utf-8")
    assert 'href="../../../feeds/cases-region-示例市东城区.xml"' in region_page
    guide = (sample_site / "guides/fire-extinguisher/index.html").read_text(encoding="utf-8")
    assert 'href="../../feeds/cases-product-灭火器.xml"' in guide


def test_pages_name_their_feeds_in_the_head(sample_site):
    for page in ("index.html", "news/index.html", "cases/index.html"):
        head = (sample_site / page).read_text(encoding="utf-8").split("</head>")[0]
        assert re.search(r'<link rel="alternate" type="application/rss\+xml" title="工作动态（RSS）" href="[./]*/?feeds/news.xml">', head)
        assert 'type="application/atom+xml"' in head


# --- Sitemap, robots, 404 ----------------------------------------------------------------------------------
def test_sitemap_lists_exactly_the_public_pages(sample_site):
    tree = ET.parse(sample_site / "sitemap.xml").getroot()
    listed = {unquote(loc.text.removeprefix(SITE_URL)) for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {p.parent.relative_to(sample_site).as_posix() + "/" for p in sample_site.rglob("index.html")}
    pages = {"" if p == "./" else p for p in pages}
    assert listed == pages
    robots = (sample_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_the_404_page_explains_that_records_leave_the_site(sample_site):
    html = (sample_site / "404.html").read_text(encoding="utf-8")
    assert "公示期" in html and 'href="/search/"' in html and 'href="/cases/"' in html


# --- Bulletins and guides ----------------------------------------------------------------------------------
def test_bulletin_list_shows_excerpts_with_monthly_archives_and_categories(sample_site):
    index = (sample_site / "news" / "index.html").read_text(encoding="utf-8")
    post = (sample_site / "news/2026/gas-appliance-results/index.html").read_text(encoding="utf-8")
    assert "专项整治开展以来" in index and "后续安排" in post and "后续安排" not in index
    assert (sample_site / "news/archive/2026/09/index.html").is_file()
    assert (sample_site / "news/category/燃气具质量整治/index.html").is_file()
    assert 'id="检查与抽查"' in post  # anchors read as the heading does
    months = re.findall(r'<details class="list-browse"><summary>按月归档</summary>(.*?)</details>', index, re.S)
    links = re.findall(r'href="([^"]+)"', months[0])
    assert "archive/2026/09/" in links and all(page_exists(sample_site, "/news/" + link) for link in links)
    feeds = re.findall(r'<p class="subscribe">订阅工作动态：<a href="\.\./(feeds/news\.xml)">RSS</a> · <a href="\.\./(feeds/news\.atom)"',
                       index)
    assert feeds and all((sample_site / path).is_file() for path in feeds[0])


def test_a_bulletin_says_who_published_it_from_where_and_when_under_its_heading(sample_site):
    post = (sample_site / "news/2026/gas-appliance-results/index.html").read_text(encoding="utf-8")
    heading_end = post.index("</h1>")
    facts = dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", post[heading_end:post.index("</dl>", heading_end)]))
    assert facts["发布机构"] == "示例省市场监督管理局"  # the campaign's authority: the post names none itself
    assert "2026年9月" in facts["发布日期"] and 'datetime="2026-09-' in facts["发布日期"]
    assert 'href="../../../campaigns/gas-appliance-2026/"' in facts["专项行动"]
    assert "</a>、<a" in facts["分类"] and ", " not in facts["分类"]
    assert "阅读时间" not in post and "元数据" not in post and "回到主页" not in post
    imported = (sample_site / "news/2025/anti-counterfeit-review/index.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>来源</dt><dd>[^<]+</dd>", imported)  # the source an imported article named


def test_a_draft_bulletin_is_published_nowhere(tmp_path):
    root = tmp_path / "site-src"
    for name in ("content", "data", "theme"):
        shutil.copytree(PROJECT / name, root / name)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content/news/posts/draft.md").write_text(
        "---\ndate: 2026-10-01\nslug: unfinished-draft\ndraft: true\ncategories:\n  - 执法动态\n---\n"
        "# 尚未审核的草稿通报\n\n草稿正文独有的句子。\n", encoding="utf-8")
    assert main(["-f", str(root / "mkdocs.yml"), "build", "--as-of", SAMPLE_AS_OF], clock=clock) == 0
    site = root / "site"
    assert not list(site.rglob("*unfinished-draft*"))
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".atom", ".json", ".txt", ".bin"):
            text = path.read_bytes()
            assert "尚未审核的草稿通报".encode() not in text and b"unfinished-draft" not in text, path


def test_a_guide_ends_with_recent_records_about_its_products(sample_site):
    html = (sample_site / "guides/fire-extinguisher/index.html").read_text(encoding="utf-8")
    box = html[html.index('class="guide-records"'):]
    links = re.findall(r'href="\.\./\.\./((?:cases|blacklist)/[^"]+)"', box)
    assert links and all(page_exists(sample_site, "/" + link) for link in links)
    products = {r["url"].removeprefix(SITE_URL): r["product"] for stem in ("cases", "blacklist")
                for r in rows(sample_site, stem)}
    assert all(products.get(link) == "灭火器" for link in links)


# --- Record pages ------------------------------------------------------------------------------------------
def _qr_matrix(svg: str) -> np.ndarray:
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    image = np.full((size * 4, size * 4), 255, dtype=np.uint8)
    for x, y, length in re.findall(r"M(\d+) (\d+)h(\d+)", svg):
        x, y, length = int(x), int(y), int(length)
        image[y * 4:(y + 1) * 4, x * 4:(x + length) * 4] = 0
    return image


def test_record_page_qr_code_reads_as_the_page_address(sample_site):
    case = rows(sample_site, "cases")[3]
    page = unquote(urlparse(case["url"]).path).strip("/")
    html = (sample_site / page / "index.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg class="qr".*?</svg>', html, re.S).group(0)
    found = zxingcpp.read_barcodes(_qr_matrix(svg))
    assert [unquote(b.text) for b in found] == [case["url"]] and found[0].text.isascii()


def test_a_guide_poster_qr_code_reads_as_the_guide_address(sample_site):
    html = (sample_site / "guides/gas-stove/index.html").read_text(encoding="utf-8")
    svg = re.search(r'<div class="print-only guide-poster">.*?(<svg class="qr".*?</svg>)', html, re.S).group(1)
    assert [b.text for b in zxingcpp.read_barcodes(_qr_matrix(svg))] == [SITE_URL + "guides/gas-stove/"]


def test_blacklist_page_states_the_listing_and_repair_periods(sample_site):  # from settings: test_outputs
    html = (sample_site / "blacklist/9144990254484672U0/index.html").read_text(encoding="utf-8")
    assert "列入满三年自动移出" in html and "（列入满一年）起，向" in html and "申请信用修复" in html


# --- Valid HTML --------------------------------------------------------------------------------------------
# Errors the Nu Html Checker finds inside Material's own templates (base.html, nav): not ours to fix. A new
# error, or one of these appearing in a template of ours, fails the test.
MATERIAL_KNOWN = (
    ("Attribute “autocomplete” is only allowed when the input type is", ('id="__drawer"', 'id="__search"')),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     ('for="__toc"', 'for="__nav')),
)


def _pages_of_each_layout(site: Path, each: int = 3) -> list[Path]:
    """A few pages of each section and depth (cases/x/, entity/x/, news/2026/x/ …): pages made from one
    template differ only in their data, which the other tests look at."""
    groups: dict[tuple[str, int], list[Path]] = {}
    for path in sorted(site.rglob("*.html")):
        parts = path.relative_to(site).parts
        groups.setdefault((parts[0], len(parts)), []).append(path)
    return [path for paths in groups.values() for path in paths[:each]]


def test_pages_of_every_layout_are_valid_html_apart_from_known_material_errors(sample_site):
    assert VNU.exists(), "the Nu Html Checker is installed by `make tools` (npm vnu-jar)"
    pages = _pages_of_each_layout(sample_site)
    assert len(pages) > 30
    # the checker's own stack advice, and the JVM's quick compiler only: a one-off run of a few seconds is
    # over before the optimising compiler pays off (same messages, half the time)
    done = subprocess.run(["java", "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--errors-only",
                           "--format", "json", *map(str, pages)], capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    messages = json.loads(done.stderr)["messages"]
    ours = [m for m in messages if not any(m["message"].startswith(text) and any(s in m.get("extract", "") for s in where)
                                           for text, where in MATERIAL_KNOWN)]
    assert not ours, "\n".join(f"{unquote(m['url'])}:{m.get('lastLine')}: {m['message']}" for m in ours[:20])
