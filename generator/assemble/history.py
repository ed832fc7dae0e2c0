"""The record of what changed: a manifest of what is public, compared with the previous build's.

Additions are listed with names (they are public now); removals only by decision number or entry id and
the reason, so a party that has left the site is not named again. Kept in settings.history_dir, outside the
published site.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..core import codes
from ..core.problems import Report
from ..rules.publication import Publication
from ..rules.windows import code_key, public_reason

MANIFEST = "manifest.json"
HISTORY = "history.json"
HISTORY_LIMIT = 500  # events kept; older ones drop off the /changes/ page


def manifest_of(pub: Publication) -> dict:
    records = {}
    for type_name, entries in pub.entries.items():
        for e in entries:
            records[f"{type_name}:{e.entry_id}"] = {"type": type_name, "name": e.role("name"), "url": e.url}
    return {"as_of": pub.as_of.isoformat(), "records": records}


@dataclass
class History:
    folder: Path
    previous: dict | None
    events: list[dict]

    @classmethod
    def load(cls, folder: Path, report: Report, shown_as: str) -> "History":
        """The saved manifest and events; a damaged file is reported and the log starts afresh."""
        def read(name, valid):
            path = folder / name
            if not path.exists():
                return None
            try:
                data = _renamed(json.loads(path.read_text(encoding="utf-8")))
                if valid(data):
                    return data
                problem = "内容不完整"
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                problem = str(exc)
            report.warning(codes.HISTORY_RESET, f"更新记录文件已损坏（{problem}），“更新记录”将从本次生成重新开始",
                           file=f"{shown_as}/{name}")
            return None
        return cls(folder, read(MANIFEST, _valid_manifest), read(HISTORY, _valid_events) or [])

    def compare(self, pub: Publication) -> tuple[dict, list[dict]]:
        """The new manifest, and the event list including this build's changes (if any)."""
        current = manifest_of(pub)
        events = list(self.events)
        if self.previous is None:
            events.append({"date": current["as_of"], "first": True, "added": [], "removed": [],
                           "count": len(current["records"])})
            return current, events[-HISTORY_LIMIT:]
        if current["as_of"] < self.previous.get("as_of", ""):
            return current, events  # a rebuild of an earlier day: it neither adds to nor rewrites the log
        before, now = self.previous.get("records", {}), current["records"]
        if before.keys() == now.keys():  # the same records public (the daily build of a quiet day): no event
            return current, events[-HISTORY_LIMIT:]
        # a number written with other brackets (〔2026〕 for [2026]) is the same record
        known_before, known_now = {_same(k) for k in before}, {_same(k) for k in now}
        added = [{"type": v["type"], "id": k.split(":", 1)[1], "name": v["name"], "url": v["url"]}
                 for k, v in now.items() if _same(k) not in known_before]
        removed = []
        withheld = {_same(k): reason for k, reason in pub.withheld_ids.items()}
        for key, old in before.items():
            if _same(key) not in known_now:
                removed.append({"type": old["type"], "id": key.split(":", 1)[1],
                                "reason": public_reason(withheld.get(_same(key)))})
        if added or removed:
            events.append({"date": current["as_of"], "first": False, "added": added, "removed": removed,
                           "count": len(now)})
        return current, events[-HISTORY_LIMIT:]

    def moves_forward(self, manifest: dict) -> bool:
        """Whether this build is the newest so far; only such a build becomes the base of the next comparison."""
        return self.previous is None or manifest["as_of"] >= self.previous.get("as_of", "")

    def save(self, manifest: dict, events: list[dict]) -> None:
        if not self.moves_forward(manifest) or (manifest == self.previous and events == self.events):
            return  # an earlier day's rebuild, or nothing to record: the files stay as they are
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, data in ((MANIFEST, manifest), (HISTORY, events)):
            tmp = self.folder / (name + ".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            tmp.replace(self.folder / name)


def _renamed(data):
    """Files written before "kind" was called "type" (2026-12): read as if written today."""
    if isinstance(data, dict):
        return {("type" if k == "kind" else k): _renamed(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_renamed(v) for v in data]
    return data


def _same(key: str) -> str:
    """A manifest key compared loosely: the type, and the id whatever its brackets, width or spacing."""
    type_name, _, entry_id = key.partition(":")
    return f"{type_name}:{code_key(entry_id)}"


def _valid_manifest(data) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("as_of"), str) and isinstance(data.get("records"), dict)
            and all(isinstance(v, dict) and {"type", "name", "url"} <= v.keys() for v in data["records"].values()))


_EVENT_KEYS = {"date", "first", "added", "removed", "count"}


def _valid_events(data) -> bool:
    return isinstance(data, list) and all(
        isinstance(e, dict) and _EVENT_KEYS <= e.keys() and isinstance(e["added"], list)
        and isinstance(e["removed"], list) and all(isinstance(a, dict) and {"type", "id"} <= a.keys()
                                                   for a in e["added"] + e["removed"])
        for e in data)


def public_events(events: list[dict], live: dict[str, dict]) -> list[dict]:
    """Events as the site shows them, newest first.

    An addition shows the record's current public name and link only while it is still public; once it
    has left, only its decision number or entry id remains.
    """
    shown = []
    for event in reversed(events):
        added = []
        for a in event["added"]:
            now = live.get(f"{a['type']}:{a['id']}")
            added.append({"type": a["type"], "id": a["id"], "name": now["name"] if now else "",
                          "url": now["url"] if now else ""})
        removed = [{"type": r["type"], "id": r["id"], "reason": r["reason"]} for r in event["removed"]]
        shown.append({"date": event["date"], "first": event["first"], "count": event["count"],
                      "added": added, "removed": removed})
    return shown
