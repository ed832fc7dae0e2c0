"""The data files of a folder, each read into raw rows by its format: CSV, XLSX, YAML or JSON."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from ..core.problems import Report, Unreadable
from ..core.schema import RecordType
from ..core.text import cell_text
from .mapping import MAPPING_FILE, Mapping, load_mapping
from .paths import display_path
from .rows import RawRow, rows_from_grid

DATA_SUFFIXES = {".csv", ".xlsx", ".yaml", ".yml", ".json"}
OLD_FORMATS = {".xls", ".et", ".xlsm", ".xlsb", ".ods", ".wps"}


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
                report.error("file-format", "不支持此表格格式，请在 Excel 或 WPS 中“另存为”.xlsx 或 CSV 后重试", **where)
            else:
                report.warning("file-format", "不是数据文件（支持 .csv .xlsx .yaml .json；以 _ 开头的文件不读取），已跳过",
                               **where)
    return found


def read_folder(folder: Path, rtype: RecordType, report: Report, root: Path) -> list[RawRow]:
    """Every data row of every file in the folder; problems go to the report."""
    mapping = load_mapping(folder, rtype, report, root)
    rows: list[RawRow] = []
    for path in data_files(folder, report, root):
        rows.extend(read_file(path, rtype, mapping, report, root))
    return rows


def read_file(path: Path, rtype: RecordType, mapping: Mapping, report: Report, root: Path) -> list[RawRow]:
    name = display_path(path, root)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return _read_csv(path, name, rtype, mapping, report)
        if suffix == ".xlsx":
            return _read_xlsx(path, name, rtype, mapping, report)
        from .listfiles import read_records

        return read_records(path, name, rtype, mapping, report)
    except (Unreadable, OSError) as exc:  # a broken file is a problem to report, never a crash
        report.error("file-unreadable", f"文件无法读取：{exc}", file=name)
        return []


def _read_csv(path: Path, name: str, rtype: RecordType, mapping: Mapping, report: Report) -> list[RawRow]:
    text = decode_bytes(path.read_bytes())
    if text is None:
        report.error("encoding-unknown",
                     "无法识别文件编码（支持 UTF-8、GBK/GB18030、Big5）。请在 Excel 或 WPS 中“另存为”"
                     "CSV UTF-8 格式后重试", file=name)
        return []
    try:
        grid = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        raise Unreadable(f"CSV 格式有误（{exc}）") from None
    return rows_from_grid(grid, name, "", rtype, mapping, report)


def decode_bytes(data: bytes) -> str | None:
    """Text of a CSV in UTF-8 (with or without BOM), GB18030/GBK or Big5/CP950, detected; None if none fits."""
    try:
        return _newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "cp950", "utf_8"]).best()
    if best is None:
        return None
    encoding = {"big5": "cp950", "gb2312": "gb18030", "gbk": "gb18030"}.get(best.encoding, best.encoding)
    try:
        return _newlines(data.decode(encoding))
    except UnicodeDecodeError:
        return str(best)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_xlsx(path: Path, name: str, rtype: RecordType, mapping: Mapping, report: Report) -> list[RawRow]:
    from .workbook import sheets

    rows: list[RawRow] = []
    for title, grid in sheets(path, name, mapping.ignore_sheets, report):
        if any(cell_text(v) for r in grid for v in r):
            rows.extend(rows_from_grid(grid, name, title, rtype, mapping, report))
    return rows
