"""What a visitor on a phone meets, checked in Chromium at 375×812 on every page type of a built site (the
sample, or a benchmark site kept with `bench --keep`):

    .venv/bin/python bench/phone_checks.py [site folder] [a company name to search for]

For each page, in normal and in large text: sideways scrolling, text set one character to a line, values
(dates, amounts, codes: .nowrap and <time>) broken across lines, the number of H1s, the site's name in the
header, console errors and failed requests; on list pages the pager's targets; on the search page where the
first result starts, whether results are grouped by company, and whether Back returns to the previous page
of results. Prints one line per finding and a summary; exit status 1 if anything was found.
"""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote, unquote

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.benchmark.server import serving  # noqa: E402

WIDTH, HEIGHT = 375, 812

LAYOUT = """() => {
  const out = {};
  const root = document.scrollingElement;
  out.overflow = root.scrollWidth - window.innerWidth;
  out.h1 = document.querySelectorAll("h1").length;
  const title = document.querySelector(".site-title");
  const shown = title && [...title.querySelectorAll("span")].find(s => s.offsetWidth > 0);
  out.title = shown ? {width: shown.offsetWidth, size: parseFloat(getComputedStyle(shown).fontSize), text: shown.textContent} : null;
  out.broken = [];
  document.querySelectorAll(".md-content .nowrap, .md-content time").forEach(el => {
    const lines = new Set([...el.getClientRects()].map(r => Math.round(r.top)));
    if (el.offsetWidth && lines.size > 1) out.broken.push(el.textContent.trim());
  });
  out.narrow = [];
  document.querySelectorAll(".md-content *").forEach(el => {
    if (el.children.length || !el.textContent.trim() || el.textContent.trim().length < 3) return;
    const style = getComputedStyle(el), size = parseFloat(style.fontSize);
    const rect = el.getBoundingClientRect();
    if (rect.width && rect.width < 2.2 * size && rect.height > 2.5 * size * 1.2) out.narrow.push(el.textContent.trim().slice(0, 20));
  });
  out.pager = [];
  document.querySelectorAll(".list-pager a, .search-pages a").forEach(a => {
    const r = a.getBoundingClientRect();
    out.pager.push([Math.round(r.width), Math.round(r.height), Math.round(r.top)]);
  });
  return out;
}"""


def pages_of(site: Path) -> dict[str, str]:
    def first(folder: str) -> str:
        found = sorted(p for p in (site / folder).iterdir() if (p / "index.html").is_file()
                       and p.name not in ("region", "year", "page"))
        return f"{folder}/{quote(found[0].name)}/" if found else ""

    region = sorted((site / "cases" / "region").iterdir())[0].name
    year = sorted((site / "cases" / "year").iterdir())[0].name
    found = {"home": "", "cases": "cases/", "cases-2": "cases/page/2/", "region": f"cases/region/{quote(region)}/",
             "year": f"cases/year/{year}/", "case": first("cases"), "blacklist": "blacklist/",
             "listed": first("blacklist"), "entity": first("entity"), "campaigns": "campaigns/",
             "campaign": first("campaigns"), "news": "news/", "guide": first("guides"), "data": "data/",
             "changes": "changes/", "check": "check/", "404": "404.html"}
    return {k: v for k, v in found.items() if k == "home" or (v and (site / unquote(v)).exists())}


def main(site: Path, name: str) -> int:
    findings: list[str] = []
    with serving(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for large in (False, True):
            context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, is_mobile=True,
                                          locale="zh-CN", device_scale_factor=1)
            if large:
                context.add_init_script("localStorage.setItem('large-text', '1')")
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("requestfailed", lambda r: errors.append("failed " + r.url))
            page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and not r.url.endswith("404.html") else None)
            mode = "large text" if large else "normal"
            for label, url in list(pages_of(site).items()) + [("search", "search/?q=" + quote(name))]:
                page.goto(base + url, wait_until="networkidle")
                if label == "search":
                    page.wait_for_selector("#search-app[data-ready=true]")
                found = page.evaluate(LAYOUT)
                where = f"{label} ({mode})"
                if found["overflow"] > 1:
                    findings.append(f"{where}: scrolls sideways by {found['overflow']} px")
                if found["h1"] != 1:
                    findings.append(f"{where}: {found['h1']} H1")
                title = found["title"]
                if not title or title["width"] < 100 or title["size"] < 14:
                    findings.append(f"{where}: site name in the header {title}")
                for text in found["broken"][:3]:
                    findings.append(f"{where}: value broken across lines: {text}")
                for text in found["narrow"][:3]:
                    findings.append(f"{where}: one character to a line: {text}")
                if found["pager"]:
                    if min(min(w, h) for w, h, _ in found["pager"]) < 24:
                        findings.append(f"{where}: pager target under 24 px: {found['pager'][:4]}")
                    if len({top for _, _, top in found["pager"]}) == len(found["pager"]) > 2:
                        findings.append(f"{where}: pager is not horizontal")
                if label == "search":
                    top = page.evaluate("(document.querySelector('.search-results > li') || {getBoundingClientRect: () => ({top: 1e9})}).getBoundingClientRect().top")
                    if top > HEIGHT:
                        findings.append(f"{where}: first result at {top:.0f} px")
                    print(f"{where}: first result at {top:.0f} px; {page.locator('.search-status').inner_text()}")
            for e in errors:
                findings.append(f"({mode}) console or request: {e}")
            if not large:
                # Back from page 2 of results returns to page 1
                page.goto(base + "search/?q=" + quote(name), wait_until="networkidle")
                page.wait_for_selector("#search-app[data-ready=true]")
                first = page.locator(".search-results > li h2").first.inner_text() \
                    if page.locator(".search-results > li h2").count() else ""
                if page.locator(".search-pages a", has_text="2").count():
                    page.locator(".search-pages a", has_text="2").first.click()
                    page.wait_for_function("location.search.includes('page=2')")
                    page.go_back()
                    page.wait_for_function("!location.search.includes('page=2')")
                    page.wait_for_timeout(500)
                    if page.locator(".search-results > li h2").first.inner_text() != first:
                        findings.append("search: Back did not return to the first page of results")
                else:
                    print("search: one page of results only; Back not tried")
            context.close()
        browser.close()
    for f in findings:
        print(f)
    print(f"{len(findings)} findings")
    return 1 if findings else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(Path(args[0]) if args else Path("site"), args[1] if len(args) > 1 else "灭火器"))
