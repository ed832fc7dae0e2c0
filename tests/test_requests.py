"""Every page type in Chromium, served as a real server serves a site (its 404 page for a missing address, at
the root or under a sub-path): no console error, no response of 400 or more but the 404 page itself, and no
request to any other host."""
from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import pytest

from conftest import PROJECT, SAMPLE_AS_OF, clock
from test_browser import browser  # noqa: F401  (a fixture)
from test_browser_public import EVERY_TYPE

MISSING = "cases/" + quote("示例市监处罚-1999-1号") + "/deeper/"


@contextlib.contextmanager
def serving(folder: Path, prefix: str = "/"):
    """The site at `prefix`, with its 404.html (status 404) for anything missing, as nginx's error_page does."""
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            path = urlparse(path).path
            if not path.startswith(prefix):
                return str(folder / "__outside__")
            return super().translate_path("/" + path[len(prefix):])

        def send_head(self):
            target = Path(self.translate_path(self.path))
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                body = (folder / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return None
            return super().send_head()

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    httpd.handle_error = lambda request, address: None
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"
    finally:
        httpd.shutdown()


def _visit(browser, address: str, width: int = 375) -> list[str]:  # noqa: F811
    """What went wrong loading one page: console errors, failed or refused requests, other hosts."""
    context = browser.new_context(viewport={"width": width, "height": 812}, locale="zh-CN")
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
    page.goto(address, wait_until="networkidle")
    if "search/" in address:
        page.wait_for_selector("#search-app[data-ready=true]")
    page.wait_for_timeout(200)
    context.close()
    return wrong


@pytest.fixture(scope="module")
def root_server(sample_site):
    with serving(sample_site) as address:
        yield address


@pytest.mark.parametrize("url", EVERY_TYPE + [MISSING, "no-such-page"])
def test_every_page_type_loads_without_errors_or_outside_requests(browser, root_server, url):  # noqa: F811
    assert _visit(browser, root_server + url) == []


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory):
    """The sample built for an address under a sub-path (https://host/xxgk/), as many bureaus' sites are."""
    from generator.cli import main

    root = tmp_path_factory.mktemp("subpath")
    for name in ("content", "data", "theme"):
        shutil.copytree(PROJECT / name, root / name)
    config = (PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("site_url: https://xxgk.example.gov.cn/",
                                                    "site_url: https://www.example.gov.cn/xxgk/"), encoding="utf-8")
    assert main(["-f", str(root / "mkdocs.yml"), "build", "--as-of", SAMPLE_AS_OF, "-q"], clock=clock) == 0
    with serving(root / "site", "/xxgk/") as address:
        yield address


@pytest.mark.parametrize("url", ["", "cases/", "news/", MISSING, "no-such-page"])
def test_under_a_sub_path_every_link_stays_on_the_site(browser, sub_path_site, url):  # noqa: F811
    assert _visit(browser, sub_path_site + url) == []


def test_the_404_page_links_resolve_from_any_depth(sample_site):
    html = (sample_site / "404.html").read_text(encoding="utf-8")
    assert 'href="//' not in html and "src=\"//" not in html
    assert unquote('href="/feeds/news.xml"') in html
