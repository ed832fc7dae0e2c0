"""What a person sees of the public site in a real Chromium: the company page, the QR code and the printed
notice of a record, a campaign's figures, wide tables on a desktop, labels on a phone,
and axe-core at desktop width on each layout (every page type on a phone: test_requests.py)."""
from __future__ import annotations

import unicodedata
from urllib.parse import quote, unquote

import pytest
from pypdf import PdfReader

from browsing import forget, tab, visit
from test_browser import CODE, PAGES

CASE = "cases/" + quote("示例市监处罚-2025-17号") + "/"
ENTITY = f"entity/{CODE}/"
EVERY_TYPE = PAGES + [ENTITY, "news/archive/2026/09/", "news/category/" + quote("执法动态") + "/",
                      "news/2026/gas-appliance-results/", "404.html"]


# Every page type is checked on a phone (test_requests.py); on a desktop, one page of each layout: the home page,
# a list, a record, a party, the search, a campaign, a bulletin.
DESKTOP = ["", "cases/", CASE, ENTITY, "search/?q=" + quote("灭火器"), "campaigns/fire-products-315-2026/",
           "news/2026/gas-appliance-results/"]


@pytest.mark.parametrize("url", DESKTOP)
def test_axe_finds_nothing_at_desktop_width(browser, server, url):
    assert visit(browser, server + url, 1280, axe=True) == []


def test_company_page_lists_its_records_and_is_reached_from_a_record(browser, server):
    page = tab(browser, 1280, 900)
    page.goto(server + f"blacklist/{CODE}/")
    page.get_by_role("link", name="示例市安康消防科技有限公司的全部公开信息").click()
    page.wait_for_url("**/" + ENTITY)
    assert page.locator("h1").inner_text() == "示例市安康消防科技有限公司"
    assert page.get_by_role("region", name="严重违法失信名单").locator("tbody tr").count() >= 1
    forget(page)


def test_record_page_shows_a_qr_code_of_its_address(browser, server):
    page = tab(browser, 1280, 900)
    page.goto(server + CASE)
    qr = page.get_by_role("img", name="本页网址的二维码")
    box = qr.bounding_box()
    assert qr.is_visible() and box["width"] >= 100 and abs(box["width"] - box["height"]) < 2
    forget(page)


def test_printed_record_is_a_clean_notice(browser, server):
    page = tab(browser, 1280, 900)
    page.goto(server + CASE)
    page.emulate_media(media="print")
    notice = page.locator(".print-notice")
    text = notice.inner_text()
    assert notice.is_visible()
    assert "示例市市场监管执法信息公开" in text and "cases/示例市监处罚-2025-17号/" in text
    assert "信息截至 2026-11-20" in text and "本信息公示至 2028-03-27" in text
    for clutter in (".md-header", ".md-tabs", ".md-footer", ".record-related", ".md-sidebar--secondary"):
        assert all(not el.is_visible() for el in page.locator(clutter).all()), clutter
    assert page.get_by_role("img", name="本页网址的二维码").is_visible()
    assert page.locator("h1").inner_text().startswith("示例市光耀照明科技有限公司")
    page.emulate_media(media="screen")
    assert not notice.is_visible()  # on screen the page does not repeat what its header says
    forget(page)


@pytest.mark.parametrize("record", [CASE, quote("cases/示例市监处罚-2026-11号/")])  # the second: a decision document
def test_a_record_prints_its_facts_on_the_first_a4_page(browser, server, tmp_path, record):
    page = tab(browser, 1280, 900)
    page.goto(server + record)
    pdf = tmp_path / "record.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    # PDF text is read back with the Kangxi radicals of CJK fonts (⾏ for 行): NFKC folds them
    pages = [unicodedata.normalize("NFKC", p.extract_text()).replace(" ", "").replace("\n", "")
             for p in PdfReader(pdf).pages]
    first = pages[0]
    for fact in ("行政处罚决定书文号", "行政相对人名称", "统一社会信用代码", "违法行为类型", "处罚内容",
                 "罚款金额", "处罚决定日期"):
        assert fact in first, fact
    assert "本信息公示至" in pages[-1]  # the printed notice closes the sheet (with the document: its last sheet)
    if record == CASE:
        assert len(pages) == 1  # a record without a document is one sheet
    forget(page)


def test_campaign_figures_read_as_cards_on_a_phone_with_a_bar_only_for_a_part_of_a_total(browser, server):
    page = tab(browser, 375, 900)
    page.goto(server + "campaigns/gas-appliance-2026/")
    cards = page.locator("li.figure-card")
    texts = cards.all_inner_texts()
    assert any("1,385" in t and "家" in t and "检查五金建材经营户" in t for t in texts)
    part = [t for t in texts if "整改到位" in t]
    assert part and "118/154" in part[0] and "占总数的 77%" in part[0]  # 118 of 154
    assert page.locator(".figure-card__bar").count() == 1  # figures of different units are not compared
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for card in cards.all():
        box = card.bounding_box()
        assert box["width"] >= 140 and box["x"] >= 0 and box["x"] + box["width"] <= 375
    value = cards.first.locator(".figure-card__value")
    assert float(value.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 24  # the number reads large
    table = page.locator("table#campaign-figures")
    rows = table.locator("tbody tr").all_inner_texts()
    assert any("本站统计" in r for r in rows) and any("通报" in r for r in rows)  # the same figures with sources
    forget(page)


@pytest.mark.parametrize("guide", ["fire-extinguisher", "e-bike", "gas-stove"])
def test_a_buying_guide_prints_as_a_one_sheet_poster_with_its_qr_code_and_hotlines(browser, server, tmp_path, guide):
    page = tab(browser, 1280, 900)
    page.goto(server + f"guides/{guide}/")
    assert not page.locator(".guide-poster").is_visible()  # on screen the page has its own header and footer
    pdf = tmp_path / "poster.pdf"
    page.pdf(path=str(pdf), format="A4")
    sheets = [unicodedata.normalize("NFKC", p.extract_text()).replace(" ", "") for p in PdfReader(pdf).pages]
    assert len(sheets) == 1
    assert "消费投诉举报12315" in sheets[0] and "火灾隐患举报96119" in sheets[0] and "手机扫码" in sheets[0]
    assert "相关记录" not in sheets[0]  # the box of recent records stays on the screen
    page.emulate_media(media="print")
    assert page.get_by_role("img", name="本页网址的二维码").is_visible()
    forget(page)


def test_supplier_check_tells_which_pasted_suppliers_have_public_records_and_sends_nothing(browser, server):
    page = tab(browser, 375, 900)
    asked: list[str] = []
    ask = lambda request: asked.append(unquote(request.url))  # noqa: E731
    page.on("request", ask)
    page.goto(server + "check/")
    pasted = ["9144990254484672U0", "  示例市安居电动车销售有限公司 ", "92449903wmd3bfmj15", "示例市并不存在的贸易公司",
              "9144990254484672U0"]
    page.fill("#supplier-list", "\n".join(pasted))
    page.get_by_role("button", name="核查").click()
    page.wait_for_selector(".supplier-check__results tbody tr")
    rows = page.locator(".supplier-check__results tbody tr").all_inner_texts()
    assert len(rows) == 4  # a line pasted twice is checked once
    assert "严重违法失信名单 1 条" in rows[0] and "示例市安康消防科技有限公司" in rows[0]
    assert "行政处罚信息 1 条" in rows[1] and "91449902DCET8E2FYT" in rows[1]  # found by its name, spaces aside
    assert "示例市江北区快充电子商行" in rows[2]  # a code in lower case
    assert "未查到正在公示的信息" in rows[3]
    assert "4 行" in page.locator(".supplier-check__status").inner_text()
    link = page.locator(".supplier-check__results tbody tr").first.get_by_role("link")
    assert link.get_attribute("href") == "../entity/9144990254484672U0/"
    assert not [url for url in asked if any(p.strip() in url for p in pasted)]  # what is pasted stays here
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.remove_listener("request", ask)
    forget(page)


def test_wide_tables_use_the_desktop_width_and_codes_never_break(browser, server):
    page = tab(browser, 1280, 900)
    page.goto(server + "cases/")
    table = page.locator("table.record-list").first
    assert table.bounding_box()["width"] > 1000
    for cell in page.locator("table.record-list a.nowrap, table.record-list td.nowrap").all()[:30]:
        height = cell.evaluate("e => e.getClientRects().length")
        assert height == 1, cell.inner_text()  # one line box: the value did not break
    forget(page)


def test_phone_labels_are_not_squeezed(browser, server):
    page = tab(browser, 375, 900)
    page.goto(server + CASE)
    for th in page.locator("table.record-fields th").all():
        lines = th.evaluate("e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight))")
        assert lines <= 1, th.inner_text()
    page.goto(server + "data/")
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    forget(page)


def test_feeds_are_announced_and_served(browser, server):
    page = tab(browser, 1280, 900)
    page.goto(server)
    hrefs = page.locator('link[rel=alternate][type="application/rss+xml"]').evaluate_all("l => l.map(x => x.href)")
    assert len(hrefs) == 3
    for href in hrefs:
        response = page.request.get(href)
        assert response.ok and b"<rss" in response.body()
    forget(page)
