"""Checks, as generators of Problems: per cell, per record, then across records."""
from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Iterator

from .dates import add_working_days, add_years
from .model import Record, Source, slugify
from .normalise import Invalid, cell_text, clean, fold
from .problems import Problem, Severity
from .readers import MAPPING_FILE, RawRow
from .redact import scan
from .schema import BLACKLIST, CASE, RecordType

# Penalties whose record may never be taken down early (Order 45 Art. 14).
NO_EARLY_STOP = {"责令停产停业", "限制开展生产经营活动", "限制从业", "降低资质等级", "吊销许可证件", "吊销营业执照"}
PUBLISH_DEADLINE_WORKING_DAYS = 20
BLACKLIST_YEARS = 3  # automatic removal (Order 44 Art. 21)


def _problem(raw: RawRow, severity: Severity, code: str, message: str, column: str = "", value="") -> Problem:
    return Problem(severity, code, message, raw.file, raw.sheet, raw.row, column, cell_text(value))


def hide(value) -> str:
    """A personal value as problems show it: enough to find the cell, not enough to read the number."""
    text = cell_text(value)
    return text[:3] + "*" * max(len(text) - 5, 1) + text[-2:] if len(text) > 5 else "*" * len(text)


def _person_cells(raw: RawRow, rtype: RecordType) -> dict:
    """A natural person has no credit code: what stands in that column is treated as an ID number."""
    cells = dict(raw.cells)
    party_type = cells.get("party_type")
    if rtype is CASE and party_type and fold(cell_text(party_type.value)) == "自然人" and "uscc" in cells:
        moved = cells.pop("uscc")
        if "id_number" not in cells or not cell_text(cells["id_number"].value):
            cells["id_number"] = moved
    return cells


def clean_row(raw: RawRow, rtype: RecordType) -> tuple[dict, list[Problem]]:
    """Clean values of every cell of the row, and a problem for each cell that cannot be used."""
    values, problems = {}, []
    for field_id, cell in _person_cells(raw, rtype).items():
        f = rtype.field(field_id)
        try:
            value = clean(f, cell.value, cell.unit)
        except Invalid as exc:
            personal = not f.public or exc.code == "uscc-looks-like-id"
            problems.append(_problem(raw, Severity.ERROR, exc.code, exc.message, cell.header,
                                     hide(cell.value) if personal else cell.value))
            continue
        found = scan(value)[1] if value is not None and f.kind == "code" else {}
        if found.keys() & {"id", "email"}:
            problems.append(_problem(raw, Severity.ERROR, "personal-data-in-code",
                                     f"「{cell.header}」中含有身份证号或邮箱，文号会出现在网址和页面中，不能公开这类内容",
                                     cell.header, hide(value)))
            continue
        if found.keys() & {"mobile", "bank"}:
            problems.append(_problem(raw, Severity.WARNING, "personal-data-in-code",
                                     f"「{cell.header}」中有一串像手机号或银行卡号的数字；如确是文号序号可忽略，否则请改正",
                                     cell.header, value))
        if value is not None:
            values[field_id] = value
    if rtype is CASE and "decision_no" in values and not slugify(values["decision_no"]):
        problems.append(_problem(raw, Severity.ERROR, "invalid-decision-no",
                                 "决定书文号中没有文字或数字，无法生成页面地址", _column(raw, rtype, "decision_no"),
                                 values.pop("decision_no")))
    return values, problems


def _field_of(problem: Problem, raw: RawRow, rtype: RecordType) -> str | None:
    return next((f.id for f in rtype.fields if _column(raw, rtype, f.id) == problem.column), None)


def _column(raw: RawRow, rtype: RecordType, field_id: str) -> str:
    cell = raw.cells.get(field_id)
    return cell.header if cell and cell.header != MAPPING_FILE else rtype.field(field_id).label


def check_record(raw: RawRow, rtype: RecordType, values: dict, bad_cells: set[str]) -> Iterator[Problem]:
    """Required fields and rules between fields of one record."""
    def err(code, message, field_id="", value=""):
        return _problem(raw, Severity.ERROR, code, message, _column(raw, rtype, field_id) if field_id else "", value)

    def warn(code, message, field_id="", value=""):
        return _problem(raw, Severity.WARNING, code, message, _column(raw, rtype, field_id) if field_id else "", value)

    for f in rtype.fields:
        if f.required and f.id not in values and f.id not in bad_cells and f.id not in raw.optional:
            yield err("required-missing", f"必填项「{f.label}」为空", f.id)
    checks = _CASE_CHECKS if rtype is CASE else _BLACKLIST_CHECKS
    for check in checks:
        for problem in check(values, err, warn):
            # a cell already reported as invalid is not reported again as missing (nor as a missing fine);
            # a field the site declares optional is not required
            field_id = _field_of(problem, raw, rtype)
            if field_id in bad_cells or problem.code == "required-missing" and field_id in raw.optional:
                continue
            yield problem


def _case_party(values, err, warn):
    if values.get("party_type") in ("法人及非法人组织", "个体工商户") and "uscc" not in values:
        yield err("required-missing", "法人及非法人组织、个体工商户须填写「统一社会信用代码」", "uscc")


def _case_dates(values, err, warn):
    decided, published = values.get("decision_date"), values.get("publish_date")
    if decided and published:
        if published < decided:
            yield err("date-order", "公示日期早于处罚决定日期", "publish_date", published.isoformat())
        elif published > add_working_days(decided, PUBLISH_DEADLINE_WORKING_DAYS):
            yield warn("late-publication",
                       f"公示日期晚于决定日期后 {PUBLISH_DEADLINE_WORKING_DAYS} 个工作日"
                       f"（应不晚于 {add_working_days(decided, PUBLISH_DEADLINE_WORKING_DAYS)}，未计法定节假日）",
                       "publish_date", published.isoformat())
    status_date = values.get("status_date")
    if decided and status_date and status_date < decided:
        yield err("date-order", "状态日期早于处罚决定日期", "status_date", status_date.isoformat())


def _case_status(values, err, warn):
    status = values.get("status", "有效")
    # A withdrawal must never be blocked by a missing detail: without its date it takes effect at once.
    if status != "有效" and "status_date" not in values:
        yield warn("status-incomplete", f"状态为「{status}」但未填写「状态日期」，按今日起生效处理，请补填", "status_date")
    if status != "有效" and "status_reason" not in values:
        yield warn("status-incomplete", f"状态为「{status}」但未填写「状态说明」，请补填", "status_reason")
    if status == "有效" and ("status_date" in values or "status_reason" in values):
        yield warn("status-incomplete", "填写了状态日期或状态说明，但状态为「有效」，是否漏填了状态？", "status")
    if status == "提前停止公示":
        forbidden = NO_EARLY_STOP.intersection(values.get("penalty_kind", ()))
        if forbidden:
            yield err("early-stop-forbidden",
                      f"处罚类别含「{'、'.join(sorted(forbidden))}」，依法不得提前停止公示",
                      "status", status)


def _case_amounts(values, err, warn):
    kinds = values.get("penalty_kind", ())
    if "罚款" in kinds and "fine" not in values:
        yield warn("fine-missing", "处罚类别含「罚款」但未填写罚款金额", "fine")


def _blacklist_dates(values, err, warn):
    listed, removed, reason = values.get("listed_date"), values.get("removed_date"), values.get("removal_reason")
    if removed and not reason:
        yield err("required-missing", "填写了移出日期时须填写「移出原因」", "removal_reason")
    if reason and not removed:
        yield err("required-missing", "填写了移出原因时须填写「移出日期」", "removed_date")
    if listed and removed and removed < listed:
        yield err("date-order", "移出日期早于列入日期", "removed_date", removed.isoformat())
    if listed and removed and reason == "信用修复" and removed < add_years(listed, 1):
        yield err("credit-repair-too-early",
                  f"信用修复须在列入满一年后申请（最早 {add_years(listed, 1)}），请核对移出日期",
                  "removed_date", removed.isoformat())


_CASE_CHECKS = (_case_party, _case_dates, _case_status, _case_amounts)
_BLACKLIST_CHECKS = (_blacklist_dates,)


def validate_rows(rows: Iterable[RawRow], rtype: RecordType) -> tuple[list[Record], list[Problem], int]:
    """Records from rows with no error, every problem found, and how many rows were rejected."""
    records, problems, rejected = [], [], 0
    for raw in rows:
        if any(p.code == "file-shape" for p in raw.problems):  # not a record at all: nothing more to check
            problems.extend(raw.problems)
            rejected += 1
            continue
        values, row_problems = clean_row(raw, rtype)
        row_problems = raw.problems + row_problems
        bad_cells = {fid for fid, cell in raw.cells.items()
                     if any(p.column == cell.header for p in row_problems)}
        row_problems.extend(check_record(raw, rtype, values, bad_cells))
        problems.extend(row_problems)
        if any(p.severity is Severity.ERROR for p in row_problems):
            rejected += 1
            continue
        headers = {fid: cell.header for fid, cell in raw.cells.items() if cell.header != MAPPING_FILE}
        records.append(Record(rtype, values, Source(raw.file, raw.sheet, raw.row), headers))
    return records, problems, rejected


def check_across(records: list[Record], rtype: RecordType, blacklist_years: int = BLACKLIST_YEARS
                 ) -> tuple[list[Problem], set[int]]:
    """Duplicates and overlaps between records; returns problems and the indexes of records to reject."""
    problems, rejected = [], set()

    def dup(index, other: Record, code, message):
        rec = records[index]
        problems.append(Problem(Severity.ERROR, code, f"{message}（另见 {other.source}）",
                                rec.source.file, rec.source.sheet, rec.source.row, rec.header(rtype.key),
                                str(rec.get(rtype.key, ""))))
        rejected.add(index)

    if rtype is CASE:
        by_key: dict[str, int] = {}
        by_slug: dict[str, int] = {}
        for i, rec in enumerate(records):
            if rec.key in by_key:
                first = by_key[rec.key]
                dup(i, records[first], "duplicate", "决定书文号重复")
                if first not in rejected:
                    dup(first, rec, "duplicate", "决定书文号重复")
                continue
            by_key[rec.key] = i
            if rec.slug in by_slug:
                dup(i, records[by_slug[rec.slug]], "duplicate-address",
                    "与另一决定书文号生成相同的页面地址，请核对文号写法")
            by_slug.setdefault(rec.slug, i)
    if rtype is BLACKLIST:
        by_code: dict[str, list[int]] = defaultdict(list)
        for i, rec in enumerate(records):
            by_code[rec.key].append(i)
        for indexes in by_code.values():
            for a_pos, a in enumerate(indexes):
                for b in indexes[a_pos + 1:]:
                    if _overlap(records[a], records[b], blacklist_years):
                        dup(b, records[a], "duplicate", "同一统一社会信用代码的列入期间重叠")
                        dup(a, records[b], "duplicate", "同一统一社会信用代码的列入期间重叠")
    return problems, rejected


def _overlap(a: Record, b: Record, years: int) -> bool:
    a_start, b_start = a.get("listed_date"), b.get("listed_date")
    a_end = a.get("removed_date") or add_years(a_start, years)
    b_end = b.get("removed_date") or add_years(b_start, years)
    return a_start < b_end and b_start < a_end
