"""Lighthouse (mobile, its default) on the pages a visitor lands on, served as a real server does (gzip and
cache headers: generator/benchmark/server.py), from a built site folder:

    make lighthouse                      # installs Lighthouse from npm into .tools/lighthouse, runs on site/
    .venv/bin/python bench/lighthouse.py [site folder] [a company name to search for]

Prints one line per page (performance, accessibility, best practices, SEO, CLS, bytes) as a Markdown table
for BENCHMARKS.md. Chromium is Debian's (CHROME_PATH=/usr/bin/chromium), headless.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.benchmark.server import serving  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".tools/lighthouse/node_modules/.bin/lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def first_record(site: Path, folder: str) -> str:
    found = sorted(p.name for p in (site / folder).iterdir()
                   if (p / "index.html").is_file() and p.name not in ("region", "year", "page"))
    return f"{folder}/{quote(found[0])}/"


def audit(address: str, out: Path) -> dict:
    subprocess.run([str(LIGHTHOUSE), address, "--quiet", "--output=json", f"--output-path={out}",
                    "--only-categories=" + ",".join(CATEGORIES),
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                   check=True, env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"))
    report = json.loads(out.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {"scores": [round(report["categories"][c]["score"] * 100) for c in CATEGORIES],
            "cls": audits["cumulative-layout-shift"]["numericValue"],
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "kb": audits["total-byte-weight"]["numericValue"] / 1024,
            "unused_css": audits.get("unused-css-rules", {}).get("details", {}).get("overallSavingsBytes", 0) / 1024,
            "unused_js": audits.get("unused-javascript", {}).get("details", {}).get("overallSavingsBytes", 0) / 1024}


def main(site: Path, name: str) -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make lighthouse`", file=sys.stderr)
        return 2
    pages = {"home": "", "record": first_record(site, "cases"), "search": "search/?q=" + quote(name),
             "list": "cases/"}
    print("| page | performance | accessibility | best practices | SEO | CLS | LCP | transferred | unused CSS / JS |")
    print("|---|---|---|---|---|---|---|---|---|")
    with serving(site, compress=True) as base, tempfile.TemporaryDirectory() as tmp:
        for label, url in pages.items():
            found = audit(base + url, Path(tmp) / f"{label}.json")
            p, a, b, s = found["scores"]
            print(f"| {label} | {p} | {a} | {b} | {s} | {found['cls']:.3f} | {found['lcp']:.1f} s | "
                  f"{found['kb']:.0f} KB | {found['unused_css']:.0f} / {found['unused_js']:.0f} KB |", flush=True)
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(Path(args[0]) if args else ROOT / "site", args[1] if len(args) > 1 else "安盾"))
