"""Campaign records (data/campaigns/*.yaml): one file per campaign, validated like every other input."""
from __future__ import annotations

import re
from pathlib import Path

from ..core import codes
from ..core.dates import parse_date
from ..core.figures import Figure, figure
from ..core.model import Campaign
from ..core.problems import Invalid, Report, Unreadable
from ..core.settings import Settings
from ..core.text import slugify
from .limits import Limits, Refused, check_file_size, invisible_problem, load_yaml, report_refusal, visible
from .paths import display_path
from ..core.personal import personal_words
from .validate import address_too_long, hide, page_folder

REQUIRED = ("id", "title", "authority", "start", "end")
TEXTS = ("id", "title", "region", "summary")
STAT_KEYS = {"label", "value", "unit", "of", "as_of"}


def read_campaigns(folder: Path, report: Report, root: Path, settings: Settings | None = None) -> list[Campaign]:
    limits = Limits.of(settings)
    campaigns: list[Campaign] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        name = display_path(path, root)
        try:
            check_file_size(path, limits)
            data, node = load_yaml(path.read_text(encoding="utf-8-sig"), limits)
            data = data or {}
        except Refused as exc:
            report_refusal(report, exc, name)
            continue
        except UnicodeDecodeError:
            report.error(codes.FILE_UNREADABLE, "专项行动文件不是 UTF-8 编码，请用文本编辑器另存为 UTF-8 后重试", file=name)
            continue
        except (Unreadable, OSError) as exc:
            report.error(codes.FILE_UNREADABLE, f"专项行动文件无法读取：{exc}", file=name)
            continue
        if not isinstance(data, dict):
            report.error(codes.FILE_SHAPE, "专项行动文件应为“字段: 值”的形式", file=name)
            continue
        data = _visible(data, name, report)
        nested = [key for key in TEXTS if isinstance(data.get(key), (dict, list, set))]
        for key in nested:
            report.error(codes.FILE_SHAPE, f"专项行动的「{key}」应为一段文字，不能是列表或“字段: 值”组", file=name, column=key)
        if nested:
            continue
        missing = [key for key in REQUIRED if not data.get(key)]
        for key in missing:
            report.error(codes.REQUIRED_MISSING, f"专项行动缺少必填项「{key}」", file=name, column=key)
        dates = {}
        for key in ("start", "end"):
            if data.get(key):
                try:
                    dates[key] = parse_date(data[key], allow_roc=False)
                except Invalid as exc:
                    report.error(exc.code, exc.message, file=name, column=key, value=str(data[key]))
        stats = _figures(data.get("stats"), node, name, report)
        products = data.get("products") or []
        if isinstance(products, str):
            products = [p.strip() for p in re.split(r"[,，、;；]", products) if p.strip()]
        elif not isinstance(products, list) or any(isinstance(p, (dict, list, set)) for p in products):
            report.error(codes.CAMPAIGN_PRODUCTS, "products 应为产品类别列表，如 [灭火器, 消防水带]", file=name,
                         column="products", value=str(products)[:100])
            products = []
        authorities = _authorities(data.get("authority"), name, report)
        title = str(data.get("title") or "").strip()
        found = personal_words(title)
        if found:
            report.error(codes.PERSONAL_DATA_IN_ADDRESS, f"专项行动名称中有疑似{found}的内容。名称是页面标题，也出现在订阅和搜索中，"
                         "发布后无法遮蔽，请改正", file=name, row=_line(node, "title"), column="title", value=hide(title))
            continue
        if missing or len(dates) < 2:
            continue
        if dates["end"] < dates["start"]:
            report.error(codes.DATE_ORDER, "专项行动结束日期早于开始日期", file=name, column="end")
            continue
        campaign_id = str(data["id"]).strip()
        if not _usable_id(campaign_id, name, report):
            continue
        if page_folder(campaign_id) in seen:
            report.error(codes.DUPLICATE, f"专项行动编号「{campaign_id}」与另一编号相同或只差大小写（另见 "
                         f"{seen[page_folder(campaign_id)]}），页面地址会重合", file=name, column="id", value=campaign_id)
            continue
        seen[page_folder(campaign_id)] = name
        # published through rules.redact.public_campaign, which masks personal data as in record texts
        campaigns.append(Campaign(
            id=campaign_id, title=title, authority="、".join(authorities),
            region=str(data.get("region", "")).strip(), start=dates["start"], end=dates["end"],
            products=tuple(str(p).strip() for p in products), summary=str(data.get("summary", "")).strip(),
            stats=tuple(stats), source=name, authorities=tuple(authorities),
        ))
    return campaigns


def _usable_id(campaign_id: str, name: str, report: Report) -> bool:
    """A campaign's id is its page's file name and address: letters, digits, CJK and hyphens, no personal data."""
    found = personal_words(campaign_id)
    if found:
        report.error(codes.PERSONAL_DATA_IN_CODE, f"专项行动编号中有疑似{found}的内容。编号会出现在网址和页面上，不能含个人信息，"
                     "请改正", file=name, column="id", value=hide(campaign_id))
        return False
    if slugify(campaign_id) != campaign_id:
        suggestion = f"，如「{slugify(campaign_id)}」" if slugify(campaign_id) else ""
        report.error(codes.CAMPAIGN_ID, f"专项行动编号会作为网页地址，只能由字母、数字、汉字和 - 组成{suggestion}",
                     file=name, column="id", value=campaign_id)
        return False
    if address_too_long(campaign_id):
        report.error(codes.CAMPAIGN_ID, f"专项行动编号过长：{address_too_long(campaign_id)}", file=name, column="id",
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


def _line(node, *path) -> int | None:
    """The line (as an editor counts) of the value at path in a YAML node tree: keys, then list indexes."""
    for step in path:
        if node is None:
            return None
        if isinstance(step, int):
            items = node.value if getattr(node, "id", "") == "sequence" else []
            node = items[step] if step < len(items) else None
        else:
            node = next((v for k, v in getattr(node, "value", []) if getattr(k, "value", None) == step), None) \
                if getattr(node, "id", "") == "mapping" else None
    return node.start_mark.line + 1 if node is not None else None


def _authorities(value, name: str, report: Report) -> list[str]:
    """The organising authority, or the authorities of a joint campaign (a list)."""
    items = value if isinstance(value, list) else [value]
    found = [str(a).strip() for a in items if a is not None and not isinstance(a, (dict, list)) and str(a).strip()]
    if isinstance(value, (dict, set)) or (isinstance(value, list) and len(found) != len(value)):
        report.error(codes.FILE_SHAPE, "专项行动的「authority」应为机关名称，或联合行动的机关名称列表", file=name, column="authority")
    return found


def _figures(raw, node, name: str, report: Report) -> list[Figure]:
    """The campaign's reported figures; a value that is no number is an error with its line, never dropped."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        report.error(codes.CAMPAIGN_STAT, "stats 应为列表，每项包含 label、value（可选 unit、of、as_of）", file=name,
                     row=_line(node, "stats"), column="stats")
        return []
    figures = []
    for number, item in enumerate(raw):
        row = _line(node, "stats", number)
        if not isinstance(item, dict) or "label" not in item or "value" not in item or any(
                isinstance(v, (dict, list, set)) for v in item.values()):
            report.error(codes.CAMPAIGN_STAT, f"第 {number + 1} 项统计应包含 label、value（可选 unit、of、as_of）",
                         file=name, row=row, column="stats")
            continue
        unknown = sorted(set(map(str, item)) - STAT_KEYS)
        if unknown:
            report.warning(codes.CAMPAIGN_STAT, f"第 {number + 1} 项统计中不认识的项「{'、'.join(unknown)}」已忽略"
                           f"（可用：{'、'.join(sorted(STAT_KEYS))}）", file=name, row=row, column="stats")
        try:
            as_of = parse_date(item["as_of"], allow_roc=False) if item.get("as_of") else None
            figures.append(figure(str(item["label"]).strip(), item["value"], str(item.get("unit") or "").strip(),
                                  item.get("of"), as_of))
        except Invalid as exc:
            report.error(exc.code, f"第 {number + 1} 项统计：{exc.message}", file=name, row=row, column="stats",
                         value=str(item.get("value")))
    return figures
