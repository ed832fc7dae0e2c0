"""Raw rows: cells under the headers the clerk wrote, with file, sheet and row as Excel shows them."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..core import codes
from ..core.problems import Problem, Report, Severity
from ..core.schema import RecordType
from ..core.text import cell_text, is_placeholder
from .headers import alias_table, fold_header
from .limits import invisible_problem, visible
from .mapping import MAPPING_FILE, Mapping

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
    problems: list[Problem] = field(default_factory=list)  # found while reading; an error rejects the row

    def add(self, field_id: str, cell: Cell) -> None:
        """A cell for a field; two columns of one field must agree (状态 and 公示状态 say the same).

        Invisible characters are removed here, where every reader's cells enter, with a warning."""
        value, removed = visible(cell.value)
        if removed:
            cell = Cell(cell.header, value, cell.unit)
            self.problems.append(invisible_problem(removed, self.file, self.sheet, self.row, cell.header))
        old = self.cells.get(field_id)
        if old is None or not cell_text(old.value):
            self.cells[field_id] = cell
        elif cell_text(cell.value) and cell_text(cell.value) != cell_text(old.value):
            self.problems.append(Problem(
                Severity.ERROR, codes.CONFLICTING_COLUMNS,
                f"「{cell.header}」与「{old.header}」是同一字段，但内容不一致，请只保留一列",
                self.file, self.sheet, self.row, cell.header, cell_text(cell.value)))

    def where(self, column: str = "") -> dict:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": column}

    def rejected(self) -> bool:
        """Refused while reading (a warning about removed characters does not refuse it)."""
        return any(p.severity is Severity.ERROR for p in self.problems)


def rows_from_grid(grid: list[list], name: str, sheet: str, rtype: RecordType, mapping: Mapping,
                   report: Report) -> list[RawRow]:
    """The data rows below the header row of a CSV file or a worksheet."""
    table = alias_table(rtype, mapping.aliases)
    header_at = find_header(grid, table, rtype)
    if header_at is None:
        hint = f"没有找到表头行（应包含「{rtype.field(rtype.key).label}」等列名，或在 {MAPPING_FILE} 中添加别名）"
        if sheet:
            report.error(codes.HEADER_MISSING, hint + f"，此工作表未读取。如是说明页，请在 {MAPPING_FILE} 的 "
                         "ignore_sheets 中列出", file=name, sheet=sheet)
        else:
            report.error(codes.HEADER_MISSING, hint + "，此文件未读取", file=name)
        return []
    columns: list[tuple[int, str, Cell]] = []
    seen: dict[str, str] = {}
    header_row = [_shown(v) for v in grid[header_at]]
    for index, header in enumerate(grid[header_at]):
        text = header_row[index]
        if not text:
            continue
        removed = visible(header)[1]
        if removed:
            report.add(invisible_problem(removed, name, sheet, header_at + 1, text))
        folded, unit = fold_header(text)
        field_id = table.get(folded)
        if field_id is None:
            if folded not in mapping.ignore:
                report.warning(codes.UNKNOWN_COLUMN,
                               f"不认识的列「{text}」，已忽略；如需使用请在 {MAPPING_FILE} 中添加别名",
                               file=name, sheet=sheet, row=header_at + 1, column=text)
            continue
        if field_id in seen:
            report.note(codes.DUPLICATE_COLUMN, f"列「{text}」与列「{seen[field_id]}」是同一字段：读取有内容的一列，"
                        "两列都有内容且不一致时报错", file=name, sheet=sheet, row=header_at + 1, column=text)
        seen.setdefault(field_id, text)
        columns.append((index, field_id, Cell(text, None, unit)))
    rows = []
    mapped = {c[0] for c in columns}

    def headerless(i: int) -> bool:
        return i >= len(header_row) or not header_row[i]

    for offset, values in enumerate(grid[header_at + 1:], start=header_at + 2):
        raw = RawRow(name, sheet, offset, optional=mapping.optional)
        for index, field_id, template in columns:
            value = values[index] if index < len(values) else None
            raw.add(field_id, Cell(template.header, value, template.unit))
        extra = [_shown(v) for i, v in enumerate(values) if i not in mapped]
        for i, value in enumerate(values):
            if headerless(i) and _shown(value):
                raw.problems.append(Problem(Severity.ERROR, codes.CELL_WITHOUT_HEADER,
                                            f"第 {i + 1} 列没有表头，其中的内容无法归入任何字段：请补上表头或删去",
                                            name, sheet, offset, f"第 {i + 1} 列", _shown(value)))
        fill_fixed(raw, mapping)
        keep(raw, rows, report, rtype, extra)
    return rows


def _shown(value) -> str:
    """A cell's text as the clerk sees it: invisible characters removed."""
    return cell_text(visible(value)[0])


def keep(raw: RawRow, rows: list[RawRow], report: Report, rtype: RecordType, extra: list[str] = ()) -> None:
    """A row goes on to validation unless it is empty or a placeholder; a refused one always goes on."""
    if raw.rejected() or keep_row(raw, report, rtype, extra):
        rows.append(raw)
    else:
        report.extend(raw.problems)  # what was removed from a row that turned out empty is still said


def find_header(grid: list[list], table: dict[str, str], rtype: RecordType) -> int | None:
    for index, row in enumerate(grid[:HEADER_SCAN_ROWS]):
        matched = {table.get(fold_header(_shown(v))[0]) for v in row if _shown(v)} - {None}
        if len(matched) >= 2 and (rtype.key in matched or len(matched) >= 4):
            return index
    return None


def fill_fixed(raw: RawRow, mapping: Mapping) -> None:
    """Values the site's mapping fixes for every record, where the row has none of its own."""
    for field_id, value in mapping.values.items():
        cell = raw.cells.get(field_id)
        if cell is None or not cell_text(cell.value):
            raw.cells[field_id] = Cell(MAPPING_FILE, value)


def keep_row(raw: RawRow, report: Report, rtype: RecordType, extra: list[str] = ()) -> bool:
    """False for an empty row (ignored) and for a placeholder row (ignored with a note)."""
    own = {fid: cell_text(c.value) for fid, c in raw.cells.items() if c.header != MAPPING_FILE}
    filled = {fid: t for fid, t in own.items() if t}
    if not filled and not any(extra):
        return False
    required = [own.get(f.id, "") for f in rtype.fields if f.required]
    says_nothing = any(is_placeholder(t) for t in filled.values()) and all(
        is_placeholder(t) or fid in rtype.placeholder_companions for fid, t in filled.items())
    if says_nothing and all(not t or is_placeholder(t) for t in required):
        report.note(codes.PLACEHOLDER_ROW, "此行为“无/暂无/—”占位行（必填项均无内容），已跳过", **raw.where())
        return False
    return True
