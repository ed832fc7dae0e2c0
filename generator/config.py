"""Disclosure settings, read from the `disclosure` plugin entry of mkdocs.yml, each with a documented default."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path


from .normalise import Invalid, parse_date
from .problems import Problem, Severity

CHINA_TZ = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Settings:
    as_of: date | None = field(default=None, metadata={
        "doc": "按哪一天判断公开与否（YYYY-MM-DD）。不填则为北京时间今天；命令行 --as-of 优先。"})
    lower_fine_threshold: Decimal = field(default=Decimal("10000"), metadata={
        "doc": "“较低数额罚款”上限（元），由省级以上机关确定，请按本省规定填写。"
               "仅有通报批评或不超过此数额罚款的案件公示 3 个月。"})
    short_window_months: int = field(default=3, metadata={
        "doc": "通报批评、较低数额罚款的公示期（月），法定 3 个月，只能调短。"})
    long_window_years: int = field(default=3, metadata={
        "doc": "其他行政处罚信息的公示期（年），法定 3 年，只能调短。"})
    blacklist_years: int = field(default=3, metadata={
        "doc": "严重违法失信名单自动移出期限（年），法定 3 年，只能调短。"})
    mask_person_names: bool = field(default=True, metadata={
        "doc": "自然人当事人姓名只显示姓氏加 *（默认开启）。"})
    show_legal_rep: bool = field(default=True, metadata={
        "doc": "显示单位和个体工商户的法定代表人（负责人）姓名；自然人案件从不显示。"})
    data_dir: str = field(default="data", metadata={"doc": "数据目录（相对 mkdocs.yml）。"})
    history_dir: str = field(default=".disclosure", metadata={
        "doc": "保存公开清单（manifest）的目录，用于生成“更新记录”；不随网站发布。"})

    def today(self, override: date | None = None) -> date:
        """The as-of date: the command line wins, then mkdocs.yml, then today in UTC+8."""
        return override or self.as_of or datetime.now(CHINA_TZ).date()


LEGAL_MAXIMUM = {"short_window_months": 3, "long_window_years": 3, "blacklist_years": 3}


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
            problems.append(Problem(Severity.WARNING, "config-unknown",
                                    f"未知的设置项「{key}」，可用：{', '.join(known)}", source, column=key))
            continue
        try:
            values[key] = _coerce(known[key], value)
        except (Invalid, ValueError, TypeError) as exc:
            problems.append(Problem(Severity.ERROR, "config-invalid", f"设置项「{key}」的值无效：{exc}",
                                    source, column=key, value=str(value)))
    if values.get("as_of"):
        problems.append(Problem(Severity.WARNING, "config-as-of",
                                f"mkdocs.yml 固定了判断日期 as_of: {values['as_of']}，网站不会随日期自动撤下到期信息；"
                                "日常发布请删去此项", source, column="as_of"))
    for key, maximum in LEGAL_MAXIMUM.items():
        if key in values and not 0 < values[key] <= maximum:
            problems.append(Problem(Severity.ERROR, "config-loosened",
                                    f"设置项「{key}」不能超过法定的 {maximum}，也不能为 0（只能收紧，不能放宽）",
                                    source, column=key, value=str(values.pop(key))))
    return Settings(**values), problems


def _coerce(f, value):
    if f.name == "as_of":
        return None if value in (None, "") else parse_date(value, allow_roc=False)
    if f.name == "lower_fine_threshold":
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ValueError("应为金额数字（元）")
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            raise ValueError("应为金额数字（元）") from None
        if not number.is_finite() or number < 0:
            raise ValueError("应为不小于 0 的金额（元）")
        return number
    if f.type in ("int",):
        return int(value)
    if f.type in ("bool",):
        if not isinstance(value, bool):
            raise ValueError("应为 true 或 false")
        return value
    return str(value)


def site_options(config_file: Path) -> tuple[dict, Path, Path]:
    """The `disclosure` plugin options, the content folder and the site folder, read as MkDocs reads mkdocs.yml.

    MkDocs' own loader is used so that INHERIT, !ENV and both spellings of `plugins:` mean here exactly
    what they mean to the build. Raises ValueError with a clerk-readable message.
    """
    import logging

    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)  # its warnings are for the build, not for `check`
    try:
        config = load_config(str(config_file))
    except (MkDocsException, OSError, ValueError) as exc:  # MkDocs' Abort is also a SystemExit
        raise ValueError(f"mkdocs.yml 有误：{exc}（详见上方 MkDocs 的说明）") from None
    finally:
        logger.setLevel(level)  # the build that may follow must still see, and count, MkDocs' warnings
    plugin = config.plugins.get("disclosure")
    if plugin is None:
        raise ValueError("mkdocs.yml 的 plugins 中没有启用 disclosure 插件")
    return dict(getattr(plugin, "options", {})), Path(config.docs_dir), Path(config.site_dir)


def placement_problems(settings: Settings, root: Path, docs_dir: Path, site_dir: Path, source: str
                       ) -> list[Problem]:
    """Raw data or the change history inside the content or site folder would be published as they are."""
    problems = []
    for key in ("data_dir", "history_dir"):
        folder = (root / getattr(settings, key)).resolve()
        for published in (docs_dir.resolve(), site_dir.resolve()):
            if folder == published or published in folder.parents or folder in published.parents:
                problems.append(Problem(Severity.ERROR, "config-placement",
                                        f"「{key}」与网站的内容目录或输出目录（{published.name}/）重叠，其中的原始数据会被发布"
                                        "或被覆盖；请放在两者之外", source, column=key, value=getattr(settings, key)))
    for path in sorted(docs_dir.rglob("*")) if docs_dir.is_dir() else []:
        if path.suffix.lower() in {".csv", ".xlsx", ".xls", ".et"}:
            problems.append(Problem(Severity.WARNING, "config-placement",
                                    "内容目录中的表格文件会原样发布到网站上，请确认其中没有个人信息或未到期不公开的记录",
                                    path.relative_to(root).as_posix() if root in path.parents else str(path)))
    return problems


def settings_doc() -> list[tuple[str, object, str]]:
    """(name, default, description) of every setting, for the README and the tests that check it."""
    return [(f.name, f.default, f.metadata["doc"]) for f in fields(Settings)]
