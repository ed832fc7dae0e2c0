"""What a build or a check tells the clerk: counts per outcome and reason, what was masked, what leaves soon.
The terminal gets a short summary; every detail goes into the report file (build/report.py)."""
from __future__ import annotations

from collections import Counter

from ..core.lawsettings import RULE_BASIS
from ..core.personal import CATEGORY_LABELS
from ..core.problems import Report
from ..rules.windows import REASONS
from .pipeline import Prepared

SHOWN_LEAVING = 10  # lines of "leaving soon" on the terminal; the report has them all


def _field_label(prepared: Prepared, field_id: str) -> str:
    for rtype in prepared.plan.registry:
        if rtype.has_field(field_id):
            return rtype.field(field_id).label
    return field_id


def summary(prepared: Prepared) -> dict:
    pub, report = prepared.publication, prepared.plan.report
    return {
        "as_of": pub.as_of.isoformat(),
        "problems": [p.as_dict() for p in report.sorted()],
        "records": pub.counts(prepared.plan.inspection.dataset),
        "next_change": pub.next_change.isoformat() if pub.next_change else None,
        "published_by_rules": {name: dict(Counter(e.rules for e in entries if e.rules))
                               for name, entries in pub.entries.items()},
        "leaving_soon": [{"type_name": e.rtype.name, "type": e.rtype.short_label, "id": e.entry_id,
                          "name": str(e.role("name", "")), "last_day": e.last_day.isoformat()}
                         for e in pub.leaving_soon],
        "masked": [{"field_id": field, "category": category, "field": _field_label(prepared, field),
                    "what": CATEGORY_LABELS.get(category, category), "count": n}
                   for (field, category), n in sorted(pub.redactions.counts.items())],
    }


def counts_line(report: Report) -> str:
    n = report.counts()
    return f"错误 {n.get('error', 0)} 个，警告 {n.get('warning', 0)} 个，提示 {n.get('note', 0)} 个"


def record_lines(data: dict, labels: dict[str, str]) -> list[str]:
    lines = []
    for name, c in data["records"].items():
        reasons = "，".join(f"{REASONS.get(r, r)} {n}" for r, n in sorted(c["withheld_by_reason"].items()))
        lines.append(f"{labels[name]}：读取 {c['read']} 条，公开 {c['published']}，暂不公开 {c['withheld']}"
                     f"{'（' + reasons + '）' if reasons else ''}，退回 {c['rejected']}")
        by_rules = data.get("published_by_rules", {}).get(name, {})
        if set(by_rules) - {"market"}:
            lines.append("  公开的依据：" + "；".join(f"{RULE_BASIS[r]} {n} 条" for r, n in sorted(by_rules.items())))
    return lines


def masked_line(data: dict) -> str | None:
    if not data["masked"]:
        return None
    return "已遮蔽个人信息：" + "，".join(f"{m['field']}中的{m['what']} {m['count']} 处" for m in data["masked"])


def leaving_lines(data: dict, shown: int = SHOWN_LEAVING) -> list[str]:
    items = data["leaving_soon"]
    if not items:
        return []
    lines = [f"30 天内到期撤下 {len(items)} 条（到期后请重新生成网站）："]
    for item in items[:shown]:
        who = f"{item['name']}（{item['id']}）" if item["name"] and item["name"] != item["id"] else item["id"]
        lines.append(f"  {item['type']} {who}，最后公示日 {item['last_day']}")
    if len(items) > shown:
        lines.append(f"  ……另有 {len(items) - shown} 条，见报告文件")
    return lines
