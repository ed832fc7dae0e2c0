"""The sample site in a real Chromium: accessibility (axe-core), no outside requests, search, phones, large text."""
from __future__ import annotations

from urllib.parse import quote, unquote, urlparse

import pytest

from browsing import go, tab
from generator.benchmark.server import serving  # the local server that answers as a real one
from test_search_page import search



CODE = "9144990254484672U0"  # a blacklisted party of the sample data
PAGES = ["", "blacklist/", "cases/", f"blacklist/{CODE}/", "cases/" + quote("示例市监处罚-2025-17号") + "/",
         "campaigns/", "campaigns/fire-products-315-2026/", "guides/fire-extinguisher/", "news/", "data/",
         "changes/", "report/", "about/", "search/?q=" + quote("灭火器"), "cases/year/2025/",
         "cases/region/" + quote("示例市东城区") + "/", "check/"]


@pytest.fixture
def page(browser):
    """The desktop tab (1280 x 720); what a test listens to on it is let go after the test."""
    page = tab(browser, 1280, 720)
    listening: list = []
    page.listen = lambda event, handler: (listening.append((event, handler)), page.on(event, handler))
    yield page
    for event, handler in listening:
        page.remove_listener(event, handler)


def test_sample_pages_exist(sample_site):
    for url in PAGES:
        assert (sample_site / unquote(url.split("?")[0]) / "index.html").exists(), url


# (every page type is also checked for requests to other hosts and sideways scrolling: test_requests.py)
@pytest.mark.parametrize("url", ["", f"blacklist/{CODE}/"])
def test_no_request_leaves_the_site(page, server, url):
    hosts = set()
    page.listen("request", lambda request: hosts.add(urlparse(request.url).hostname))
    go(page, server + url)
    page.locator("#site-search-q").fill("灭火器")  # the header's search form, as a reader uses it
    page.locator("#site-search-q").press("Enter")
    page.wait_for_selector("#search-app[data-ready=true]", timeout=15000)
    assert hosts <= {"127.0.0.1", None}, hosts


def test_large_text_mode_enlarges_text_and_is_remembered(page, server):
    go(page, server + "cases/")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    before = size()
    button = page.get_by_role("button", name="大字版")
    button.click()
    assert size() >= before * 1.4
    assert page.get_by_role("button", name="标准字号").get_attribute("aria-pressed") == "true"
    go(page, server + "blacklist/")
    assert page.evaluate("document.documentElement.classList.contains('large-text')")


# --- data that carries markup: shown as text, never run ---------------------------------------------------
# Each payload would set window.__xss and open an alert() if the browser ran it.
IMG = '<img src=x onerror="window.__xss=1;alert(1)">示例公司'
SCRIPT = "<script>window.__xss=2;alert(2)</script>违规销售"
SVG = '<svg onload="window.__xss=3;alert(3)">'


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """A small site whose records and campaign carry script markup in names and texts; returns its site/ folder."""
    from conftest import FixtureSite, case_row

    fixture_site = FixtureSite(tmp_path_factory.mktemp("hostile") / "site-src")
    fixture_site.cases_csv([case_row(1, 当事人名称=IMG, 违法行为类型=SCRIPT, 处罚机关="测试市市场监督管理局" + SVG,
                                     专项行动="c1"),
                            case_row(2, 当事人名称="示例商行" + SCRIPT)])
    fixture_site.campaign({"id": "c1", "title": "专项行动</title>" + SCRIPT + " [点我](javascript:alert(4)) {: onmouseover=alert(5) }",
                           "authority": "测试局" + SVG, "start": "2026-01-01", "end": "2026-02-01", "summary": IMG})
    assert fixture_site.run("build", "--as-of", "2026-06-01") == 0
    return fixture_site.site


def _watch_for_script(page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.listen("dialog", on_dialog)
    return dialogs


def test_markup_in_a_party_name_shows_as_text_in_search_results_and_runs_nothing(page, hostile_site):
    dialogs = _watch_for_script(page)
    with serving(hostile_site) as address:
        search(page, address, "示例公司")
        record = page.locator(".search-group").filter(has=page.locator("a[href*='2026-1']"))
        assert record.count() == 1, "the record page was not found by its party's name"
        # the name, and the texts under it, exactly as written: characters a reader sees
        assert record.locator(".search-group__name").inner_text() == IMG
        assert SCRIPT in record.inner_text()
        assert page.locator(".search-results").locator("img, script, svg").count() == 0
        page.wait_for_timeout(500)  # a broken image's onerror fires as soon as it is inserted
        assert page.evaluate("window.__xss") is None
    assert dialogs == []


@pytest.mark.parametrize("url", ["", "cases/", "cases/测试市监罚-2026-1号/", "campaigns/", "campaigns/c1/",
                                 "changes/", "data/"])
def test_pages_showing_the_hostile_data_run_no_script(page, hostile_site, url):
    dialogs = _watch_for_script(page)
    with serving(hostile_site) as address:
        go(page, address + quote(url))
        page.mouse.move(200, 150)
        page.locator("h1").first.hover()  # an onmouseover smuggled in through a heading's attribute list
        assert page.evaluate("window.__xss") is None
        assert page.locator("article a[href^='javascript:']").count() == 0
        assert page.locator("article img[src=x], article svg[onload]").count() == 0
    assert dialogs == []
    if url == "campaigns/c1/":
        assert page.title().startswith("专项行动</title><script>")  # the title, shown as written
