"""What a build or a check tells the clerk: counts per outcome and reason, masking, what leaves soon."""
from __future__ import annotations

from ..core.problems import Report
from .pipeline import Prepared


def summary(prepared: Prepared) -> dict:
    pub, report = prepared.publication, prepared.plan.report
    return {
        "as_of": pub.as_of.isoformat(),
        "problems": [p.as_dict() for p in report.sorted()],
        "records": pub.counts(prepared.plan.inspection.dataset),
        "next_change": pub.next_change.isoformat() if pub.next_change else None,
        "leaving_soon": [{"kind": e.rtype.name, "id": e.entry_id, "last_day": e.last_day.isoformat()}
                         for e in pub.leaving_soon],
        "masked": {f"{field}:{category}": n for (field, category), n in sorted(pub.redactions.counts.items())},
    }


def counts_line(report: Report) -> str:
    n = report.counts()
    return f"错误 {n.get('error', 0)} 个，警告 {n.get('warning', 0)} 个，提示 {n.get('note', 0)} 个"
