"""One visit of a page in Chromium, as a reader's browser makes it, and what went wrong on it."""
from __future__ import annotations

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
    # with axe, its run (1–2 s) is the time late requests get; the network must still be idle at the end
    page.goto(address, wait_until="load" if axe else "networkidle")
    if "search/" in address:
        page.wait_for_selector("#search-app[data-ready=true]")
    if axe:
        for v in AXE.run(page).response["violations"]:
            wrong.append(f"axe {v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}")
        page.wait_for_load_state("networkidle")
    else:
        page.wait_for_timeout(200)
    context.close()
    return wrong
