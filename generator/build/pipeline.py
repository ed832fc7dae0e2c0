"""read -> normalise -> validate -> decide -> redact: everything the site shows, computed before anything is
written. inspect() is what `check` runs; make_plan() adds the day and the destination; prepare() decides and
redacts; finish() is what happens once the new site is in place.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import jinja2

from ..core.model import Dataset
from ..core.problems import Problem, Report, Severity
from ..core.schema import RecordType
from ..core.settings import Settings, settings_from_dict
from ..intake.campaigns import read_campaigns
from ..intake.content import check_content, read_guides, read_posts
from ..intake.files import read_folder
from ..intake.paths import display_path
from ..intake.validate import check_across, validate_rows
from ..output.context import SiteContent
from ..output.templates import TEMPLATE_DIR, environment
from ..rules.publication import Publication, publish
from ..rules.redact import person_names
from .history import History, public_events
from .plan import Inspection, Plan, SiteConfig

CAMPAIGNS = "campaigns"


def inspect(site: SiteConfig, registry: tuple[RecordType, ...]) -> Inspection:
    """Read and check everything: settings, every data file, hand-written pages. Nothing is written."""
    report = Report()
    settings, problems = settings_from_dict(site.options, site.config_file.name)
    report.extend(problems)
    report.extend(placement_problems(settings, site))
    if site.theme_dir is None or not (site.theme_dir / TEMPLATE_DIR).is_dir():
        report.error("config-invalid", f"mkdocs.yml 的 theme.custom_dir 应指向含有 {TEMPLATE_DIR}/ 模板的主题目录（示例为 theme）",
                     file=site.config_file.name, column="theme.custom_dir")
    dataset = read_dataset(site.root, settings, registry, report)
    names = person_names(dataset.all_records())
    guides, posts = [], []
    if site.docs_dir.is_dir():
        guides = read_guides(site.docs_dir, report, site.root)
        posts = read_posts(site.docs_dir, report, site.root)
        check_content(site.docs_dir, site.root, names, report)
    return Inspection(settings, dataset, report, names, tuple(guides), tuple(posts))


def make_plan(site: SiteConfig, registry: Iterable[RecordType], *, today: date, as_of: date | None = None,
              strict: bool = False, output_dir: Path | None = None, live: bool | None = None) -> Plan:
    """Inspect the site and fix the day (command line, then mkdocs.yml, then the clock) and destination."""
    registry = tuple(registry)
    inspection = inspect(site, registry)
    output_dir = (output_dir or site.site_dir).resolve()
    if live is None:
        live = output_dir == site.site_dir.resolve()
    return Plan(site, registry, inspection, as_of or inspection.settings.as_of or today, today, strict,
                output_dir, live)


def read_dataset(root: Path, settings: Settings, registry: tuple[RecordType, ...], report: Report) -> Dataset:
    """Every record of data/, validated; problems go to the report."""
    data_dir = root / settings.data_dir
    dataset = Dataset()
    _check_data_folder(data_dir, root, registry, report)
    for rtype in registry:
        rows = read_folder(data_dir / rtype.name, rtype, report, root, settings)
        records, problems, rejected = validate_rows(rows, rtype, settings)
        across, bad = check_across(records, rtype, settings)
        report.extend(problems)
        report.extend(across)
        dataset.records[rtype.name] = [r for i, r in enumerate(records) if i not in bad]
        dataset.read[rtype.name] = len(rows)
        dataset.rejected[rtype.name] = rejected + len(bad)
    dataset.campaigns = read_campaigns(data_dir / CAMPAIGNS, report, root, settings)
    _check_campaign_links(dataset, report)
    return dataset


def _check_data_folder(data_dir: Path, root: Path, registry, report: Report) -> None:
    """Everything in data/ is read or reported: a file beside the folders would otherwise be skipped unseen."""
    folders = [rtype.name for rtype in registry] + [CAMPAIGNS]
    if not data_dir.is_dir():
        report.error("data-missing", f"找不到数据目录（应含 {'、'.join(f + '/' for f in folders)}）",
                     file=display_path(data_dir, root))
        return
    where = "，".join(f"{rtype.short_label}放入 {rtype.name}/" for rtype in registry)
    for entry in sorted(data_dir.iterdir()):
        if entry.name.startswith((".", "~$")):
            continue
        if entry.name in folders and not entry.is_dir():
            report.error("file-format", f"{entry.name} 应是文件夹，里面放数据文件", file=display_path(entry, root))
        elif entry.name not in folders:
            report.warning("file-format", f"不在 {' 或 '.join(f + '/' for f in folders)} 中，未读取：{where}",
                           file=display_path(entry, root))


def _check_campaign_links(dataset: Dataset, report: Report) -> None:
    known = {c.id for c in dataset.campaigns}
    for record in dataset.all_records():
        if not record.rtype.has_field("campaign"):
            continue
        campaign = record.get("campaign")
        if campaign and campaign not in known:
            report.warning("campaign-unknown", f"专项行动「{campaign}」在 data/campaigns 中不存在，记录页不会链接到它",
                           file=record.source.file, sheet=record.source.sheet, row=record.source.row,
                           column=record.header("campaign"), value=campaign)


def placement_problems(settings: Settings, site: SiteConfig) -> list[Problem]:
    """Raw data or the change history inside the content or site folder would be published as they are."""
    problems = []
    source = site.config_file.name
    for key in ("data_dir", "history_dir"):
        folder = (site.root / getattr(settings, key)).resolve()
        for published in (site.docs_dir.resolve(), site.site_dir.resolve()):
            if folder == published or published in folder.parents or folder in published.parents:
                problems.append(Problem(Severity.ERROR, "config-placement",
                                        f"「{key}」与网站的内容目录或输出目录（{published.name}/）重叠，其中的原始数据会被发布"
                                        "或被覆盖；请放在两者之外", source, column=key, value=getattr(settings, key)))
    for path in sorted(site.docs_dir.rglob("*")) if site.docs_dir.is_dir() else []:
        if path.suffix.lower() in {".csv", ".xlsx", ".xls", ".et"}:
            problems.append(Problem(Severity.WARNING, "config-placement",
                                    "内容目录中的表格文件会原样发布到网站上，请确认其中没有个人信息或未到期不公开的记录",
                                    display_path(path, site.root)))
    return problems


@dataclass
class Prepared:
    """A plan, decided and redacted: all the outputs need, and the change log to save once published."""

    plan: Plan
    publication: Publication
    site: SiteContent
    env: jinja2.Environment | None
    history: History
    manifest: dict
    events: list[dict]


def prepare(plan: Plan) -> Prepared:
    inspection, settings = plan.inspection, plan.settings
    pub = publish(inspection.dataset, plan.registry, settings, plan.as_of, inspection.names)
    history = History.load(plan.site.root / settings.history_dir, plan.report, settings.history_dir)
    manifest, events = history.compare(pub)
    site = SiteContent(pub, plan.registry, settings, plan.site.site_url, list(inspection.guides),
                       list(inspection.posts), public_events(events, manifest["records"]))
    theme = plan.site.theme_dir
    env = environment(theme) if theme is not None and (theme / TEMPLATE_DIR).is_dir() else None
    return Prepared(plan, pub, site, env, history, manifest, events)


def finish(prepared: Prepared) -> None:
    """The new site is in place: only a build of the site people see moves the change log on."""
    if prepared.plan.live:
        prepared.history.save(prepared.manifest, prepared.events)
