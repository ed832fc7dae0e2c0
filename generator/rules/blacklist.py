"""Serious-violation blacklist (SAMR Order 44): listing until removal or the automatic end. Pure."""
from __future__ import annotations

from datetime import date

from ..core.dates import add_years
from ..core.model import Decision, Record, Visibility
from ..core.settings import Settings
from .windows import RuleContext, code_key, window

REMOVAL_REASONS = {"信用修复": "credit-repair", "决定撤销": "removal-revoked"}


def blacklist_window(record: Record, settings: Settings) -> tuple[date, date]:
    start = record.get("listed_date")
    automatic = add_years(start, settings.blacklist_years)
    removed = record.get("removed_date")
    return start, min(automatic, removed) if removed else automatic


def cites_revoked(penalty_no: str | None, revoked: frozenset[str]) -> bool:
    """Whether a listing rests on a revoked penalty; the cell may hold several numbers or extra words."""
    if not penalty_no or not revoked:
        return False
    key = code_key(penalty_no)
    return any(number in key for number in revoked if number)


def decide_blacklist(record: Record, ctx: RuleContext) -> Decision:
    start, end = blacklist_window(record, ctx.settings)
    if cites_revoked(record.get("penalty_no"), ctx.revoked.get("cases", frozenset())):
        return Decision(Visibility.WITHDRAWN, "penalty-revoked", start, end)
    decision = window(start, end, ctx.as_of)
    if decision.visibility is Visibility.EXPIRED and record.get("removed_date") == end:
        reason = REMOVAL_REASONS.get(record.get("removal_reason"), "removed")
        withdrawn = Visibility.WITHDRAWN if reason != "removed" else Visibility.EXPIRED
        return Decision(withdrawn, reason, start, end)
    return decision
