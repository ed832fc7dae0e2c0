"""One clock: only core/clock.py reads the machine's date, only the entry points ask it, and the tests pass
whatever date the machine has (shown here by running the date-sensitive tests under faked dates).
"""
from __future__ import annotations

import ast
from datetime import date
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, at_day, case_row

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


# The two entry points ask the machine's clock, and what they hear is the machine's date whatever it is: each
# refuses a live build dated after the machine's today and names that today. Run under faked machine dates at
# either end of the range; the whole suite under those dates is `make test-dates`, and that a site's bytes do not
# depend on the machine's date is test_determinism.py's.
ENTRY_COMMANDS = {
    "command line": lambda config: [sys.executable, "-m", "generator", "-f", str(config), "build", "-q",
                                    "--as-of", "2099-01-01"],
    "plain mkdocs build": lambda config: [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
}


@pytest.mark.parametrize("entry", sorted(ENTRY_COMMANDS))
@pytest.mark.parametrize("machine_date", ["2024-01-01", "2035-12-31"])
def test_entry_points_take_today_from_the_machine_whatever_its_date(fixture_site, machine_date, entry):
    fixture_site.cases_csv([case_row(1)])
    env = dict(os.environ, DISCLOSURE_AS_OF="2099-01-01")
    done = subprocess.run(at_day(ENTRY_COMMANDS[entry](fixture_site.config), date.fromisoformat(machine_date)),
                          cwd=fixture_site.root, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"判断日期 2099-01-01 晚于今天（{machine_date}）" in done.stderr + done.stdout
    assert "Traceback" not in done.stderr and not fixture_site.site.exists()
