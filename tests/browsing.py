"""One visit of a page in Chromium, as a reader's browser makes it, and what went wrong on it."""
from __future__ import annotations

import time
from urllib.parse import urlparse

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()


def visit(browser, address: str, width: int = 375, axe: bool = False) -> list[str]:
    """What went wrong loading one page at this width: console errors, failed or refused requests (the 404
    page's own status aside), other hosts, a page wider than the screen, and, with axe, what axe-core finds.

    Visits at one width go through one tab, as a reader's clicks do: a new tab's first page starts a renderer
    process, which costs Chromium about 1.5 CPU seconds here, where the next page of a tab costs a fifth of
    that. What a page stores (cookies, the large-text choice) is cleared after each visit; the HTTP cache
    stays, as a returning reader's does (a failing request fails on every visit, cached or not)."""
    page = tab(browser, width)
    wrong: list[str] = []
    # the 404 page's own status is what it is for; Chromium logs it as an error for the page's own address
    watchers = {
        "console": lambda m: wrong.append(f"console {m.type}: {m.text} ({m.location.get('url')})")
        if m.type == "error" and m.location.get("url") != address else None,
        "pageerror": lambda e: wrong.append(f"script error: {e}"),
        "requestfailed": lambda r: wrong.append(f"failed: {r.url}"),
        "request": lambda r: wrong.append(f"other host: {r.url}")
        if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None,
        "response": lambda r: wrong.append(f"{r.status}: {r.url}")
        if r.status >= 400 and not (r.request.is_navigation_request() and r.status == 404) else None,
    }
    for event, watcher in watchers.items():
        page.on(event, watcher)
    network = Network(page)
    try:
        # with axe, its run (1–2 s) is more time for late requests; the network must be quiet at the end either way
        page.goto(address, wait_until="load")
        if "search/" in address:
            page.wait_for_selector("#search-app[data-ready=true]")
        if axe:
            for v in AXE.run(page).response["violations"]:
                wrong.append(f"axe {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}")
        sideways = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        if sideways > 1:  # a reader would have to scroll the whole page sideways (wide tables scroll inside)
            wrong.append(f"the page scrolls sideways by {sideways} px at {width} px")
        network.wait_quiet()
    finally:
        network.stop()
        for event, watcher in watchers.items():
            page.remove_listener(event, watcher)
        forget(page)
    return wrong


_TABS: dict = {}


def tab(browser, width: int = 375, height: int = 812):
    """This test process's one tab of this size (a phone below 500 px wide). A test that leaves listeners or
    scripts on its page, or needs an empty cache, makes its own context. What the last test left in the tab
    (storage, print media) is forgotten first, even when that test failed half-way."""
    key = (id(browser), width, height)
    if key not in _TABS or _TABS[key].is_closed():
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                      is_mobile=width < 500)
        _TABS[key] = context.new_page()
    forget(_TABS[key])
    return _TABS[key]


def forget(page) -> None:
    """Clear what the tab's page stored (cookies, the large-text choice) and the media it was shown as (print),
    so that the next test starts without them."""
    if page.url.startswith("http"):
        page.evaluate("localStorage.clear(); sessionStorage.clear()")
    page.context.clear_cookies()
    page.emulate_media(media="null")


def go(page, address: str) -> None:
    """Open an address and return when the page has loaded and its network has been quiet (see Network)."""
    network = Network(page)
    try:
        page.goto(address, wait_until="load")
        network.wait_quiet()
    finally:
        network.stop()


class Network:
    """The requests a page has in flight. Quiet is none in flight for QUIET seconds after the page loaded: the
    site's scripts make their requests at load or on a reader's action, never on a timer. (Playwright's
    "networkidle" waits a fixed 500 ms of quiet; this waits for what is actually in flight.)"""

    QUIET = 0.25
    LIMIT = 15.0

    def __init__(self, page):
        self.page = page
        self.in_flight = 0
        self.last = time.monotonic()
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    def _started(self, _request) -> None:
        self.in_flight += 1
        self.last = time.monotonic()

    def _ended(self, _request) -> None:
        self.in_flight -= 1
        self.last = time.monotonic()

    def wait_quiet(self) -> None:
        start = time.monotonic()
        while self.in_flight > 0 or time.monotonic() - self.last < self.QUIET:
            assert time.monotonic() - start < self.LIMIT, f"requests still in flight after {self.LIMIT} s"
            self.page.wait_for_timeout(50)

    def stop(self) -> None:
        self.page.remove_listener("request", self._started)
        self.page.remove_listener("requestfinished", self._ended)
        self.page.remove_listener("requestfailed", self._ended)
