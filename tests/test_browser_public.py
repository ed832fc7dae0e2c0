"""What a person sees of the public site in a real Chromium: the company page, the QR code and the printed
notice of a record, the campaign chart and its text alternative, wide tables on a desktop, labels on a phone,
and axe-core at desktop width on each layout (every page type on a phone: test_requests.py)."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from browsing import visit
from test_browser import CODE, PAGES

CASE = "cases/" + quote("示例市监处罚-2025-17号") + "/"
ENTITY = f"entity/{CODE}/"
EVERY_TYPE = PAGES + [ENTITY, "news/archive/2026/09/", "news/category/" + quote("执法动态") + "/",
                      "news/2026/gas-appliance-results/", "404.html"]


def _page(browser, width: int, **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN",
                                  is_mobile=width < 500, **options)
    return context, context.new_page()


# Every page type is checked on a phone (test_requests.py); on a desktop, one page of each layout: the home page,
# a list, a record, a party, the search, a campaign, a bulletin.
DESKTOP = ["", "cases/", CASE, ENTITY, "search/?q=" + quote("灭火器"), "campaigns/fire-products-315-2026/",
           "news/2026/gas-appliance-results/"]


@pytest.mark.parametrize("url", DESKTOP)
def test_axe_finds_nothing_at_desktop_width(browser, server, url):
    assert visit(browser, server + url, 1280, axe=True) == []


def test_company_page_lists_its_records_and_is_reached_from_a_record(browser, server):
    context, page = _page(browser, 1280)
    page.goto(server + f"blacklist/{CODE}/")
    page.get_by_role("link", name="示例市安康消防科技有限公司的全部公开信息").click()
    page.wait_for_url("**/" + ENTITY)
    assert page.locator("h1").inner_text() == "示例市安康消防科技有限公司"
    assert page.get_by_role("region", name="严重违法失信名单").locator("tbody tr").count() >= 1
    context.close()


def test_record_page_shows_a_qr_code_of_its_address(browser, server):
    context, page = _page(browser, 1280)
    page.goto(server + CASE)
    qr = page.get_by_role("img", name="本页网址的二维码")
    box = qr.bounding_box()
    assert qr.is_visible() and box["width"] >= 100 and abs(box["width"] - box["height"]) < 2
    context.close()


def test_printed_record_is_a_clean_notice(browser, server):
    context, page = _page(browser, 1280)
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
    context.close()


def test_campaign_chart_has_the_table_as_its_text_alternative(browser, server):
    context, page = _page(browser, 1280)
    page.goto(server + "campaigns/fire-products-315-2026/")
    chart = page.locator("svg.chart")
    assert chart.get_attribute("role") == "img"
    title = page.locator("#" + chart.get_attribute("aria-labelledby")).text_content()
    table = page.locator("#" + chart.get_attribute("aria-describedby"))
    assert "通报的工作数字" in title and table.evaluate("e => e.tagName") == "TABLE"
    rows = table.locator("tbody tr").all_inner_texts()
    assert any("联合检查单位" in r and "56家" in r for r in rows)
    assert any("本站统计" in r for r in rows) and any("通报" in r for r in rows)
    assert chart.locator("rect.chart-bar").count() == 6 and chart.bounding_box()["width"] > 500
    context.close()


def test_wide_tables_use_the_desktop_width_and_codes_never_break(browser, server):
    context, page = _page(browser, 1280)
    page.goto(server + "cases/")
    table = page.locator("table.record-list").first
    assert table.bounding_box()["width"] > 1000
    for cell in page.locator("table.record-list a.nowrap, table.record-list td.nowrap").all()[:30]:
        height = cell.evaluate("e => e.getClientRects().length")
        assert height == 1, cell.inner_text()  # one line box: the value did not break
    context.close()


def test_phone_labels_are_not_squeezed(browser, server):
    context, page = _page(browser, 375)
    page.goto(server + CASE)
    for th in page.locator("table.record-fields th").all():
        lines = th.evaluate("e => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight))")
        assert lines <= 1, th.inner_text()
    page.goto(server + "data/")
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    context.close()


def test_feeds_are_announced_and_served(browser, server):
    context, page = _page(browser, 1280)
    page.goto(server)
    hrefs = page.locator('link[rel=alternate][type="application/rss+xml"]').evaluate_all("l => l.map(x => x.href)")
    assert len(hrefs) == 3
    for href in hrefs:
        response = page.request.get(href)
        assert response.ok and b"<rss" in response.body()
    context.close()
