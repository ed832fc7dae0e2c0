"""The data files of a folder, each read into raw rows by the reader its suffix names (READERS): CSV, XLSX, YAML
or JSON. A new input format is one reader and one line in READERS."""
from __future__ import annotations

import csv
import re
from pathlib import Path

from ..core import codes
from ..core.encodings import decode
from ..core.problems import Invalid, Report, Unreadable
from ..core.schema import RecordType
from ..core.text import cell_text
from .limits import Budget, Limits, Refused, TooLarge, check_file_size, report_refusal
from .mapping import MAPPING_FILE, Mapping
from .paths import display_path
from .recordlists import read_records
from .rows import RawRow, rows_from_grid

OLD_FORMATS = {".xls", ".et", ".xlsm", ".xlsb", ".ods", ".wps"}  # refused: save as .xlsx


def data_files(folder: Path, report: Report | None = None, root: Path | None = None) -> list[Path]:
    """The data files of a folder. Anything else in it is reported, so no file is skipped unnoticed."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name, suffix = path.name, path.suffix.lower()
        if name.startswith(("~$", ".")) or name == MAPPING_FILE:
            continue  # Excel/WPS lock files, hidden files, the mapping file
        if suffix in DATA_SUFFIXES and not name.startswith("_"):
            found.append(path)
        elif report is not None:
            where = {"file": display_path(path, root or folder)}
            if suffix in OLD_FORMATS:
                report.error(codes.FILE_FORMAT, "不支持此表格格式，请在 Excel 或 WPS 中“另存为”.xlsx 或 CSV 后重试", **where)
            else:
                report.warning(codes.FILE_FORMAT, "不是数据文件（支持 .csv .xlsx .yaml .json；以 _ 开头的文件不读取），已跳过",
                               **where)
    return found


def read_file(path: Path, rtype: RecordType, mapping: Mapping, report: Report, root: Path,
              limits: Limits | None = None) -> list[RawRow]:
    """The rows of one file. A file refused whole (damaged, or beyond a limit) is one problem and no rows:
    what was found in it before the refusal is dropped with it."""
    limits = limits or Limits.of(None)
    name = display_path(path, root)
    suffix = path.suffix.lower()
    found = Report()
    try:
        check_file_size(path, limits)
        rows = READERS[suffix](path, name, rtype, mapping, found, limits)
    except Refused as exc:
        report_refusal(report, exc, name)
        return []
    except (Unreadable, OSError) as exc:  # a broken file is a problem to report, never a crash
        report.error(codes.FILE_UNREADABLE, f"文件无法读取：{exc}", file=name)
        return []
    report.extend(found.problems)
    return rows


# What a file named .csv starts with when it is really a workbook: the clerk renamed it, or the exporter lied.
_MAGIC = {b"PK\x03\x04": "这其实是 Excel 的 .xlsx 文件，只是扩展名为 .csv：请把扩展名改为 .xlsx",
          b"\xd0\xcf\x11\xe0": "这其实是旧版 Excel（.xls）或 WPS 表格文件：请在 Excel 或 WPS 中“另存为”.xlsx 或 CSV UTF-8"}


def _read_csv(path: Path, name: str, rtype: RecordType, mapping: Mapping, report: Report, limits: Limits
              ) -> list[RawRow]:
    data = path.read_bytes()
    for magic, message in _MAGIC.items():
        if data.startswith(magic):
            report.error(codes.FILE_FORMAT, message, file=name)
            return []
    try:
        text = decode_bytes(data)
    except Invalid as exc:
        report.error(exc.code, exc.message, file=name)
        return []
    del data
    return rows_from_grid(_csv_grid(text, limits), name, "", rtype, mapping, report)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _csv_grid(text: str, limits: Limits) -> list[list]:
    """The rows of a CSV text, counted as they are parsed: a file beyond the limits stops at the limit."""
    budget = Budget(limits)
    lines = (m.group() for m in _LINE.finditer(text))  # lazily: a copy of a 50 MB text would cost 200 MB
    reader = csv.reader(lines)
    grid: list[list] = []
    try:
        for row in reader:
            number = len(grid) + 1  # the row Excel shows, whatever line breaks its cells hold
            budget.take(len(row) or 1, row=number)
            while row and not row[-1].strip():  # trailing empty cells (",,,,,") hold nothing
                row.pop()
            if row:
                budget.check_row(number, len(row))
                for index, value in enumerate(row):
                    budget.check_text(value, row=number, column=f"第 {index + 1} 列")
            grid.append(row)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # the csv module's own limit, beyond Excel's
            raise TooLarge(f"一个单元格超过 {csv.field_size_limit():,} 字，未读取。请检查此单元格是否粘贴了整篇文件",
                           row=len(grid) + 1) from None
        raise Unreadable(f"CSV 格式有误（第 {len(grid) + 1} 行：{exc}）") from None
    return grid


def decode_bytes(data: bytes) -> str:
    """Text of a CSV in UTF-8 (with or without BOM), GB18030/GBK or Big5/CP950, detected (core.encodings).

    Anything else raises Invalid naming what the file is, and what to do: a wrong guess would publish garbled
    text."""
    try:
        return decode(data).text
    except Invalid as exc:
        raise Invalid(exc.code, f"{exc.message}。{_SAVE_AS}") from None


_SAVE_AS = "请在 Excel 或 WPS 中打开，“另存为”CSV UTF-8 格式后重试"


def _read_xlsx(path: Path, name: str, rtype: RecordType, mapping: Mapping, report: Report, limits: Limits
               ) -> list[RawRow]:
    from .workbook import sheets

    rows: list[RawRow] = []
    for title, grid in sheets(path, name, mapping.ignore_sheets, report, limits):
        if any(cell_text(v) for r in grid for v in r):
            rows.extend(rows_from_grid(grid, name, title, rtype, mapping, report))
    return rows


# suffix -> reader(path, name as shown, record type, mapping, report, limits) -> raw rows
READERS = {".csv": _read_csv, ".xlsx": _read_xlsx, ".yaml": read_records, ".yml": read_records, ".json": read_records}
DATA_SUFFIXES = frozenset(READERS)
SPREADSHEETS = frozenset({".csv", ".xlsx"}) | OLD_FORMATS
