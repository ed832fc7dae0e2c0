"""`python -m generator bench`: a whole site built from synthetic data at a chosen scale, measured the way a
reader and an editor meet it. Every figure comes from a real run in this process's machine:

- the build, a rebuild with nothing changed and a rebuild with one fine changed run as separate
  `python -m generator build` processes; time is wall time, memory the peak PSS of the process tree;
- search bytes are counted by the site's own search script in Chromium (`window.__searchBytes`, the bodies
  of what it fetched): opening /search/ with a company name in a new browser context (nothing cached), then,
  in the same page, a second company's name, whose index shards the first did not load;
- the naive rate is 2,000 of the same records as one Markdown page each through plain `mkdocs build` with
  Material and its search plugin and a small nav.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from ..assemble import cache, generations
from ..core.settings import Settings
from ..rules.windows import code_key
from .memory import measure
from .server import served_path, serving
from .synth import write_data

NAIVE_PAGES = 2000


@dataclass
class Result:
    cases: int
    blacklist: int
    record_pages: int
    build_s: float
    record_pages_per_s: float
    peak_rss_mb: float
    site_mb: float
    search_first_load_kb: float
    search_first_index_kb: float
    search_query_kb: float
    search_first_result_ms: float
    rebuild_noop_s: float
    rebuild_one_record_s: float
    rebuild_one_record_files: int  # files of the live site whose content that rebuild changed, added or removed
    naive_mkdocs_pages_per_s: float
    speedup_vs_naive: float
    folder: str
    disk: str


def prepare(folder: Path, source: Path, cases: int, blacklist: int, until: date) -> dict:
    """A site folder: the source site's configuration, theme, hand-written pages and campaigns, plus
    synthetic case and blacklist files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("theme", "content"):
        shutil.rmtree(folder / name, ignore_errors=True)
        shutil.copytree(source / name, folder / name)
    shutil.copy2(source / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.rmtree(folder / "data", ignore_errors=True)
    (folder / "data").mkdir()
    if (source / "data" / "campaigns").is_dir():
        shutil.copytree(source / "data" / "campaigns", folder / "data" / "campaigns")
    return write_data(folder / "data", cases, blacklist, until)


def build(folder: Path, as_of: date, say) -> tuple[float, float]:
    """One `python -m generator build` in folder: (seconds, peak MB). A failed build stops the benchmark."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    run = measure([sys.executable, "-m", "generator", "build", "--as-of", as_of.isoformat()], cwd=folder, env=env)
    if run.returncode != 0:
        raise RuntimeError(f"构建失败（退出码 {run.returncode}）：\n{run.stderr[-3000:]}")
    return round(run.seconds, 2), run.peak_mb


def published(site: Path) -> dict[str, list[dict]]:
    """The public rows of each download (site/data/<type>.json)."""
    found = {}
    for path in sorted((site / "data").glob("*.json")):
        head, *lines = path.read_text(encoding="utf-8").splitlines()
        found[path.stem] = [json.loads(line.rstrip(",")) for line in lines if line.startswith("{")]
    return found


def folder_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6, 1)


def change_one_fine(data: Path, public: set[str]) -> str:
    """Change the fine of one public case in a CSV file, as a clerk correcting a typo would; returns which.
    public: the code_key of each public decision number (a withheld case's change would not reach the site)."""
    for path in sorted((data / "cases").glob("*.csv"), reverse=True):
        raw = path.read_bytes()
        encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "gb18030"
        rows = list(csv.reader(raw.decode(encoding).splitlines()))
        column = rows[0].index("罚款金额")
        for row in rows[1:]:
            if row[column].replace(".", "").isdigit() and code_key(row[0]) in public:
                row[column] = str(int(float(row[column])) + 100)
                with path.open("w", encoding=encoding, newline="") as out:
                    csv.writer(out, lineterminator="\r\n").writerows(rows)
                return f"{path.name}: {row[0]}"
    raise RuntimeError("no CSV case file to change")


def search_bytes(site: Path, name: str, other: str) -> tuple[float, float, float, float]:
    """In Chromium, with an empty cache: (KB of everything fetched opening /search/ with a company name: page,
    styles, scripts and index files; KB of index files among them, read from the search script's own count;
    KB the same page then fetches for a further query, another company's name, whose index shards the first
    query did not need; ms to the first result). Bodies as served, uncompressed (the local server does not gzip)."""
    from playwright.sync_api import sync_playwright

    with serving(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(locale="zh-CN").new_page()  # a new context: nothing cached
        fetched: set[str] = set()
        page.on("request", lambda request: fetched.add(request.url))
        started = time.perf_counter()
        page.goto(base + "search/?q=" + quote(name))
        page.wait_for_selector("#search-app[data-ready=true]", timeout=60000)
        page.wait_for_selector(".search-group", timeout=60000)
        first_ms = (time.perf_counter() - started) * 1000
        first = page.evaluate("window.__searchBytes")
        everything = sum(path.stat().st_size for path in (served_path(site, base, url) for url in fetched) if path)
        page.fill("#search-q", other)
        page.press("#search-q", "Enter")
        page.wait_for_function("q => new URLSearchParams(location.search).get('q') === q", arg=other)
        page.wait_for_selector("#search-app[data-ready=true]", timeout=60000)
        further = page.evaluate("window.__searchBytes") - first
        browser.close()
    return round(everything / 1024, 1), round(first / 1024, 1), round(further / 1024, 1), round(first_ms)


def naive_rate(rows: list[dict], work: Path) -> float:
    """Pages per second of plain MkDocs + Material (search plugin on, small nav) for NAIVE_PAGES records."""
    shutil.rmtree(work, ignore_errors=True)
    docs = work / "docs"
    (docs / "records").mkdir(parents=True)
    (docs / "index.md").write_text("# 记录\n", encoding="utf-8")
    for i, row in enumerate(rows[:NAIVE_PAGES]):
        body = "\n".join(f"| {k} | {v} |" for k, v in row.items())
        (docs / "records" / f"{i}.md").write_text(f"# {row.get('party_name') or i}\n\n| 项目 | 内容 |\n|---|---|\n{body}\n",
                                                  encoding="utf-8")
    (work / "mkdocs.yml").write_text(
        "site_name: naive\ntheme:\n  name: material\n  language: zh\n  font: false\nplugins:\n  - search\n"
        "nav:\n  - index.md\n", encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=work, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return round(min(len(rows), NAIVE_PAGES) / (time.perf_counter() - started), 1)


def live_files(folder: Path) -> dict[str, str]:
    """Path -> content digest of every file of the live site, from the manifest the build keeps."""
    return generations.live_manifest(folder / "site", folder / Settings().history_dir / cache.CACHE)


def disk_of(folder: Path) -> str:
    """The file system the site is written to (tmpfs or a disk), for reading the figures."""
    best, system = "", "unknown"
    for line in Path("/proc/mounts").read_text().splitlines():
        _, mount, fs, *_ = line.split()
        if str(folder.resolve()).startswith(mount) and len(mount) > len(best):
            best, system = mount, fs
    return system


def benchmark(folder: Path, source: Path, cases: int, blacklist: int, as_of: date, say) -> Result:
    say(f"[1/6] 生成合成数据：{cases} 条行政处罚、{blacklist} 条失信名单 → {folder}")
    made = prepare(folder, source, cases, blacklist, as_of)
    say(f"      {made['files']['cases'] + made['files']['blacklist']} 个文件")
    shutil.rmtree(folder / "site", ignore_errors=True)
    for hidden in (".disclosure", ".site.generations"):
        shutil.rmtree(folder / hidden, ignore_errors=True)
    say("[2/6] 完整构建（无缓存）")
    build_s, peak = build(folder, as_of, say)
    site = (folder / "site").resolve()
    rows = published(site)
    pages = sum(len(r) for r in rows.values())
    say(f"      {build_s} 秒，{pages} 个记录页面，内存峰值 {peak} MB")
    say("[3/6] 无改动重新构建")
    noop_s, _ = build(folder, as_of, say)
    say(f"      {noop_s} 秒")
    say("[4/6] 修改一条罚款金额后重新构建")
    changed = change_one_fine(folder / "data", {code_key(row["decision_no"]) for row in rows["cases"]})
    before = live_files(folder)
    one_s, _ = build(folder, as_of, say)
    after = live_files(folder)
    files = sum(1 for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    say(f"      {one_s} 秒，{files} 个文件有变化（{changed}）")
    say("[5/6] 在 Chromium 中测量搜索下载量")
    site = (folder / "site").resolve()
    sample, other = rows["cases"][len(rows["cases"]) // 2], rows["cases"][len(rows["cases"]) // 3]
    first_kb, index_kb, query_kb, first_ms = search_bytes(site, sample["party_name"], other["party_name"])
    say(f"      打开搜索并查询：共 {first_kb} KB（其中索引 {index_kb} KB），{first_ms} 毫秒出结果；再次查询 {query_kb} KB")
    say(f"[6/6] 对照：{NAIVE_PAGES} 个记录页面直接用 MkDocs + Material 构建")
    naive = naive_rate([row for table in rows.values() for row in table], folder / "naive-mkdocs")
    rate = round(pages / build_s, 1)
    say(f"      {naive} 页/秒；本工具 {rate} 页/秒")
    return Result(cases=made["cases"], blacklist=made["blacklist"], record_pages=pages, build_s=build_s,
                  record_pages_per_s=rate, peak_rss_mb=peak, site_mb=folder_mb(site),
                  search_first_load_kb=first_kb, search_first_index_kb=index_kb, search_query_kb=query_kb, search_first_result_ms=first_ms,
                  rebuild_noop_s=noop_s, rebuild_one_record_s=one_s, rebuild_one_record_files=files,
                  naive_mkdocs_pages_per_s=naive,
                  speedup_vs_naive=round(rate / naive, 1), folder=str(folder), disk=disk_of(folder))


def as_json(result: Result) -> str:
    return json.dumps(asdict(result), ensure_ascii=False, indent=2)
