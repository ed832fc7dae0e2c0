"""Downloads of every public record type: XLSX, CSV (UTF-8 with BOM) and JSON, from public views only."""
from __future__ import annotations

import io
import json
import re
from xml.sax.saxutils import escape as xml_escape

import jinja2

from ..core.schema import RecordType
from ..rules.publication import Entry
from .base import Output, Sink
from .context import SiteContent
from .templates import show_value

FORMATS = ("XLSX", "CSV", "JSON")


def table_rows(rtype: RecordType, entries: list[Entry]) -> tuple[list[str], list[str], list[list[str]]]:
    """Header labels, field ids and text rows of a download. Only public-view fields ever appear."""
    fields = rtype.public_fields
    labels = [f.label for f in fields] + [rtype.until_label]
    ids = [f.id for f in fields] + ["public_until"]
    rows = [[show_value(e.view.get(f.id), f) for f in fields] + [e.last_day.isoformat()] for e in entries]
    return labels, ids, rows


def listing(site: SiteContent) -> list[dict]:
    """What the data page lists: each type's label, public count and files."""
    return [{"label": rtype.label, "count": len(site.entries[rtype.name]), "files": [
        {"format": fmt, "name": f"{rtype.name}.{fmt.lower()}"} for fmt in FORMATS]} for rtype in site.registry]


class Downloads(Output):
    name = "downloads"
    weight = 25

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        for rtype in site.registry:
            entries = [e for group in site.pages[rtype.name].values() for e in group]
            labels, ids, rows = table_rows(rtype, entries)
            sink.file(f"data/{rtype.name}.xlsx", xlsx_bytes(rtype.label, labels, rows))
            sink.file(f"data/{rtype.name}.csv", csv_text(labels, rows))
            records = [dict(zip(ids, row)) for row in rows]
            sink.file(f"data/{rtype.name}.json", json.dumps(
                {"as_of": site.as_of.isoformat(), "count": len(records), "records": records},
                ensure_ascii=False, indent=1))


# A CSV cell starting with one of these is read by Excel and WPS as a formula (=HYPERLINK(…) sends the reader
# to any address, =cmd|… ran programs in old versions). OWASP's "CSV injection" advice: start such a cell
# with an apostrophe. Full-width forms too: a spreadsheet may fold them. JSON keeps values as they are.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def csv_cell(text: str) -> str:
    """A cell as Excel shows it as text: one starting like a formula gets a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(labels: list[str], rows: list[list[str]]) -> str:
    """CSV with a BOM and CRLF, as Excel and WPS on Chinese Windows open it without asking; no cell is a formula."""
    import pandas as pd

    safe = [[csv_cell(c) for c in row] for row in rows]
    return "\ufeff" + pd.DataFrame(safe, columns=labels).to_csv(index=False, lineterminator="\r\n")


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
