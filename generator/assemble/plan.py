"""The build plan: one immutable object saying what to build, from what, for which day, and where.

The command line and the MkDocs plugin (under plain `mkdocs build`) each make one with make_plan and hand
it down; nothing below them reads a clock, the command's name or an option set from outside.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..core.model import Dataset, Guide, Post
from ..core.problems import Report
from ..core.schema import RecordType
from ..core.settings import Settings, settings_from_dict


@dataclass(frozen=True)
class SiteConfig:
    """What the theme engine's configuration (mkdocs.yml) tells the generator."""

    config_file: Path
    docs_dir: Path
    site_dir: Path
    theme_dir: Path | None
    site_url: str
    options: dict  # the `disclosure` plugin's options, as written
    site_name: str = ""
    slugs: dict = field(default_factory=dict)  # how the theme engine makes addresses: "post" and "category" titles
    texts: dict = field(default_factory=dict)  # settings printed on every page (site_name, footer …), by key

    @property
    def root(self) -> Path:
        return self.config_file.parent

    def folders(self) -> dict[str, Path]:
        """The project's own folders by role (build/destination.py): no build may replace or write into them."""
        settings, _ = settings_from_dict(self.options)
        found = {"config": self.root, "docs": self.docs_dir, "data": self.root / settings.data_dir,
                 "history": self.root / settings.history_dir}
        if self.theme_dir is not None:
            found["theme"] = self.theme_dir
        return found


@dataclass(frozen=True)
class Inspection:
    """Everything `check` verifies before anything is written."""

    settings: Settings
    dataset: Dataset
    report: Report
    names: frozenset[str]  # natural persons the data names: masked in every public text
    guides: tuple[Guide, ...]
    posts: tuple[Post, ...]
    pages: tuple = ()  # intake.pages.Page of every hand-written page, front matter normalised


@dataclass(frozen=True)
class Plan:
    site: SiteConfig
    registry: tuple[RecordType, ...]
    inspection: Inspection
    as_of: date
    today: date  # what the entry point's clock said
    strict: bool
    output_dir: Path  # where the finished site goes
    live: bool  # the site people see: only its builds move the change log on

    @property
    def settings(self) -> Settings:
        return self.inspection.settings

    @property
    def report(self) -> Report:
        return self.inspection.report

    def failed(self) -> bool:
        return self.report.has_errors(self.strict)

    def refusal(self) -> str | None:
        """Why this plan may not be built at all, in the clerk's words; None when it may."""
        if self.live and self.as_of > self.today:
            return (f"判断日期 {self.as_of} 晚于今天（{self.today}）：按未来日期生成会提前公开尚未到公示日期的信息，"
                    "不能生成到正式网站目录。预览请用 python -m generator build --as-of … -d 其他目录")
        return None

    def caution(self) -> str | None:
        if self.live and self.as_of < self.today:
            return f"注意：按较早的日期 {self.as_of} 生成，网站中可能含有今天已到期或已撤销的信息，请勿直接发布。"
        return None
