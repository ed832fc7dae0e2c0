"""The sample site in a real Chromium: accessibility (axe-core), no outside requests, search, phones, large text."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CODE = "9144990254484672U0"  # a blacklisted party of the sample data
PAGES = ["", "blacklist/", "cases/", f"blacklist/{CODE}/", "cases/" + quote("示例市监处罚-2025-17号") + "/",
         "campaigns/", "campaigns/fire-products-315-2026/", "guides/fire-extinguisher/", "news/", "data/",
         "changes/", "report/", "about/"]


@pytest.fixture(scope="module")
def server(sample_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(sample_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *a: None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "Debian's chromium is needed: apt-get install chromium (.ci/run does this)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def test_sample_pages_exist(sample_site):
    for url in PAGES:
        from urllib.parse import unquote

        assert (sample_site / unquote(url) / "index.html").exists(), url


@pytest.mark.parametrize("url", PAGES)
def test_no_serious_accessibility_violations(page, server, url):
    page.goto(server + url, wait_until="networkidle")
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(f"{rule} ({impact}): {targets}" for rule, impact, targets in serious)


@pytest.mark.parametrize("url", ["", "blacklist/", f"blacklist/{CODE}/", "campaigns/fire-products-315-2026/"])
def test_no_request_leaves_the_site(page, server, url):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
    page.goto(server + url, wait_until="networkidle")
    page.locator("input.md-search__input").fill("灭火器")
    page.locator("input.md-search__input").press("End")
    page.wait_for_timeout(1500)
    assert hosts <= {"127.0.0.1", None}, hosts


def _search(page, server, query):
    page.goto(server, wait_until="networkidle")
    box = page.locator("input.md-search__input")
    box.fill(query)  # fill, not type: typing Chinese key by key is not how an IME delivers it
    box.press("End")  # Material reads the query on keyup
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    # Material shows the jieba-segmented text: words are joined by zero-width spaces
    return page.locator(".md-search-result__list").inner_text().replace("\u200b", "")


def test_search_finds_a_party_by_credit_code(page, server):
    text = _search(page, server, CODE)
    assert "示例市安康消防科技有限公司" in text


def test_search_finds_records_by_a_chinese_word(page, server):
    assert "灭火器" in _search(page, server, "灭火器")


def test_phone_layout_has_no_sideways_scrolling(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    for url in ("cases/", "blacklist/", f"blacklist/{CODE}/", "data/"):
        page.goto(server + url, wait_until="networkidle")
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, url
    context.close()


def test_large_text_mode_enlarges_text_and_is_remembered(page, server):
    page.goto(server + "cases/", wait_until="networkidle")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    before = size()
    button = page.get_by_role("button", name="大字版")
    button.click()
    assert size() >= before * 1.4
    assert page.get_by_role("button", name="标准字号").get_attribute("aria-pressed") == "true"
    page.goto(server + "blacklist/", wait_until="networkidle")
    assert page.evaluate("document.documentElement.classList.contains('large-text')")
