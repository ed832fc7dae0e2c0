"""The search page as a visitor uses it, in Chromium on a phone (375 px): what people type finds the company, one
card per company with its gravest record first, the words marked, a region or product word becoming its filter,
filters with counts, a clear-all, Back returning to the previous results, page numbers, one character and one
wrong character still finding names, an empty state that says why, and a page that does not move when the
results arrive. Without JavaScript: a sentence and the lists."""
from __future__ import annotations

import csv
import re
from urllib.parse import quote, unquote, urlparse

import pytest

from browsing import forget, tab
CODE = "9144990254484672U0"  # 示例市安康消防科技有限公司, on the blacklist
ANKANG = "示例市安康消防科技有限公司"
HONGAN = "示例市宏安燃气器具制造有限公司"  # on the blacklist, and a case of its own


def search(page, server, query, **filters):
    """Opens the search page for a query (and filters, as in its address); returns the result cards."""
    params = "&".join(f"{k}={quote(v)}" for k, v in {"q": query, **filters}.items() if v)
    page.goto(server + "search/?" + params)
    page.wait_for_selector("#search-app[data-ready=true]", timeout=15000)
    return page.locator(".search-results > li")


def _names(page) -> list[str]:
    return page.locator(".search-group__name").all_inner_texts()


def _shown(page):
    page.wait_for_selector("#search-app[data-ready=true]", timeout=15000)


def _submit(page, query):
    page.locator("#search-q").fill(query)
    page.locator(".search-form__submit").click()
    _shown(page)


def _record_urls(card) -> list[str]:
    hrefs = card.locator(".search-record__link").evaluate_all("links => links.map(a => a.href)")
    return [unquote(urlparse(h).path).lstrip("/") for h in hrefs]


@pytest.fixture
def phone(browser):
    page = tab(browser, 375)
    yield page
    forget(page)


def test_what_people_type_finds_the_company(phone, server):
    for query in [ANKANG, "安康", "安康消防科技", "消防科技 安康", CODE, CODE.lower(),
                  " ".join(CODE[i:i + 4] for i in range(0, 18, 4)), "安康消防科技有限公司"]:
        search(phone, server, query)
        assert ANKANG in _names(phone)[:3], query


def test_a_decision_number_is_found_however_its_brackets_spaces_and_zeros_are_written(phone, server):
    for query, record in [("示例市监处罚〔2025〕17号", "cases/示例市监处罚-2025-17号/"),
                          ("示例市监处罚[2025]17号", "cases/示例市监处罚-2025-17号/"),
                          ("示例市监处罚（2025）17号", "cases/示例市监处罚-2025-17号/"),
                          ("示例市监处罚202517号", "cases/示例市监处罚-2025-17号/"),
                          ("示例市监处罚2025 17号", "cases/示例市监处罚-2025-17号/"),
                          ("示例南市监罚字〔2026〕29号", "cases/示例南市监罚字-2026-0029号/"),
                          ("示例南市监罚字[2026]0029号", "cases/示例南市监罚字-2026-0029号/")]:
        cards = search(phone, server, query)
        assert record in _record_urls(cards.first), query  # in the first card (its company's blacklist entry,
        # which cites the decision, comes first within it)


def test_one_card_per_company_with_its_blacklist_entry_first_and_the_words_marked(phone, server):
    cards = search(phone, server, "宏安")
    hongan = cards.filter(has=phone.locator(".search-group__name", has_text=HONGAN))
    assert hongan.count() == 1, _names(phone)
    records = hongan.locator(".search-record")
    assert records.count() == 2
    assert "失信名单（最严重）" in records.nth(0).locator(".search-record__type").inner_text()
    assert "行政处罚" in records.nth(1).locator(".search-record__type").inner_text()
    assert "罚款 260,000 元" in records.nth(1).inner_text()  # the amount and the product of each record
    assert "燃气阀门" in records.nth(1).inner_text()
    assert hongan.locator(".search-group__name mark").all_inner_texts() == ["宏安"]


def test_a_region_or_product_word_becomes_a_filter_that_can_be_removed(phone, server, sample_site):
    region, product = "示例市东城区", "灭火器"
    expected = set()  # from the downloads: each record's number (a case) or credit code (a listing)
    for stem, number in (("cases", "行政处罚决定书文号"), ("blacklist", "统一社会信用代码")):
        with (sample_site / "data" / f"{stem}.csv").open(encoding="utf-8-sig") as f:
            expected |= {r[number] for r in csv.DictReader(f) if r["地区"] == region and r["产品类别"] == product}
    search(phone, server, "灭火器 东城区")
    chips = phone.locator(".search-chip").all_inner_texts()
    assert any("地区：示例市东城区" in c for c in chips) and any("产品：灭火器" in c for c in chips), chips
    assert phone.locator("#search-q").input_value() == ""
    numbers = {t.split(" · ")[0] for t in phone.locator(".search-record__facts").all_inner_texts()}
    assert numbers == expected and expected
    phone.locator(".search-chip", has_text="地区").click()
    _shown(phone)
    assert "region=" not in phone.url
    assert not any("地区" in c for c in phone.locator(".search-chip").all_inner_texts())
    phone.locator(".search-chip--clear").click()
    _shown(phone)
    assert "product=" not in phone.url
    assert phone.locator(".search-chip").count() == 0


def test_filters_are_names_with_counts_and_years_too(phone, server):
    search(phone, server, "", type="0")
    phone.locator(".search-filter-toggle").click()
    assert phone.locator(".search-panel").is_visible()
    for name, first in (("region", "全部地区"), ("year", "全部年份"), ("campaign", "全部专项行动")):
        options = phone.locator(f"select[name={name}] option").all_inner_texts()
        assert options[0] == first and len(options) > 1, (name, options)
        if name != "campaign":
            assert all(re.search(r"（\d+）$", o) for o in options[1:]), options
    campaigns = phone.locator("select[name=campaign] option").all_inner_texts()[1:]
    assert not any(re.fullmatch(r"[a-z0-9-]+", c) for c in campaigns), campaigns  # titles, not ids
    phone.locator("select[name=year]").select_option("2025")
    _shown(phone)
    assert "year=2025" in phone.url
    assert all("2025-" in t for t in phone.locator(".search-record__facts").all_inner_texts())


def test_back_returns_to_the_previous_results_and_the_results_get_the_focus(phone, server):
    search(phone, server, "", type="0", sort="fine")
    fines = [float(m.group(1).replace(",", "")) for m in
             (re.search(r"罚款 ([\d,.]+) 元", t) for t in phone.locator(".search-group .search-record__facts").all_inner_texts()) if m]
    assert len(fines) >= 10
    firsts = [float(re.search(r"罚款 ([\d,.]+) 元", t).group(1).replace(",", "")) for t in
              phone.locator(".search-group").evaluate_all("cards => cards.map(c => c.querySelector('.search-record__facts').textContent)")]
    assert firsts == sorted(firsts, reverse=True)  # companies in the order of their largest fine
    pager = phone.locator(".search-pages")
    assert "第 1 /" in pager.inner_text()
    assert pager.locator("a", has_text=re.compile(r"^2$")).count() == 1  # page numbers, not only next
    first_page = _names(phone)
    pager.locator("a", has_text=re.compile(r"^2$")).click()
    _shown(phone)
    assert "page=2" in phone.url and _names(phone) != first_page
    assert phone.evaluate("document.activeElement.className") == "search-status"
    phone.go_back()
    _shown(phone)
    assert "page=2" not in phone.url and _names(phone) == first_page
    _submit(phone, "宏安")
    phone.go_back()
    _shown(phone)
    assert "sort=fine" in phone.url and _names(phone) == first_page


def test_one_character_and_one_wrong_character_still_find_names(phone, server):
    search(phone, server, "灯")
    texts = phone.locator(".search-group").all_inner_texts()
    assert texts and all("灯" in t for t in texts)
    search(phone, server, "安康消访科技")  # 防 typed as 访
    assert "名称相近" in phone.locator(".search-status").inner_text()
    assert _names(phone)[:1] == [ANKANG]


def test_the_empty_state_says_what_was_searched_and_that_expired_records_leave(phone, server):
    search(phone, server, "不存在的某某企业")
    empty = phone.locator(".search-empty")
    assert empty.is_visible()
    text = empty.inner_text()
    assert "不存在的某某企业" in text and "公示期满" in text and "20 个工作日" in text
    assert empty.locator("button").count() == 0  # no "remove filters" when none is set
    search(phone, server, "不存在的某某企业", year="2025")
    assert phone.locator(".search-empty button", has_text="清除筛选").count() == 1


def test_the_first_result_is_on_the_first_screen_and_nothing_moves_when_results_arrive(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, locale="zh-CN")
    phone = context.new_page()  # a first visit: nothing cached, and the script below added to this page only
    phone.add_init_script("""
        window.__shift = 0;
        new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shift += e.value; }))
          .observe({type: "layout-shift", buffered: true});
    """)
    search(phone, server, "宏安")
    phone.wait_for_timeout(300)
    assert phone.locator(".search-results > li").first.bounding_box()["y"] < 812
    assert phone.evaluate("window.__shift") <= 0.1
    assert phone.evaluate("window.__searchBytes") < 100_000  # a few small index files, not the whole index
    context.close()


def test_without_javascript_a_sentence_and_the_lists_not_empty_menus(browser, server):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN", viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(server + "search/?q=" + quote("灭火器"))
    assert page.locator("select:visible").count() == 0 and page.locator("#search-q:visible").count() == 0
    assert "没有启用" in page.locator("article").inner_text()
    assert page.locator(".md-header").bounding_box()["height"] <= 60
    page.locator("article a", has_text="行政处罚信息").click()
    page.wait_for_url("**/cases/")
    page.wait_for_load_state()
    assert page.locator("table.record-list tbody tr").count() >= 40
    context.close()
