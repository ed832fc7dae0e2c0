"""Shared fixtures: a small site (config, theme, content) in a temporary folder, with data the test writes."""
from __future__ import annotations

import csv
import fcntl
import gzip
import io
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import settings as hypothesis_settings

from generator.core.identifiers import uscc_check_char
from generator.recordtypes import REGISTRY
from generator.recordtypes.blacklist import BLACKLIST
from generator.recordtypes.cases import CASES

PROJECT = Path(__file__).resolve().parent.parent

# Property tests draw the same examples on every run of `make test` (a red CI run is a red run on the developer's
# machine too); `make test-explore` draws new ones each time, to find what the fixed ones miss. Examples that
# once failed are kept as explicit @example cases.
hypothesis_settings.register_profile("fixed", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("explore", derandomize=False, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fixed"))
# The day the tests' builds take as today. Passed to the one clock (cli.main's `clock`); entry points run as
# subprocesses (plain `mkdocs build`) see it through faketime. No test reads the machine's date.
TODAY = date(2026, 11, 20)


def clock():
    return TODAY


def at_day(command: list[str], day: date = TODAY) -> list[str]:
    """A command run with the system clock set to `day` (libfaketime), for entry points that read the clock.

    Any libfaketime settings around the test run itself (the suite's own faked-date runs) are dropped first:
    faketime inside faketime misreads the date."""
    unset = [arg for var in ("LD_PRELOAD", "FAKETIME", "FAKETIME_SHARED") for arg in ("-u", var)]
    return ["env", *unset, "faketime", f"{day.isoformat()} 12:00:00", *command]

MKDOCS_YML = """
site_name: 测试站点
site_url: https://test.example.gov.cn/
docs_dir: content
theme:
  name: material
  custom_dir: theme
  language: zh
  font: false
  palette:
    - scheme: default
      primary: custom
      accent: custom
extra_css: [assets/stylesheets/site.css]
extra_javascript: [assets/javascripts/site.js]
extra:
  generator: false
  footer:
    organizer: 测试市市场监督管理局
    contact: 测试路 9 号
    site_code: "1234567890"
    icp: 测ICP备12345678号
    police: 测公网安备 11010502000001号
    party_government_mark: 党政机关
    error_report_url: https://zfwzzc.www.gov.cn/
plugins:
  - disclosure:
      lower_fine_threshold: 5000
nav:
  - 首页: index.md
  - 严重违法失信名单: blacklist/index.md
  - 行政处罚信息: cases/index.md
  - 专项行动: campaigns/index.md
  - 数据下载: data/index.md
  - 更新记录: changes/index.md
"""


def read_folder(folder: Path, rtype, report, root: Path, settings=None) -> list:
    """Every raw row of every data file in a folder, as intake reads them one by one (problems to the report)."""
    from generator.intake.files import data_files, read_file
    from generator.intake.limits import Limits
    from generator.intake.mapping import load_mapping

    limits = Limits.of(settings)
    mapping = load_mapping(folder, rtype, report, root, limits)
    return [row for path in data_files(folder, report, root) for row in read_file(path, rtype, mapping, report, root,
                                                                                  limits)]


def decide(record, as_of, settings, revoked=frozenset()):
    """A record's decision for one day; `revoked` are code_keys of revoked penalty decisions."""
    from generator.rules.windows import RuleContext

    return record.rtype.decide(record, RuleContext(as_of, settings, {"cases": frozenset(revoked)}))


def inspect_site(config_file: Path):
    """(settings, dataset, report) of a site folder, as `check` sees it."""
    from generator.adapters.mkdocs.config import read_site_config
    from generator.assemble.pipeline import inspect

    inspection = inspect(read_site_config(config_file), REGISTRY)
    return inspection.settings, inspection.dataset, inspection.report


def publish_all(dataset, settings, as_of):
    """Every record of the dataset decided and redacted for one day, names known from the data masked."""
    from generator.rules.publication import publish
    from generator.rules.redact import person_names

    return publish(dataset, REGISTRY, settings, as_of, person_names(dataset.all_records()))


def prepared_for(dataset, settings, as_of, root: Path, registry=REGISTRY, theme_dir: Path = PROJECT / "theme"):
    """A decided, redacted plan for a dataset made in a test, as if read from a site at `root`."""
    from generator.assemble.pipeline import prepare
    from generator.assemble.plan import Inspection, Plan, SiteConfig
    from generator.core.problems import Report
    from generator.rules.redact import person_names

    site = SiteConfig(root / "mkdocs.yml", root / "content", root / "site", theme_dir, "https://test.example.gov.cn/",
                      {})
    inspection = Inspection(settings, dataset, Report(), person_names(dataset.all_records()), (), ())
    plan = Plan(site, tuple(registry), inspection, as_of, as_of, False, root / "site", False)
    return prepare(plan)


FRAME = ("<title>@T@</title><main>", "</main>", "@T@", "@P@")


def write_outputs(prepared, folder: Path) -> dict[str, str | bytes]:
    """Every output of the site without the theme engine: generated Markdown sources, then the files and
    record pages (in a bare frame). Returns path -> text (bytes for XLSX)."""
    from generator.assemble import writer

    written: dict[str, str | bytes] = {}
    for uri, text in writer.sources(prepared).items():
        written["_sources/" + uri] = text
    for marker, text in writer.snippets(prepared).items():
        written["_snippets/" + marker] = text
    sink = writer.SiteWriter(folder, {depth: writer.Frame(*FRAME) for depth in range(2, 6)}, [])
    writer.write(prepared, sink)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        if rel.startswith("search/") and rel.endswith(".bin"):  # gzip: JSON, or a JSON line then postings
            written[rel] = gzip.decompress(data).decode("utf-8", errors="ignore")
        else:
            written[rel] = data if rel.endswith((".xlsx", ".gz")) else data.decode("utf-8-sig")
    return written


def uscc(body17: str) -> str:
    """A valid credit code from 17 characters."""
    return body17 + uscc_check_char(body17)


CASE_HEADERS = ["行政处罚决定书文号", "当事人名称", "当事人类型", "统一社会信用代码", "违法行为类型", "违法事实",
                "处罚依据", "处罚类别", "处罚内容", "罚款金额", "处罚机关", "处罚决定日期", "公示日期"]


def case_row(n: int, **over) -> dict:
    row = {
        "行政处罚决定书文号": f"测试市监罚〔2026〕{n}号",
        "当事人名称": f"测试市第{n}消防器材有限公司",
        "当事人类型": "法人及非法人组织",
        "统一社会信用代码": uscc(f"9111000012345{n:04d}"),
        "违法行为类型": "销售不合格灭火器",
        "违法事实": "当事人销售的干粉灭火器灭火剂主要组分含量不合格。",
        "处罚依据": "《中华人民共和国产品质量法》第四十九条",
        "处罚类别": "罚款；没收违法所得",
        "处罚内容": "没收违法所得，并处罚款人民币2万元。",
        "罚款金额": "2万",
        "处罚机关": "测试市市场监督管理局",
        "处罚决定日期": "2026-03-02",
        "公示日期": "2026-03-05",
    }
    row.update(over)
    return row


def write_csv(path: Path, rows: list[dict], encoding: str = "utf-8-sig", headers: list[str] | None = None) -> Path:
    headers = headers or list(dict.fromkeys(h for row in rows for h in row))  # every column any row has
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


class FixtureSite:
    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(PROJECT / "theme", root / "theme")
        (root / "content").mkdir()
        (root / "content" / "index.md").write_text("# 测试首页\n\n<!-- disclosure:summary -->\n", encoding="utf-8")
        (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
        for name in ("cases", "blacklist", "campaigns"):
            (root / "data" / name).mkdir(parents=True)

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    def cases_csv(self, rows, name="cases.csv", encoding="utf-8-sig") -> Path:
        return write_csv(self.root / "data" / "cases" / name, rows, encoding)

    def blacklist_csv(self, rows, name="blacklist.csv", encoding="utf-8-sig") -> Path:
        return write_csv(self.root / "data" / "blacklist" / name, rows, encoding)

    def campaign(self, data: dict) -> Path:
        path = self.root / "data" / "campaigns" / f"{data['id']}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        return path

    def run(self, *args: str, today: date = TODAY) -> int:
        from generator.cli import main

        return main(["-f", str(self.config), *args], clock=lambda: today)

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def fixture_site(tmp_path) -> FixtureSite:
    return FixtureSite(tmp_path / "site-src")


SAMPLE_AS_OF = "2026-11-20"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The shipped sample site, copied and built once with --strict; returns its site/ folder (read only).

    Under pytest-xdist the workers share one build: the first to need it builds it while the others wait."""
    from generator.cli import main

    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = tmp_path_factory.getbasetemp().parent / "sample"  # the run's folder, above each worker's own
    else:
        root = tmp_path_factory.mktemp("sample")
    root.mkdir(exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (root / ".built").exists():
            for name in ("content", "data", "theme"):
                shutil.copytree(PROJECT / name, root / name)
            shutil.copy(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
            assert main(["-f", str(root / "mkdocs.yml"), "build", "--strict", "--as-of", SAMPLE_AS_OF],
                        clock=clock) == 0
            (root / ".built").touch()
    return root / "site"


# Debian's build of Chromium's headless shell: the same Blink and V8 as the chromium package without the desktop
# browser around them (what Playwright itself launches for headless tests); the browser tests take two thirds of
# the CPU time they take in the full browser's headless mode (120 -> 84 core-s, BENCHMARKS.md).
CHROMIUM = Path("/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def server(sample_site):
    """The sample site served over HTTP (the benchmark's local server); its address ends in a slash."""
    from generator.benchmark.server import serving

    with serving(sample_site) as address:
        yield address


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium (its headless shell), started once per test process."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian's Chromium headless shell is needed: apt-get install chromium-headless-shell (make tools does this)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
