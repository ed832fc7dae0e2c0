"""Campaign records (data/campaigns/*.yaml): one file per campaign, validated like every other input."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..core.dates import parse_date
from ..core.model import Campaign
from ..core.problems import Invalid, Report
from .paths import display_path

REQUIRED = ("id", "title", "authority", "start", "end")

def read_campaigns(folder: Path, report: Report, root: Path) -> list[Campaign]:
    campaigns: list[Campaign] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        name = display_path(path, root)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            report.error("file-unreadable", f"专项行动文件无法读取：{exc}", file=name)
            continue
        if not isinstance(data, dict):
            report.error("file-shape", "专项行动文件应为“字段: 值”的形式", file=name)
            continue
        missing = [key for key in REQUIRED if not data.get(key)]
        for key in missing:
            report.error("required-missing", f"专项行动缺少必填项「{key}」", file=name, column=key)
        dates = {}
        for key in ("start", "end"):
            if data.get(key):
                try:
                    dates[key] = parse_date(data[key], allow_roc=False)
                except Invalid as exc:
                    report.error(exc.code, exc.message, file=name, column=key, value=str(data[key]))
        stats, raw_stats = [], data.get("stats") or []
        if not isinstance(raw_stats, list):
            report.error("campaign-stat", "stats 应为列表，每项包含 label、value（可选 unit）", file=name, column="stats")
            raw_stats = []
        products = data.get("products") or []
        if isinstance(products, str):
            products = [p.strip() for p in re.split(r"[,，、;；]", products) if p.strip()]
        elif not isinstance(products, list):
            report.error("campaign-products", "products 应为产品类别列表，如 [灭火器, 消防水带]", file=name,
                         column="products", value=str(products))
            products = []
        for number, item in enumerate(raw_stats, start=1):
            if not isinstance(item, dict) or "label" not in item or "value" not in item:
                report.error("campaign-stat", f"第 {number} 项统计应包含 label、value（可选 unit）",
                             file=name, column="stats")
                continue
            stats.append({"label": str(item["label"]), "value": item["value"], "unit": str(item.get("unit", ""))})
        if missing or len(dates) < 2:
            continue
        if dates["end"] < dates["start"]:
            report.error("date-order", "专项行动结束日期早于开始日期", file=name, column="end")
            continue
        campaign_id = str(data["id"])
        if campaign_id in seen:
            report.error("duplicate", f"专项行动编号「{campaign_id}」重复（另见 {seen[campaign_id]}）",
                         file=name, column="id", value=campaign_id)
            continue
        seen[campaign_id] = name
        # published through rules.redact.public_campaign, which masks personal data as in record texts
        campaigns.append(Campaign(
            id=campaign_id, title=str(data["title"]).strip(), authority=str(data["authority"]).strip(),
            region=str(data.get("region", "")).strip(), start=dates["start"], end=dates["end"],
            products=tuple(str(p).strip() for p in products), summary=str(data.get("summary", "")).strip(),
            stats=tuple(stats), source=name,
        ))
    return campaigns
