"""Who may see what, on which day: pure functions of a record, the settings and the as-of date. No clock here."""
from __future__ import annotations

from datetime import date, timedelta

from .config import Settings
from .model import Decision, Record, Visibility, slugify
from .dates import add_months, add_years
from .identifiers import birth_date

# Reason codes and what they mean to a clerk; the site's own wording lives in the templates.
REASONS = {
    "public": "公开中",
    "minor": "未成年人案件，依法不公示",
    "summary-procedure": "简易程序案件，依法不公示",
    "warning-only": "仅受到警告，依法不公示",
    "embargoed": "未到公示日期",
    "expired": "公示期满",
    "revoked": "处罚决定已撤销",
    "early-stop": "已提前停止公示",
    "credit-repair": "已信用修复移出名单",
    "removal-revoked": "列入决定已撤销",
    "removed": "已期满移出名单",
    "penalty-revoked": "所依据的处罚决定已撤销",
}


RESTRICTIONS = {"限制开展生产经营活动", "限制从业"}


def is_minor(record: Record) -> bool:
    """Marked as a minor, or an ID number saying the party was under 18 on the decision date."""
    if record.get("minor") == "是":
        return True
    born, decided = birth_date(record.get("id_number") or ""), record.get("decision_date")
    if born is None or decided is None:
        return False
    try:
        adult_from = born.replace(year=born.year + 18)
    except ValueError:  # born on 29 February: an adult from 1 March
        adult_from = date(born.year + 18, 3, 1)
    return decided < adult_from


def code_key(text: str | None) -> str:
    """A decision number compared loosely: any bracket style, width or spacing writes the same number."""
    return slugify(text or "")


def cites_revoked(penalty_no: str | None, revoked_cases: frozenset) -> bool:
    """Whether a listing rests on a revoked penalty; the cell may hold several numbers or extra words."""
    if not penalty_no or not revoked_cases:
        return False
    key = code_key(penalty_no)
    return any(number in key for number in revoked_cases if number)


def case_window_is_short(record: Record, settings: Settings) -> bool:
    """Only a public criticism and/or a lower-amount fine (besides a warning): 3 months instead of 3 years."""
    kinds = set(record.get("penalty_kind", ())) - {"警告"}
    if not kinds or not kinds <= {"通报批评", "罚款"}:
        return False
    return "罚款" not in kinds or record.get("fine", 0) <= settings.lower_fine_threshold


def case_window(record: Record, settings: Settings) -> tuple[date, date]:
    """(first public day, first day no longer public) of a case, before any withdrawal."""
    start = record.get("publish_date") or record.get("decision_date")
    if case_window_is_short(record, settings):
        end = add_months(start, settings.short_window_months)
    else:
        end = add_years(start, settings.long_window_years)
    restriction = record.get("restriction_until")
    # Only a restriction of business or of practice lasting longer than the window extends it (Art. 13).
    restricts = RESTRICTIONS.intersection(record.get("penalty_kind", ()))
    if restriction and restricts and restriction >= end:
        end = restriction + timedelta(days=1) if restriction < date.max else date.max
    return start, end


def decide_case(record: Record, as_of: date, settings: Settings) -> Decision:
    if is_minor(record):
        return Decision(Visibility.NEVER, "minor")
    if record.get("procedure") == "简易程序":
        return Decision(Visibility.NEVER, "summary-procedure")
    if set(record.get("penalty_kind", ())) <= {"警告"}:
        return Decision(Visibility.NEVER, "warning-only")
    start, end = case_window(record, settings)
    status = record.get("status", "有效")
    status_date = record.get("status_date")
    if status in ("已撤销", "提前停止公示"):
        reason = "revoked" if status == "已撤销" else "early-stop"
        # A withdrawal dated in the future ends the window on that day.
        if status_date is None or status_date <= as_of:
            return Decision(Visibility.WITHDRAWN, reason, start, min(end, status_date or as_of))
        end = min(end, status_date)
    return _window(start, end, as_of)


def blacklist_window(record: Record, settings: Settings) -> tuple[date, date]:
    start = record.get("listed_date")
    automatic = add_years(start, settings.blacklist_years)
    removed = record.get("removed_date")
    return start, min(automatic, removed) if removed else automatic


def decide_blacklist(record: Record, as_of: date, settings: Settings, revoked_cases: frozenset = frozenset()
                     ) -> Decision:
    start, end = blacklist_window(record, settings)
    if cites_revoked(record.get("penalty_no"), revoked_cases):
        return Decision(Visibility.WITHDRAWN, "penalty-revoked", start, end)
    decision = _window(start, end, as_of)
    if decision.visibility is Visibility.EXPIRED and record.get("removed_date") == end:
        reason = {"信用修复": "credit-repair", "决定撤销": "removal-revoked"}.get(
            record.get("removal_reason"), "removed")
        withdrawn = Visibility.WITHDRAWN if reason != "removed" else Visibility.EXPIRED
        return Decision(withdrawn, reason, start, end)
    return decision


def _window(start: date, end: date, as_of: date) -> Decision:
    if as_of < start:
        return Decision(Visibility.EMBARGOED, "embargoed", start, end, next_change=start)
    if as_of >= end:
        return Decision(Visibility.EXPIRED, "expired", start, end)
    return Decision(Visibility.PUBLIC, "public", start, end, next_change=end)


def revoked_decision_numbers(cases, as_of: date) -> frozenset:
    """Decision numbers of penalty cases revoked on or before the as-of date (their blacklist entries go too)."""
    return frozenset(
        code_key(r.key) for r in cases
        if r.get("status") == "已撤销" and (r.get("status_date") is None or r.get("status_date") <= as_of)
    )


def decide(record: Record, as_of: date, settings: Settings, revoked_cases: frozenset = frozenset()) -> Decision:
    if record.rtype.name == "cases":
        return decide_case(record, as_of, settings)
    return decide_blacklist(record, as_of, settings, revoked_cases)
