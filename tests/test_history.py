"""build.history: the change log compares what is public now with the last published build."""
from __future__ import annotations

import json
from collections import Counter
from datetime import date
from decimal import Decimal

from generator.assemble.history import History, manifest_of, public_events
from generator.core.problems import Report
from generator.recordtypes.cases import CASES
from generator.rules.publication import Entry, Publication

A, B = "测试罚〔2026〕1号", "测试罚〔2026〕2号"


def pub(as_of: str, *numbers: str, withheld: dict[str, str] | None = None) -> Publication:
    entries = [Entry(CASES, n, {"decision_no": n, "party_name": f"公司{n}", "fine": Decimal("1")},
                     date(2026, 1, 1), date(2029, 1, 1)) for n in numbers]
    return Publication(date.fromisoformat(as_of), entries={"cases": entries}, withheld={"cases": Counter()},
                       withheld_ids={f"cases:{k}": v for k, v in (withheld or {}).items()})


def load(folder, report=None) -> History:
    return History.load(folder, report or Report(), ".disclosure")


def test_the_first_build_starts_the_log(tmp_path):
    manifest, events = load(tmp_path).compare(pub("2026-06-01", A))
    assert manifest["records"] == {f"cases:{A}": {"type": "cases", "name": f"公司{A}", "url": f"cases/{A}/"}}
    assert events == [{"date": "2026-06-01", "first": True, "added": [], "removed": [], "count": 1}]


def test_additions_and_removals_with_a_public_reason(tmp_path):
    history = load(tmp_path)
    history.save(*history.compare(pub("2026-06-01", A)))
    later = load(tmp_path)
    manifest, events = later.compare(pub("2026-07-01", B, withheld={A: "minor"}))
    event = events[-1]
    assert event["added"] == [{"type": "cases", "id": B, "name": f"公司{B}", "url": f"cases/{B}/"}]
    # a record withdrawn for a reason the law keeps private is only "no longer published"
    assert event["removed"] == [{"type": "cases", "id": A, "reason": "not-public"}]
    _, events = later.compare(pub("2026-07-01", B, withheld={A: "revoked"}))
    assert events[-1]["removed"][0]["reason"] == "revoked"
    _, events = later.compare(pub("2026-07-01", B))
    assert events[-1]["removed"][0]["reason"] == "deleted"


def test_an_unchanged_day_adds_no_event_and_an_earlier_day_rewrites_nothing(tmp_path):
    history = load(tmp_path)
    history.save(*history.compare(pub("2026-06-01", A)))
    again = load(tmp_path)
    assert len(again.compare(pub("2026-06-02", A))[1]) == 1
    manifest, events = again.compare(pub("2026-05-01", B))
    assert len(events) == 1 and not again.moves_forward(manifest)
    again.save(manifest, events)
    assert json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["as_of"] == "2026-06-01"


def test_a_damaged_log_is_reported_and_starts_afresh(tmp_path):
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "history.json").write_text('[{"date": "2026-01-01"}]', encoding="utf-8")
    report = Report()
    history = load(tmp_path, report)
    assert [(p.code, p.file) for p in report.problems] == [("history-reset", ".disclosure/manifest.json"),
                                                           ("history-reset", ".disclosure/history.json")]
    assert history.previous is None and history.events == []
    assert history.compare(pub("2026-06-01", A))[1][0]["first"] is True


def test_public_events_name_only_records_still_public():
    events = [{"date": "2026-06-01", "first": False, "count": 2, "removed": [],
               "added": [{"type": "cases", "id": A, "name": "old", "url": "x"},
                         {"type": "cases", "id": B, "name": "old", "url": "y"}]}]
    live = manifest_of(pub("2026-07-01", B))["records"]
    shown = public_events(events, live)[0]["added"]
    assert shown == [{"type": "cases", "id": A, "name": "", "url": ""},
                     {"type": "cases", "id": B, "name": f"公司{B}", "url": f"cases/{B}/"}]


def test_a_log_written_before_kind_was_called_type_is_read_as_it_was(tmp_path):
    old = {"as_of": "2026-06-01", "records": {f"cases:{A}": {"kind": "cases", "name": f"公司{A}", "url": f"cases/{A}/"}}}
    (tmp_path / "manifest.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    report = Report()
    history = load(tmp_path, report)
    assert report.problems == [] and history.previous["records"][f"cases:{A}"]["type"] == "cases"
    _, events = history.compare(pub("2026-07-01", A, B))
    assert [a["id"] for a in events[-1]["added"]] == [B]  # A was there before: not added again
