"""XLSX sheets as grids of cell values, as the clerk sees them in Excel.

Read-only openpyxl is fast but literal: it trusts the size a file records, shows a merged cell's value in its
first cell only, and gives nothing for a formula Excel never calculated. Each of those would lose or
change what the clerk sees, so each is handled here.
"""
from __future__ import annotations

import re
import zipfile
from typing import Iterator
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from ..core.problems import Report, Unreadable

_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"')
_FORMULA = re.compile(rb"<f[ >/]")


# What openpyxl raises on a damaged or mislabelled workbook: not a zip, a missing part, malformed XML or values.
_DAMAGED = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, ParseError, EOFError)


def sheets(path, name: str, ignore: set[str], report: Report) -> Iterator[tuple[str, list[list]]]:
    """(sheet title, rows of values) for each sheet to read; hidden sheets and uncalculated formulas are errors."""
    try:
        yield from _sheets(path, name, ignore, report)
    except _DAMAGED as exc:
        raise Unreadable(f"Excel 文件已损坏或不是 .xlsx 格式（{type(exc).__name__}: {exc}）") from None


def _sheets(path, name: str, ignore: set[str], report: Report) -> Iterator[tuple[str, list[list]]]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in workbook.worksheets:
            title = sheet.title.strip()
            if title in ignore:
                continue
            if sheet.sheet_state != "visible":
                report.error("hidden-sheet", f"工作表「{sheet.title}」是隐藏的，未读取：隐藏页常是旧数据。请取消隐藏后再发布，"
                             "或在映射文件的 ignore_sheets 中列出", file=name, sheet=sheet.title)
                continue
            sheet.reset_dimensions()  # exporters may record a size smaller than the data: read it all
            grid = [list(r) for r in sheet.iter_rows(values_only=True)]
            xml = workbook._archive.read(sheet._worksheet_path)
            for ref in _spread_merged(grid, xml):
                report.note("merged-cells", f"合并单元格 {ref} 已按显示内容填入其中每一行", file=name, sheet=sheet.title,
                            row=range_boundaries(ref)[1])
            if _FORMULA.search(xml):
                _check_formulas(path, sheet.title, grid, name, report)
            yield sheet.title, grid
    finally:
        workbook.close()


def _spread_merged(grid: list[list], xml: bytes) -> list[str]:
    """A merged cell's value in every cell of its range, as Excel displays it; returns ranges over several rows."""
    spread = []
    for raw_ref in _MERGE.findall(xml):
        ref = raw_ref.decode()
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if max_row > min_row:
            spread.append(ref)
        if min_row - 1 >= len(grid):
            continue
        top = grid[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for r in range(min_row - 1, min(max_row, len(grid))):
            row = grid[r]
            row.extend([None] * (max_col - len(row)))
            for c in range(min_col - 1, max_col):
                row[c] = value
    return spread


def _check_formulas(path, title: str, grid: list[list], name: str, report: Report) -> None:
    """A formula without a stored result reads as empty: say so rather than publish a blank."""
    formulas = load_workbook(path, read_only=True, data_only=False)
    try:
        sheet = formulas[title]
        sheet.reset_dimensions()
        for r, row in enumerate(sheet.iter_rows(values_only=True)):
            for c, value in enumerate(row):
                shown = grid[r][c] if r < len(grid) and c < len(grid[r]) else None
                if isinstance(value, str) and value.startswith("=") and shown is None:
                    report.error("formula-not-calculated",
                                 "此单元格是公式，但文件中没有计算结果。请在 Excel 或 WPS 中打开后保存，再重试",
                                 file=name, sheet=title, row=r + 1, column=_column_name(c), value=value)
    finally:
        formulas.close()


def _column_name(index: int) -> str:
    return f"{get_column_letter(index + 1)} 列"
