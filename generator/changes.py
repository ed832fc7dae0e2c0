"""The record of what changed: a manifest of what is public, compared with the previous build's.

Additions are listed with names (they are public now); removals only by decision number or entry id and
the reason, so a party that has left the site is not named again.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path


MANIFEST = "manifest.json"
HISTORY = "history.json"
HISTORY_LIMIT = 500  # events kept; older ones drop off the /changes/ page


def entry_id(kind: str, values) -> str:
    """The public identifier of a record in the change log: a decision number, or a listing's own id."""
    if kind == "cases":
        return values["decision_no"]
    if values.get("listing_no"):
        return values["listing_no"]
    digest = hashlib.sha1(f"{values['uscc']}|{values['listed_date']}".encode()).hexdigest()[:10].upper()
    return f"BL-{digest}"


def manifest_of(pub) -> dict:
    records = {}
    for kind, entries in pub.entries.items():
        for e in entries:
            records[f"{kind}:{entry_id(kind, e.view)}"] = {"kind": kind, "name": e.view["party_name"], "url": e.url}
    return {"as_of": pub.as_of.isoformat(), "records": records}


@dataclass
class History:
    folder: Path
    previous: dict | None
    events: list[dict]

    @classmethod
    def load(cls, folder: Path) -> "History":
        def read(name):
            path = folder / name
            try:
                return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
            except (OSError, ValueError):
                return None  # a damaged history starts afresh rather than stopping the build
        return cls(folder, read(MANIFEST), read(HISTORY) or [])

    def compare(self, pub) -> tuple[dict, list[dict]]:
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
        added = [{"kind": v["kind"], "id": k.split(":", 1)[1], "name": v["name"], "url": v["url"]}
                 for k, v in now.items() if k not in before]
        removed = []
        for key, old in before.items():
            if key not in now:
                removed.append({"kind": old["kind"], "id": key.split(":", 1)[1],
                                "reason": public_reason(pub.withheld_ids.get(key))})
        if added or removed:
            events.append({"date": current["as_of"], "first": False, "added": added, "removed": removed,
                           "count": len(now)})
        return current, events[-HISTORY_LIMIT:]

    def moves_forward(self, manifest: dict) -> bool:
        """Whether this build is the newest so far; only such a build becomes the base of the next comparison."""
        return self.previous is None or manifest["as_of"] >= self.previous.get("as_of", "")

    def save(self, manifest: dict, events: list[dict]) -> None:
        if not self.moves_forward(manifest):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, data in ((MANIFEST, manifest), (HISTORY, events)):
            tmp = self.folder / (name + ".tmp")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
            tmp.replace(self.folder / name)


# Why a record left the site, as the public may be told. Reasons that would say something the law keeps
# private (a minor, a summary-procedure case) are all "no longer published under the rules".
PUBLIC_REASONS = {"expired": "expired", "removed": "expired", "revoked": "revoked", "early-stop": "early-stop",
                  "credit-repair": "credit-repair", "removal-revoked": "removal-revoked",
                  "penalty-revoked": "penalty-revoked"}


def public_reason(reason: str | None) -> str:
    if reason is None:
        return "deleted"
    return PUBLIC_REASONS.get(reason, "not-public")


def public_events(events: list[dict], live: dict[str, dict]) -> list[dict]:
    """Events as the site shows them, newest first.

    An addition shows the record's current public name and link only while it is still public; once it
    has left, only its decision number or entry id remains.
    """
    shown = []
    for event in reversed(events):
        added = []
        for a in event["added"]:
            now = live.get(f"{a['kind']}:{a['id']}")
            added.append({"kind": a["kind"], "id": a["id"], "name": now["name"] if now else "",
                          "url": now["url"] if now else ""})
        removed = [{"kind": r["kind"], "id": r["id"], "reason": r["reason"]} for r in event["removed"]]
        shown.append({"date": event["date"], "first": event["first"], "count": event["count"],
                      "added": added, "removed": removed})
    return shown
