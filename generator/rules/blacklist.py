"""Serious-violation blacklist (SAMR Order 44, for every authority: the list is market regulation's): listing
until removal, the automatic end or a longer restriction's end. Pure."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ..core.dates import add_years
from ..core.lawsettings import MARKET
from ..core.model import Decision, Record, Visibility
from ..core.settings import Settings
from .windows import RuleContext, code_key, window

REMOVAL_REASONS = {"信用修复": "credit-repair", "决定撤销": "removal-revoked"}


def blacklist_window(record: Record, settings: Settings) -> tuple[date, date]:
    """(listing date, removal date: the first day off the list). Automatic removal after blacklist_years, or
    the day after a longer restriction of business or of practice ends (Order 44 Art. 21); earlier when the
    data says it was removed."""
    start = record.get("listed_date")
    automatic = add_years(start, settings.blacklist_years)
    restriction = record.get("restriction_until") if record.rtype.has_field("restriction_until") else None
    if restriction and restriction >= automatic:
        automatic = restriction + timedelta(days=1) if restriction < date.max else date.max
    removed = record.get("removed_date")
    return start, min(automatic, removed) if removed else automatic


def repair_from(record: Record, settings: Settings) -> date:
    """The first day a listed party may apply for credit repair (Order 44 Art. 16: one year on the list)."""
    return add_years(record.get("listed_date"), settings.credit_repair_min_years)


def cites_revoked(penalty_no: str | None, revoked: frozenset[str]) -> bool:
    """Whether a listing rests on a revoked penalty; the cell may hold several numbers or extra words."""
    if not penalty_no or not revoked:
        return False
    key = code_key(penalty_no)
    return any(number in key for number in revoked if number)


def decide_blacklist(record: Record, ctx: RuleContext) -> Decision:
    start, end = blacklist_window(record, ctx.settings)
    repair = repair_from(record, ctx.settings)
    if cites_revoked(record.get("penalty_no"), ctx.revoked.get("cases", frozenset())):
        return Decision(Visibility.WITHDRAWN, "penalty-revoked", start, end, rules=MARKET, repair_from=repair)
    decision = replace(window(start, end, ctx.as_of), rules=MARKET, repair_from=repair)
    if decision.visibility is Visibility.EXPIRED and record.get("removed_date") == end:
        reason = REMOVAL_REASONS.get(record.get("removal_reason"), "removed")
        withdrawn = Visibility.WITHDRAWN if reason != "removed" else Visibility.EXPIRED
        return replace(decision, visibility=withdrawn, reason=reason, next_change=None)
    return decision
