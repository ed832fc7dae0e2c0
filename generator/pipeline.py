"""read -> normalise -> validate -> decide -> redact: everything the site shows, computed before anything is written."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from . import disclosure
from .campaigns import read_campaigns
from .changes import entry_id
from .config import Settings, placement_problems, settings_from_dict, site_options
from .model import Campaign, Dataset
from .problems import Report
from .readers import display_path, read_folder
from .redact import RedactionLog, person_names, public_view, scan
from .schema import CASE, RECORD_TYPES
from .validate import check_across, validate_rows

LEAVING_SOON_DAYS = 30


def load_settings(config_file: Path, report: Report) -> tuple[Settings, Path | None]:
    """The disclosure settings and the content folder; problems with them go to the report."""
    try:
        raw, docs_dir, site_dir = site_options(config_file)
    except ValueError as exc:  # a broken mkdocs.yml is reported, not raised
        report.error("config-invalid", str(exc), file=config_file.name)
        return Settings(), None
    settings, problems = settings_from_dict(raw, config_file.name)
    report.extend(problems)
    report.extend(placement_problems(settings, config_file.parent, docs_dir, site_dir, config_file.name))
    return settings, docs_dir


def check_content(docs_dir: Path, root: Path, names: frozenset[str], report: Report) -> None:
    """Hand-written pages are published as written: personal data in them is pointed out, line by line."""
    for path in sorted(p for p in docs_dir.rglob("*.md") if p.is_file()):
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            _, kinds = scan(line, names)
            kinds = {k: n for k, n in kinds.items() if k in ("id", "mobile", "bank", "email", "name")}
            if kinds:
                what = "、".join(CONTENT_KINDS[k] for k in kinds)
                report.warning("personal-data-in-content", f"手写页面中有疑似个人信息（{what}），发布前请核对",
                               file=display_path(path, root), row=number)


CONTENT_KINDS = {"id": "身份证号", "mobile": "手机号", "bank": "银行卡号", "email": "邮箱", "name": "自然人姓名"}


def read_dataset(root: Path, settings: Settings, report: Report) -> Dataset:
    """Every record of data/, validated; problems go to the report."""
    data_dir = root / settings.data_dir
    dataset = Dataset()
    _check_data_folder(data_dir, root, report)
    for rtype in RECORD_TYPES.values():
        rows = read_folder(data_dir / rtype.name, rtype, report, root)
        records, problems, rejected = validate_rows(rows, rtype)
        across, bad = check_across(records, rtype, settings.blacklist_years)
        report.extend(problems)
        report.extend(across)
        dataset.records[rtype.name] = [r for i, r in enumerate(records) if i not in bad]
        dataset.read[rtype.name] = len(rows)
        dataset.rejected[rtype.name] = rejected + len(bad)
    dataset.campaigns = read_campaigns(data_dir / "campaigns", report, root)
    _check_campaign_links(dataset, report)
    return dataset


DATA_FOLDERS = {"cases", "blacklist", "campaigns"}


def _check_data_folder(data_dir: Path, root: Path, report: Report) -> None:
    """Everything in data/ is read or reported: a file beside the folders would otherwise be skipped unseen."""
    if not data_dir.is_dir():
        report.error("data-missing", "找不到数据目录（应含 cases/、blacklist/、campaigns/）", file=display_path(data_dir, root))
        return
    for entry in sorted(data_dir.iterdir()):
        if entry.name.startswith((".", "~$")):
            continue
        if entry.name in DATA_FOLDERS and not entry.is_dir():
            report.error("file-format", f"{entry.name} 应是文件夹，里面放数据文件", file=display_path(entry, root))
        elif entry.name not in DATA_FOLDERS:
            report.warning("file-format", "不在 cases/、blacklist/ 或 campaigns/ 中，未读取：行政处罚放入 cases/，"
                           "失信名单放入 blacklist/", file=display_path(entry, root))


def _check_campaign_links(dataset: Dataset, report: Report) -> None:
    known = {c.id for c in dataset.campaigns}
    for records in dataset.records.values():
        for record in records:
            campaign = record.get("campaign")
            if campaign and campaign not in known:
                report.warning("campaign-unknown",
                               f"专项行动「{campaign}」在 data/campaigns 中不存在，记录页不会链接到它",
                               file=record.source.file, sheet=record.source.sheet, row=record.source.row,
                               column=record.header("campaign"), value=campaign)


@dataclass
class Entry:
    """A public record as the site shows it: the redacted view plus its dates. No personal field inside."""

    kind: str
    slug: str
    view: dict
    public_from: date
    public_until: date  # first day it is no longer shown

    @property
    def last_day(self) -> date:
        return self.public_until - timedelta(days=1)

    @property
    def url(self) -> str:
        return f"{self.kind}/{self.slug}/"


@dataclass
class Publication:
    """What is public on the as-of date, what is withheld and why, and when that changes next."""

    as_of: date
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    withheld: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    next_change: date | None = None
    leaving_soon: list[Entry] = field(default_factory=list)
    redactions: RedactionLog = field(default_factory=RedactionLog)
    withheld_ids: dict[str, str] = field(default_factory=dict)  # "kind:entry id" -> reason code
    campaigns: list[Campaign] = field(default_factory=list)  # as published

    def counts(self, dataset: Dataset) -> dict:
        result = {}
        for name in RECORD_TYPES:
            withheld = sum(self.withheld[name].values())
            result[name] = {
                "read": dataset.read.get(name, 0),
                "published": len(self.entries.get(name, [])),
                "withheld": withheld,
                "rejected": dataset.rejected.get(name, 0),
                "withheld_by_reason": dict(self.withheld[name]),
            }
        return result


def known_names(dataset: Dataset) -> frozenset[str]:
    """Every natural person the data names, shown or not: masked in every public text. Computed once."""
    if dataset.person_names is None:
        dataset.person_names = person_names(r for records in dataset.records.values() for r in records)
    return dataset.person_names


def publish(dataset: Dataset, settings: Settings, as_of: date) -> Publication:
    """Decide every record and build the public views of those shown."""
    pub = Publication(as_of)
    cases = dataset.records.get(CASE.name, [])
    revoked = disclosure.revoked_decision_numbers(cases, as_of)
    names = known_names(dataset)
    changes = []
    for name, records in dataset.records.items():
        shown = []
        for record in records:
            decision = disclosure.decide(record, as_of, settings, revoked)
            if decision.next_change:
                changes.append(decision.next_change)
            if not decision.visibility.is_public:
                pub.withheld[name][decision.reason] += 1
                pub.withheld_ids[f"{name}:{entry_id(name, record.values)}"] = decision.reason
                continue
            entry = Entry(name, record.slug if name == CASE.name else record.key,
                          public_view(record, settings, pub.redactions, names), decision.public_from,
                          decision.public_until)
            shown.append(entry)
            if decision.public_until <= as_of + timedelta(days=LEAVING_SOON_DAYS):
                pub.leaving_soon.append(entry)
        pub.entries[name] = shown
    # a revocation dated ahead ends the blacklist entries citing it on that day, whatever the case's own state
    changes += [r.get("status_date") for r in cases if r.get("status") == "已撤销"
                and r.get("status_date") and r.get("status_date") > as_of]
    pub.next_change = min(changes) if changes else None
    pub.campaigns = [public_campaign(c, names) for c in dataset.campaigns]
    return pub


def public_campaign(campaign: Campaign, names: frozenset[str]) -> Campaign:
    """A campaign as published: its texts masked like record texts, names known from the data included."""
    def clean(text: str) -> str:
        return scan(text, names)[0]

    return replace(campaign, title=clean(campaign.title), authority=clean(campaign.authority),
                   region=clean(campaign.region), summary=clean(campaign.summary),
                   products=tuple(clean(p) for p in campaign.products),
                   stats=tuple({**s, "label": clean(s["label"]), "unit": clean(s["unit"])} for s in campaign.stats))


def check(root: Path, config_file: Path) -> tuple[Settings, Dataset, Report]:
    """Everything `check` and `build` verify before anything is written."""
    report = Report()
    settings, docs_dir = load_settings(config_file, report)
    dataset = read_dataset(root, settings, report)
    if docs_dir is not None and docs_dir.is_dir():
        check_content(docs_dir, root, known_names(dataset), report)
    return settings, dataset, report
