"""XLSX sheets as grids of cell values, as the clerk sees them in Excel.

Cells are read with python-calamine (Rust; eight times openpyxl's speed), which is literal: it shows a merged
cell's value in its first cell only and gives nothing for a formula Excel never calculated. Each of those would
lose or change what the clerk sees, so each is handled here (formulas, rare, with openpyxl).

A workbook is a zip of XML, and a small one can inflate a thousandfold. Before any reader opens it, its parts
are measured and its sheets scanned (cells, rows, the farthest row and column, merged ranges, formulas counted
in the raw XML at the speed of decompression): calamine builds a sheet as one dense grid, so a single cell at
XFD1048576 would cost billions of cells. A file beyond a limit stops there, and while a sheet is read every
cell is counted again.
"""
from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from dataclasses import dataclass, field
from typing import Iterator
from xml.etree import ElementTree
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from ..core import codes
from ..core.problems import Report, Unreadable
from .limits import RAISE_IT, Budget, Limits, TooLarge, mb

# What the readers raise on a damaged or mislabelled workbook: not a zip, a missing part, malformed XML or values.
_DAMAGED = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, ParseError, EOFError,
            CalamineError)

MAX_PARTS = 10_000  # files inside one .xlsx; Excel writes a few dozen
_CHUNK = 1 << 20
_TAIL = 400
_PREFIX = rb"(?:[A-Za-z_][\w.-]{0,30}:)?"
_FORMULA = re.compile(rb"<" + _PREFIX + rb"f[\s/>]")
_MERGE_REF = re.compile(rb"<" + _PREFIX + rb'mergeCell\s[^>]{0,300}?ref="'
                        rb'([A-Za-z]{1,3}[0-9]{1,7}:[A-Za-z]{1,3}[0-9]{1,7})"')
_ROW_NUMBER = re.compile(rb'<(?:\w{1,30}:)?row\s[^>]{0,300}?\br="([0-9]{1,9})"')
_WIDE_CELL = re.compile(rb'<(?:\w{1,30}:)?c\s[^>]{0,300}?\br="([A-Za-z]{2,3})[0-9]')  # column AA or further


@dataclass
class SheetScan:
    """What the raw XML of one sheet holds, counted before a reader reads it."""

    merges: list[str] = field(default_factory=list)
    formulas: bool = False
    last_row: int = 0  # the farthest row and column a cell or row claims: the reader's grid will span them
    last_column: int = 0
    rows: int = 0  # <row> elements: row numbers are optional in the format


def sheets(path, name: str, ignore: set[str], report: Report, limits: Limits | None = None
           ) -> Iterator[tuple[str, list[list]]]:
    """(sheet title, rows of values) for each sheet to read; hidden sheets and uncalculated formulas are errors."""
    try:
        yield from _sheets(path, name, ignore, report, limits or Limits.of(None))
    except _DAMAGED as exc:
        raise Unreadable(f"Excel 文件已损坏或不是 .xlsx 格式（{type(exc).__name__}: {exc}）") from None


def _sheets(path, name: str, ignore: set[str], report: Report, limits: Limits) -> Iterator[tuple[str, list[list]]]:
    scans = check_archive(path, limits)  # before any reader reads a byte of it
    with zipfile.ZipFile(path) as archive:
        parts = {title: part for part, title in _sheet_titles(archive).items()}
    budget = Budget(limits)
    book = CalamineWorkbook.from_path(str(path))
    for meta in book.sheets_metadata:
        if meta.typ is not SheetTypeEnum.WorkSheet:
            continue  # chart sheets and macro sheets hold no rows
        title = meta.name.strip()
        if title in ignore:
            continue
        if meta.visible is not SheetVisibleEnum.Visible:
            report.error(codes.HIDDEN_SHEET, f"工作表「{meta.name}」是隐藏的，未读取：隐藏页常是旧数据。请取消隐藏后再发布，"
                         "或在映射文件的 ignore_sheets 中列出", file=name, sheet=meta.name)
            continue
        scan = scans.get(parts.get(meta.name, ""), SheetScan())
        if scan.last_column > limits.columns:
            raise TooLarge(f"工作表「{meta.name}」有单元格在第 {scan.last_column:,} 列，超过 {limits.columns:,} 列的上限"
                           "（max_columns），未读取。常见原因是远处有个别带格式的空白单元格：请删去数据以外的列后另存"
                           + RAISE_IT.format(setting="max_columns"), sheet=meta.name)
        height = max(scan.last_row, scan.rows)
        if height * max(scan.last_column, 1) > limits.cells:
            raise TooLarge(f"工作表「{meta.name}」的单元格分布到第 {height:,} 行、第 {scan.last_column:,} 列，"
                           f"按行列铺开超过 {limits.cells:,} 个单元格（max_cells），未读取。常见原因是远处有个别带格式的"
                           "空白单元格：请删去数据以外的行和列后另存" + RAISE_IT.format(setting="max_cells"),
                           sheet=meta.name)
        grid = _grid(book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False), budget, meta.name)
        for ref, declared in _spread_merged(grid, scan.merges, budget, meta.name):
            clipped = f"（声明的范围 {declared} 超出有内容的单元格，只填到 {ref}）" if declared != ref else ""
            report.note(codes.MERGED_CELLS, f"合并单元格 {ref} 已按显示内容填入其中每一行{clipped}", file=name,
                        sheet=meta.name, row=range_boundaries(ref)[1])
        if scan.formulas:
            _check_formulas(path, meta.name, grid, name, report)
        yield meta.name, grid


def _grid(rows: list[list], budget: Budget, title: str) -> list[list]:
    """A sheet's rows as lists of values, counted as they are taken.

    Trailing empty cells and empty rows at the end are dropped (a sheet formatted down to row 1,048,576 holds
    nothing there); a cell of spaces is empty. Blank rows between rows of data stay, so row numbers are Excel's.
    """
    grid: list[list] = []
    blank = 0
    for number, row in enumerate(rows, start=1):
        budget.take(len(row) or 1, title, number)
        values = [None if isinstance(v, str) and not v.strip() else v for v in row]
        while values and values[-1] is None:
            values.pop()
        if not values:
            blank += 1
            continue
        budget.check_row(number, len(values), title)
        for index, value in enumerate(values):
            budget.check_text(value, title, number, _column_name(index))
        grid.extend([] for _ in range(blank))
        blank = 0
        grid.append(values)
    return grid


def _spread_merged(grid: list[list], refs: list[str], budget: Budget, title: str) -> list[tuple[str, str]]:
    """A merged cell's value in every cell of its range, as Excel displays it.

    A range is clipped to the rows and columns that hold data: a file may declare A1:XFD1048576, seventeen
    billion cells. Returns (range filled, range declared) for ranges over several rows.
    """
    spread = []
    height = len(grid)
    width = max((len(r) for r in grid), default=0)
    for declared in refs:
        min_col, min_row, max_col, max_row = range_boundaries(declared)
        if min_row > height or min_col > width:
            continue  # nothing is shown there
        max_row, max_col = min(max_row, height), min(max_col, width)
        budget.take((max_row - min_row + 1) * (max_col - min_col + 1), title, min_row)
        ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{max_row}"
        if max_row > min_row:
            spread.append((ref, declared))
        top = grid[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for r in range(min_row - 1, max_row):
            row = grid[r]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for c in range(min_col - 1, max_col):
                row[c] = value
    return spread


def _check_formulas(path, title: str, grid: list[list], name: str, report: Report) -> None:
    """A formula without a stored result reads as empty: say so rather than publish a blank."""
    formulas = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        sheet = formulas[title]
        sheet.reset_dimensions()
        for r, row in enumerate(sheet.iter_rows(values_only=True)):
            if r >= len(grid):
                break  # the first pass found nothing further down
            for c, value in enumerate(row):
                shown = grid[r][c] if c < len(grid[r]) else None
                if isinstance(value, str) and value.startswith("=") and shown is None:
                    report.error(codes.FORMULA_NOT_CALCULATED,
                                 "此单元格是公式，但文件中没有计算结果。请在 Excel 或 WPS 中打开后保存，再重试",
                                 file=name, sheet=title, row=r + 1, column=_column_name(c), value=value)
    finally:
        formulas.close()


def _column_name(index: int) -> str:
    return f"{get_column_letter(index + 1)} 列"


# --- before openpyxl: the zip's directory and the raw XML ------------------------------------------

def check_archive(path, limits: Limits) -> dict[str, SheetScan]:
    """Refuse a workbook whose parts are too many or inflate too far; scan each sheet's XML.

    Returns what each sheet holds (by its path in the zip). Nothing here builds more than one chunk of XML.
    """
    entries = _declared_entries(path)
    if entries is not None and entries > MAX_PARTS:
        raise TooLarge(f"Excel 文件内含 {entries:,} 个部件，远超正常文件（上限 {MAX_PARTS:,}），未读取。"
                       "请在 Excel 或 WPS 中打开后另存为新文件")
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise TooLarge(f"Excel 文件内含 {len(infos):,} 个部件，远超正常文件（上限 {MAX_PARTS:,}），未读取。"
                           "请在 Excel 或 WPS 中打开后另存为新文件")
        total = sum(info.file_size for info in infos)
        if total > limits.uncompressed_bytes:
            biggest = max(infos, key=lambda info: info.file_size)
            title = _sheet_titles(archive).get(biggest.filename, "")
            part = f"其中工作表「{title}」有 {mb(biggest.file_size)}，" if title else ""
            raise TooLarge(f"Excel 文件解压后有 {mb(total)}，超过上限 {mb(limits.uncompressed_bytes)}（max_uncompressed_mb），"
                           f"未读取。{part}常见原因是大量只有格式的空白单元格：请删去数据以外的行和列后另存"
                           + RAISE_IT.format(setting="max_uncompressed_mb"), sheet=title)
        titles = _sheet_titles(archive)
        budget = Budget(limits)
        scans = {}
        for info in infos:
            if not info.filename.lower().endswith((".xml", ".rels")):
                continue  # pictures and the like: openpyxl does not read them in read-only mode
            try:
                if info.filename in titles or info.filename.lower().startswith("xl/worksheets/"):
                    scans[info.filename] = _scan_sheet(archive, info, budget)
                else:
                    _scan_part(archive, info, limits)
            except TooLarge as exc:
                exc.sheet = titles.get(info.filename, "")
                raise
        return scans


def _pieces(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part's bytes in pieces of about a megabyte, each cut just after a ">": no tag is split in two."""
    rest = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            buffer = rest + chunk
            cut = buffer.rfind(b">") + 1 or max(0, len(buffer) - _TAIL)  # text without tags keeps only a tail
            yield buffer[:cut]
            rest = buffer[cut:]
    if rest:
        yield rest


def _count(piece: bytes, *tags: bytes) -> int:
    """Elements of these names, with or without a namespace prefix: an upper bound (`<col` counts as `<c`),
    at the speed of bytes.count rather than of a regular expression."""
    return sum(piece.count(b"<" + tag) + piece.count(b":" + tag) for tag in tags)


def _scan_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> SheetScan:
    """Cells, rows and merged ranges counted against the file's budget; merged ranges and formulas noted."""
    scan = SheetScan()
    seen_merges: set[str] = set()
    for piece in _pieces(archive, info):
        budget.take(_count(piece, b"c", b"row"))
        scan.rows += _count(piece, b"row")
        rows = _ROW_NUMBER.findall(piece)
        if rows:
            scan.last_row = max(scan.last_row, max(map(int, rows)))
        for letters in set(_WIDE_CELL.findall(piece)):
            scan.last_column = max(scan.last_column, column_index_from_string(letters.decode().upper()))
        if not scan.formulas and (b"<f" in piece or b":f" in piece) and _FORMULA.search(piece):
            scan.formulas = True
        if b"mergeCell" in piece:
            for raw in _MERGE_REF.findall(piece):
                ref = raw.decode().upper()
                if ref not in seen_merges:
                    budget.take(1)
                    seen_merges.add(ref)
                    scan.merges.append(ref)
    return scan


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> None:
    """Shared strings and the other parts openpyxl reads whole: their elements within max_cells."""
    shared = info.filename.lower().endswith("sharedstrings.xml")
    count = 0
    for piece in _pieces(archive, info):
        count += _count(piece, b"si") if shared else piece.count(b"<") - piece.count(b"</")
        if count > limits.cells:
            what = "共享文字（各单元格的文字）" if shared else "样式等部件"
            raise TooLarge(f"Excel 文件的{what}超过 {limits.cells:,} 项（max_cells），未读取。"
                           "请在 Excel 或 WPS 中打开后另存为新文件，或把数据拆分为几个文件"
                           + RAISE_IT.format(setting="max_cells"))


def _declared_entries(path) -> int | None:
    """How many files the zip says it holds, from its last bytes: before its directory is read into memory."""
    with open(path, "rb") as stream:
        stream.seek(0, 2)
        size = stream.tell()
        stream.seek(max(0, size - 65_557))  # the end record and the longest comment a zip may carry
        tail = stream.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return None  # not a zip: zipfile says so
    entries = struct.unpack("<H", tail[at + 10:at + 12])[0]
    return None if entries == 0xFFFF else entries  # 0xFFFF: the count is in a ZIP64 record


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_TITLES_MAX_BYTES = 4 << 20  # a workbook index of thousands of sheets is well under this


def _sheet_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part -> sheet title, from the workbook's own index: to name the sheet in a refusal."""
    try:
        parts = [archive.getinfo(p) for p in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")]
        if any(info.file_size > _TITLES_MAX_BYTES for info in parts):
            return {}
        book, rels = (ElementTree.fromstring(archive.read(info)) for info in parts)
    except (KeyError, ParseError, zipfile.BadZipFile, EOFError):
        return {}
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in rels}
    titles = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        if target:
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            titles[path] = sheet.get("name", "")
    return titles
