"""The report a clerk keeps after a build or a check: every problem with its place, every row not published
and why, what leaves the site soon and what was masked. Written beside mkdocs.yml as site-report.csv (for
Excel) and site-report.html (to read), never into the site: it names withheld records.
"""
from __future__ import annotations

import csv
import html
from pathlib import Path

from ..core.personal import CATEGORY_LABELS, MASKS, find, mask_name
from ..rules.windows import REASONS
from .pipeline import Prepared
from .summary import counts_line, summary

NAME = "site-report"
SEVERITY = {"error": "错误", "warning": "警告", "note": "提示"}
HEADERS = ("类别", "记录类型", "编号", "文件", "工作表", "行", "列", "说明")


def rows(prepared: Prepared) -> list[tuple]:
    """The report's rows, in the order a clerk works through them: errors, warnings and notes by place, rows
    not published, records leaving soon, what was masked."""
    data = summary(prepared)
    labels = {rtype.name: rtype.short_label for rtype in prepared.plan.registry}
    found = [(SEVERITY[p["severity"]], "", p["code"], p["file"], p["sheet"], p["row"] or "", p["column"],
              p["message"] + (f"（值：「{p['value']}」）" if p["value"] else "")) for p in data["problems"]]
    found += [("暂不公开", labels.get(type_name, type_name), key, source.file, source.sheet, source.row, "",
               REASONS.get(reason, reason)) for type_name, key, reason, source in prepared.publication.withheld_rows]
    found += [("即将撤下", item["type"], item["id"], "", "", "", "",
               f"{item['name']}，最后公示日 {item['last_day']}") for item in data["leaving_soon"]]
    found += [("已遮蔽", "", m["field_id"], "", "", "", m["field"], f"{m['what']} {m['count']} 处")
              for m in data["masked"]]
    return found + document_rows(prepared)


def document_rows(prepared: Prepared) -> list[tuple]:
    """Each item masked in a published document, by file and paragraph, shown with its masked surroundings
    (never the item itself), so the clerk can confirm every one."""
    found = []
    inspection, pub = prepared.plan.inspection, prepared.publication
    for rtype in prepared.plan.registry:
        spec = rtype.documents
        if spec is None or inspection.dataset.released:
            continue
        public = {e.entry_id for e in pub.entries.get(rtype.name, [])}
        for record in inspection.dataset.records.get(rtype.name, []):
            text = record.get(spec.field)
            if not text or rtype.entry_id(record.values) not in public:
                continue
            for number, paragraph in enumerate(text.split("\n"), start=1):
                for category, context in masked_items(paragraph, inspection.names):
                    found.append(("决定书遮蔽", rtype.short_label, record.key, "", "", number,
                                  spec.label, f"第 {number} 段 {CATEGORY_LABELS[category]}：…{context}…"))
    return found


def masked_items(text: str, names: frozenset[str], around: int = 12) -> list[tuple[str, str]]:
    """(category, the masked text around it) of each item masked in text; only masked text is ever shown."""
    spans = find(text, names)
    out, places, pos = [], [], 0
    for start, end, category in spans:
        out.append(text[pos:start])
        at = sum(map(len, out))
        out.append(mask_name(text[start:end]) if category == "name" else MASKS[category])
        places.append((at, at + len(out[-1]), category))
        pos = end
    out.append(text[pos:])
    masked = "".join(out)
    return [(category, masked[max(0, a - around):b + around]) for a, b, category in places]


def write_report(prepared: Prepared) -> tuple[Path, Path]:
    """site-report.csv and site-report.html beside the configuration; returns their paths."""
    folder = prepared.plan.site.root
    found = rows(prepared)
    csv_path, html_path = folder / f"{NAME}.csv", folder / f"{NAME}.html"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(found)
    data = summary(prepared)
    with html_path.open("w", encoding="utf-8") as out:  # row by row: 50,000 rows at province scale
        out.write('<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>生成报告</title>'
                  "<style>body{font-family:sans-serif;margin:1.5rem}table{border-collapse:collapse}"
                  "td,th{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}"
                  "th{background:#eee;position:sticky;top:0}</style></head><body>\n"
                  f"<h1>生成报告</h1>\n<p>判断日期 {data['as_of']}；{html.escape(counts_line(prepared.plan.report))}；"
                  f"共 {len(found)} 行。本文件不随网站发布。</p>\n"
                  "<table><thead><tr>" + "".join(f"<th>{h}</th>" for h in HEADERS) + "</tr></thead><tbody>\n")
        for row in found:
            out.write("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>\n")
        out.write("</tbody></table></body></html>\n")
    return csv_path, html_path
