"""Downloads of every public record type: XLSX, CSV (UTF-8 with BOM) and JSON, from public views only.

The columns come from the record type's schema (`columns`), typed for analysis: amounts are numbers in 元,
dates are dates (XLSX date cells, ISO 8601 elsewhere), and every row ends with the record's last public day
and the address of its page. The data page's dictionary and datapackage.json are made from the same columns.
Each file is written as a stream, row by row: at province scale nothing holds a whole table in memory.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import re
import zipfile
from array import array
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import BinaryIO, Callable
from xml.sax.saxutils import escape as xml_escape

import jinja2

from ..core.schema import Field, RecordType, ValueType
from ..rules.publication import Entry
from .base import Output, Sink
from .campaign_pages import totals
from .context import SiteContent, all_entries

FORMATS = ("XLSX", "CSV", "JSON")
AMOUNT_UNIT = "元"


@dataclass(frozen=True)
class Column:
    id: str
    label: str  # the header, with the unit where there is one
    datatype: str  # "string", "number" or "date" (also the Data Package field type)
    doc: str
    value: Callable[[Entry], object]  # str, Decimal, date or None
    unit: str = ""  # of a number column: 元 for amounts; "" when another column says it (campaign figures)


def _field_column(f: Field) -> Column:
    datatype = {ValueType.AMOUNT: "number", ValueType.DATE: "date"}.get(f.value_type, "string")
    label = f"{f.label}（{AMOUNT_UNIT}）" if datatype == "number" else f.label

    def value(entry: Entry, f=f):
        v = entry.view.get(f.id)
        if v is None or v == "":
            return None
        if f.value_type is ValueType.CHOICES:
            return "、".join(v)
        return v if datatype != "string" else str(v)
    return Column(f.id, label, datatype, f.doc, value, AMOUNT_UNIT if datatype == "number" else "")


def columns(rtype: RecordType, site_url: str) -> list[Column]:
    """The download's columns: the type's public fields, then its last public day and the page's address."""
    base = site_url.rstrip("/") + "/"
    return [_field_column(f) for f in rtype.public_fields] + [
        Column("public_until", rtype.until_label, "date", rtype.until_doc, lambda e: e.until),
        Column("url", "网页地址", "string", "该条信息在本站的网页地址", lambda e: base + e.url),
    ]


CAMPAIGN_STATS = "campaign_stats"


@dataclass(frozen=True)
class Table:
    """One download: its file stem under data/, label, columns and rows (entries, or dicts for statistics)."""
    stem: str
    label: str
    doc: str
    columns: list[Column]
    rows: list


def _key(name: str) -> Callable[[dict], object]:
    return lambda row: row.get(name)


def campaign_columns() -> list[Column]:
    return [Column(name, label, datatype, doc, _key(name)) for name, label, datatype, doc in (
        ("campaign", "专项行动编号", "string", "专项行动的编号（网址中的名称）"),
        ("title", "专项行动名称", "string", ""),
        ("region", "地区", "string", ""),
        ("start", "开始日期", "date", ""),
        ("end", "结束日期", "date", ""),
        ("authority", "组织机关", "string", "组织机关；联合行动的各机关以“、”分隔"),
        ("label", "指标", "string", "统计项目"),
        ("value", "数值", "number", "统计数值，单位见“单位”列；约数（约、近、余……）为其中的数字，如“13万余”为 130000"),
        ("qualifier", "约数说明", "string", "机关通报时的约数用词（约、近、余、以上……），为空表示确数"),
        ("written", "通报写法", "string", "机关通报中的写法，如 13万余、约650万"),
        ("of", "总数", "number", "该数字所属的总数（如隐患 154 处中整改 118 处，此列为 154）"),
        ("unit", "单位", "string", ""),
        ("as_of", "截至日期", "date", "该数字的统计截止日期（与行动结束日期不同时）"),
        ("source", "来源", "string", "“机关通报”为主管机关公布的数字；“本站统计”为本站正在公示的、注明该专项行动的记录条数"),
        ("url", "网页地址", "string", "专项行动页面在本站的网页地址"),
    )]


def campaign_rows(site: SiteContent) -> list[dict]:
    """The figures each campaign reported, then what this site counts itself (public records naming it)."""
    rows = []
    for c in site.campaigns:
        common = {"campaign": c.id, "title": c.title, "region": c.region, "start": c.start, "end": c.end,
                  "authority": c.authority, "url": site.permalink(f"campaigns/{c.id}/")}
        for f in c.stats:
            rows.append({**common, "label": f.label, "value": f.value, "qualifier": f.qualifier, "written": f.written,
                         "of": f.of, "unit": f.unit, "as_of": f.as_of, "source": "机关通报"})
        counted = totals(site, c.id)
        for rtype in site.registry:
            rows.append({**common, "label": f"本站公示的{rtype.label}", "value": Decimal(counted[rtype.name]),
                         "qualifier": "", "written": str(counted[rtype.name]), "of": None, "unit": "条",
                         "as_of": site.as_of, "source": "本站统计"})
    return rows


def tables(site: SiteContent) -> list[Table]:
    """Every download: one per record type, then the campaigns' statistics."""
    found = []
    for rtype in site.registry:
        entries = [e for group in site.pages[rtype.name].values() for e in group]
        found.append(Table(rtype.name, rtype.label, f"本站正在公示的全部{rtype.label}，每行一条",
                           columns(rtype, site.site_url), entries))
        found += [Table(x.stem, x.label, x.doc, [Column(*c) for c in x.columns(site.settings)], entries)
                  for x in rtype.exports]
    found.append(Table(CAMPAIGN_STATS, "专项行动统计数据", "各专项行动通报的数字和本站统计的公示记录数，每行一个数字",
                       campaign_columns(), campaign_rows(site)))
    return found


def listing(site: SiteContent) -> list[dict]:
    """What the data page lists: each download's label, row count and files."""
    return [{"label": t.label, "count": len(t.rows), "files": [
        {"format": fmt, "name": f"{t.stem}.{fmt.lower()}"} for fmt in FORMATS]} for t in tables(site)]


class Downloads(Output):
    name = "downloads"
    weight = 25
    every_entry = True

    def inputs(self, site: SiteContent, sink: Sink) -> str | None:
        """Every public entry (in page order), the campaigns, the as-of day and the site's address."""
        return site.digest(self.name, site.as_of, site.site_url, site.campaigns, *all_entries(site))

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        """Each file as a stream; the row of an entry that is as when an earlier build wrote the same file is
        copied from that file (`Earlier`), so a build that changed a few records makes only their rows."""
        before, now = sink.recall(self.name) or {}, {}
        for table in tables(site):
            keys = [site.digest(row) if isinstance(row, Entry) else "" for row in table.rows]
            layout = [(c.id, c.label, c.datatype) for c in table.columns]
            last = before.get(table.stem)
            rows = last["rows"] if last and last["layout"] == layout else {}
            files = {}
            for fmt, writer in (("xlsx", write_xlsx), ("csv", write_csv), ("json", write_json)):
                path = f"data/{table.stem}.{fmt}"
                sha, offsets = last["files"].get(fmt, ("", None)) if rows else ("", None)
                earlier = sink.previous(path, sha) if sha else None
                with sink.stream(path) as stream, (open(earlier, "rb") if earlier else nullcontext()) as old:
                    made = writer(stream, table, keys, Earlier.of(old, fmt, rows, offsets), site.as_of)
                files[fmt] = (sink.written(path), made)
            now[table.stem] = {"layout": layout, "rows": {key: n for n, key in enumerate(keys) if key}, "files": files}
        sink.remember(self.name, now)


class Earlier:
    """A download as an earlier build wrote it, read front to back: the row of an entry whose key is as then is
    copied from it, not made again. Rows keep their order from build to build but for the records added,
    changed or gone, so the file is read once, forwards; a row that moved back is made again."""

    def __init__(self, stream: BinaryIO | None = None, rows: dict[str, int] | None = None,
                 offsets: array | None = None):
        """offsets: where each row begins and ends in the stream (Offsets.done())."""
        self.stream, self.rows, self.offsets = stream, rows or {}, offsets
        self.at = 0  # the stream's position

    @classmethod
    def of(cls, file: BinaryIO | None, fmt: str, rows: dict[str, int], offsets: array | None) -> "Earlier":
        if file is None or offsets is None:
            return cls()
        if fmt == "xlsx":  # the rows are in the sheet, compressed in the zip: read through (it cannot seek)
            try:
                file = zipfile.ZipFile(file).open(SHEET)
            except (zipfile.BadZipFile, KeyError):
                return cls()
        return cls(file, rows, offsets)

    def take(self, key: str) -> bytes | None:
        index = self.rows.get(key) if key else None
        if self.stream is None or index is None or self.offsets[2 * index] < self.at:
            return None
        start, end = self.offsets[2 * index], self.offsets[2 * index + 1]
        while self.at < start:  # forwards only: a zip member would inflate from its start to go back
            skipped = len(self.stream.read(min(start - self.at, 1 << 20)))
            if not skipped:
                self.stream = None
                return None
            self.at += skipped
        data = self.stream.read(end - start)
        self.at += len(data)
        if len(data) != end - start:  # shorter than it was: not the file the offsets describe
            self.stream = None
            return None
        return data


class Offsets:
    """Where each row a writer writes begins and ends, counting the bytes it writes: [start, end, start, …]."""

    def __init__(self):
        self.at = 0
        self.spans = array("Q")

    def row(self, data: bytes) -> bytes:
        self.spans.append(self.at)
        self.at += len(data)
        self.spans.append(self.at)
        return data

    def skip(self, data: bytes) -> bytes:
        self.at += len(data)
        return data

    def done(self) -> array:
        return self.spans


# A CSV cell starting with one of these is read by Excel and WPS as a formula (=HYPERLINK(…) sends the reader
# to any address, =cmd|… ran programs in old versions). OWASP's "CSV injection" advice: start such a cell
# with an apostrophe. Full-width forms too: a spreadsheet may fold them. JSON keeps values as they are.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_cell(text: str) -> str:
    """A cell as Excel shows it as text: one starting like a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def plain_number(value: Decimal) -> str:
    """20000 or 20000.5: digits and a point, no grouping and no unit (the header states it)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _csv_line(values: list[str]) -> bytes:
    line = io.StringIO()
    csv.writer(line, lineterminator="\r\n").writerow(values)
    return line.getvalue().encode("utf-8")


def csv_row(cols: list[Column], row) -> bytes:
    return _csv_line([csv_cell(_text(c.value(row))) if c.datatype == "string" else _text(c.value(row)) for c in cols])


def write_csv(stream: BinaryIO, table: Table, keys: list[str], earlier: Earlier, as_of: date) -> array:
    """CSV with a BOM and CRLF, as Excel and WPS on Chinese Windows open it without asking; no cell is a
    formula (numbers and dates are written by us, so only text cells can start like one). Returns where each
    row is (Offsets)."""
    offsets = Offsets()
    stream.write(offsets.skip(codecs.BOM_UTF8 + _csv_line([c.label for c in table.columns])))
    for key, row in zip(keys, table.rows):
        stream.write(offsets.row(earlier.take(key) or csv_row(table.columns, row)))
    return offsets.done()


def _json_value(c: Column, row):
    v = c.value(row)
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return _text(v) if v is not None else None


def json_row(cols: list[Column], row) -> bytes:
    return json.dumps({c.id: _json_value(c, row) for c in cols}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def write_json(stream: BinaryIO, table: Table, keys: list[str], earlier: Earlier, as_of: date) -> array:
    """{"as_of", "count", "units", "fields", "records": [one object per line]}: amounts are JSON numbers.
    Returns where each record is (Offsets)."""
    cols = table.columns
    head = {"as_of": as_of.isoformat(), "count": len(table.rows),
            "units": {c.id: c.unit for c in cols if c.unit},
            "fields": [{"name": c.id, "title": c.label, "type": c.datatype} for c in cols]}
    offsets = Offsets()
    stream.write(offsets.skip(json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1].encode("utf-8")))
    stream.write(offsets.skip(b',"records":['))
    for number, (key, row) in enumerate(zip(keys, table.rows)):
        stream.write(offsets.skip(b",\n" if number else b"\n"))
        stream.write(offsets.row(earlier.take(key) or json_row(cols, row)))
    stream.write(b"\n]}\n")
    return offsets.done()


# --- XLSX, written directly as Office Open XML: openpyxl takes ~4-9 s per 20,000 rows --------------------
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>')
# cell styles: 0 text, 1 header (bold), 2 date (yyyy-mm-dd), 3 amount (#,##0.00)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="#,##0.00"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="等线"/></font><font><b/><sz val="11"/><name val="等线"/></font>'
    '</fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
    '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>')
_WIDTHS = {"date": 12, "number": 14}
_EXCEL_EPOCH = date(1899, 12, 30)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xml_text(text: str) -> str:
    return xml_escape(_XML_INVALID.sub("", text))


def _xlsx_cell(value, datatype: str) -> str:
    """A cell of a data row: numbers and dates as Excel's own types, text as an inline string (never a
    formula: what the data says is shown as written)."""
    if value is None:
        return "<c/>"
    if datatype == "number":
        return f'<c s="3"><v>{plain_number(value)}</v></c>'
    if datatype == "date":
        return f'<c s="2"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    text = str(value)
    if len(text) > EXCEL_CELL_CHARS:  # Excel holds no more in a cell (a decision document may be longer)
        text = text[:EXCEL_CELL_CHARS - len(CUT)] + CUT
    return f'<c t="inlineStr"><is><t xml:space="preserve">{_xml_text(text)}</t></is></c>'


EXCEL_CELL_CHARS = 32767
CUT = "……（超过 Excel 单元格容量，全文见网页和 CSV、JSON 文件）"


SHEET = "xl/worksheets/sheet1.xml"


def xlsx_row(cols: list[Column], row) -> bytes:
    """The cells of a row of the sheet."""
    return "".join(_xlsx_cell(c.value(row), c.datatype) for c in cols).encode("utf-8")


def write_xlsx(stream: BinaryIO, table: Table, keys: list[str], earlier: Earlier, as_of: date) -> array:
    """An Excel workbook of the same table for people who work in Excel or WPS: bold header row frozen at the
    top, a filter on every column, dates and amounts typed. Returns where each row's cells are in the sheet
    (within its <row r="…">, which is numbered anew)."""
    cols, entries = table.columns, table.rows
    last = f"{_column_letter(len(cols))}{len(entries) + 1}"
    name = _xml_text(table.label[:31])
    workbook = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>'
                '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
                f"'{name}'!$A$1:${_column_letter(len(cols))}${len(entries) + 1}</definedName></definedNames>"
                "</workbook>")
    widths = "".join(f'<col min="{i}" max="{i}" width="{_WIDTHS.get(c.datatype, 24)}" customWidth="1"/>'
                     for i, c in enumerate(cols, start=1))
    offsets = Offsets()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as book:
        for part, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS), ("xl/workbook.xml", workbook),
                           ("xl/styles.xml", _STYLES)):
            book.writestr(_member(part), text)
        with book.open(_member(SHEET), "w", force_zip64=True) as member:
            batch = [offsets.skip((
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                f'<dimension ref="A1:{last}"/><sheetViews><sheetView workbookViewId="0">'
                '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
                f'</sheetView></sheetViews><cols>{widths}</cols><sheetData>'
                '<row r="1">' + "".join(f'<c s="1" t="inlineStr"><is><t>{_xml_text(c.label)}</t></is></c>'
                                        for c in cols) + "</row>").encode("utf-8"))]
            for number, (key, entry) in enumerate(zip(keys, entries), start=2):
                batch.append(offsets.skip(f'<row r="{number}">'.encode()))
                batch.append(offsets.row(earlier.take(key) or xlsx_row(cols, entry)))
                batch.append(offsets.skip(b"</row>"))
                if len(batch) >= 1500:
                    member.write(b"".join(batch))
                    batch.clear()
            member.write(b"".join(batch) + f'</sheetData><autoFilter ref="A1:{last}"/></worksheet>'.encode("utf-8"))
    return offsets.done()


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # same input, same bytes
    info.compress_type = zipfile.ZIP_DEFLATED
    return info
