"""What `import` tells the editor about each file: removed, converted, flagged, extracted."""
from __future__ import annotations

from .drafts import Imported, chinese_characters
from .importer import RULES

EXAMPLE_CHARS = 24


def _example(text: str) -> str:
    text = text.strip()
    return text if len(text) <= EXAMPLE_CHARS else text[:EXAMPLE_CHARS] + "…"


def summary_lines(imported: Imported, review: list[dict], written: str) -> list[str]:
    state = f"草稿：{len(review)} 项待核对" if imported.draft else "可发布"
    if imported.draft and not review:
        state = "草稿（--draft）"
    lines = [f"{imported.name} → {written}（{state}）"]
    removed = []
    for rule, items in imported.removed_by().items():
        part = f"{RULES[rule]} {len(items)} 处"
        if rule not in ("invisible", "pinyin", "keep-marker"):
            part += f" {sum(chinese_characters(r.text) for r in items)} 字（如「{_example(items[0].text)}」）"
        elif rule == "pinyin":
            part += f"（如 {'、'.join(dict.fromkeys(r.text for r in items[:3]))}）"
        removed.append(part)
    lines.append("  删除：" + ("；".join(removed) if removed else "无"))
    converted = []
    if imported.converted:
        converted.append(f"繁体字转为简体 {imported.converted} 字")
    if imported.kept_passages:
        converted.append(f"保留繁体 {imported.kept_passages} 段")
    lines.append("  转换：" + ("；".join(converted) if converted else "无"))
    flagged = []
    for item in review:
        what = item.get("category") or item.get("reason") or item.get("note", "")
        excerpt = f"「{item['excerpt']}」" if "excerpt" in item else ""
        flagged.append(f"第 {item['line']} 行 {item['issue']}（{what}）{excerpt}")
    lines.append("  待核对：" + ("；".join(flagged) if flagged else "无"))
    meta = imported.meta
    found = [f"标题「{imported.title}」" if imported.title_found else "标题 无（已填占位标题）",
             f"日期 {meta['date']}（{imported.facts['date']}）"]
    if meta.get("source"):
        found.append(f"来源 {meta['source']}")
    if meta.get("authority"):
        found.append(f"机关 {meta['authority']}（取自{imported.facts['authority']}），地区 {meta['region']}")
    if imported.stats:
        found.append(f"统计 {len(imported.stats)} 项：" + "，".join(
            f"{s.label} {s.value} {s.unit}" for s in imported.stats))
    lines.append("  提取：" + "；".join(found))
    for note in imported.notes:
        lines.append("  说明：" + note)
    return lines
