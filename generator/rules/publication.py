"""Every record decided for one as-of date: what is public (as redacted views), what is withheld and why,
and when that changes next. Everything the site shows is computed here, before anything is written.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Iterable

from ..core.model import Campaign, Dataset, Decision, Record
from ..core.schema import RecordType
from ..core.settings import Settings
from .redact import RedactionLog, public_campaign, public_view
from .windows import RuleContext

LEAVING_SOON_DAYS = 30


@dataclass(frozen=True)
class Entry:
    """A public record as the site shows it: the redacted view plus its dates. No personal field inside."""

    rtype: RecordType
    page: str  # address segment: /<type>/<page>/
    view: dict
    public_from: date
    public_until: date  # first day it is no longer shown
    rules: str = ""  # the law it is published under: "market" or "credit" (core.lawsettings)
    repair_from: date | None = None  # first day the party may apply to end publication early
    # a digest of what the view was made from (the record's values, the settings, the names masked), where the
    # build has one: it stands for the view in the digest of what a page shows (output.context)
    view_digest: str = field(default="", compare=False, repr=False)

    def role(self, role: str, default=None):
        """The public value of the field that plays `role` (core.schema.Roles) for this type."""
        field_id = getattr(self.rtype.roles, role)
        value = self.view.get(field_id) if field_id else None
        return default if value is None else value

    @property
    def last_day(self) -> date:
        return self.public_until - timedelta(days=1)

    @property
    def until(self) -> date:
        """The day the type's "until" column holds (RecordType.until): 公示截止 or 预计移出日期."""
        return getattr(self, self.rtype.until)

    @property
    def url(self) -> str:
        return f"{self.rtype.name}/{self.page}/"

    @property
    def entry_id(self) -> str:
        return self.rtype.entry_id(self.view)


@dataclass
class Publication:
    """What is public on the as-of date, what is withheld and why, and when that changes next."""

    as_of: date
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    withheld: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    next_change: date | None = None
    leaving_soon: list[Entry] = field(default_factory=list)
    redactions: RedactionLog = field(default_factory=RedactionLog)
    withheld_ids: dict[str, str] = field(default_factory=dict)  # "type:entry id" -> reason code
    withheld_rows: list[tuple] = field(default_factory=list)  # (type, entry id, reason code, Source), for the report
    campaigns: list[Campaign] = field(default_factory=list)  # as published

    def all_entries(self) -> list[Entry]:
        return [entry for entries in self.entries.values() for entry in entries]

    def counts(self, dataset: Dataset) -> dict:
        result = {}
        for name in dataset.read:
            result[name] = {
                "read": dataset.read.get(name, 0),
                "published": len(self.entries.get(name, [])),
                "withheld": sum(self.withheld[name].values()),
                "rejected": dataset.rejected.get(name, 0),
                "withheld_by_reason": dict(self.withheld[name]),
            }
        return result


def rule_context(dataset: Dataset, registry: Iterable[RecordType], settings: Settings, as_of: date
                 ) -> tuple[RuleContext, list[date]]:
    """The context of this build's decisions, and the future days on which a revocation takes effect."""
    revoked, ahead = {}, []
    for rtype in registry:
        if rtype.revocations is None:
            continue
        dates = rtype.revocations(dataset.records.get(rtype.name, []))
        revoked[rtype.name] = frozenset(code for code, day in dates.items() if day is None or day <= as_of)
        ahead += [day for day in dates.values() if day is not None and day > as_of]
    return RuleContext(as_of, settings, revoked), ahead


def views_of(records: list[Record], settings: Settings,
             names: frozenset[str]) -> list[tuple[dict, RedactionLog, str]]:
    """The public view of each record, what was masked in it, and no digest of its inputs."""
    out = []
    for record in records:
        log = RedactionLog()
        out.append((public_view(record, settings, log, names), log, ""))
    return out


ViewMaker = Callable[[list[Record], Settings, frozenset], list[tuple[dict, RedactionLog, str]]]


def decide_each(rtype: RecordType, records: list[Record], ctx: RuleContext) -> list[Decision]:
    return [rtype.decide(record, ctx) for record in records]


Decider = Callable[[RecordType, list[Record], RuleContext], list[Decision]]


def publish(dataset: Dataset, registry: Iterable[RecordType], settings: Settings, as_of: date,
            names: frozenset[str], view_maker: ViewMaker = views_of, decider: Decider = decide_each) -> Publication:
    """Decide every record (by `decider`) and build the public views of those shown (by `view_maker`); the
    build remembers both between builds, and spreads the views over processes."""
    registry = tuple(registry)
    pub = Publication(as_of)
    ctx, changes = rule_context(dataset, registry, settings, as_of)
    for rtype in registry:
        public = []
        records = dataset.records.get(rtype.name, [])
        for record, decision in zip(records, decider(rtype, records, ctx)):
            if decision.next_change:
                changes.append(decision.next_change)
            if not decision.visibility.is_public:
                pub.withheld[rtype.name][decision.reason] += 1
                pub.withheld_ids[f"{rtype.name}:{rtype.entry_id(record.values)}"] = decision.reason
                pub.withheld_rows.append((rtype.name, rtype.entry_id(record.values), decision.reason, record.source))
                continue
            public.append((record, decision))
        shown = []
        for (record, decision), (view, log, digest) in zip(public, view_maker([r for r, _ in public], settings,
                                                                               names)):
            pub.redactions.counts.update(log.counts)
            entry = Entry(rtype, record.page, view, decision.public_from, decision.public_until, decision.rules,
                          decision.repair_from, digest)
            shown.append(entry)
            if decision.public_until <= as_of + timedelta(days=LEAVING_SOON_DAYS):
                pub.leaving_soon.append(entry)
        pub.entries[rtype.name] = shown
    pub.next_change = min(changes) if changes else None
    pub.campaigns = [public_campaign(c, names) for c in dataset.campaigns]
    return pub
