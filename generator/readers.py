"""CSV / XLSX / YAML / JSON files to raw rows that remember file, sheet and row as the user sees them."""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .normalise import cell_text, is_placeholder
from .problems import Problem, Report, Severity
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
    problems: list[Problem] = field(default_factory=list)  # found while reading; the row is rejected

    def add(self, field_id: str, cell: Cell) -> None:
        """A cell for a field; two columns of one field must agree (状态 and 公示状态 say the same)."""
        old = self.cells.get(field_id)
        if old is None or not cell_text(old.value):
            self.cells[field_id] = cell
        elif cell_text(cell.value) and cell_text(cell.value) != cell_text(old.value):
            self.problems.append(Problem(
                Severity.ERROR, "conflicting-columns",
                f"「{cell.header}」与「{old.header}」是同一字段，但内容不一致，请只保留一列",
                self.file, self.sheet, self.row, cell.header, cell_text(cell.value)))

    def where(self, column: str = "") -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": column}


@dataclass
class Mapping:
    """A site's own header aliases, fixed values and ignored columns for one record type."""

    aliases: dict[str, str] = field(default_factory=dict)  # folded header -> field id
    values: dict[str, object] = field(default_factory=dict)
    ignore: set[str] = field(default_factory=set)
    ignore_sheets: set[str] = field(default_factory=set)
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


# Fields the disclosure rules read: a site may never declare them optional.
RULE_FIELDS = {"decision_no", "party_name", "party_type", "penalty_kind", "decision_date", "listed_date"}
MAPPING_KEYS = {"aliases", "values", "ignore", "ignore_sheets", "optional"}


def load_mapping(folder: Path, rtype: RecordType, report: Report, root: Path) -> Mapping:
    """The site's own `_mapping.yaml` for this record type; every mistake in it is a problem, never a crash."""
    path = folder / MAPPING_FILE
    mapping = Mapping()
    if not path.exists():
        return mapping
    where = {"file": display_path(path, root)}

    def bad(message: str) -> None:
        report.error("mapping-invalid", message, **where)

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        bad(f"映射文件无法读取：{exc}")
        return mapping
    if not isinstance(data, dict):
        bad("映射文件应为“键: 值”的形式，可用的键：" + "、".join(sorted(MAPPING_KEYS)))
        return mapping
    for key in sorted(set(data) - MAPPING_KEYS):
        bad(f"映射文件中不认识的键「{key}」，可用：{'、'.join(sorted(MAPPING_KEYS))}")
    known = {f.id for f in rtype.fields}

    def section(key: str, kind: type):
        value = data.get(key)
        if value is None:
            return kind()
        if not isinstance(value, kind):
            bad(f"映射文件中「{key}」应为{'“字段: 值”' if kind is dict else '列表'}")
            return kind()
        return value

    for field_id, headers in section("aliases", dict).items():
        if field_id not in known:
            bad(f"映射文件中的字段「{field_id}」不存在，可用：{', '.join(sorted(known))}")
            continue
        for header in headers if isinstance(headers, list) else [headers]:
            mapping.aliases[fold_header(str(header))[0]] = field_id
    for field_id, value in section("values", dict).items():
        if field_id not in known:
            bad(f"映射文件中的字段「{field_id}」不存在")
            continue
        mapping.values[field_id] = value
    mapping.ignore = {fold_header(str(h))[0] for h in section("ignore", list)}
    mapping.ignore_sheets = {str(h).strip() for h in section("ignore_sheets", list)}
    optional = {str(f) for f in section("optional", list)}
    for field_id in sorted(optional):
        if field_id not in known or field_id in RULE_FIELDS:
            bad(f"映射文件 optional 中的字段「{field_id}」不存在，或是公示规则要用的字段，不能设为选填")
            optional.discard(field_id)
    mapping.optional = frozenset(optional)
    return mapping


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
        from .listfiles import read_records

        return read_records(path, name, rtype, mapping, report)
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
    from .workbook import sheets

    rows: list[RawRow] = []
    for title, grid in sheets(path, name, mapping.ignore_sheets, report):
        if any(cell_text(v) for r in grid for v in r):
            rows.extend(_rows_from_grid(grid, name, title, rtype, mapping, report))
    return rows


def _rows_from_grid(grid, name, sheet, rtype, mapping, report) -> list[RawRow]:
    table = alias_table(rtype, mapping)
    header_at = _find_header(grid, table, rtype)
    if header_at is None:
        # A CSV without a header loses every row: an error. A workbook may hold a notes sheet beside the
        # data: a warning per sheet, and an error from _read_xlsx when no sheet at all had a header.
        hint = f"没有找到表头行（应包含「{rtype.field(rtype.key).label}」等列名，或在 {MAPPING_FILE} 中添加别名）"
        if sheet:
            report.error("header-missing", hint + f"，此工作表未读取。如是说明页，请在 {MAPPING_FILE} 的 "
                         "ignore_sheets 中列出", file=name, sheet=sheet)
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
            report.note("duplicate-column", f"列「{text}」与列「{seen[field_id]}」是同一字段：读取有内容的一列，"
                        "两列都有内容且不一致时报错", file=name, sheet=sheet, row=header_at + 1, column=text)
        seen.setdefault(field_id, text)
        columns.append((index, field_id, Cell(text, None, unit)))
    rows = []
    mapped = {c[0] for c in columns}
    header_row = grid[header_at]
    headerless = lambda i: i >= len(header_row) or not cell_text(header_row[i])  # noqa: E731
    for offset, values in enumerate(grid[header_at + 1:], start=header_at + 2):
        raw = RawRow(name, sheet, offset, optional=mapping.optional)
        for index, field_id, template in columns:
            value = values[index] if index < len(values) else None
            raw.add(field_id, Cell(template.header, value, template.unit))
        extra = [cell_text(v) for i, v in enumerate(values) if i not in mapped]
        for i, value in enumerate(values):
            if headerless(i) and cell_text(value):
                raw.problems.append(Problem(Severity.ERROR, "cell-without-header",
                                            f"第 {i + 1} 列没有表头，其中的内容无法归入任何字段：请补上表头或删去",
                                            name, sheet, offset, f"第 {i + 1} 列", cell_text(value)))
        fill_fixed(raw, mapping)
        if raw.problems or keep_row(raw, report, rtype, extra):
            rows.append(raw)
    return rows


def _find_header(grid, table, rtype) -> int | None:
    key_field = rtype.key
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        matched = {table.get(fold_header(cell_text(v))[0]) for v in row if cell_text(v)} - {None}
        if len(matched) >= 2 and (key_field in matched or len(matched) >= 4):
            return index
    return None


def fill_fixed(raw: RawRow, mapping: Mapping) -> None:
    for field_id, value in mapping.values.items():
        cell = raw.cells.get(field_id)
        if cell is None or not cell_text(cell.value):
            raw.cells[field_id] = Cell(MAPPING_FILE, value)


# Fields that may stand beside 无 in a placeholder row: a sequence number, the period's date, a remark
# such as "本期无违反…之事业单位".
_PLACEHOLDER_COMPANIONS = {"publish_date", "decision_date", "remarks"}


def keep_row(raw: RawRow, report: Report, rtype: RecordType, extra: list[str] = ()) -> bool:
    """False for an empty row (ignored) and for a placeholder row (ignored with a note)."""
    own = {fid: cell_text(c.value) for fid, c in raw.cells.items() if c.header != MAPPING_FILE}
    filled = {fid: t for fid, t in own.items() if t}
    if not filled and not any(extra):
        return False
    required = [own.get(f.id, "") for f in rtype.fields if f.required]
    says_nothing = any(is_placeholder(t) for t in filled.values()) and all(
        is_placeholder(t) or fid in _PLACEHOLDER_COMPANIONS for fid, t in filled.items())
    if says_nothing and all(not t or is_placeholder(t) for t in required):
        report.note("placeholder-row", "此行为“无/暂无/—”占位行（必填项均无内容），已跳过", **raw.where())
        return False
    return True


def display_path(path: Path, root: Path) -> str:
    """The path as the clerk knows it: relative to the site folder (symlinks are not followed)."""
    for candidate, base in ((path, root), (path.absolute(), root.absolute())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()
