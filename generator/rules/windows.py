"""What every disclosure rule shares: the context of one build's decisions, the reasons, and the window test."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..core.model import Decision, Visibility
from ..core.settings import Settings
from ..core.text import slugify

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
    "credit-repair": "已信用修复，停止公示或移出名单",
    "removal-revoked": "列入决定已撤销",
    "removed": "已期满移出名单",
    "penalty-revoked": "所依据的处罚决定已撤销",
}

# Why a record left the site, as the public may be told. Reasons that would say something the law keeps
# private (a minor, a summary-procedure case) are all "no longer published under the rules".
PUBLIC_REASONS = {"expired": "expired", "removed": "expired", "revoked": "revoked", "early-stop": "early-stop",
                  "credit-repair": "credit-repair", "removal-revoked": "removal-revoked",
                  "penalty-revoked": "penalty-revoked"}


def public_reason(reason: str | None) -> str:
    """The reason a removal may be given in public; None: the record is gone from the data altogether."""
    if reason is None:
        return "deleted"
    return PUBLIC_REASONS.get(reason, "not-public")


@dataclass(frozen=True)
class RuleContext:
    """What a decision may depend on besides the record itself. Built once per build; no clock inside."""

    as_of: date
    settings: Settings
    revoked: dict[str, frozenset[str]] = field(default_factory=dict)  # type name -> code_key of revoked records


def code_key(text: str | None) -> str:
    """A code compared loosely: any bracket style, width or spacing writes the same number."""
    return slugify(text or "")


def window(start: date, end: date, as_of: date) -> Decision:
    """Public from `start` up to (not including) `end`."""
    if as_of < start:
        return Decision(Visibility.EMBARGOED, "embargoed", start, end, next_change=start)
    if as_of >= end:
        return Decision(Visibility.EXPIRED, "expired", start, end)
    return Decision(Visibility.PUBLIC, "public", start, end, next_change=end)
