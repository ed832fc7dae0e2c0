"""Every page type in Chromium on a phone, served as a real server serves a site (its 404 page for a missing
address, at the root or under a sub-path): no console error, no response of 400 or more but the 404 page itself,
no request to any other host, no page wider than the screen, and nothing axe-core finds."""
from __future__ import annotations

import shutil
from urllib.parse import quote, unquote

import pytest

from browsing import visit
from conftest import PROJECT, SAMPLE_AS_OF, clock
from generator.benchmark.server import serving
from test_browser_public import EVERY_TYPE

MISSING = "cases/" + quote("示例市监处罚-1999-1号") + "/deeper/"


@pytest.mark.parametrize("url", EVERY_TYPE + [MISSING, "no-such-page"])
def test_every_page_type_on_a_phone_loads_cleanly_and_axe_finds_nothing(browser, server, url):
    assert visit(browser, server + url, 375, axe=True) == []


@pytest.fixture(scope="session")
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
def test_under_a_sub_path_every_link_stays_on_the_site(browser, sub_path_site, url):
    assert visit(browser, sub_path_site + url) == []


def test_the_404_page_links_resolve_from_any_depth(sample_site):
    html = (sample_site / "404.html").read_text(encoding="utf-8")
    assert 'href="//' not in html and "src=\"//" not in html
    assert unquote('href="/feeds/news.xml"') in html
