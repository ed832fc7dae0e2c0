"""One visit of a page in Chromium, as a reader's browser makes it, and what went wrong on it."""
from __future__ import annotations

import time
from urllib.parse import urlparse

from axe_playwright_python.sync_playwright import Axe

AXE = Axe()


def visit(browser, address: str, width: int = 375, axe: bool = False) -> list[str]:
    """What went wrong loading one page at this width: console errors, failed or refused requests (the 404
    page's own status aside), other hosts, and, with axe, what axe-core finds."""
    context = browser.new_context(viewport={"width": width, "height": 812}, locale="zh-CN", is_mobile=width < 500)
    page = context.new_page()
    wrong: list[str] = []
    # the 404 page's own status is what it is for; Chromium logs it as an error for the page's own address
    page.on("console", lambda m: wrong.append(f"console {m.type}: {m.text} ({m.location.get('url')})")
            if m.type == "error" and m.location.get("url") != address else None)
    page.on("pageerror", lambda e: wrong.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: wrong.append(f"failed: {r.url}"))
    page.on("request", lambda r: wrong.append(f"other host: {r.url}")
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:") else None)
    page.on("response", lambda r: wrong.append(f"{r.status}: {r.url}")
            if r.status >= 400 and not (r.request.is_navigation_request() and r.status == 404) else None)
    # with axe, its run (1–2 s) is more time for late requests; the network must be quiet at the end either way
    network = _watch_network(page)
    page.goto(address, wait_until="load")
    if "search/" in address:
        page.wait_for_selector("#search-app[data-ready=true]")
    if axe:
        for v in AXE.run(page).response["violations"]:
            wrong.append(f"axe {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}")
    network.wait_quiet()
    context.close()
    return wrong


def go(page, address: str) -> None:
    """Open an address and return when the page has loaded and its network has been quiet (see Network)."""
    network = _watch_network(page)
    page.goto(address, wait_until="load")
    network.wait_quiet()


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


def _watch_network(page) -> Network:
    if not hasattr(page, "_network"):
        page._network = Network(page)
    return page._network
