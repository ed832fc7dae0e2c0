"""One data file, read and validated: the unit the build spreads over processes and caches between builds.

The result is plain data (field values, where each record came from, the problems found) so it can cross a
process boundary and be stored; the records are made again by the caller, which holds the record types.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    records: list[tuple[dict, Source, dict]]  # values, source, headers of each valid record
    problems: list[Problem]
    rejected: int

    def make_records(self, rtype: RecordType) -> list[Record]:
        return [Record(rtype, values, source, headers) for values, source, headers in self.records]


def intake_file(path: Path, rtype: RecordType, mapping: Mapping, settings: Settings, root: Path) -> FileResult:
    report = Report()
    rows = read_file(path, rtype, mapping, report, root, Limits.of(settings))
    records, problems, rejected = validate_rows(rows, rtype, settings)
    return FileResult(len(rows), [(dict(r.values), r.source, dict(r.headers)) for r in records],
                      report.problems + problems, rejected)
