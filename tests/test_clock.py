"""One clock: only core/clock.py reads the machine's date, only the entry points ask it, and the tests pass
whatever date the machine has (shown here by running the date-sensitive tests under faked dates).
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT

WALL_CLOCK = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow"),
              ("time", "time"), ("time", "localtime"), ("time", "gmtime")}
CLOCK_MODULE = PROJECT / "generator" / "core" / "clock.py"
ENTRY_POINTS = {PROJECT / "generator" / "cli" / "__init__.py", PROJECT / "generator" / "adapters" / "mkdocs" / "plugin.py"}


def wall_clock_reads(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in WALL_CLOCK:
                found.append(f"{path.relative_to(PROJECT)}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_only_the_clock_module_reads_the_machine_date():
    reads = [r for path in sorted((PROJECT / "generator").rglob("*.py")) if path != CLOCK_MODULE
             for r in wall_clock_reads(path)]
    assert reads == []
    assert wall_clock_reads(CLOCK_MODULE), "the clock module itself must be where today comes from"


def test_only_entry_points_ask_the_clock():
    askers = {path for path in (PROJECT / "generator").rglob("*.py")
              if "system_today" in path.read_text(encoding="utf-8") and path != CLOCK_MODULE}
    assert askers == ENTRY_POINTS


def test_no_test_reads_the_machine_date():
    reads = [r for path in sorted((PROJECT / "tests").glob("*.py")) for r in wall_clock_reads(path)]
    assert reads == []


# Plain `mkdocs build`, the one entry point that asks the machine's clock itself, refusing a date after the
# machine's today: what a machine date would change first. That a site's bytes do not depend on the machine's
# date is test_determinism.py's; the whole suite passes under faked dates too (`make test-dates`).
DATE_SENSITIVE = ["tests/test_edges.py::test_plain_mkdocs_build_refuses_a_future_date_and_bad_dates"]


@pytest.mark.parametrize("machine_date", ["2024-01-01", "2035-12-31"])
def test_date_sensitive_tests_pass_whatever_the_machine_date(machine_date):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FAKETIME", "LD_PRELOAD"))}
    done = subprocess.run(["faketime", f"{machine_date} 12:00:00", sys.executable, "-m", "pytest", "-q",
                           "-p", "no:cacheprovider", *DATE_SENSITIVE],
                          cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout
