"""Campaign records (data/campaigns/*.yaml): one file per campaign, validated like every other input."""
from __future__ import annotations

import re
from pathlib import Path

from ..core.dates import parse_date
from ..core.model import Campaign
from ..core.problems import Invalid, Report, Unreadable
from ..core.settings import Settings
from ..core.text import slugify
from .limits import Limits, Refused, check_file_size, invisible_problem, load_yaml, report_refusal, visible
from .paths import display_path
from .validate import address_too_long, hide, page_folder, personal_in_code

REQUIRED = ("id", "title", "authority", "start", "end")
TEXTS = ("id", "title", "authority", "region", "summary")


def read_campaigns(folder: Path, report: Report, root: Path, settings: Settings | None = None) -> list[Campaign]:
    limits = Limits.of(settings)
    campaigns: list[Campaign] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        name = display_path(path, root)
        try:
            check_file_size(path, limits)
            data = load_yaml(path.read_text(encoding="utf-8-sig"), limits)[0] or {}
        except Refused as exc:
            report_refusal(report, exc, name)
            continue
        except UnicodeDecodeError:
            report.error("file-unreadable", "专项行动文件不是 UTF-8 编码，请用文本编辑器另存为 UTF-8 后重试", file=name)
            continue
        except (Unreadable, OSError) as exc:
            report.error("file-unreadable", f"专项行动文件无法读取：{exc}", file=name)
            continue
        if not isinstance(data, dict):
            report.error("file-shape", "专项行动文件应为“字段: 值”的形式", file=name)
            continue
        data = _visible(data, name, report)
        nested = [key for key in TEXTS if isinstance(data.get(key), (dict, list, set))]
        for key in nested:
            report.error("file-shape", f"专项行动的「{key}」应为一段文字，不能是列表或“字段: 值”组", file=name, column=key)
        if nested:
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
        elif not isinstance(products, list) or any(isinstance(p, (dict, list, set)) for p in products):
            report.error("campaign-products", "products 应为产品类别列表，如 [灭火器, 消防水带]", file=name,
                         column="products", value=str(products)[:100])
            products = []
        for number, item in enumerate(raw_stats, start=1):
            if not isinstance(item, dict) or "label" not in item or "value" not in item or any(
                    isinstance(v, (dict, list, set)) for v in item.values()):
                report.error("campaign-stat", f"第 {number} 项统计应包含 label、value（可选 unit）",
                             file=name, column="stats")
                continue
            stats.append({"label": str(item["label"]), "value": item["value"], "unit": str(item.get("unit", ""))})
        if missing or len(dates) < 2:
            continue
        if dates["end"] < dates["start"]:
            report.error("date-order", "专项行动结束日期早于开始日期", file=name, column="end")
            continue
        campaign_id = str(data["id"]).strip()
        if not _usable_id(campaign_id, name, report):
            continue
        if page_folder(campaign_id) in seen:
            report.error("duplicate", f"专项行动编号「{campaign_id}」与另一编号相同或只差大小写（另见 "
                         f"{seen[page_folder(campaign_id)]}），页面地址会重合", file=name, column="id", value=campaign_id)
            continue
        seen[page_folder(campaign_id)] = name
        # published through rules.redact.public_campaign, which masks personal data as in record texts
        campaigns.append(Campaign(
            id=campaign_id, title=str(data["title"]).strip(), authority=str(data["authority"]).strip(),
            region=str(data.get("region", "")).strip(), start=dates["start"], end=dates["end"],
            products=tuple(str(p).strip() for p in products), summary=str(data.get("summary", "")).strip(),
            stats=tuple(stats), source=name,
        ))
    return campaigns


def _usable_id(campaign_id: str, name: str, report: Report) -> bool:
    """A campaign's id is its page's file name and address: letters, digits, CJK and hyphens, no personal data."""
    found = personal_in_code(campaign_id)
    if found:
        report.error("personal-data-in-code", f"专项行动编号中有疑似{found}的内容。编号会出现在网址和页面上，不能含个人信息，"
                     "请改正", file=name, column="id", value=hide(campaign_id))
        return False
    if slugify(campaign_id) != campaign_id:
        suggestion = f"，如「{slugify(campaign_id)}」" if slugify(campaign_id) else ""
        report.error("campaign-id", f"专项行动编号会作为网页地址，只能由字母、数字、汉字和 - 组成{suggestion}",
                     file=name, column="id", value=campaign_id)
        return False
    if address_too_long(campaign_id):
        report.error("campaign-id", f"专项行动编号过长：{address_too_long(campaign_id)}", file=name, column="id",
                     value=campaign_id[:60] + "…")
        return False
    return True


def _visible(data: dict, name: str, report: Report) -> dict:
    """The campaign's values with invisible characters removed (stats items too), each removal warned about."""
    def clean(value, column: str):
        if isinstance(value, dict):
            return {k: clean(v, f"{column}.{k}") for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v, column) for v in value]
        value, removed = visible(value)
        if removed:
            report.add(invisible_problem(removed, name, "", None, column))
        return value

    return {key: clean(value, str(key)) for key, value in data.items()}
