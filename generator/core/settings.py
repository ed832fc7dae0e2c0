"""Disclosure settings, read from the `disclosure` plugin entry of mkdocs.yml, each with a documented default.

Every period, threshold and date rule a page or a message states comes from here, so changing a setting
never leaves the site stating the wrong law.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal

from . import codes
from .dates import parse_date
from .lawsettings import Authority, LowerFine, amount
from .problems import Invalid, Problem, Severity


@dataclass(frozen=True)
class Settings:
    as_of: date | None = field(default=None, metadata={
        "doc": "按哪一天判断公开与否（YYYY-MM-DD）。不填则为北京时间今天；命令行 --as-of 优先。"})
    lower_fine: LowerFine = field(default=LowerFine(), metadata={
        "doc": "“较低数额罚款”（总局45号令第十三条），由省级市场监管部门按当事人类别规定，请按本省规定填写，如"
               "{自然人: 5000, 法人及非法人组织: 50000, 个体工商户: 自然人, 含本数: false}（福建、贵州：自然人不足 5000 元、"
               "法人及非法人组织不足 50000 元，不含本数，即为默认值）。仅有通报批评或较低数额罚款的案件公示 3 个月。"})
    lower_fine_threshold: Decimal | None = field(default=None, metadata={
        "doc": "（旧写法）一个数额，适用于所有当事人，含本数；与 lower_fine 只能写一个。"})
    authorities: tuple = field(default=(), metadata={
        "doc": "各机关适用的公示规则：列表，每项 name（机关名称中的字样）、rules（market 市场监管，总局45号令、44号令，默认；"
               "credit 信用中国，行政处罚法第四十八条和发改委58号令）、field（领域：食品、药品、特种设备、安全生产、消防的最短公示期为一年）、"
               "credit_code（处罚机关统一社会信用代码）、data_source 和 data_source_code（数据来源单位及其代码，用于“双公示”下载）。"})
    credit_max_years: int = field(default=3, metadata={
        "doc": "信用中国规则下行政处罚信息的最长公示期（年，自处罚决定之日起），法定 3 年，只能调短。"})
    credit_min_months: int = field(default=3, metadata={
        "doc": "信用中国规则下的最短公示期（月）：满此期限方可申请信用修复，法定 3 个月，只能调长。"})
    credit_min_months_key_fields: int = field(default=12, metadata={
        "doc": "食品、药品、特种设备、安全生产、消防领域的最短公示期（月），法定 12 个月，只能调长。"})
    market_repair_months: int = field(default=6, metadata={
        "doc": "市场监管规则下，行政处罚信息公示满几个月方可申请提前停止公示（《市场监督管理信用修复管理办法》），"
               "通报批评、较低数额罚款和依法不得提前停止的处罚除外；默认 6 个月，只能调长。"})
    market_repair_months_key_fields: int = field(default=12, metadata={
        "doc": "食品、药品、特种设备领域上述期限（月），默认 12 个月，只能调长。"})
    short_window_months: int = field(default=3, metadata={
        "doc": "通报批评、较低数额罚款的公示期（月），法定 3 个月，只能调短。"})
    long_window_years: int = field(default=3, metadata={
        "doc": "其他行政处罚信息的公示期（年），法定 3 年，只能调短。"})
    blacklist_years: int = field(default=3, metadata={
        "doc": "严重违法失信名单自动移出期限（年），法定 3 年，只能调短。"})
    credit_repair_min_years: int = field(default=1, metadata={
        "doc": "列入失信名单后满多少年方可信用修复移出（年），法定 1 年，只能调长。"})
    publish_deadline_working_days: int = field(default=20, metadata={
        "doc": "作出决定后应在多少个工作日内公示，晚于此期限的给出警告；法定 20 个工作日，只能调短。"})
    mask_person_names: bool = field(default=True, metadata={
        "doc": "自然人当事人姓名只显示姓氏加 *（默认开启）。"})
    show_legal_rep: bool = field(default=True, metadata={
        "doc": "显示单位的法定代表人（负责人）姓名；个体工商户的经营者是自然人，按 mask_person_names 只显示姓氏；"
               "自然人案件从不显示。"})
    data_license: str = field(default="CC-BY-4.0", metadata={
        "doc": "下载数据的使用许可（写入 datapackage.json 和数据下载页），可填 SPDX 标识如 CC-BY-4.0，或留空。"})
    data_license_title: str = field(default="可自由复制、使用和传播，使用时请注明来源", metadata={
        "doc": "使用许可的中文说明，显示在数据下载页。"})
    data_license_url: str = field(default="", metadata={
        "doc": "使用许可全文的网址（只作为链接，生成时不访问）；默认不填，本站页面不链接站外地址。"})
    data_dir: str = field(default="data", metadata={"doc": "数据目录（相对 mkdocs.yml）。"})
    history_dir: str = field(default=".disclosure", metadata={
        "doc": "保存公开清单（manifest）的目录，用于生成“更新记录”；不随网站发布。"})
    # Limits on input files: a file beyond one is refused whole, before it can take minutes or gigabytes.
    max_file_mb: int = field(default=50, metadata={
        "doc": "单个数据文件（含映射文件、专项行动文件）的大小上限（MB），超过的文件不读取。"})
    max_uncompressed_mb: int = field(default=200, metadata={
        "doc": "一个 .xlsx 文件解压后的大小上限（MB，各工作表及共享文字合计），超过的文件不读取。"})
    max_rows: int = field(default=100_000, metadata={
        "doc": "一个 CSV/YAML/JSON 文件或一个工作表的行数（记录数）上限。"})
    max_columns: int = field(default=500, metadata={
        "doc": "一个文件或工作表的列数上限（YAML/JSON 为一条记录的字段数）。"})
    max_cells: int = field(default=1_000_000, metadata={
        "doc": "一个文件的单元格总数上限（各工作表合计，空白单元格也计入）。"})
    max_cell_chars: int = field(default=32767, metadata={
        "doc": "一个单元格的字数上限，默认与 Excel 相同（32767）。"})
    max_yaml_aliases: int = field(default=100, metadata={
        "doc": "YAML 文件中 *别名（引用 &锚点）的个数上限；展开后过大的引用一律拒绝。"})


    def __post_init__(self):
        if self.lower_fine_threshold is not None and self.lower_fine == LowerFine():
            object.__setattr__(self, "lower_fine", LowerFine.single(self.lower_fine_threshold))


# Settings the law bounds: (lowest, highest) allowed. Outside them a site would publish longer or accept
# what the law refuses.
LEGAL_BOUNDS = {
    "credit_max_years": (1, 3),
    "credit_min_months": (3, 36),
    "credit_min_months_key_fields": (12, 36),
    "market_repair_months": (6, 36),
    "market_repair_months_key_fields": (12, 36),
    "short_window_months": (1, 3),
    "long_window_years": (1, 3),
    "blacklist_years": (1, 3),
    "credit_repair_min_years": (1, 3),
    "publish_deadline_working_days": (1, 20),
}

# Settings that become links on pages: a web address or a path of this site, never javascript: or data:.
URL_SETTINGS = {"data_license_url"}
SAFE_URL = re.compile(r"(?:https?://[^\s<>\"'`]+|/[^\s<>\"'`]*)\Z", re.I)

# Limits on input files: a whole number, at least this (0 aliases forbids YAML anchors altogether).
LIMITS = {"max_file_mb": 1, "max_uncompressed_mb": 1, "max_rows": 1, "max_columns": 1, "max_cells": 1,
          "max_cell_chars": 1, "max_yaml_aliases": 0}


def settings_from_dict(raw: dict | None, source: str = "mkdocs.yml") -> tuple[Settings, list[Problem]]:
    """Typed settings and the problems with them; unknown keys are warnings, loosened rules errors."""
    raw = dict(raw or {})
    problems: list[Problem] = []
    values = {}
    known = {f.name: f for f in fields(Settings)}
    for key, value in raw.items():
        if key == "enabled":
            continue
        if key not in known:
            problems.append(Problem(Severity.WARNING, codes.CONFIG_UNKNOWN,
                                    f"未知的设置项「{key}」，可用：{', '.join(known)}", source, column=key))
            continue
        try:
            values[key] = _coerce(known[key], value)
        except (Invalid, ValueError, TypeError) as exc:
            problems.append(Problem(Severity.ERROR, codes.CONFIG_INVALID, f"设置项「{key}」的值无效：{exc}",
                                    source, column=key, value=str(value)))
    if "lower_fine_threshold" in values and "lower_fine" in values:
        problems.append(Problem(Severity.ERROR, codes.CONFIG_INVALID, "lower_fine 与 lower_fine_threshold 只能写一个"
                                "（建议用 lower_fine 按当事人类别填写）", source, column="lower_fine_threshold"))
        values.pop("lower_fine_threshold")
    if values.get("as_of"):
        problems.append(Problem(Severity.WARNING, codes.CONFIG_AS_OF,
                                f"mkdocs.yml 固定了判断日期 as_of: {values['as_of']}，网站不会随日期自动撤下到期信息；"
                                "日常发布请删去此项", source, column="as_of"))
    for key, (lowest, highest) in LEGAL_BOUNDS.items():
        if key in values and not lowest <= values[key] <= highest:
            legal = getattr(Settings, key)
            direction = "只能调长" if legal == lowest else "只能调短"
            problems.append(Problem(Severity.ERROR, codes.CONFIG_LOOSENED,
                                    f"设置项「{key}」应在 {lowest} 到 {highest} 之间（法定为 {legal}，{direction}，不能放宽）",
                                    source, column=key, value=str(values.pop(key))))
    return Settings(**values), problems


def _coerce(f, value):
    if f.name == "as_of":
        return None if value in (None, "") else parse_date(value, allow_roc=False)
    if f.name == "lower_fine_threshold":
        return amount(value)
    if f.name == "lower_fine":
        return LowerFine.parse(value)
    if f.name == "authorities":
        return Authority.parse(value)
    if f.type == "int":
        if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
            raise ValueError("应为整数")
        number = int(value)
        if f.name in LIMITS and number < LIMITS[f.name]:
            raise ValueError(f"应为不小于 {LIMITS[f.name]} 的整数")
        return number
    if f.name in URL_SETTINGS:
        text = str(value or "").strip()
        if text and not SAFE_URL.match(text):
            raise ValueError("只能是 http:// 或 https:// 开头的网址，或以 / 开头的本站路径")
        return text
    if f.type == "bool":
        if not isinstance(value, bool):
            raise ValueError("应为 true 或 false")
        return value
    return str(value)


def settings_doc() -> list[tuple[str, object, str]]:
    """(name, default, description) of every setting, for the README and the tests that check it."""
    return [(f.name, f.default, f.metadata["doc"]) for f in fields(Settings)]
