"""Penalty cases: who may see a case, from when, until when, under the law of the authority that decided it
(SAMR Order 45 for market regulation, NDRC Order 58 for the credit portal: rules/rulesets.py). Pure: no clock,
no I/O."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from ..core.dates import add_months, add_years
from ..core.identifiers import birth_date
from ..core.model import Decision, Record, Visibility
from ..core.settings import Settings
from .rulesets import CREDIT, credit_repair_from, credit_window, market_repair_months, rule_set
from .windows import RuleContext, code_key, window

RESTRICTIONS = {"限制开展生产经营活动", "限制从业"}  # extend the window when they last longer (Art. 13)
NO_EARLY_STOP = {"责令停产停业", "限制开展生产经营活动", "限制从业", "降低资质等级", "吊销许可证件", "吊销营业执照"}  # Art. 14
WITHDRAWING_STATUSES = {"已撤销": "revoked", "提前停止公示": "early-stop", "信用修复": "credit-repair"}


def adult_from(born: date) -> date:
    """The first day a person born on `born` is 18 周岁.

    Age is reckoned as the courts do, from the day after the birthday: 18 only from the day after the 18th
    birthday. Born on 29 February, the later reading holds in a common year (the birthday taken as 1 March,
    adult from 2 March): withholding a case for one more day is the safe error.
    """
    if born.year + 18 >= date.max.year:  # a mistyped ID number: never an adult, so never published
        return date.max
    try:
        birthday = born.replace(year=born.year + 18)
    except ValueError:  # 29 February, and the 18th birthday falls in a common year
        birthday = date(born.year + 18, 3, 1)
    return birthday + timedelta(days=1)


def is_minor(record: Record) -> bool:
    """Marked as a minor, or an ID number saying the party was under 18 on the decision date."""
    if record.get("minor") == "是":
        return True
    born, decided = birth_date(record.get("id_number") or ""), record.get("decision_date")
    if born is None or decided is None:
        return False
    return decided < adult_from(born)


def case_window_is_short(record: Record, settings: Settings) -> bool:
    """Only a public criticism and/or a lower-amount fine (besides a warning): 3 months instead of 3 years
    (Order 45 Art. 13). The lower amount is the province's, for the party's type; a fine with no amount counts
    as lower."""
    return short_window(set(record.get("penalty_kind", ())), record.get("fine"), record.get("party_type"), settings)


def short_window(kinds: set, fine, party_type, settings: Settings) -> bool:
    kinds = kinds - {"警告"}
    if not kinds or not kinds <= {"通报批评", "罚款"}:
        return False
    return "罚款" not in kinds or settings.lower_fine.is_lower(fine or 0, party_type)


def case_window(record: Record, settings: Settings) -> tuple[date, date]:
    """(first public day, first day no longer public) of a case, before any withdrawal, under its rule set."""
    if rule_set(record.values, settings) == CREDIT:
        return credit_window(record.values, settings)
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


def decide_case(record: Record, ctx: RuleContext) -> Decision:
    if is_minor(record):
        return Decision(Visibility.NEVER, "minor")
    if record.get("procedure") == "简易程序":
        return Decision(Visibility.NEVER, "summary-procedure")
    if set(record.get("penalty_kind", ())) <= {"警告"}:
        return Decision(Visibility.NEVER, "warning-only")
    start, end = case_window(record, ctx.settings)
    rules, repair = rule_set(record.values, ctx.settings), repair_from(record.values, ctx.settings)
    status = record.get("status", "有效")
    status_date = record.get("status_date")
    if status in WITHDRAWING_STATUSES:
        # A withdrawal dated in the future ends the window on that day.
        if status_date is None or status_date <= ctx.as_of:
            return Decision(Visibility.WITHDRAWN, WITHDRAWING_STATUSES[status], start,
                            min(end, status_date or ctx.as_of), rules=rules, repair_from=repair)
        end = min(end, status_date)
    return replace(window(start, end, ctx.as_of), rules=rules, repair_from=repair)


def repair_from(values, settings: Settings) -> date | None:
    """The first day the party may apply to end publication early: credit repair through 信用中国 after the
    shortest period (credit-portal rules); under market regulation, stopping early (Order 45 Art. 14) is not
    allowed at all for the gravest penalties, and otherwise after the months of market_repair_months."""
    if rule_set(values, settings) == CREDIT:
        return credit_repair_from(values, settings)
    kinds = set(values.get("penalty_kind", ()))
    if NO_EARLY_STOP & kinds or short_window(kinds, values.get("fine"), values.get("party_type"), settings):
        return None  # never early; or public three months only, which end of themselves
    start = values.get("publish_date") or values.get("decision_date")
    return add_months(start, market_repair_months(values, settings))


def case_revocations(records) -> dict[str, date | None]:
    """code_key of each revoked decision -> the day the revocation takes effect (None: at once)."""
    return {code_key(r.key): r.get("status_date") for r in records if r.get("status") == "已撤销"}
