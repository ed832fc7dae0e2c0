"""The data files of a folder, each read into raw rows by its format: CSV, XLSX, YAML or JSON."""
from __future__ import annotations

import codecs
import csv
import re
from pathlib import Path

from ..core import codes
from ..core.problems import Invalid, Report, Unreadable
from ..core.schema import RecordType
from ..core.settings import Settings
from ..core.text import cell_text
from .limits import Budget, Limits, Refused, TooLarge, check_file_size, report_refusal
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
                report.error(codes.FILE_FORMAT, "不支持此表格格式，请在 Excel 或 WPS 中“另存为”.xlsx 或 CSV 后重试", **where)
            else:
                report.warning(codes.FILE_FORMAT, "不是数据文件（支持 .csv .xlsx .yaml .json；以 _ 开头的文件不读取），已跳过",
                               **where)
    return found


def read_folder(folder: Path, rtype: RecordType, report: Report, root: Path, settings: Settings | None = None
                ) -> list[RawRow]:
    """Every data row of every file in the folder; problems go to the report."""
    limits = Limits.of(settings)
    mapping = load_mapping(folder, rtype, report, root, limits)
    rows: list[RawRow] = []
    for path in data_files(folder, report, root):
        rows.extend(read_file(path, rtype, mapping, report, root, limits))
    return rows


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
        if suffix == ".csv":
            rows = _read_csv(path, name, rtype, mapping, found, limits)
        elif suffix == ".xlsx":
            rows = _read_xlsx(path, name, rtype, mapping, found, limits)
        else:
            from .listfiles import read_records

            rows = read_records(path, name, rtype, mapping, found, limits)
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
    """Text of a CSV in UTF-8 (with or without BOM), GB18030/GBK or Big5/CP950, detected.

    Anything else raises Invalid naming what the file is: a wrong guess would publish garbled text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            raise Invalid(codes.ENCODING_UNKNOWN, f"文件是 {encoding} 编码（Excel 的“Unicode 文本”），不是 UTF-8、"
                          "GBK/GB18030 或 Big5。" + _SAVE_AS)
    if data.count(b"\x00") > len(data) // 100 + 1:
        raise Invalid(codes.ENCODING_UNKNOWN, "文件中有大量空字符（NUL），像是 UTF-16 编码或根本不是文本文件，不是 UTF-8、"
                      "GBK/GB18030 或 Big5。" + _SAVE_AS)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    replaced = data.decode("utf-8", errors="replace")
    foreign = sum(1 for c in replaced if ord(c) > 0x7F)
    if foreign >= 20 and replaced.count("\ufffd") * 20 < foreign:
        # UTF-8 but for a few bytes: as GBK it would read as garbage throughout
        line = data.count(b"\n", 0, first_bad) + 1
        raise Invalid(codes.ENCODING_UNKNOWN, f"文件是 UTF-8 编码，但第 {line} 行起有几处字节不是 UTF-8（文件可能损坏，"
                      "或拼接了不同编码的内容）。为免显示乱码，未读取。请检查该行，或" + _SAVE_AS)
    if data.startswith(codecs.BOM_UTF8):
        guess = _legacy(data[len(codecs.BOM_UTF8):])
        looks = f"，看起来是 {guess[0]} 编码" if guess else "，也不是 GBK/GB18030 或 Big5"
        raise Invalid(codes.ENCODING_MISMATCH, f"文件开头的 BOM 标记表明是 UTF-8，但内容不是 UTF-8{looks}："
                      "多半是用别的编码另存时带上了旧标记。为免显示乱码，未读取。" + _SAVE_AS)
    guess = _legacy(data)
    if guess is None:
        raise Invalid(codes.ENCODING_UNKNOWN, "无法识别文件编码：不是 UTF-8、GBK/GB18030 或 Big5。" + _SAVE_AS)
    return data.decode(guess[1])


_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF16_LE, "UTF-16"),
         (codecs.BOM_UTF16_BE, "UTF-16"))
_SAVE_AS = "请在 Excel 或 WPS 中打开，“另存为”CSV UTF-8 格式后重试"
_LEGACY = {"gb18030": "GBK/GB18030", "cp950": "Big5"}


def _legacy(data: bytes) -> tuple[str, str] | None:
    """(name, codec) of the Chinese legacy encoding the bytes are in, or None.

    Only an encoding the bytes decode in without a single error is a candidate, and the candidate must read
    as text (charset_normalizer's measure of chaos): Latin-1 bytes can pass as GBK and would be garbage."""
    candidates = []
    for codec in _LEGACY:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        candidates.append(codec)
    if not candidates:
        return None
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None:
        return None
    codec = {"big5": "cp950", "gb2312": "gb18030", "gbk": "gb18030"}.get(best.encoding, best.encoding)
    if codec not in candidates:
        return None
    return _LEGACY[codec], codec


def _read_xlsx(path: Path, name: str, rtype: RecordType, mapping: Mapping, report: Report, limits: Limits
               ) -> list[RawRow]:
    from .workbook import sheets

    rows: list[RawRow] = []
    for title, grid in sheets(path, name, mapping.ignore_sheets, report, limits):
        if any(cell_text(v) for r in grid for v in r):
            rows.extend(rows_from_grid(grid, name, title, rtype, mapping, report))
    return rows
