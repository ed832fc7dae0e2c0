"""Whole-site goldens: what a reader of the sample site sees, as text files checked into tests/golden/.

A snapshot holds every HTML page in full, the sitemap, the search index and every download (an XLSX as
the text of its cells), normalised only for what changes with the day of the build. Theme assets are
compared by hash. Refresh after an intended change with `make golden` and read the diff before committing.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import re
from pathlib import Path

from generator.assemble import generations

GOLDEN = Path(__file__).resolve().parent / "golden"
ASSET_LIST = "_assets.sha256"


def _xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path)
    lines = []
    for sheet in book.worksheets:
        lines.append(f"# sheet {sheet.title}")
        for row in sheet.iter_rows(values_only=True):
            lines.append("\t".join("" if v is None else f"{type(v).__name__}:{v}" for v in row))
    return "\n".join(lines) + "\n"


def _normalise(rel: str, path: Path) -> str | None:
    if rel.endswith(".xlsx"):
        return _xlsx_text(path)
    if rel.endswith(".gz"):
        return None  # a compressed copy of a file compared in its own right
    if rel.endswith(".ico"):
        return hashlib.sha256(path.read_bytes()).hexdigest() + "\n"
    text = path.read_text(encoding="utf-8")
    if rel == "sitemap.xml":
        text = re.sub(r"<lastmod>[^<]*</lastmod>", "<lastmod>BUILD-DAY</lastmod>", text)
    return text


SEARCH_DUMP = "_search_index.txt"


def _search_dump(folder: Path) -> str:
    """The whole search index as one readable text: terms with decoded postings (number:length:fields, read by
    the shipped format module), documents, facet bytes."""
    import gzip

    from generator.output import search_format as fmt

    lines = [(folder / "meta.json").read_text(encoding="utf-8")]
    for path in sorted(folder.rglob("*.bin")):
        rel = path.relative_to(folder).as_posix()
        data = gzip.decompress(path.read_bytes())
        if rel.startswith("t/"):
            cut = data.index(b"\n")
            header = json.loads(data[:cut])
            for term, entry in header.items():
                if len(entry) == 2:
                    body, offset = data[cut + 1:], entry[1]
                else:
                    body, offset = gzip.decompress((folder / "b" / f"{fmt.fnv1a(term):08x}.bin").read_bytes()), 0
                postings = fmt.decode(body, offset, entry[0])
                lines.append(f"{rel} {term} " + " ".join(f"{n}:{length}:{bits}" for n, length, bits in postings))
        elif rel.startswith("d/"):
            lines.append(f"{rel} {data.decode('utf-8')}")
        elif not rel.startswith("b/"):
            lines.append(f"{rel} {data.hex()}")
    return "\n".join(lines) + "\n"


def snapshot(site: Path) -> dict[str, str]:
    """Relative path -> normalised text of everything a reader gets, and one list of asset hashes."""
    files: dict[str, str] = {}
    assets = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != generations.TOKEN):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("assets/"):
            assets.append(f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {rel}")
            continue
        if rel.startswith("search/") and not rel.endswith(".html"):
            continue  # the index's files: one readable dump below
        text = _normalise(rel, path)
        if text is not None:
            files[rel] = text
    files[ASSET_LIST] = "\n".join(assets) + "\n"
    if (site / "search" / "meta.json").exists():
        files[SEARCH_DUMP] = _search_dump(site / "search")
    return files


def stored(name: str) -> dict[str, str]:
    folder = GOLDEN / name
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def refresh(name: str, files: dict[str, str]) -> None:
    import shutil

    folder = GOLDEN / name
    shutil.rmtree(folder, ignore_errors=True)
    for rel, text in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def differences(expected: dict[str, str], actual: dict[str, str], limit: int = 6) -> str:
    """A readable account of what differs: missing and extra files, then unified diffs of the first few."""
    lines = []
    missing, extra = sorted(expected.keys() - actual.keys()), sorted(actual.keys() - expected.keys())
    if missing:
        lines.append("missing from the build: " + ", ".join(missing[:20]))
    if extra:
        lines.append("new in the build: " + ", ".join(extra[:20]))
    changed = [rel for rel in sorted(expected.keys() & actual.keys()) if expected[rel] != actual[rel]]
    if changed:
        lines.append(f"{len(changed)} files differ: " + ", ".join(changed[:20]))
    for rel in changed[:limit]:
        diff = difflib.unified_diff(expected[rel].splitlines(), actual[rel].splitlines(),
                                    f"golden/{rel}", f"built/{rel}", lineterm="", n=1)
        lines.extend(list(diff)[:40])
    return "\n".join(lines)
