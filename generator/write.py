"""Writes the files MkDocs does not make: record pages, downloads, search entries, sitemap entries.

A path is never written twice in one build, and every file is written inside the build's own directory.
"""
from __future__ import annotations

import functools
import io
import json
import re
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from .pipeline import Entry
from .render import show_value
from .schema import BLACKLIST, CASE, RecordType


class SiteWriter:
    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.written: set[str] = set()

    def write(self, rel_path: str, data: str | bytes) -> None:
        target = self.site_dir / rel_path
        if rel_path in self.written or target.exists():
            # a record page must never replace another page, MkDocs' own included
            raise ValueError(f"two outputs want the same path: {rel_path}")
        self.written.add(rel_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        target.write_bytes(data)

    def write_page(self, url: str, html: str) -> None:
        self.write(url + "index.html", html)


class MemoryWriter(SiteWriter):
    """Collects files in memory, for outputs MkDocs itself copies into the site (downloads)."""

    def __init__(self):
        super().__init__(Path("."))
        self.files: dict[str, bytes] = {}

    def write(self, rel_path: str, data: str | bytes) -> None:
        if rel_path in self.files:
            raise ValueError(f"two outputs want the same path: {rel_path}")
        self.files[rel_path] = data.encode("utf-8") if isinstance(data, str) else data


# The column every download adds after the record's own fields: (label, field id, data-dictionary text).
UNTIL_COLUMN = {
    CASE.name: ("公示截止", "public_until", "该条信息在本站公示的最后一天"),
    BLACKLIST.name: ("预计移出日期", "public_until", "到期自动移出名单的日期（信用修复等可提前）"),
}


def table_rows(rtype: RecordType, entries: list[Entry]) -> tuple[list[str], list[str], list[list[str]]]:
    """Header labels, field ids and text rows of a download. Only public-view fields ever appear."""
    fields = rtype.public_fields
    label, until_id, _ = UNTIL_COLUMN[rtype.name]
    labels = [f.label for f in fields] + [label]
    ids = [f.id for f in fields] + [until_id]
    rows = [[show_value(e.view.get(f.id), f) for f in fields] + [e.last_day.isoformat()] for e in entries]
    return labels, ids, rows


def downloads(writer: SiteWriter, content) -> list[dict]:
    """CSV (UTF-8 with BOM, opens in Excel) and JSON of each record type; returns what the data page lists."""
    listed = []
    for rtype, entries in ((CASE, content.cases),
                           (BLACKLIST, [e for g in content.blacklist_groups.values() for e in g])):
        labels, ids, rows = table_rows(rtype, entries)
        writer.write(f"data/{rtype.name}.csv", csv_text(labels, rows))
        records = [dict(zip(ids, row)) for row in rows]
        writer.write(f"data/{rtype.name}.json", json.dumps(
            {"as_of": content.pub.as_of.isoformat(), "count": len(records), "records": records},
            ensure_ascii=False, indent=1))
        writer.write(f"data/{rtype.name}.xlsx", xlsx_bytes(rtype.label, labels, rows))
        listed.append({"label": rtype.label, "count": len(rows), "files": [
            {"format": fmt, "name": f"{rtype.name}.{fmt.lower()}"} for fmt in ("XLSX", "CSV", "JSON")]})
    return listed


def csv_text(labels: list[str], rows: list[list[str]]) -> str:
    """CSV with a BOM and CRLF, as Excel and WPS on Chinese Windows open it without asking."""
    import pandas as pd

    return "\ufeff" + pd.DataFrame(rows, columns=labels).to_csv(index=False, lineterminator="\r\n")


_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}


def xlsx_bytes(sheet: str, labels: list[str], rows: list[list[str]]) -> bytes:
    """An Excel workbook of the same table (one sheet, text cells), for people who work in Excel or WPS.

    Written directly as Office Open XML: openpyxl or pandas take ~4-9 s per 20,000 rows, this ~0.3 s.
    """
    import zipfile

    def row_xml(number: int, cells: list[str]) -> str:
        return f'<row r="{number}">' + "".join(
            f'<c t="inlineStr"><is><t xml:space="preserve">{xml_escape(_xml_text(c))}</t></is></c>'
            for c in cells) + "</row>"

    body = "".join(row_xml(n, cells) for n, cells in enumerate([labels, *rows], start=1))
    sheet_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                 f"<sheetData>{body}</sheetData></worksheet>")
    workbook_xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                    f'<sheets><sheet name="{xml_escape(sheet[:31])}" sheetId="1" r:id="rId1"/></sheets></workbook>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in {**_XLSX_PARTS, "xl/workbook.xml": workbook_xml,
                           "xl/worksheets/sheet1.xml": sheet_xml}.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # same input, same bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            book.writestr(info, text)
    return buffer.getvalue()


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xml_text(text: str) -> str:
    return _XML_INVALID.sub("", text)


def dictionary() -> list[dict]:
    return [
        {"label": rtype.label, "fields": rtype.fields, "extra": [UNTIL_COLUMN[rtype.name]]}
        for rtype in (CASE, BLACKLIST)
    ]


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


@functools.lru_cache(maxsize=65536)
def segment(text: str) -> str:
    """Chinese runs cut into words with jieba and joined by zero-width spaces, as Material's search expects.

    Cached: authorities, regions, violations and penalties repeat across thousands of records.
    """
    import jieba

    return _CJK_RUN.sub(lambda m: "\u200b" + "\u200b".join(jieba.cut(m.group())) + "\u200b", text).strip("\u200b")


def _segment_all(parts) -> str:
    return " ".join(segment(str(p)) for p in parts if p)


def search_entries(content) -> list[dict]:
    """Search-index documents for record pages, from public views only."""
    docs = []
    for e in content.cases:
        v = e.view
        text = _segment_all((v["decision_no"], v.get("uscc"), v["violation"], v["authority"], v.get("region"),
                             v.get("product"), v["penalty"]))
        docs.append({"location": e.url, "title": _segment_all((v["party_name"], v["decision_no"])), "text": text})
    for code, entries in content.blacklist_groups.items():
        v = entries[0].view
        text = _segment_all((code, v["reason"], v["authority"], v.get("region")))
        docs.append({"location": entries[0].url, "title": _segment_all((v["party_name"], "严重违法失信名单")),
                     "text": text})
    return docs


def extend_search_index(site_dir: Path, docs: list[dict], drop_prefix: str) -> None:
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = [d for d in index["docs"] if not d["location"].startswith(drop_prefix)] + docs
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def extend_sitemap(site_dir: Path, base_url: str, urls: list[str], drop_prefix: str) -> None:
    path = site_dir / "sitemap.xml"
    if not path.exists():
        return
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\s*<url>\s*<loc>[^<]*" + re.escape(drop_prefix) + r"[^<]*</loc>.*?</url>", "", text, flags=re.S)
    added = "".join(f"\n    <url>\n         <loc>{xml_escape(base_url + u)}</loc>\n    </url>" for u in urls)
    text = text.replace("</urlset>", added + "\n</urlset>")
    path.write_text(text, encoding="utf-8")
    gz = site_dir / "sitemap.xml.gz"
    if gz.exists():
        import gzip

        gz.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))


# Material's bundle fetches a ResizeObserver polyfill (old browsers) and mermaid (diagrams) from unpkg.
# A site that makes no outside requests loads an empty inline script instead: old browsers lose resize
# handling and diagrams stay as text, exactly as when unpkg is unreachable, which it is on many
# government networks.
OUTSIDE_SCRIPTS = re.compile(r"https://unpkg\.com/[^\"'`]+")
EMPTY_SCRIPT = "data:text/javascript,"


def neutralise_outside_scripts(site_dir: Path) -> int:
    changed = 0
    for path in (site_dir / "assets" / "javascripts").glob("bundle.*.js"):
        text = path.read_text(encoding="utf-8")
        new, count = OUTSIDE_SCRIPTS.subn(EMPTY_SCRIPT, text)
        if count:
            path.write_text(new, encoding="utf-8")
            changed += count
    return changed
