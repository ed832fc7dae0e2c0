"""Our static search next to Pagefind, on the same public records: build time, peak memory, index size,
bytes fetched per query (first load, each further query), time to first result, and found-in-top-3 per
query class, measured in Debian's Chromium through Playwright.

Usage (run with the project's interpreter; Pagefind lives in a virtualenv of its own, made on first use):

    .venv/bin/python bench/search_compare.py --site-root DIR --out results.json [--per-class 20]

DIR holds mkdocs.yml, data/ and an already built site/ (`python -m generator build` run in DIR). To make
such a folder from synthetic data first, add `--prepare CASES BLACKLIST` (copies mkdocs.yml, theme/,
content/ and data/campaigns/ of this project, writes generator.benchmark.synth data and builds, timed).

What is compared (bench/README-search-compare.md has the details):
- ours: the built site's own index (search/, theme/assets/javascripts/search.js) on its /search/ page; its
  build is measured as the index alone, made by output/search_index.IndexBuilder from the same records;
- pagefind-en-bigrams: Pagefind custom records whose content is space-separated character bigrams
  (plus the credit code as one word), indexed as "en"; the test page turns the query into bigrams;
- pagefind-zh: Pagefind custom records with the fields as written, indexed as "zh" (jieba at index time,
  Intl.Segmenter in the browser), the query passed as typed.

Nothing is installed into the project's environment, and nothing under site/ is written: Pagefind's
bundles and the test pages live in --work and are served beside the site by the same local server.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import gzip
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlparse

HERE = Path(__file__).resolve()
PROJECT = HERE.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PF_PREFIX = "/_bench_pagefind/"  # where the server maps --work/pagefind/
VARIANTS = ("pagefind-en-bigrams", "pagefind-zh")
ENGINES = ("ours",) + VARIANTS

CLASSES = (  # (id, label in the table)
    ("full_name", "全称"),
    ("trade", "字号"),
    ("name_no_region", "无地区前缀"),
    ("name_parts", "名称片段乱序"),
    ("uscc", "信用代码"),
    ("uscc_lower", "信用代码小写"),
    ("uscc_spaced", "信用代码带空格"),
    ("decno", "文号〔〕"),
    ("decno_square", "文号[]"),
    ("decno_paren", "文号（）"),
    ("decno_plain", "文号无括号"),
    ("product_region", "产品+地区"),
)

# --- text, as our index makes it (generator/output/search_index.py), without importing the project ----------
NOT_INDEXED = re.compile(r"[^0-9A-Z\u3400-\u9fff\uf900-\ufaff]")


def normalise(text: str) -> str:
    return NOT_INDEXED.sub("", unicodedata.normalize("NFKC", text).upper())


def bigram_list(text: str) -> list[str]:
    """Character bigrams of the normalised text in order, each once (a single character stays itself)."""
    t = normalise(text)
    if len(t) < 2:
        return [t] if t else []
    seen, out = set(), []
    for i in range(len(t) - 1):
        b = t[i:i + 2]
        if b not in seen:
            seen.add(b)
            out.append(b)
    return out


# --- measuring a process tree ------------------------------------------------------------------------------
PAGE = os.sysconf("SC_PAGE_SIZE")


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            found += [int(p) for p in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
    except OSError:
        pass
    return found


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += _children(current)
    return pids


def _rss_kb(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE // 1024
    except (OSError, ValueError, IndexError):
        return 0


def _pss_kb(pid: int) -> int:
    """Proportional set size: reading smaps_rollup walks the process's memory map, which costs CPU on a
    large process, so it is read less often than RSS."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def measured(command: list[str], cwd: Path | None = None, env: dict | None = None, echo: bool = False) -> dict:
    """Run a command; wall time, peak of the summed RSS of it and every process it starts (sampled every
    0.1 s; PSS every 0.5 s), and its standard output. Standard error is passed through when echo."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                            stderr=None if echo else subprocess.PIPE, text=True, encoding="utf-8",
                            errors="replace")
    peak = {"rss": 0, "pss": 0, "procs": 0}
    each: dict[str, int] = {}  # peak RSS of each process, by its command name
    done = threading.Event()

    def sample():
        tick = 0
        while not done.is_set():
            pids = _tree(proc.pid)
            sizes = [_rss_kb(p) for p in pids]
            peak["rss"] = max(peak["rss"], sum(sizes))
            if tick % 5 == 0:
                peak["pss"] = max(peak["pss"], sum(_pss_kb(p) for p in pids))
            peak["procs"] = max(peak["procs"], len(pids))
            for pid, size in zip(pids, sizes):
                try:
                    name = f"{Path(f'/proc/{pid}/comm').read_text().strip()}[{pid}]"
                except OSError:
                    continue
                each[name] = max(each.get(name, 0), size)
            tick += 1
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return {"returncode": proc.returncode, "wall_seconds": round(seconds, 2),
            "peak_rss_mb": round(peak["rss"] / 1024, 1), "peak_pss_mb": round(peak["pss"] / 1024, 1),
            "max_processes": peak["procs"], "peak_rss_mb_each": {k: round(v / 1024, 1) for k, v in each.items()},
            "stdout": out, "stderr": err or ""}


def folder_size(folder: Path, skip=lambda p: False) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file() and not skip(p)]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


# === the records ===========================================================================================
def load_documents(site: Path) -> list[dict]:
    """One document per record page, from the site's downloads (public views), as output/search.py makes
    them: title, codes, other short fields, what a result shows. Newest first within each type; a grouped
    type's page (a blacklisted party) is its newest entry."""
    sys.path.insert(0, str(PROJECT))
    from generator.core.schema import ValueType
    from generator.recordtypes import REGISTRY

    docs = []
    for kind, rtype in enumerate(REGISTRY):
        path = site / "data" / f"{rtype.name}.json"
        records = json.loads(path.read_text(encoding="utf-8"))["records"]
        spec = rtype.search
        pages: dict[str, dict] = {}
        for v in records:
            url = unquote(urlparse(v["url"]).path).lstrip("/")
            if url not in pages or (v.get(rtype.date_field) or "") > (pages[url].get(rtype.date_field) or ""):
                pages[url] = v
        for url, v in pages.items():
            def text(f):
                value = v.get(f)
                if value is None or value == "":
                    return ""
                return "、".join(value) if isinstance(value, list) else str(value)
            dated = v.get(rtype.date_field) or ""
            docs.append({
                "kind": kind, "type": rtype.name, "label": rtype.short_label, "url": url,
                "title": " ".join(text(f) for f in spec.title if text(f)),
                "codes": [text(f) for f in spec.codes if text(f)],
                "exact": [text(f) for f in spec.codes
                          if text(f) and rtype.field(f).value_type is ValueType.USCC],
                "other": [text(f) for f in spec.text if text(f)],
                "subtitle": text(spec.subtitle), "date": dated, "summary": text(spec.summary),
                "fine": float(v["fine"]) if v.get("fine") else 0, "region": text("region"),
                "product": text("product"), "class": text(spec.summary), "campaign": text("campaign"),
                "year": int(dated[:4]) if dated[:4].isdigit() else 0,
                # for judging answers
                "uscc": text("uscc"), "decision_no": text("decision_no") if rtype.name == "cases" else "",
                "authority": text("authority"),
            })
    docs.sort(key=lambda d: (d["kind"], _neg(d["date"])))
    return docs


def _neg(day: str) -> tuple:
    return tuple(-ord(c) for c in day)


# === query samples =========================================================================================
def name_parser():
    sys.path.insert(0, str(PROJECT))
    from generator.benchmark import synth

    districts = sorted(synth.DISTRICTS, key=len, reverse=True)
    forms = sorted(set(synth.FORMS), key=len, reverse=True)
    industries = sorted({i for i, _ in synth.INDUSTRIES}, key=len, reverse=True)

    def parse(name: str):
        """(district, trade, industry, form) of a synthetic company name, or None."""
        if not name.startswith(synth.CITY) or "*" in name:
            return None
        rest = name[len(synth.CITY):]
        district = next((d for d in districts if rest.startswith(d)), "")
        rest = rest[len(district):]
        form = next((f for f in forms if rest.endswith(f)), None)
        if not form:
            return None
        rest = rest[:-len(form)]
        industry = next((i for i in industries if rest.endswith(i)), None)
        if not industry:
            return None
        trade = rest[:-len(industry)]
        if not 2 <= len(trade) <= 3 or any(c not in synth.TRADE_CHARS for c in trade):
            return None
        return district, trade, industry, form

    return parse


def make_queries(docs: list[dict], per_class: int, seed: int) -> list[dict]:
    """per_class queries of every class, each with the sampled record (expected) and every record that
    answers it correctly (accept): for a name, any record of a company the query names; for a code, the
    records carrying it; for a product and a district, any record about that product there."""
    rng = random.Random(seed)
    parse = name_parser()
    for d in docs:
        d["parsed"] = parse(d["title"]) if d["title"] else None
    by_name, by_uscc, by_trade = {}, {}, {}
    for d in docs:
        by_name.setdefault(d["title"], set()).add(d["url"])
        if d["uscc"]:
            by_uscc.setdefault(d["uscc"], set()).add(d["url"])
        if d["parsed"]:
            by_trade.setdefault(d["parsed"][1], []).append(d)

    def accept_parsed(trade, test=lambda district, industry, form: True):
        """Records of companies with this 字号 whose other parts pass test."""
        return {d["url"] for d in by_trade.get(trade, []) if test(d["parsed"][0], *d["parsed"][2:])}

    queries = []

    def add(klass, q, doc, accept):
        queries.append({"class": klass, "q": q, "expected": doc["url"], "accept": sorted(accept)})

    named = {}
    for d in docs:
        if d["parsed"] and d["title"] not in named:
            named[d["title"]] = d
    companies = rng.sample(sorted(named), min(per_class, len(named)))
    for i, name in enumerate(companies):
        d = named[name]
        district, trade, industry, form = d["parsed"]
        add("full_name", name, d, by_name[name])
        add("trade", trade, d, accept_parsed(trade))
        # without the region: the name from its 字号 on (a company whose industry or form goes on is right too)
        bare = trade + industry + (form if i % 2 else "")
        add("name_no_region", bare, d, accept_parsed(trade, lambda di, ind, fo: (trade + ind + fo).startswith(bare)))
        if i % 3 == 2 and district:
            add("name_parts", f"{trade} {district}", d, accept_parsed(trade, lambda di, ind, fo: di == district))
        else:
            add("name_parts", f"{industry} {trade}", d, accept_parsed(trade, lambda di, ind, fo: industry in ind))

    coded = {}
    for d in docs:
        if d["uscc"] and d["uscc"] not in coded:
            coded[d["uscc"]] = d
    for code in rng.sample(sorted(coded), min(per_class, len(coded))):
        d = coded[code]
        add("uscc", code, d, by_uscc[code])
        add("uscc_lower", code.lower(), d, by_uscc[code])
        add("uscc_spaced", " ".join(code[i:i + 4] for i in range(0, len(code), 4)), d, by_uscc[code])

    cases = [d for d in docs if d["decision_no"]]
    for d in rng.sample(cases, min(per_class, len(cases))):
        no = d["decision_no"]
        add("decno", no, d, {d["url"]})
        add("decno_square", no.replace("〔", "[").replace("〕", "]"), d, {d["url"]})
        add("decno_paren", no.replace("〔", "（").replace("〕", "）"), d, {d["url"]})
        add("decno_plain", no.replace("〔", "").replace("〕", ""), d, {d["url"]})

    placed = [d for d in docs if d["product"] and d["region"].startswith("示例市") and len(d["region"]) > 3]
    for i, d in enumerate(rng.sample(placed, min(per_class, len(placed)))):
        product, district = d["product"], d["region"][3:]
        q = f"{product} {district}" if i % 2 == 0 else f"{district} {product}"
        accept = {x["url"] for x in docs
                  if (product in x["product"] or any(product in o for o in x["other"]))
                  and (district in x["region"] or district in x["authority"])}
        add("product_region", q, d, accept)
    for d in docs:
        d.pop("parsed", None)
    return queries


# === our search's ranking, replicated in Python on the built index ========================================
class OurIndex:
    """Reads the site's search/ files and ranks a query as theme/assets/javascripts/search.js does (no
    filters, default order): for many more queries than the browser can run, and checked against the
    browser's own top 3 on the sampled queries."""

    NUMBER = re.compile(r"[0-9]\s*号|[〔［\[（(【]\s*[0-9]{4}")

    def __init__(self, folder: Path):
        self.folder = folder
        self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.stop = set(self.meta["stop"])
        self.pages = next(r for r, t in zip(self.meta["ranges"], self.meta["types"]) if t["name"] == "pages")
        self._shards: dict[int, tuple[dict, bytes]] = {}
        self._postings: dict[str, tuple[list[int], list[int]]] = {}
        self._chunks: dict[int, list] = {}

    @staticmethod
    def fnv1a(term: str) -> int:
        h = 0x811C9DC5
        for byte in term.encode("utf-8"):
            h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
        return h

    def entry(self, term: str):
        shard = self.fnv1a(term) % self.meta["shards"]
        if shard not in self._shards:
            data = gzip.decompress((self.folder / "t" / f"{shard:03d}.bin").read_bytes())
            cut = data.index(b"\n")
            self._shards[shard] = (json.loads(data[:cut]), data[cut + 1:])
        return self._shards[shard][0].get(term)

    def postings(self, term: str, entry: list) -> tuple[list[int], list[int]]:
        if term not in self._postings:
            if len(entry) == 2:
                body, offset = self._shards[self.fnv1a(term) % self.meta["shards"]][1], entry[1]
            else:
                body, offset = gzip.decompress((self.folder / "b" / f"{self.fnv1a(term):08x}.bin").read_bytes()), 0
            values = memoryview(body)[offset:offset + 4 * entry[0]].cast("I")
            numbers, flags, n = [], [], -1
            for v in values:
                n += 1 + (v >> 8)
                numbers.append(n)
                flags.append(v & 0xFF)
            self._postings[term] = (numbers, flags)
        return self._postings[term]

    def url(self, number: int) -> str:
        chunk = number // self.meta["chunk"]
        if chunk not in self._chunks:
            self._chunks[chunk] = json.loads(gzip.decompress(
                (self.folder / "d" / f"{chunk:04d}.bin").read_bytes()))
        return self._chunks[chunk][number % self.meta["chunk"]][0]

    def search(self, query: str) -> list[str]:
        """The addresses the page shows, in its order: up to 5 hand-written pages, then 20 records."""
        q = query.strip()
        compact = normalise(q)
        rank: dict[int, tuple[int, int]] = {}
        if re.fullmatch(r"[0-9A-Z]{18}", compact) and re.search(r"[0-9]", compact):
            e = self.entry("#" + compact)
            numbers = list(self.postings("#" + compact, e)[0]) if e else []
            rank = {n: (0, 0) for n in numbers}
        else:
            terms = []
            for word in ([q] if self.NUMBER.search(q) else q.split()):
                t = normalise(word)
                for b in ([t] if len(t) == 1 else [t[i:i + 2] for i in range(len(t) - 1)]):
                    if b not in self.stop and b not in terms:
                        terms.append(b)
            if not terms:
                return []
            infos = [(t, self.entry(t)) for t in terms]
            if any(e is None for _, e in infos):
                return []
            infos.sort(key=lambda te: te[1][0])
            current: dict[int, int] | None = None
            bits: dict[int, int] = {}
            for term, e in infos:
                if current is not None and len(current) <= 300 and len(e) == 1:
                    break  # as the page: a few hundred candidates need no further large list
                numbers, flags = self.postings(term, e)
                nxt, nbits = {}, {}
                for n, f in zip(numbers, flags):
                    if current is not None and n not in current:
                        continue
                    nxt[n] = f
                    nbits[n] = (bits[n] if current is not None else 0xFF) & f & 7
                current, bits = nxt, nbits
            length = min(len(compact), 31)
            for n, f in current.items():
                tier = 0 if bits[n] & 1 else 1 if bits[n] & 2 else 2
                rank[n] = (tier, abs(((f >> 3) & 31) - length) if tier == 0 else 0)
            numbers = sorted(current)
        low, high = self.pages
        pages = [n for n in numbers if low <= n < high][:5]
        records = sorted((n for n in numbers if not low <= n < high), key=lambda n: (*rank[n], n))[:20]
        return [self.url(n) for n in pages + records]


def python_check(site: Path, docs: list[dict], browser_queries: list[dict], browser_runs: list[dict] | None,
                 per_class: int, seed: int) -> dict:
    """Our ranking replicated in Python: its agreement with the browser's top 3 on the sampled queries, and
    found-in-top-3 per class on per_class more queries."""
    index = OurIndex(site / "search")
    out: dict = {}
    if browser_runs:
        agree, differ = 0, []
        for run in browser_runs:
            mine = index.search(run["q"])[:3]
            if mine == run["shown"][:3]:
                agree += 1
            elif len(differ) < 5:
                differ.append({"q": run["q"], "browser": run["shown"][:3], "python": mine})
        out["agrees_with_browser"] = [agree, len(browser_runs)]
        out["differences"] = differ
    started = time.perf_counter()
    classes: dict = {}
    for q in make_queries(docs, per_class, seed + 1):
        shown = index.search(q["q"])[:3]
        c = classes.setdefault(q["class"], {"queries": 0, "found_top3": 0, "pages_in_top3": 0, "misses": []})
        c["queries"] += 1
        found = any(u in set(q["accept"]) for u in shown)
        c["found_top3"] += found
        c["pages_in_top3"] += any(not u.startswith(("cases/", "blacklist/")) for u in shown)
        if not found and len(c["misses"]) < 5:
            c["misses"].append({"q": q["q"], "expected": q["expected"], "accept_count": len(q["accept"]),
                                "top3": shown})
    out["per_class"] = per_class
    out["classes"] = classes
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


# === our index alone, from the same documents (subprocess, project interpreter) ===========================
def ours_build_worker(records: Path, out: Path) -> None:
    sys.path.insert(0, str(PROJECT))
    from generator.output.search_index import CODE, OTHER, TITLE, Document, IndexBuilder
    from generator.recordtypes import REGISTRY

    started = time.perf_counter()
    types = [{"name": t.name, "label": t.label, "short": t.short_label,
              "class": t.field(t.search.summary).label} for t in REGISTRY] + [
        {"name": "pages", "label": "网站页面", "short": "页面"}]
    builder = IndexBuilder(types)
    count = 0
    with records.open(encoding="utf-8") as lines:
        for line in lines:
            r = json.loads(line)
            builder.add(Document(
                url=r["url"], title=r["title"], subtitle=r["subtitle"], date=r["date"], kind=r["kind"],
                summary=r["summary"], fine=r["fine"], region=r["region"], product=r["product"],
                klass=r["class"], campaign=r["campaign"], year=r["year"],
                fields=[(TITLE, r["title"])] * bool(r["title"]) + [(CODE, c) for c in r["codes"]]
                + [(OTHER, o) for o in r["other"]], codes=list(r["exact"])))
            count += 1
    added = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    written = 0
    for path, data in builder.files():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written += 1
    done = time.perf_counter()
    print(json.dumps({"records": count, "add_seconds": round(added - started, 2),
                      "write_seconds": round(done - added, 2), "build_seconds": round(done - started, 2),
                      "files": written}))


# === Pagefind (subprocess, Pagefind's own virtualenv) =====================================================
def pagefind_record(r: dict, variant: str) -> dict:
    """One custom record for Pagefind from one of our documents."""
    meta = {"name": r["title"], "subtitle": r["subtitle"], "date": r["date"], "summary": r["summary"],
            "region": r["region"], "type": r["label"]}
    if r["fine"]:
        meta["fine"] = f"{r['fine']:.0f}"
    filters = {k: [v] for k, v in (("type", r["label"]), ("region", r["region"]), ("product", r["product"]),
                                   ("year", str(r["year"]) if r["year"] else ""), ("class", r["class"]),
                                   ("campaign", r["campaign"])) if v}
    sort = {"date": r["date"] or "0000-00-00", "fine": f"{r['fine']:015.2f}"}
    if variant == "pagefind-en-bigrams":
        fields = [r["title"]] + r["codes"] + r["other"]
        words = [" ".join(bigram_list(f)) for f in fields if f] + [normalise(c) for c in r["exact"]]
        # the title meta carries the name's bigrams, so Pagefind's title boost (metaWeights.title = 5)
        # applies to name matches as our TITLE tier does; "name" is what a result shows
        meta["title"] = " ".join(bigram_list(r["title"])) or r["subtitle"]
        return {"url": "/" + r["url"], "content": " ".join(words), "language": "en", "meta": meta,
                "filters": filters, "sort": sort}
    meta["title"] = r["title"] or r["subtitle"]
    content = " ".join(f for f in [r["title"]] + r["codes"] + r["other"] if f)
    return {"url": "/" + r["url"], "content": content, "language": "zh", "meta": meta, "filters": filters,
            "sort": sort}


def pagefind_build_worker(records: Path, variant: str, out: Path, concurrency: int, limit: int,
                          stock: bool) -> None:
    """Runs inside Pagefind's virtualenv. Stock: the Python API exactly as shipped (PagefindIndex as a
    context manager, every record awaited together). Otherwise the same API with the service's response
    reader replaced by one without the wrapper's fixed 0.1 s sleep per response (which caps the stock
    wrapper at about ten records a second), and at most `concurrency` records in flight."""
    from pagefind.index import IndexConfig, PagefindIndex
    from pagefind.service import PagefindService

    class Service(PagefindService):
        async def _wait_for_responses(self) -> None:
            # The protocol of the stock reader (base64 JSON messages ended by a comma), minus its
            # `await asyncio.sleep(0.1)` before each message: readuntil already waits for data.
            while True:
                output = await self._backend.stdout.readuntil(b",")
                resp = json.loads(base64.b64decode(output[:-1]))
                if resp is None:
                    continue
                message_id = resp.get("message_id")
                if message_id is None and (original := resp["payload"].get("original_message")):
                    message_id = json.loads(original).get("message_id")
                future = self._responses.get(message_id) if message_id is not None else None
                if future is None or future.done():
                    continue
                payload = resp["payload"]
                if payload["type"] == "Error":
                    future.set_exception(Exception(payload["message"], payload.get("original_message")))
                else:
                    future.set_result(payload)

    def items():
        with records.open(encoding="utf-8") as lines:
            for n, line in enumerate(lines):
                if limit and n >= limit:
                    return
                yield pagefind_record(json.loads(line), variant)

    config = IndexConfig(output_path=str(out), write_playground=False)

    async def fast():
        started = time.perf_counter()
        service = await Service().launch()
        index = await service.create_index(config)
        gate = asyncio.Semaphore(concurrency)
        count = 0

        async def one(rec):
            try:
                await index.add_custom_record(**rec)
            finally:
                gate.release()

        tasks = set()
        for rec in items():
            await gate.acquire()
            task = asyncio.ensure_future(one(rec))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
            count += 1
        await asyncio.gather(*list(tasks))
        added = time.perf_counter()
        await index.write_files(str(out))
        written = time.perf_counter()
        await service.close()
        return {"records": count, "add_seconds": round(added - started, 2),
                "write_seconds": round(written - added, 2), "build_seconds": round(written - started, 2)}

    async def shipped():
        started = time.perf_counter()
        recs = list(items())
        async with PagefindIndex(config=config) as index:
            await asyncio.gather(*(index.add_custom_record(**rec) for rec in recs))
            added = time.perf_counter()
        done = time.perf_counter()
        return {"records": len(recs), "add_seconds": round(added - started, 2),
                "build_seconds": round(done - started, 2),
                "records_per_second": round(len(recs) / max(added - started, 1e-9), 1)}

    if out.exists():
        shutil.rmtree(out)
    print(json.dumps(asyncio.run(shipped() if stock else fast())))


def ensure_pagefind_venv(venv: Path, spec: str) -> dict:
    python = venv / "bin" / "python"
    if not python.exists():
        log(f"making Pagefind's virtualenv {venv} ({spec})")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", spec], check=True)
    versions = {}
    for package in ("pagefind", "pagefind_bin_extended"):
        shown = subprocess.run([str(python), "-m", "pip", "show", package], capture_output=True, text=True)
        versions[package] = next((line.split(":", 1)[1].strip() for line in shown.stdout.splitlines()
                                  if line.startswith("Version:")), None)
    if not versions["pagefind_bin_extended"]:
        raise SystemExit(f"{venv} has no pagefind_bin_extended: install '{spec}' there (or remove the folder)")
    return versions


# === the browser ===========================================================================================
class Server:
    """A local web server: the built site at /, --work/pagefind at PF_PREFIX. It counts the bytes of every
    response body it sends: the figures reported, since Playwright's context events (kept as a check) do
    not see the script of Pagefind's dedicated worker."""

    def __init__(self, site: Path, pagefind_root: Path):
        import http.server

        self.sent: list[tuple[str, int]] = []
        lock = threading.Lock()
        outer = self
        site_dir, pf_dir = str(site.resolve()), str(pagefind_root.resolve())

        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(self, path):
                if path.startswith(PF_PREFIX):
                    rest = path[len(PF_PREFIX) - 1:]
                    self.directory = pf_dir
                    return super().translate_path(rest)
                self.directory = site_dir
                return super().translate_path(path)

            def copyfile(self, source, outputfile):
                count = 0
                while chunk := source.read(65536):
                    outputfile.write(chunk)
                    count += len(chunk)
                with lock:
                    outer.sent.append((unquote(self.path), count))

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class Traffic:
    """Bytes of response bodies per request from Playwright's context events (requestfinished): a check on
    the server's count."""

    def __init__(self, context):
        self.entries: list[tuple[str, int]] = []
        context.on("requestfinished", self._finished)

    def _finished(self, request):
        try:
            size = request.sizes()["responseBodySize"]
        except Exception:  # a request that failed or went away
            size = 0
        self.entries.append((unquote(urlparse(request.url).path), max(size, 0)))

    def mark(self) -> int:
        return len(self.entries)

    def since(self, mark: int, counted) -> tuple[int, list[str]]:
        chosen = [(p, s) for p, s in self.entries[mark:] if counted(p)]
        return sum(s for _, s in chosen), [p for p, _ in chosen]


def is_ours(path: str) -> bool:
    """What our search costs: its script and its index files (not the page, its theme or fonts)."""
    return path.endswith("/assets/javascripts/search.js") or (
        path.startswith("/search/") and not path.endswith("/") and not path.endswith(".html"))


def is_pagefind(path: str) -> bool:
    return path.startswith(PF_PREFIX) and "/pagefind/" in path


OURS_RUN = """async ([timeout]) => {
  const app = document.getElementById('search-app');
  app.removeAttribute('data-ready');
  const t0 = performance.now();
  const done = new Promise((resolve, reject) => {
    const mo = new MutationObserver(() => {
      if (app.getAttribute('data-ready') === 'true') { mo.disconnect(); resolve(); }
    });
    mo.observe(app, {attributes: true});
    setTimeout(() => { mo.disconnect(); reject(new Error('timeout')); }, timeout);
  });
  app.querySelector('.search-form').requestSubmit();
  await done;
  const ms = performance.now() - t0;
  const links = Array.from(app.querySelectorAll('.search-result__title a')).map(a => a.getAttribute('href'));
  return {ms, links, status: app.querySelector('.search-status').textContent};
}"""

PAGEFIND_PAGE = """<!doctype html>
<html lang="%(lang)s"><head><meta charset="utf-8"><title>Pagefind (%(variant)s)</title></head>
<body>
<form id="f"><input id="q" type="search" autocomplete="off"><button>搜索</button></form>
<p id="status"></p><ol id="results"></ol>
<script type="module">
const pagefind = await import("%(bundle)spagefind.js");
await pagefind.options({bundlePath: "%(bundle)s", baseUrl: "/"});
await pagefind.init();  // as our page reads its meta.json on opening: the first query starts with both ready
const BIGRAMS = %(bigrams)s;
// the query as the index was made (bigram variant): the same normalisation and bigrams as our search.js
function normalise(t) {
  return t.normalize("NFKC").toUpperCase().replace(/[^0-9A-Z\\u3400-\\u9FFF\\uF900-\\uFAFF]/g, "");
}
function bigrams(t) {
  t = normalise(t);
  if (t.length < 2) return t ? [t] : [];
  const out = [];
  for (let i = 0; i + 1 < t.length; i++) if (!out.includes(t.slice(i, i + 2))) out.push(t.slice(i, i + 2));
  return out;
}
function toQuery(q) {
  if (!BIGRAMS) return q;
  const compact = normalise(q);
  if (/^[0-9A-Z]{18}$/.test(compact) && /[0-9]/.test(compact)) return compact;  // a credit code: one word
  const number = /[0-9]\\s*号|[〔［\\[（(【]\\s*[0-9]{4}/.test(q);  // a document number is one string
  const words = number ? [q] : q.split(/\\s+/);
  const terms = [];
  words.forEach(w => bigrams(w).forEach(b => { if (!terms.includes(b)) terms.push(b); }));
  return terms.join(" ");
}
window.__benchSearch = async (pageSize, timeout) => {
  const typed = document.getElementById("q").value;
  const t0 = performance.now();
  const late = new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeout));
  const search = await Promise.race([pagefind.search(toQuery(typed)), late]);
  const shown = await Promise.race([Promise.all(search.results.slice(0, pageSize).map(r => r.data())), late]);
  const ms = performance.now() - t0;
  const list = document.getElementById("results");
  list.textContent = "";
  shown.forEach(d => { const li = document.createElement("li"); const a = document.createElement("a");
    a.href = d.url; a.textContent = d.meta.name || d.meta.title; li.appendChild(a); list.appendChild(li); });
  document.getElementById("status").textContent = "找到 " + search.results.length + " 条";
  return {ms, links: shown.map(d => d.url), count: search.results.length, query: toQuery(typed)};
};
window.__benchReady = true;
</script>
</body></html>
"""


def write_test_pages(pf_root: Path) -> None:
    for variant in VARIANTS:
        folder = pf_root / variant
        if not (folder / "pagefind" / "pagefind.js").exists():
            continue
        bundle = f"{PF_PREFIX}{variant}/pagefind/"
        (folder / "test.html").write_text(PAGEFIND_PAGE % {
            "lang": "en" if variant.endswith("bigrams") else "zh", "variant": variant, "bundle": bundle,
            "bigrams": "true" if variant.endswith("bigrams") else "false"}, encoding="utf-8")


def site_path(link: str) -> str:
    """A result's address as a path under the site root, without the leading slash."""
    path = unquote(urlparse(link).path) if link.startswith("http") else unquote(link)
    while path.startswith("../"):
        path = path[3:]
    return path.lstrip("/")


class Engine:
    def __init__(self, name: str, server: Server, page_size: int, timeout_ms: int):
        self.name, self.server, self.page_size, self.timeout = name, server, page_size, timeout_ms
        self.ours = name == "ours"
        self.counted = is_ours if self.ours else is_pagefind
        self.url = server.base + ("search/" if self.ours else f"{PF_PREFIX.lstrip('/')}{name}/test.html")

    def open(self, browser):
        context = browser.new_context(locale="zh-CN")
        traffic = Traffic(context)
        page = context.new_page()
        mark, smark = traffic.mark(), len(self.server.sent)
        t0 = time.perf_counter()
        page.goto(self.url)
        if self.ours:
            page.wait_for_selector("#search-app[data-ready=true]", timeout=self.timeout)
        else:
            page.wait_for_function("window.__benchReady === true", timeout=self.timeout)
        opened_ms = (time.perf_counter() - t0) * 1000
        return context, page, traffic, {"open_ms": opened_ms, "mark": mark, "server_mark": smark}

    def query(self, page, traffic, q: str) -> dict:
        mark, smark = traffic.mark(), len(self.server.sent)
        if self.ours:
            page.fill("#search-q", q)
            result = page.evaluate(OURS_RUN, [self.timeout])
        else:
            page.fill("#q", q)
            result = page.evaluate(f"window.__benchSearch({self.page_size}, {self.timeout})")
        page.wait_for_timeout(30)  # let the last requestfinished events arrive
        result["playwright_bytes"], result["requests"] = traffic.since(mark, self.counted)
        result["bytes"] = sum(s for p, s in self.server.sent[smark:] if self.counted(p))
        result["links"] = [site_path(link) for link in result["links"]]
        return result


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered) + 0.5)) - 1))]


def run_browser(site: Path, pf_root: Path, engines: list[str], queries: list[dict], page_size: int,
                timeout_ms: int) -> dict:
    """Every query twice, each time in a fresh browser context (empty caches): once as the first query
    after opening the page (first load), once as the second query after another class's query (a further
    query: what the page already holds from one unrelated query is not fetched again)."""
    from playwright.sync_api import sync_playwright

    by_class: dict[str, list[dict]] = {}
    for q in queries:
        by_class.setdefault(q["class"], []).append(q)
    order = [q for group in zip(*by_class.values()) for q in group]  # the classes in turn
    order += [q for q in queries if q not in order]
    n = len(order)
    pairs = []
    for i, first in enumerate(order):
        j = (i + n // 2 + 1) % n
        for _ in range(n):
            if order[j]["class"] != first["class"] and order[j]["expected"] != first["expected"]:
                break
            j = (j + 1) % n
        pairs.append((first, order[j]))
    results = {}
    with Server(site, pf_root) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name in engines:
            engine = Engine(name, server, page_size, timeout_ms)
            log(f"[{name}] {n} queries, each first and second in a fresh page")
            runs = []
            for k, (first, second) in enumerate(pairs):
                failed = {"ms": None, "links": [], "bytes": 0, "playwright_bytes": 0}
                context, page, traffic, opened = engine.open(browser)
                row = {"open_ms": round(opened["open_ms"], 1), "open_bytes": 0, "open_playwright_bytes": 0}
                try:
                    a = engine.query(page, traffic, first["q"])
                    row["open_bytes"] = sum(s for pth, s in server.sent[opened["server_mark"]:]
                                            if engine.counted(pth)) - a["bytes"]
                    row["open_playwright_bytes"] = (traffic.since(opened["mark"], engine.counted)[0]
                                                    - a["playwright_bytes"])
                except Exception as error:  # a query that broke the page: recorded as a miss
                    log(f"[{name}] {first['q']!r}: {error}")
                    a = {**failed, "error": str(error)[:300]}
                try:
                    b = engine.query(page, traffic, second["q"])
                except Exception as error:
                    log(f"[{name}] {second['q']!r} (second): {error}")
                    b = {**failed, "error": str(error)[:300]}
                context.close()
                top = a["links"][:3]
                accept = set(first["accept"])
                runs.append({**{key: first[key] for key in ("class", "q", "expected")}, "accept_count": len(accept),
                             **row, "first_ms": _round(a["ms"]), "first_bytes": a["bytes"],
                             "first_playwright_bytes": a["playwright_bytes"],
                             "found_top3": any(u in accept for u in top), "expected_top3": first["expected"] in top,
                             "relevant_top3": sum(u in accept for u in top), "shown": a["links"][:10],
                             "count": a.get("count"), "status": a.get("status"), "sent_query": a.get("query"),
                             "error": a.get("error"),
                             "then_q": second["q"], "then_class": second["class"], "then_ms": _round(b["ms"]),
                             "then_bytes": b["bytes"], "then_playwright_bytes": b["playwright_bytes"],
                             "then_found_top3": any(u in set(second["accept"]) for u in b["links"][:3])})
                if (k + 1) % 24 == 0:
                    log(f"[{name}] {k + 1}/{n}")
            results[name] = {"queries": runs}
        browser.close()
    return results


def _round(ms):
    return round(ms, 1) if ms is not None else None


# === summary ===============================================================================================
def _stats(values: list[float]) -> dict:
    values = [v for v in values if v is not None]
    if not values:
        return {"median": 0, "p90": 0, "max": 0, "mean": 0}
    return {"median": round(statistics.median(values), 1), "p90": round(percentile(values, 0.9), 1),
            "max": round(max(values), 1), "mean": round(statistics.mean(values), 1)}


def summarise(results: dict) -> dict:
    out = {}
    for name, r in results["browser"].items():
        runs = r["queries"]
        classes = {}
        for klass, _ in CLASSES:
            mine = [x for x in runs if x["class"] == klass]
            then = [x for x in runs if x["then_class"] == klass]
            if not mine:
                continue
            classes[klass] = {"queries": len(mine), "found_top3": sum(x["found_top3"] for x in mine),
                              "expected_top3": sum(x["expected_top3"] for x in mine),
                              "no_result": sum(not x["shown"] for x in mine),
                              "first_ms": _stats([x["first_ms"] for x in mine]),
                              "first_load_bytes": _stats([x["open_bytes"] + x["first_bytes"] for x in mine]),
                              "further_bytes": _stats([x["then_bytes"] for x in then]),
                              "further_ms": _stats([x["then_ms"] for x in then])}
        out[name] = {
            "queries": len(runs), "found_top3": sum(x["found_top3"] for x in runs),
            "open_bytes": _stats([x["open_bytes"] for x in runs]),
            "open_ms": _stats([x["open_ms"] for x in runs]),
            "first_load_bytes": _stats([x["open_bytes"] + x["first_bytes"] for x in runs]),
            "first_ms": _stats([x["first_ms"] for x in runs]),
            "further_bytes": _stats([x["then_bytes"] for x in runs]),
            "further_ms": _stats([x["then_ms"] for x in runs]),
            "second_run_agrees": sum(x["then_found_top3"] for x in runs),
            "pages_in_top3": sum(any(not u.startswith(("cases/", "blacklist/")) for u in x["shown"][:3])
                                 for x in runs),
            "server_vs_playwright_bytes": [
                sum(x["open_bytes"] + x["first_bytes"] + x["then_bytes"] for x in runs),
                sum(x["open_playwright_bytes"] + x["first_playwright_bytes"] + x["then_playwright_bytes"]
                    for x in runs)],
            "classes": classes,
        }
    return out


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.2f} MB"


def markdown(results: dict) -> str:
    s, b = results["summary"], results["builds"]
    engines = [e for e in ENGINES if e in s or e in b]
    versions = results.get("pagefind_versions", {})
    lines = [f"Records: {results['records']['cases']:,} case pages + {results['records']['blacklist']:,} blacklist "
             f"pages ({results['records']['documents']:,} documents); {results['per_class']} queries per class; "
             f"Pagefind {versions.get('pagefind', '–')} "
             f"(extended binary {versions.get('pagefind_bin_extended', '–')}); "
             f"Chromium {results.get('chromium', '?')}.", "",
             "| | build time (index alone) | peak memory (RSS, process tree) | index on disk |", "|---|---|---|---|"]
    for e in engines:
        if e not in b:
            continue
        x = b[e]
        lines.append(f"| {e} | {x['build_seconds']:.1f} s (process {x['wall_seconds']:.1f} s) | "
                     f"{x['peak_rss_mb']:,.0f} MB | {kb(x['index']['bytes'])} in {x['index']['files']:,} files |")
    if "stock" in b:
        x = b["stock"]
        lines += ["", f"Pagefind's stock Python wrapper: {x['records_per_second']} records/s "
                      f"({x['records']} records in {x['add_seconds']} s); the builds above read its responses "
                      f"without its 0.1 s sleep per response ({results.get('concurrency')} records in flight)."]
    lines += ["", "| | first load: page open + 1st query, median (p90) | a further query: median (p90) | "
                  "time to results, 1st query / further: median (p90) |", "|---|---|---|---|"]
    for e in engines:
        if e not in s:
            continue
        x = s[e]
        lines.append(f"| {e} | {kb(x['first_load_bytes']['median'])} ({kb(x['first_load_bytes']['p90'])}) | "
                     f"{kb(x['further_bytes']['median'])} ({kb(x['further_bytes']['p90'])}) | "
                     f"{x['first_ms']['median']:.0f} ms ({x['first_ms']['p90']:.0f}) / "
                     f"{x['further_ms']['median']:.0f} ms ({x['further_ms']['p90']:.0f}) |")
    shown = [e for e in engines if e in s]
    lines += ["", "Found in the top 3 (a record the query names; in brackets: the sampled record itself):", "",
              "| query class | example | " + " | ".join(shown) + " |", "|---|---|" + "---|" * len(shown)]
    examples = {}
    for x in results["queries"]:
        examples.setdefault(x["class"], x["q"])
    for klass, label in CLASSES:
        cells = []
        for e in shown:
            c = s[e]["classes"].get(klass)
            cells.append(f"{c['found_top3']}/{c['queries']} ({c['expected_top3']})" if c else "–")
        if any(c != "–" for c in cells):
            lines.append(f"| {label} | {examples.get(klass, '')} | " + " | ".join(cells) + " |")
    lines.append("| **all** | | " + " | ".join(f"**{s[e]['found_top3']}/{s[e]['queries']}**" for e in shown) + " |")
    lines.append("| hand-written pages in the top 3 | | "
                 + " | ".join(str(s[e]["pages_in_top3"]) for e in shown) + " |")
    check = results.get("ours_python")
    if check:
        agree = check.get("agrees_with_browser", ["–", "–"])
        lines += ["", f"Ours on more queries: its ranking replicated in Python on the built index (same top 3 as "
                      f"the browser on {agree[0]}/{agree[1]} sampled queries), {check['per_class']} other queries "
                      f"per class:", "", "| query class | found in top 3 | hand-written pages in top 3 | "
                      "a miss |", "|---|---|---|---|"]
        for klass, label in CLASSES:
            c = check["classes"].get(klass)
            if not c:
                continue
            miss = c["misses"][0] if c["misses"] else None
            example = (f"`{miss['q']}` → {', '.join(miss['top3']) or 'no result'} (expected {miss['expected']})"
                       if miss else "")
            lines.append(f"| {label} | {c['found_top3']}/{c['queries']} | {c['pages_in_top3']} | {example} |")
    for e in shown:
        misses = [x for x in results["browser"][e]["queries"] if not x["found_top3"]]
        if misses:
            lines += ["", f"Misses of {e} ({len(misses)}), first of each class:"]
            seen = set()
            for x in misses:
                if x["class"] in seen:
                    continue
                seen.add(x["class"])
                got = ", ".join(x["shown"][:3]) or "no result"
                lines.append(f"- {x['class']}: `{x['q']}` → expected {x['expected']} "
                             f"({x['accept_count']} acceptable); top 3: {got}")
    return "\n".join(lines)


# === main ==================================================================================================
def prepare_site(root: Path, cases: int, blacklist: int) -> dict:
    """A site folder of synthetic data, built by `python -m generator build` (measured)."""
    from datetime import date

    sys.path.insert(0, str(PROJECT))
    from generator.benchmark.synth import write_data

    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("theme", "content"):
        if not (root / folder).exists():
            shutil.copytree(PROJECT / folder, root / folder)
    (root / "data").mkdir(exist_ok=True)
    if not (root / "data" / "campaigns").exists():
        shutil.copytree(PROJECT / "data" / "campaigns", root / "data" / "campaigns")
    written = write_data(root / "data", cases, blacklist, date.today())
    log(f"synthetic data written: {written}; building the site")
    run = measured([sys.executable, "-m", "generator", "build"], cwd=root,
                   env={**os.environ, "PYTHONPATH": str(PROJECT)})
    if run["returncode"] != 0:
        raise SystemExit(f"build failed:\n{run['stdout'][-3000:]}\n{run['stderr'][-3000:]}")
    return {"data": written, "wall_seconds": run["wall_seconds"], "peak_rss_mb": run["peak_rss_mb"],
            "peak_pss_mb": run["peak_pss_mb"], "summary": run["stdout"].strip().splitlines()[-1:]}


def main(argv=None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv and argv[0] == "_ours-build":
        ours_build_worker(Path(argv[1]), Path(argv[2]))
        return 0
    if argv and argv[0] == "_pagefind-build":
        a = argv[1:]
        pagefind_build_worker(Path(a[0]), a[1], Path(a[2]), int(a[3]), int(a[4]), a[5] == "stock")
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-root", type=Path, required=True,
                        help="folder with mkdocs.yml, data/ and a built site/")
    parser.add_argument("--out", type=Path, required=True, help="JSON file of all results")
    parser.add_argument("--markdown", type=Path, help="also write the Markdown summary to this file")
    parser.add_argument("--work", type=Path, default=Path("/tmp/search_compare/work"),
                        help="scratch folder: records, index-only build of ours, Pagefind bundles, test pages")
    parser.add_argument("--pagefind-venv", type=Path, default=Path("/tmp/search_compare/pagefind-venv"),
                        help="Pagefind's own virtualenv, made (pip install --pagefind-spec) if missing")
    parser.add_argument("--pagefind-spec", default="pagefind[extended]")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="comma-separated subset of: " + ", ".join(ENGINES))
    parser.add_argument("--per-class", type=int, default=20, help="queries per query class")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--page-size", type=int, default=20,
                        help="results whose data a Pagefind query loads (our page shows 20)")
    parser.add_argument("--concurrency", type=int, default=256, help="Pagefind records in flight")
    parser.add_argument("--stock-sample", type=int, default=200,
                        help="records for one build with the stock Python wrapper (its throughput); 0: skip")
    parser.add_argument("--python-sample", type=int, default=500,
                        help="queries per class for our ranking replicated in Python (no browser); 0: skip")
    parser.add_argument("--reuse-builds", action="store_true",
                        help="keep indexes already in --work (only the browser part runs again)")
    parser.add_argument("--timeout", type=int, default=60000, help="ms to wait for one query's results")
    parser.add_argument("--prepare", nargs=2, type=int, metavar=("CASES", "BLACKLIST"),
                        help="first make --site-root from synthetic data and build it (if it has no site/)")
    args = parser.parse_args(argv)

    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engines: {', '.join(sorted(unknown))}")
    root = args.site_root.resolve()
    results: dict = {"site_root": str(root), "per_class": args.per_class, "seed": args.seed,
                     "concurrency": args.concurrency,
                     "page_size": args.page_size, "engines": engines, "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    if args.prepare and not (root / "site").exists():
        results["site_build"] = prepare_site(root, *args.prepare)
    site = root / "site"
    if not (site / "search" / "meta.json").exists() or not (site / "data" / "cases.json").exists():
        raise SystemExit(f"{site} is not a built site of this generator (no search/meta.json or data/cases.json)")
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)

    log("reading records from the site's downloads")
    docs = load_documents(site)
    results["records"] = {"documents": len(docs), "cases": sum(d["type"] == "cases" for d in docs),
                          "blacklist": sum(d["type"] == "blacklist" for d in docs),
                          "site_search_index": folder_size(site / "search", lambda p: p.name == "index.html")}
    records = work / "records.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps({k: d[k] for k in ("kind", "label", "url", "title", "codes", "exact", "other",
                                                    "subtitle", "date", "summary", "fine", "region", "product",
                                                    "class", "campaign", "year")}, ensure_ascii=False) + "\n")
    queries = make_queries(docs, args.per_class, args.seed)
    results["queries"] = queries
    log(f"{len(docs)} documents, {len(queries)} queries")

    builds_file = work / "builds.json"
    builds = json.loads(builds_file.read_text()) if args.reuse_builds and builds_file.exists() else {}
    if "ours" in engines and "ours" not in builds:
        log("building our index alone from the records")
        run = measured([sys.executable, str(HERE), "_ours-build", str(records), str(work / "ours-index")])
        if run["returncode"]:
            raise SystemExit(run["stderr"][-3000:])
        builds["ours"] = {**json.loads(run["stdout"].strip().splitlines()[-1]),
                          **{k: run[k] for k in ("wall_seconds", "peak_rss_mb", "peak_pss_mb", "max_processes",
                                         "peak_rss_mb_each")},
                          "index": folder_size(work / "ours-index")}
    pf_engines = [e for e in engines if e in VARIANTS]
    pf_root = work / "pagefind"
    if pf_engines:
        results["pagefind_versions"] = ensure_pagefind_venv(args.pagefind_venv.resolve(), args.pagefind_spec)
        python = str(args.pagefind_venv.resolve() / "bin" / "python")
        for variant in pf_engines:
            if variant in builds and (pf_root / variant / "pagefind" / "pagefind.js").exists():
                continue
            log(f"building Pagefind ({variant}) with the Python API")
            out = pf_root / variant / "pagefind"
            run = measured([python, str(HERE), "_pagefind-build", str(records), variant, str(out),
                            str(args.concurrency), "0", "fast"])
            if run["returncode"]:
                raise SystemExit(run["stderr"][-3000:])
            ui = re.compile(r"pagefind-(component-ui|modular-ui|ui|highlight)\.(js|css)$")
            builds[variant] = {**json.loads(run["stdout"].strip().splitlines()[-1]),
                               **{k: run[k] for k in ("wall_seconds", "peak_rss_mb", "peak_pss_mb", "max_processes",
                                         "peak_rss_mb_each")},
                               "index": folder_size(out, lambda p: bool(ui.search(p.name))),
                               "bundle_with_ui": folder_size(out)}
        if args.stock_sample and "stock" not in builds:
            log(f"the stock Python wrapper on {args.stock_sample} records (its throughput)")
            run = measured([python, str(HERE), "_pagefind-build", str(records), "pagefind-en-bigrams",
                            str(work / "stock-sample"), "1", str(args.stock_sample), "stock"])
            if run["returncode"] == 0:
                builds["stock"] = {**json.loads(run["stdout"].strip().splitlines()[-1]),
                                   "peak_rss_mb": run["peak_rss_mb"]}
            shutil.rmtree(work / "stock-sample", ignore_errors=True)
    builds_file.write_text(json.dumps(builds, ensure_ascii=False, indent=1))
    results["builds"] = {k: v for k, v in builds.items() if k in engines or k == "stock"}
    write_test_pages(pf_root)

    chromium = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True)
    results["chromium"] = chromium.stdout.strip().removeprefix("Chromium ").split(" ")[0] if chromium.stdout else "?"
    results["browser"] = run_browser(site, pf_root, engines, queries, args.page_size, args.timeout)
    if "ours" in engines and args.python_sample:
        log(f"our ranking replicated in Python on {args.python_sample} queries per class")
        results["ours_python"] = python_check(site, docs, queries, results["browser"]["ours"]["queries"],
                                              args.python_sample, args.seed)
    results["summary"] = summarise(results)
    results["markdown"] = markdown(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(results["markdown"] + "\n", encoding="utf-8")
    print(results["markdown"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
