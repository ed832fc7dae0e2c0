"""CSV / XLSX / YAML / JSON files to raw rows that remember file, sheet and row as the user sees them."""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .normalise import cell_text, is_placeholder
from .problems import Report
from .schema import RecordType

DATA_SUFFIXES = {".csv", ".xlsx", ".yaml", ".yml", ".json"}
MAPPING_FILE = "_mapping.yaml"
HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class Cell:
    header: str  # as the user wrote it
    value: object
    unit: str = ""


@dataclass
class RawRow:
    file: str
    sheet: str
    row: int
    cells: dict[str, Cell] = field(default_factory=dict)
    optional: frozenset[str] = frozenset()  # required fields this site's mapping declares optional

    def where(self, column: str = "") -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": column}


@dataclass
class Mapping:
    """A site's own header aliases, fixed values and ignored columns for one record type."""

    aliases: dict[str, str] = field(default_factory=dict)  # folded header -> field id
    values: dict[str, object] = field(default_factory=dict)
    ignore: set[str] = field(default_factory=set)
    optional: frozenset[str] = frozenset()


def fold_header(header: str) -> tuple[str, str]:
    """`罚款金额（万元）` -> ("罚款金额", "万元"): half-width, no spaces or markers, unit split off."""
    text = unicodedata.normalize("NFKC", cell_text(header))
    text = re.sub(r"\s+", "", text).strip("*＊:：")
    unit = ""
    for inner in re.findall(r"[(\[【]([^)\]】]*)[)\]】]", text):
        if inner.endswith("元"):
            unit = inner
    name = re.sub(r"[(\[【][^)\]】]*[)\]】]", "", text)
    return name, unit


def alias_table(rtype: RecordType, mapping: Mapping) -> dict[str, str]:
    table = {}
    for f in rtype.fields:
        table[f.id] = f.id
        for header in f.headers:
            table[fold_header(header)[0]] = f.id
    table.update(mapping.aliases)
    return table


def load_mapping(folder: Path, rtype: RecordType, report: Report, root: Path) -> Mapping:
    path = folder / MAPPING_FILE
    mapping = Mapping()
    if not path.exists():
        return mapping
    where = {"file": _display(path, root)}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        report.error("mapping-invalid", f"映射文件无法读取：{exc}", **where)
        return mapping
    known = {f.id for f in rtype.fields}
    for field_id, headers in (data.get("aliases") or {}).items():
        if field_id not in known:
            report.error("mapping-invalid", f"映射文件中的字段「{field_id}」不存在，可用：{', '.join(sorted(known))}",
                         **where)
            continue
        for header in [headers] if isinstance(headers, str) else headers or []:
            mapping.aliases[fold_header(header)[0]] = field_id
    for field_id, value in (data.get("values") or {}).items():
        if field_id not in known:
            report.error("mapping-invalid", f"映射文件中的字段「{field_id}」不存在", **where)
            continue
        mapping.values[field_id] = value
    mapping.ignore = {fold_header(h)[0] for h in data.get("ignore") or []}
    optional = set(data.get("optional") or [])
    for field_id in sorted(optional):
        if field_id not in known or field_id == rtype.key:
            report.error("mapping-invalid", f"映射文件 optional 中的字段「{field_id}」不存在或不能设为选填", **where)
            optional.discard(field_id)
    mapping.optional = frozenset(optional)
    return mapping


def data_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in DATA_SUFFIXES
        and not p.name.startswith(("~$", ".", "_"))
    )


def read_folder(folder: Path, rtype: RecordType, report: Report, root: Path) -> list[RawRow]:
    """Every data row of every file in the folder; problems go to the report."""
    mapping = load_mapping(folder, rtype, report, root)
    rows: list[RawRow] = []
    for path in data_files(folder):
        rows.extend(read_file(path, rtype, mapping, report, root))
    return rows


def read_file(path: Path, rtype: RecordType, mapping: Mapping, report: Report, root: Path) -> list[RawRow]:
    name = _display(path, root)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            text = decode_bytes(path.read_bytes())
            if text is None:
                report.error("encoding-unknown",
                             "无法识别文件编码（支持 UTF-8、GBK/GB18030、Big5）。请在 Excel 或 WPS 中“另存为”"
                             "CSV UTF-8 格式后重试", file=name)
                return []
            grid = list(csv.reader(io.StringIO(text)))
            return _rows_from_grid(grid, name, "", rtype, mapping, report)
        if suffix == ".xlsx":
            return _read_xlsx(path, name, rtype, mapping, report)
        return _read_records(path, name, rtype, mapping, report)
    except Exception as exc:  # a broken file is a problem to report, never a crash
        report.error("file-unreadable", f"文件无法读取：{type(exc).__name__}: {exc}", file=name)
        return []


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


def _read_xlsx(path: Path, name: str, rtype, mapping, report) -> list[RawRow]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    rows: list[RawRow] = []
    headed = 0
    try:
        for sheet in workbook.worksheets:
            grid = [list(r) for r in sheet.iter_rows(values_only=True)]
            if not any(cell_text(v) for r in grid for v in r):
                continue
            before = len(report.problems)
            rows.extend(_rows_from_grid(grid, name, sheet.title, rtype, mapping, report))
            headed += not any(p.code == "header-missing" for p in report.problems[before:])
    finally:
        workbook.close()
    if not headed:
        report.error("header-missing", "工作簿中没有任何工作表含有可识别的表头，整个文件未读取", file=name)
    return rows


def _read_records(path: Path, name: str, rtype, mapping, report) -> list[RawRow]:
    text = path.read_text(encoding="utf-8-sig")
    data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    if isinstance(data, dict) and isinstance(data.get(rtype.name), list):
        data = data[rtype.name]
    if not isinstance(data, list):
        report.error("file-shape", "文件应为记录列表（每条记录一组 字段: 值）", file=name)
        return []
    table = alias_table(rtype, mapping)
    rows, unknown = [], {}
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            report.error("file-shape", "这一条不是“字段: 值”的形式", file=name, row=number)
            continue
        raw = RawRow(name, "", number, optional=mapping.optional)
        for key, value in item.items():
            folded, unit = fold_header(str(key))
            field_id = table.get(folded)
            if field_id is None:
                if folded not in mapping.ignore:
                    unknown.setdefault(str(key), number)
                continue
            raw.cells.setdefault(field_id, Cell(str(key), value, unit))
        _fill_fixed(raw, mapping)
        if _keep(raw, report, rtype):
            rows.append(raw)
    for key, number in unknown.items():
        report.warning("unknown-column", f"不认识的字段「{key}」，已忽略；如需使用请在 {MAPPING_FILE} 中添加别名",
                       file=name, row=number, column=key)
    return rows


def _rows_from_grid(grid, name, sheet, rtype, mapping, report) -> list[RawRow]:
    table = alias_table(rtype, mapping)
    header_at = _find_header(grid, table, rtype)
    if header_at is None:
        # A CSV without a header loses every row: an error. A workbook may hold a notes sheet beside the
        # data: a warning per sheet, and an error from _read_xlsx when no sheet at all had a header.
        hint = f"没有找到表头行（应包含「{rtype.field(rtype.key).label}」等列名，或在 {MAPPING_FILE} 中添加别名）"
        if sheet:
            report.warning("header-missing", hint + "，此工作表未读取", file=name, sheet=sheet)
        else:
            report.error("header-missing", hint + "，此文件未读取", file=name)
        return []
    columns: list[tuple[int, str, Cell | None]] = []
    seen: dict[str, str] = {}
    for index, header in enumerate(grid[header_at]):
        text = cell_text(header)
        if not text:
            continue
        folded, unit = fold_header(text)
        field_id = table.get(folded)
        if field_id is None:
            if folded not in mapping.ignore:
                report.warning("unknown-column",
                               f"不认识的列「{text}」，已忽略；如需使用请在 {MAPPING_FILE} 中添加别名",
                               file=name, sheet=sheet, row=header_at + 1, column=text)
            continue
        if field_id in seen:
            report.warning("duplicate-column", f"列「{text}」与列「{seen[field_id]}」是同一字段，只读取前者",
                           file=name, sheet=sheet, row=header_at + 1, column=text)
            continue
        seen[field_id] = text
        columns.append((index, field_id, Cell(text, None, unit)))
    rows = []
    mapped = {c[0] for c in columns}
    for offset, values in enumerate(grid[header_at + 1:], start=header_at + 2):
        raw = RawRow(name, sheet, offset, optional=mapping.optional)
        for index, field_id, template in columns:
            value = values[index] if index < len(values) else None
            raw.cells[field_id] = Cell(template.header, value, template.unit)
        extra = [cell_text(v) for i, v in enumerate(values) if i not in mapped]
        _fill_fixed(raw, mapping)
        if _keep(raw, report, rtype, extra):
            rows.append(raw)
    return rows


def _find_header(grid, table, rtype) -> int | None:
    key_field = rtype.key
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        matched = {table.get(fold_header(cell_text(v))[0]) for v in row if cell_text(v)} - {None}
        if len(matched) >= 2 and (key_field in matched or len(matched) >= 4):
            return index
    return None


def _fill_fixed(raw: RawRow, mapping: Mapping) -> None:
    for field_id, value in mapping.values.items():
        cell = raw.cells.get(field_id)
        if cell is None or not cell_text(cell.value):
            raw.cells[field_id] = Cell(MAPPING_FILE, value)


def _keep(raw: RawRow, report: Report, rtype: RecordType, extra: list[str] = ()) -> bool:
    """False for an empty row (ignored) and for a placeholder row (ignored with a note)."""
    own = {fid: cell_text(c.value) for fid, c in raw.cells.items() if c.header != MAPPING_FILE}
    filled = [t for t in list(own.values()) + list(extra) if t]
    if not filled:
        return False
    # A row that says 无 where the record's required fields should be ("本期无违反…" with a date and a
    # sequence number beside it) is a placeholder too: nothing in it can become a record.
    required = [own.get(f.id, "") for f in rtype.fields if f.required]
    if all(is_placeholder(t) for t in filled) or (
            any(is_placeholder(t) for t in required) and all(not t or is_placeholder(t) for t in required)):
        report.note("placeholder-row", "此行为“无/暂无/—”占位行（必填项均无内容），已跳过", **raw.where())
        return False
    return True


def _display(path: Path, root: Path) -> str:
    """The path as the clerk knows it: relative to the site folder (symlinks are not followed)."""
    for candidate, base in ((path, root), (path.absolute(), root.absolute())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()
