"""Problems found while reading data: positioned, collected all at once, printable as text or JSON."""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from enum import Enum


class Invalid(ValueError):
    """A value that cannot be used; carries a problem code and a clerk-readable message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class Unreadable(Exception):
    """A file that cannot be read as its format: damaged, truncated, or not what its name says."""


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth knowing) about the input, with its place as the clerk sees it."""

    severity: Severity
    code: str
    message: str
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""

    def place(self) -> str:
        parts = [self.file or "-"]
        if self.sheet:
            parts[0] += f":{self.sheet}"
        if self.row is not None:
            parts[0] += f"!{self.row}" if self.sheet else f":{self.row}"
        if self.column:
            parts.append(self.column)
        return ":".join(parts)

    def text(self) -> str:
        label = {"error": "错误", "warning": "警告", "note": "提示"}[self.severity.value]
        value = f"（值：「{self.value}」）" if self.value else ""
        return f"{self.place()}: {label} [{self.code}] {self.message}{value}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass
class Report:
    """Collects every problem of a run; nothing stops at the first one."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    def error(self, code: str, message: str, **where) -> None:
        self.add(Problem(Severity.ERROR, code, message, **where))

    def warning(self, code: str, message: str, **where) -> None:
        self.add(Problem(Severity.WARNING, code, message, **where))

    def note(self, code: str, message: str, **where) -> None:
        self.add(Problem(Severity.NOTE, code, message, **where))

    def errors(self, strict: bool = False) -> list[Problem]:
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return [p for p in self.problems if p.severity in failing]

    def has_errors(self, strict: bool = False) -> bool:
        return bool(self.errors(strict))

    def counts(self) -> Counter:
        return Counter(p.severity.value for p in self.problems)

    def sorted(self) -> list[Problem]:
        order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
        return sorted(
            self.problems,
            key=lambda p: (order[p.severity], p.file, p.sheet, p.row or 0, p.column, p.code),
        )

    def text(self, limit: int | None = None) -> str:
        """Every problem, one per line; with a limit, the first `limit` and how many more there are."""
        found = self.sorted()
        lines = [p.text() for p in (found if limit is None else found[:limit])]
        if limit is not None and len(found) > limit:
            lines.append(f"……另有 {len(found) - limit} 个问题未显示，见报告文件")
        return "\n".join(lines)
