"""The sample site in a real Chromium: accessibility (axe-core), no outside requests, search, phones, large text."""
from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def serving(folder: Path):
    """A local web server for a built site folder; yields its base address."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *a: None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def server(sample_site):
    with serving(sample_site) as address:
        yield address


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


# --- data that carries markup: shown as text, never run ---------------------------------------------------
# Each payload would set window.__xss and open an alert() if the browser ran it.
IMG = '<img src=x onerror="window.__xss=1;alert(1)">示例公司'
SCRIPT = "<script>window.__xss=2;alert(2)</script>违规销售"
SVG = '<svg onload="window.__xss=3;alert(3)">'


@pytest.fixture
def hostile_site(fixture_site):
    """A small site whose records and campaign carry script markup in names and texts; returns its site/ folder."""
    from conftest import case_row

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

    page.on("dialog", on_dialog)
    return dialogs


def test_markup_in_a_party_name_shows_as_text_in_search_results_and_runs_nothing(page, hostile_site):
    dialogs = _watch_for_script(page)
    with serving(hostile_site) as address:
        _search(page, address, "示例公司")
        record = page.locator(".md-search-result__item").filter(
            has=page.locator(f"a[href*='{quote('测试市监罚-2026-1号')}']"))
        assert record.count() == 1, "the record page was not found by its party's name"
        # the name, and the texts under it, exactly as written: characters a reader sees
        assert record.locator("h1").inner_text().replace("\u200b", "").startswith(IMG)
        assert SCRIPT in record.inner_text().replace("\u200b", "")
        assert page.locator(".md-search-result__list").locator("img, script, svg").count() == 0
        page.wait_for_timeout(500)  # a broken image's onerror fires as soon as it is inserted
        assert page.evaluate("window.__xss") is None
    assert dialogs == []


@pytest.mark.parametrize("url", ["", "cases/", "cases/测试市监罚-2026-1号/", "campaigns/", "campaigns/c1/",
                                 "changes/", "data/"])
def test_pages_showing_the_hostile_data_run_no_script(page, hostile_site, url):
    dialogs = _watch_for_script(page)
    with serving(hostile_site) as address:
        page.goto(address + quote(url), wait_until="networkidle")
        page.mouse.move(200, 150)
        page.locator("h1").first.hover()  # an onmouseover smuggled in through a heading's attribute list
        assert page.evaluate("window.__xss") is None
        assert page.locator("article a[href^='javascript:']").count() == 0
        assert page.locator("article img[src=x], article svg[onload]").count() == 0
    assert dialogs == []
    if url == "campaigns/c1/":
        assert page.title().startswith("专项行动</title><script>")  # the title, shown as written
