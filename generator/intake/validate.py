"""Checks, as generators of Problems: per cell, per record (the type's own checks), then across records."""
from __future__ import annotations

import unicodedata
from types import MappingProxyType
from typing import Callable, Iterable, Iterator, Mapping

from ..core import codes
from ..core.model import Record, Source
from ..core.personal import personal_words
from ..core.problems import Invalid, Problem, Severity
from ..core.schema import RecordType, ValueType
from ..core.settings import Settings
from ..core.text import cell_text, slugify
from .mapping import MAPPING_FILE
from .normalise import clean
from .rows import RawRow

# A record-level check: (clean values, err, warn, settings) -> problems; err/warn(code, message, field_id, value).
Check = Callable[[dict, Callable, Callable, Settings], Iterator[Problem]]


def _problem(raw: RawRow, severity: Severity, code: str, message: str, column: str = "", value="") -> Problem:
    return Problem(severity, code, message, raw.file, raw.sheet, raw.row, column, cell_text(value))


# A page's folder name is its key's slug: file systems allow 255 bytes, and a CJK character takes three.
MAX_ADDRESS_BYTES = 150
def address_too_long(slug: str) -> str:
    """Why a slug cannot be a folder name ("" if it can)."""
    size = len(slug.encode("utf-8"))
    if size <= MAX_ADDRESS_BYTES:
        return ""
    return (f"生成的页面地址有 {size} 字节，超过上限 {MAX_ADDRESS_BYTES} 字节（约 {MAX_ADDRESS_BYTES // 3} 个汉字，"
            f"或 {MAX_ADDRESS_BYTES} 个字母、数字），无法作为网页文件名")


def hide(value) -> str:
    """A personal value as problems show it: enough to find the cell, not enough to read the number."""
    text = cell_text(value)
    return text[:3] + "*" * max(len(text) - 5, 1) + text[-2:] if len(text) > 5 else "*" * len(text)


def clean_row(raw: RawRow, rtype: RecordType) -> tuple[dict, list[Problem]]:
    """Clean values of every cell of the row, and a problem for each cell that cannot be used."""
    values, problems = {}, []
    cells = rtype.prepare_cells(dict(raw.cells)) if rtype.prepare_cells else raw.cells
    for field_id, cell in cells.items():
        f = rtype.field(field_id)
        try:
            value = clean(f, cell.value, cell.unit)
        except Invalid as exc:
            personal = not f.public or exc.code == codes.USCC_LOOKS_LIKE_ID
            problems.append(_problem(raw, Severity.ERROR, exc.code, exc.message, cell.header,
                                     hide(cell.value) if personal else cell.value))
            continue
        found = personal_words(value) if value is not None and f.value_type is ValueType.CODE else ""
        if found:
            problems.append(_problem(raw, Severity.ERROR, codes.PERSONAL_DATA_IN_CODE,
                                     f"「{cell.header}」中有疑似{found}的内容。编号会出现在网址和页面上，不能含个人信息："
                                     "请核对并改正；如确是编号本身，请联系技术人员", cell.header, hide(value)))
            continue
        if value is not None:
            values[field_id] = value
    if rtype.key in values:
        key = values[rtype.key]
        label = rtype.field(rtype.key).label
        if not slugify(key):
            problems.append(_problem(raw, Severity.ERROR, codes.INVALID_DECISION_NO,
                                     f"「{label}」中没有文字或数字，无法生成页面地址",
                                     column_of(raw, rtype, rtype.key), values.pop(rtype.key)))
        elif address_too_long(slugify(key)):
            problems.append(_problem(raw, Severity.ERROR, codes.ADDRESS_TOO_LONG,
                                     f"「{label}」过长：{address_too_long(slugify(key))}。请核对是否把其他内容也填进了这一格",
                                     column_of(raw, rtype, rtype.key), values.pop(rtype.key)[:60] + "…"))
    return values, problems


def column_of(raw: RawRow, rtype: RecordType, field_id: str) -> str:
    """The column header a field had in this row's file (or its standard label)."""
    cell = raw.cells.get(field_id)
    return cell.header if cell and cell.header != MAPPING_FILE else rtype.field(field_id).label


def check_record(raw: RawRow, rtype: RecordType, values: dict, bad_cells: set[str], settings: Settings
                 ) -> Iterator[Problem]:
    """Required fields and the type's own rules between fields of one record."""
    named: dict[int, str | None] = {}  # each problem made here (by id) -> the field it is about

    def make(severity, code, message, field_id, value):
        problem = _problem(raw, severity, code, message, column_of(raw, rtype, field_id) if field_id else "", value)
        named[id(problem)] = field_id or None
        return problem

    def err(code, message, field_id="", value=""):
        return make(Severity.ERROR, code, message, field_id, value)

    def warn(code, message, field_id="", value=""):
        return make(Severity.WARNING, code, message, field_id, value)

    for f in rtype.fields:
        if f.required and f.id not in values and f.id not in bad_cells and f.id not in raw.optional:
            yield err(codes.REQUIRED_MISSING, f"必填项「{f.label}」为空", f.id)
    for check in rtype.checks:
        for problem in check(values, err, warn, settings):
            # a cell already reported as invalid is not reported again as missing (nor as a missing fine);
            # a field the site declares optional is not required
            field_id = named.get(id(problem))
            if field_id in bad_cells or problem.code == codes.REQUIRED_MISSING and field_id in raw.optional:
                continue
            yield problem


def validate_rows(rows: Iterable[RawRow], rtype: RecordType, settings: Settings
                  ) -> tuple[list[Record], list[Problem], int]:
    """Records from rows with no error, every problem found, and how many rows were rejected."""
    records, problems, rejected = [], [], 0
    shared: dict[tuple, Mapping] = {}
    for raw in rows:
        if any(p.code == codes.FILE_SHAPE for p in raw.problems):  # not a record at all: nothing more to check
            problems.extend(raw.problems)
            rejected += 1
            continue
        values, row_problems = clean_row(raw, rtype)
        row_problems = raw.problems + row_problems
        bad_cells = {fid for fid, cell in raw.cells.items()
                     if any(p.column == cell.header for p in row_problems)}
        row_problems.extend(check_record(raw, rtype, values, bad_cells, settings))
        problems.extend(row_problems)
        if any(p.severity is Severity.ERROR for p in row_problems):
            rejected += 1
            continue
        headers = tuple((fid, cell.header) for fid, cell in raw.cells.items() if cell.header != MAPPING_FILE)
        if headers not in shared:  # the rows of one sheet share their headers: one mapping, not one per row
            shared[headers] = MappingProxyType(dict(headers))
        records.append(Record(rtype, values, Source(raw.file, raw.sheet, raw.row), shared[headers]))
    return records, problems, rejected


class Across:
    """Problems between records of one type, and the indexes of the records they reject."""

    def __init__(self, records: list[Record]):
        self.records = records
        self.problems: list[Problem] = []
        self.rejected: set[int] = set()

    def reject(self, index: int, other: Record, code: str, message: str) -> None:
        """Record `index` is refused because of `other`; the message names the other's place."""
        rec = self.records[index]
        rtype = rec.rtype
        self.problems.append(Problem(Severity.ERROR, code, f"{message}（另见 {other.source}）",
                                     rec.source.file, rec.source.sheet, rec.source.row, rec.header(rtype.key),
                                     str(rec.get(rtype.key, ""))))
        self.rejected.add(index)


def unique_keys(across: Across, settings: Settings) -> None:
    """No two records of the type share a key (a decision number): both places are named."""
    first_of: dict[str, int] = {}
    for i, rec in enumerate(across.records):
        if rec.key in first_of:
            first = first_of[rec.key]
            label = rec.rtype.field(rec.rtype.key).label
            across.reject(i, across.records[first], codes.DUPLICATE, f"{label}重复")
            if first not in across.rejected:
                across.reject(first, rec, codes.DUPLICATE, f"{label}重复")
            continue
        first_of[rec.key] = i


def page_folder(slug: str) -> str:
    """A page's folder as a disk that ignores letter case or Unicode form sees it (Windows, macOS)."""
    return unicodedata.normalize("NFKC", slug).casefold()


def distinct_pages(across: Across, settings: Settings) -> None:
    """Two different keys must not make the same address (〔2025〕1号 and [2025]1号), nor addresses that a disk
    ignoring letter case takes for one (ABC-1 and abc-1): the second page would overwrite the first."""
    by_page: dict[str, int] = {}
    seen_keys: set[str] = set()
    for i, rec in enumerate(across.records):
        if rec.key in seen_keys:
            continue  # the same key twice is unique_keys' business
        seen_keys.add(rec.key)
        folder = page_folder(rec.page)
        if folder in by_page:
            label = rec.rtype.field(rec.rtype.key).label
            other = across.records[by_page[folder]]
            same = "相同的页面地址" if other.page == rec.page else f"只差大小写的页面地址（{other.page} 与 {rec.page}）"
            across.reject(i, other, codes.DUPLICATE_ADDRESS,
                          f"与另一{label}生成{same}，在不区分大小写的磁盘上是同一个文件：请核对{label}写法")
        by_page.setdefault(folder, i)


def check_across(records: list[Record], rtype: RecordType, settings: Settings) -> tuple[list[Problem], set[int]]:
    """Duplicates and overlaps between records; returns problems and the indexes of records to reject."""
    across = Across(records)
    for check in rtype.across:
        check(across, settings)
    return across.problems, across.rejected
