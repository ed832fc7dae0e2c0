"""read -> normalise -> validate -> decide -> redact: everything the site shows, computed before anything is
written. inspect() is what `check` runs; make_plan() adds the day and the destination; prepare() decides and
redacts; finish() is what happens once the new site is in place.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import jinja2

from ..core import codes, personal
from ..core.dates import add_working_days
from ..core.model import Dataset, Decision, Record
from ..core.timing import phase
from ..core.problems import Problem, Report, Severity
from ..core.schema import RecordType
from ..core.settings import Settings, settings_from_dict
from ..intake.campaigns import read_campaigns
from ..intake.decisions import attach_documents
from ..intake.content import check_content, read_guides, read_posts
from ..intake.pages import check_setting_texts, read_pages
from ..intake.files import SPREADSHEETS, data_files
from ..intake.limits import Limits
from ..intake.mapping import MAPPING_FILE, Mapping, load_mapping
from ..intake.paths import display_path
from ..intake.perfile import FileResult, intake_file
from ..intake.validate import check_across
from ..output.case_cards import markers_in
from ..output.context import SiteContent
from ..output.templates import TEMPLATE_DIR, environment
from ..rules.publication import Publication, decide_each, publish, views_of
from ..rules.redact import NAME_ROLES, person_names
from ..rules.windows import RuleContext
from . import cache, parallel
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
        report.error(codes.CONFIG_INVALID, f"mkdocs.yml 的 theme.custom_dir 应指向含有 {TEMPLATE_DIR}/ 模板的主题目录（示例为 theme）",
                     file=site.config_file.name, column="theme.custom_dir")
    store = cache.Store(site.root / settings.history_dir)
    with phase("read and check data"):
        dataset = read_dataset(site.root, settings, registry, report, store)
    with phase("names"):
        names = known_names(list(dataset.all_records()), store)
    check_setting_texts(site.texts, site.config_file.name, names, report)
    pages, guides, posts = [], [], []
    if site.docs_dir.is_dir():
        pages = read_pages(site.docs_dir, site.root, names, report, site.slugs)
        guides = read_guides(pages)
        posts = read_posts(pages, names)
        check_content(pages, site.docs_dir, site.root, names, report)
    return Inspection(settings, dataset, report, names, tuple(guides), tuple(posts), tuple(pages))


def known_names(records: list, store: cache.Store) -> frozenset[str]:
    """person_names, remembered between builds by the only values it reads."""
    key = cache.key("names", repr([tuple(r.role(role) for role in NAME_ROLES) for r in records]))
    names = store.recall("names", "all", key)
    if names is None:
        names = person_names(records)
        store.remember("names", "all", key, names)
    return names


def make_plan(site: SiteConfig, registry: Iterable[RecordType], *, today: date, as_of: date | None = None,
              strict: bool = False, output_dir: Path | None = None, live: bool | None = None) -> Plan:
    """Inspect the site and fix the day (command line, then mkdocs.yml, then the clock) and destination."""
    registry = tuple(registry)
    inspection = inspect(site, registry)
    # absolute, but not resolved: the site folder is a link to the live generation (build/generations.py)
    output_dir = Path(os.path.abspath(output_dir or site.site_dir))
    if live is None:
        live = output_dir == Path(os.path.abspath(site.site_dir))
    return Plan(site, registry, inspection, as_of or inspection.settings.as_of or today, today, strict,
                output_dir, live)


def read_dataset(root: Path, settings: Settings, registry: tuple[RecordType, ...], report: Report,
                 store: cache.Store | None = None) -> Dataset:
    """Every record of data/, validated; problems go to the report.

    Each data file is one job: read and checked on all cores, and taken from the cache when neither the file,
    its folder's mapping, the settings nor the program changed since a build read it."""
    data_dir = root / settings.data_dir
    dataset = Dataset()
    _check_data_folder(data_dir, root, registry, report)
    limits = Limits.of(settings)
    jobs: list[tuple[int, Path, Mapping, str]] = []
    for index, rtype in enumerate(registry):
        folder = data_dir / rtype.name
        mapping = load_mapping(folder, rtype, report, root, limits)
        mapping_file = folder / MAPPING_FILE
        mapping_digest = cache.file_digest(mapping_file) if mapping_file.is_file() else ""
        for path in data_files(folder, report, root):
            name = cache.key("intake", rtype.name, repr(settings), mapping_digest, display_path(path, root),
                             cache.file_digest(path))
            jobs.append((index, path, mapping, name))
    results: dict[int, FileResult] = {}
    missing = []
    for number, (_, _, _, name) in enumerate(jobs):
        found = store.get("intake", name) if store else None
        if isinstance(found, FileResult):
            results[number] = found
        else:
            missing.append(number)
    state = {"jobs": jobs, "registry": registry, "settings": settings, "root": root}
    for number, result in zip(missing, parallel.run(_intake_job, missing, state)):
        results[number] = result
        if store:
            store.put("intake", jobs[number][3], result)
    if store:
        store.keep_only("intake", {name for _, _, _, name in jobs})
    for index, rtype in enumerate(registry):
        records, read, rejected = [], 0, 0
        for number, (job_type, _, _, _) in enumerate(jobs):
            if job_type != index:
                continue
            result = results[number]
            report.extend(result.problems)
            records += result.make_records(rtype)
            read += result.rows
            rejected += result.rejected
        made_from = [name for job_type, _, _, name in jobs if job_type == index]  # each name holds its file
        if rtype.documents is not None:
            records = attach_documents(records, rtype, data_dir, report, root, settings)
            made_from.append(_folder_digest(data_dir / rtype.documents.folder))
        dataset.keys[rtype.name] = cache.key("records", rtype.name, repr(settings), *made_from)
        across, bad = check_across(records, rtype, settings)
        report.extend(across)
        dataset.records[rtype.name] = [r for i, r in enumerate(records) if i not in bad]
        dataset.read[rtype.name] = read
        dataset.rejected[rtype.name] = rejected + len(bad)
    dataset.campaigns = read_campaigns(data_dir / CAMPAIGNS, report, root, settings)
    _check_campaign_links(dataset, report)
    return dataset


def _folder_digest(folder: Path) -> str:
    """Every file's name and content under a folder (decision documents)."""
    if not folder.is_dir():
        return ""
    return cache.key(*(f"{path.relative_to(folder).as_posix()}:{cache.file_digest(path)}"
                       for path in sorted(folder.rglob("*")) if path.is_file()))


def _intake_job(state: dict, number: int) -> FileResult:
    index, path, mapping, _ = state["jobs"][number]
    return intake_file(path, state["registry"][index], mapping, state["settings"], state["root"])


def _check_data_folder(data_dir: Path, root: Path, registry, report: Report) -> None:
    """Everything in data/ is read or reported: a file beside the folders would otherwise be skipped unseen."""
    folders = [rtype.name for rtype in registry] + [CAMPAIGNS] + [rtype.documents.folder for rtype in registry
                                                                 if rtype.documents is not None]
    if not data_dir.is_dir():
        report.error(codes.DATA_MISSING, f"找不到数据目录（应含 {'、'.join(f + '/' for f in folders)}）",
                     file=display_path(data_dir, root))
        return
    where = "，".join(f"{rtype.short_label}放入 {rtype.name}/" for rtype in registry)
    for entry in sorted(data_dir.iterdir()):
        if entry.name.startswith((".", "~$")):
            continue
        if entry.name in folders and not entry.is_dir():
            report.error(codes.FILE_FORMAT, f"{entry.name} 应是文件夹，里面放数据文件", file=display_path(entry, root))
        elif entry.name not in folders:
            report.warning(codes.FILE_FORMAT, f"不在 {' 或 '.join(f + '/' for f in folders)} 中，未读取：{where}",
                           file=display_path(entry, root))


def _check_campaign_links(dataset: Dataset, report: Report) -> None:
    known = {c.id for c in dataset.campaigns}
    for record in dataset.all_records():
        campaign = record.role("campaign")
        if campaign and campaign not in known:
            report.warning(codes.CAMPAIGN_UNKNOWN, f"专项行动「{campaign}」在 data/campaigns 中不存在，记录页不会链接到它",
                           file=record.source.file, sheet=record.source.sheet, row=record.source.row,
                           column=record.header(record.rtype.roles.campaign), value=campaign)


def placement_problems(settings: Settings, site: SiteConfig) -> list[Problem]:
    """Raw data or the change history inside the content or site folder would be published as they are."""
    problems = []
    source = site.config_file.name
    for key in ("data_dir", "history_dir"):
        folder = (site.root / getattr(settings, key)).resolve()
        for published in (site.docs_dir.resolve(), site.site_dir.resolve()):
            if folder == published or published in folder.parents or folder in published.parents:
                problems.append(Problem(Severity.ERROR, codes.CONFIG_PLACEMENT,
                                        f"「{key}」与网站的内容目录或输出目录（{published.name}/）重叠，其中的原始数据会被发布"
                                        "或被覆盖；请放在两者之外", source, column=key, value=getattr(settings, key)))
    for path in sorted(site.docs_dir.rglob("*")) if site.docs_dir.is_dir() else []:
        if path.suffix.lower() in SPREADSHEETS:
            problems.append(Problem(Severity.WARNING, codes.CONFIG_PLACEMENT,
                                    "内容目录中的表格文件会原样发布到网站上，请确认其中没有个人信息或未到期不公开的记录",
                                    display_path(path, site.root)))
    return problems


@dataclass
class Prepared:
    """A plan, decided and redacted: all the outputs need, and the change log to save once published."""

    plan: Plan
    publication: Publication
    content: SiteContent  # the public entries and all the outputs may see (plan.site is the configuration)
    env: jinja2.Environment | None
    history: History
    manifest: dict
    events: list[dict]
    unsaved: tuple = ()  # the decisions and views to remember for the next build, when prepare() left it

    def remember(self) -> None:
        """Keep the decisions and views for the next build (prepare(remember=False) leaves it to the caller:
        writing them out takes memory for a moment, best taken once the records are released)."""
        with phase("remember decisions and views"):  # not a step of its own on the clerk's progress display
            for made in self.unsaved:
                made.save()
        self.unsaved = ()

    def __getstate__(self) -> dict:  # carried to another process: the templates are loaded again there
        assert not self.unsaved, "remember() before carrying"
        return {**self.__dict__, "env": self.env is not None}

    def __setstate__(self, state: dict) -> None:
        theme = state["plan"].site.theme_dir
        self.__dict__.update(state, env=environment(theme) if state["env"] else None)


VIEW_CHUNK = 2000


class Remembered:
    """Results kept between builds in one cache entry, by keys that hold all a result depends on; the entry
    keeps only those the last build used."""

    name = ""

    def __init__(self, store: cache.Store | None):
        self.store = store
        self._known: dict | None = None
        self.loaded: set = set()
        self.used: dict = {}

    @property
    def known(self) -> dict:
        if self._known is None:
            found = self.store.get(self.name, "all") if self.store else None
            self._known = found if isinstance(found, dict) else {}
            self.loaded = set(self._known)
        return self._known

    def save(self) -> None:
        """Keep what this build used (and only that) when it differs from what was loaded."""
        if self.store and self.used.keys() != self.loaded:
            self.store.put(self.name, "all", self.used)


def values_digest(record: Record) -> str:
    """A digest of a record's own values: with its type, all a decision or a view is made from besides the
    build's context (rules.windows.RuleContext; the settings and known names)."""
    return hashlib.sha1(repr(tuple(record.values.items())).encode()).hexdigest()


class DecisionMaker(Remembered):
    """Decisions for publish(), one list per type: remembered by what its records were made from
    (Dataset.keys) with the day, the settings and the build's revoked decisions (a decision is a pure function
    of its record and them, rules.windows.RuleContext); and each record's by its own values, so that a type
    whose files changed decides only the records that changed."""

    name = "decisions"

    def __init__(self, store: cache.Store | None, dataset: Dataset):
        super().__init__(store)
        self.dataset_keys = dataset.keys
        self.keys: dict[str, str] = {}  # type name -> the key its decisions were found or kept under
        self.digests: dict[int, str] = {}  # id of a record (alive for the build) -> its values_digest

    def record_digests(self, records: list[Record]) -> list[str]:
        """values_digest of each record, computed once per build."""
        known = self.digests
        for record in records:
            if id(record) not in known:
                known[id(record)] = values_digest(record)
        return [known[id(record)] for record in records]

    def __call__(self, rtype: RecordType, records: list[Record], ctx: RuleContext) -> list[Decision]:
        made_from = self.dataset_keys.get(rtype.name)
        if not made_from:  # records not read by read_dataset: nothing to remember them by
            self.keys[rtype.name] = ""
            return decide_each(rtype, records, ctx)
        context = cache.key(self.name, rtype.name, ctx.as_of, repr(ctx.settings),
                            repr(sorted((name, sorted(codes)) for name, codes in ctx.revoked.items())))
        key = self.keys[rtype.name] = cache.key(context, made_from)
        keys = self.known.get(key)
        if not isinstance(keys, list) or len(keys) != len(records) or not all(k in self.known for k in keys):
            keys = [cache.key(context, digest) for digest in self.record_digests(records)]
            missing = [i for i, k in enumerate(keys) if k not in self.known]
            self.known.update(zip([keys[i] for i in missing], decide_each(rtype, [records[i] for i in missing], ctx)))
            self.known[key] = keys
        self.used[key] = keys
        found = [self.known[k] for k in keys]
        self.used.update(zip(keys, found))
        return found


class ViewMaker(Remembered):
    """Public views for publish(): remembered between builds by the record's own values (with the settings,
    the known names and the program), and as one list for a type whose records and decisions are as last
    time; the rest computed on all cores."""

    name = "views"

    def __init__(self, store: cache.Store | None, decisions: DecisionMaker):
        super().__init__(store)
        self.decisions = decisions

    def __call__(self, records: list[Record], settings: Settings, names: frozenset[str]) -> list:
        context = cache.key(self.name, repr(settings), "\x00".join(sorted(names)))
        # the type's records and decisions as last time: the same records are public, with the same views
        made_from = self.decisions.keys.get(records[0].rtype.name) if records else ""
        whole = cache.key(context, made_from) if made_from else None
        kept = self.known.get(whole) if whole else None
        if isinstance(kept, list) and len(kept) == len(records) and all(k in self.known for _, _, k in kept):
            self.used[whole] = kept
            self.used.update((k, self.known[k]) for _, _, k in kept)  # each view, for a later partial change
            return kept
        keys = [cache.key(context, r.rtype.name, digest)
                for r, digest in zip(records, self.decisions.record_digests(records))]
        missing = [i for i, k in enumerate(keys) if k not in self.known]
        chunks = [missing[i:i + VIEW_CHUNK] for i in range(0, len(missing), VIEW_CHUNK)]
        state = {"records": records, "settings": settings, "names": names, "chunks": chunks}
        if len(chunks) > 1:
            personal.ready()
        # Each chunk in a new worker (fresh): a worker that went on would end up holding a copy of every record
        # it touched (a reference count written is a page copied), as much again as the records themselves.
        for chunk, views in zip(chunks, parallel.run(_views_job, range(len(chunks)), state, fresh=True)):
            for i, view in zip(chunk, views):
                self.known[keys[i]] = view
        made = [self.known[k] for k in keys]
        self.used.update(zip(keys, made))
        out = [(view, log, k) for (view, log, _), k in zip(made, keys)]  # the key is a digest of the inputs
        if whole:
            self.used[whole] = self.known[whole] = out
        return out


def _views_job(state: dict, chunk: int) -> list:
    records = state["records"]
    return views_of([records[i] for i in state["chunks"][chunk]], state["settings"], state["names"])


def prepare(plan: Plan, remember: bool = True) -> Prepared:
    inspection, settings = plan.inspection, plan.settings
    with phase("decide and redact"):
        store = cache.Store(plan.site.root / settings.history_dir)
        decisions = DecisionMaker(store, inspection.dataset)
        views = ViewMaker(store, decisions)
        pub = publish(inspection.dataset, plan.registry, settings, plan.as_of, inspection.names, views, decisions)
        decisions.digests.clear()  # needed while deciding and redacting only: memory back before the caches are written
    history = History.load(plan.site.root / settings.history_dir, plan.report, settings.history_dir)
    manifest, events = history.compare(pub)
    content = SiteContent(pub, plan.registry, settings, plan.site.site_url, list(inspection.guides),
                       list(inspection.posts), public_events(events, manifest["records"]), plan.site.site_name,
                       tuple(sorted({m for page in inspection.pages for m in markers_in(page.body)})))
    stale_parties(plan, pub)
    first_shown_late(plan, events)
    theme = plan.site.theme_dir
    env = environment(theme) if theme is not None and (theme / TEMPLATE_DIR).is_dir() else None
    prepared = Prepared(plan, pub, content, env, history, manifest, events, (decisions, views))
    if remember:
        prepared.remember()
    return prepared


def finish(prepared: Prepared) -> None:
    """The new site is in place: only a build of the site people see moves the change log on."""
    if prepared.plan.live:
        prepared.history.save(prepared.manifest, prepared.events)


def first_shown_late(plan: Plan, events: list[dict]) -> None:
    """A record of a type with no publication-date column (the blacklist) is published by the build that first
    shows it: one it shows more than the deadline after the record's date is reported, as a late case is. The
    first build of a site, which shows all it has at once, and a rebuild of an earlier day report nothing."""
    latest = events[-1] if events else None
    if not latest or latest["first"] or latest["date"] != plan.as_of.isoformat():
        return
    added = {(a["type"], a["id"]) for a in latest["added"]}
    days = plan.settings.publish_deadline_working_days
    for record in plan.inspection.dataset.all_records():
        rtype, start = record.rtype, record.values.get(record.rtype.deadline_from or "", None)
        if not rtype.deadline_from or not start or (rtype.name, rtype.entry_id(record.values)) not in added:
            continue
        deadline = add_working_days(start, days).day
        if plan.as_of > deadline:
            plan.report.warning(codes.LATE_PUBLICATION,
                                f"本次生成才首次公开，晚于{record.header(rtype.deadline_from)}后 {days} 个工作日"
                                f"（应不晚于 {deadline}）。请尽快发布，并核对{record.header(rtype.deadline_from)}",
                                file=record.source.file, sheet=record.source.sheet, row=record.source.row,
                                column=record.header(rtype.deadline_from), value=start.isoformat())


def stale_parties(plan: Plan, pub: Publication) -> None:
    """A hand-written page that names a party (by full name or credit code) none of whose records is public any
    more keeps naming it after the law took it off the site: the clerk is told which page and line."""
    inspection, report = plan.inspection, plan.report
    public = {str(e.role(role)) for entries in pub.entries.values() for e in entries
              for role in ("name", "code") if e.role(role)}
    known = {str(r.role(role)) for r in inspection.dataset.all_records() for role in ("name", "code") if r.role(role)}
    gone = {n for n in known - public if len(n) >= 6}
    if not gone or not inspection.pages:
        return
    grams = {page.body[i:i + 4] for page in inspection.pages for i in range(len(page.body) - 3)}
    named = [n for n in gone if n[:4] in grams and n[-4:] in grams]
    for page in inspection.pages:
        for number, line in enumerate(page.body.splitlines(), start=page.body_line):
            for name in named:
                if name in line:
                    report.warning(codes.PARTY_NO_LONGER_PUBLIC, f"页面提到「{name}」，但本站已没有该主体正在公示的信息"
                                   "（公示期满、已撤销或修复）。请核对是否应从页面中删去，或改用 <!-- disclosure:case 文号 --> 标记",
                                   file=display_path(plan.site.docs_dir / page.uri, plan.site.root), row=number)
