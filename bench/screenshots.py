"""Screenshots of every page type of a built site at phone and desktop width, for a person to look at.

    .venv/bin/python bench/screenshots.py [site folder] [output folder]

Defaults: site/ and screenshots/ (gitignored). For each page: <name>-<width>.png, the first screen, and
<name>-<width>-full.png, the whole page. Uses Debian's Chromium through Playwright, as the tests do."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.benchmark.server import serving  # noqa: E402

PAGES = {
    "home": "", "cases": "cases/", "case": "cases/" + quote("示例市监处罚-2026-11号") + "/",
    "case-fire": "cases/" + quote("示例消行罚决字-2026-0004号") + "/", "blacklist": "blacklist/",
    "blacklist-entry": "blacklist/9144990254484672U0/", "entity": "entity/9144990254484672U0/",
    "region": "cases/region/" + quote("示例市东城区") + "/", "year": "cases/year/2025/",
    "campaigns": "campaigns/", "campaign": "campaigns/gas-appliance-2026/", "news": "news/",
    "post": "news/2026/fire-products-315-results/", "guide": "guides/fire-extinguisher/", "data": "data/",
    "changes": "changes/", "search": "search/?q=" + quote("灭火器"), "check": "check/", "404": "404.html",
}


def main(site: Path, out: Path, only: list[str] | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with serving(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for width, height in ((375, 812), (1280, 900)):
            context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                          is_mobile=width < 500, device_scale_factor=1)
            page = context.new_page()
            for name, url in PAGES.items():
                if only and name not in only:
                    continue
                page.goto(base + url, wait_until="networkidle")
                if url.startswith("search/"):
                    page.wait_for_selector("#search-app[data-ready=true]")
                page.screenshot(path=str(out / f"{name}-{width}.png"))  # the first screen, as a visitor lands
                page.screenshot(path=str(out / f"{name}-{width}-full.png"), full_page=True)
            context.close()
        browser.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    main(Path(args[0]) if args else Path("site"), Path(args[1]) if len(args) > 1 else Path("screenshots"),
         args[2:] or None)
