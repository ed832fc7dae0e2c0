"""One data file, read and validated: the unit the build spreads over processes and caches between builds.

The result is plain data (field values, where each record came from, the problems found) so it can cross a
process boundary and be stored; the records are made again by the caller, which holds the record types.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ..core.model import Record, Source
from ..core.problems import Problem, Report
from ..core.schema import RecordType
from ..core.settings import Settings
from .files import read_file
from .limits import Limits
from .mapping import Mapping
from .validate import validate_rows


@dataclass
class FileResult:
    rows: int  # data rows read (placeholder and empty rows are not rows)
    records: list[tuple[dict, Source, int]]  # values, source and headers (an index in `headers`) of each record
    problems: list[Problem]
    rejected: int
    headers: list[dict] = field(default_factory=list)  # field id -> column header, one per sheet layout

    def make_records(self, rtype: RecordType) -> list[Record]:
        shared = [MappingProxyType(h) for h in self.headers]
        return [Record(rtype, values, source, shared[h]) for values, source, h in self.records]


def intake_file(path: Path, rtype: RecordType, mapping: Mapping, settings: Settings, root: Path) -> FileResult:
    report = Report()
    rows = read_file(path, rtype, mapping, report, root, Limits.of(settings))
    records, problems, rejected = validate_rows(rows, rtype, settings)
    layouts: dict[int, int] = {}  # id of a record's shared headers -> its index
    headers: list[dict] = []
    plain = []
    for r in records:
        if id(r.headers) not in layouts:
            layouts[id(r.headers)] = len(headers)
            headers.append(dict(r.headers))
        plain.append((dict(r.values), r.source, layouts[id(r.headers)]))
    return FileResult(len(rows), plain, report.problems + problems, rejected, headers)
