"""Acceptance on real published lists from ../shared/real-data (present in CI and on developer machines)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import realdata_acceptance as acceptance  # noqa: E402

pytestmark = pytest.mark.realdata

if not acceptance.REAL.is_dir():
    if os.environ.get("CI"):
        raise RuntimeError(f"{acceptance.REAL} is missing: CI must run next to ../shared")
    pytest.skip("../shared/real-data is not beside this checkout", allow_module_level=True)


@pytest.fixture(scope="session")
def results():
    return acceptance.run("2026-03-10")


def test_every_taipei_row_is_accounted_for(results):
    for name, r in results.items():
        assert r["read"] == r["published"] + r["withheld"] + r["rejected"], name
        assert r["read"] + r["skipped_placeholders"] == r["lines"], name


def test_placeholder_rows_are_skipped_with_a_note(results):
    gender = results[acceptance.TAIPEI[0]]
    assert gender["skipped_placeholders"] > 0
    assert gender["problems_by_code"]["placeholder-row"] == gender["skipped_placeholders"]


def test_roc_dates_are_read(results):
    for r in results.values():
        assert r["published"] > 0
        # only genuinely impossible dates are refused, never the ROC form itself
        assert r["problems_by_code"].get("invalid-date", 0) <= 2


def test_multi_clause_cells_are_kept_whole(results):
    assert results[acceptance.TAIPEI[1]]["multi_clause_kept"] > 100


def test_problems_name_the_file_as_the_clerk_knows_it(results):
    for name, r in results.items():
        for example in r["examples"]:
            assert example.startswith(f"data/cases/{name}:"), example
