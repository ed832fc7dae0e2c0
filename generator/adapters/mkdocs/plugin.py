"""The MkDocs plugin (`plugins: [disclosure]`): glue between MkDocs' events and the build layer.

Under `python -m generator build` the command line makes the plan and hands it over with bind(). Under
plain `mkdocs build` or `mkdocs serve` MkDocs is the command, so the plugin is the entry point: it asks the
clock for today and makes the same plan itself. Either way the same outputs write the same site.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from ...assemble import generations, writer as site_writer
from ...assemble.site import ThemeJob, theme_job
from .posts import is_post, with_more
from ...assemble.pipeline import Prepared, finish, make_plan, prepare
from ...core.clock import system_today
from ...core.dates import given_date
from ...core.problems import Invalid
from ...output import templates
from ...output.qr import qr_svg
from ...recordtypes import REGISTRY
from . import frame, material, serve_banner, theme_files
from .config import site_config_of

AS_OF_VARIABLE = "DISCLOSURE_AS_OF"  # `python -m generator serve --as-of` passes its date to each rebuild


def _as_of_from_environment():
    text = os.environ.get(AS_OF_VARIABLE)
    if not text:
        return None
    try:
        return given_date(text)
    except Invalid as exc:
        raise PluginError(f"{AS_OF_VARIABLE}={text}：{exc.message}") from None


@dataclass(frozen=True)
class ThemeResult:
    """What the theme engine built, for the command line to write the outputs around it."""

    frames: dict
    pages: list[str]
    files: frozenset[str]
    documents: list[dict]


class DisclosurePlugin(BasePlugin):
    """The options are generator.core.settings.Settings, checked by the generator with its own messages."""

    def load_config(self, options, config_file_path=None):
        self.options = dict(options or {})
        self.config = {}
        self._bound: Prepared | None = None
        self._job: ThemeJob | None = None
        # MkDocs keeps this instance across a preview's rebuilds and loads its options again for each: the
        # command it was started with stays (on_startup is called only once)
        self._command: str | None = getattr(self, "_command", None)
        return [], []

    def bind(self, prepared: Prepared, job: ThemeJob) -> None:
        """The command line's plan, already checked, decided and redacted, and what to render; the plugin then
        makes none."""
        self._bound = prepared
        self._job = job

    def on_startup(self, *, command, dirty):
        self._command = command

    def on_config(self, config):
        self.banner: list[str] = []
        self.prepared = self._bound or self._own_plan(config)
        self.job = self._job if self._bound is not None else theme_job(self.prepared)
        self.frames: dict[int, site_writer.Frame] = {}
        self.theme_pages: list[str] = []
        self.theme_files: frozenset[str] = frozenset()
        self.theme_documents: list[dict] = []
        self.generated: set[str] = set()
        self.theme: ThemeResult | None = None
        theme_files.list_installed_once(config.theme)
        return config

    def _own_plan(self, config) -> Prepared:
        site = site_config_of(config)
        plan = make_plan(site, REGISTRY, today=system_today(), as_of=_as_of_from_environment(),
                         strict=bool(config.strict), live=self._command == "build")
        refusal = plan.refusal()
        if self._command == "serve" and (plan.failed() or refusal):
            # A preview keeps running: the rows that passed are shown, and every page says what is wrong
            # (the terminal too), until the file is fixed and saved. `build` still publishes nothing.
            self.banner = serve_banner.problems(plan.report, refusal)
            print(serve_banner.terminal_text(self.banner), file=sys.stderr, flush=True)
            return prepare(plan)
        if plan.failed():
            raise PluginError("数据检查未通过，网站未生成：\n" + plan.report.text())
        if refusal:
            raise PluginError(refusal)
        return prepare(plan)

    def on_files(self, files: Files, *, config) -> Files:
        self._normalised_pages(files, config)
        pages = dict(self.job.sources)
        self.generated = set(pages)
        for uri in frame.FRAME_URIS:
            pages[uri] = frame.FRAME_SOURCE
        for uri, text in pages.items():
            if files.get_file_from_path(uri) is not None:
                raise PluginError(f"content/{uri} 与自动生成的页面冲突，请改名或删除该文件")
            files.append(File.generated(config, uri, content=text))
        return files

    def _normalised_pages(self, files: Files, config) -> None:
        """Hand-written pages are read as the generator normalised them (intake/pages.py: dates, descriptions,
        invisible characters); a page whose front matter cannot be read is left out of a preview, which shows
        why in its banner (a build refuses it before the theme engine runs)."""
        if getattr(self, "_staged", None):
            shutil.rmtree(self._staged, ignore_errors=True)
        self._staged: Path | None = None
        for page in self.job.pages:
            found = files.get_file_from_path(page.uri)
            if found is None or not (page.broken or page.changed):
                continue
            files.remove(found)
            if page.broken:
                continue
            if not self._staged:  # made only when a page needs it
                self._staged = Path(tempfile.mkdtemp(prefix="disclosure-pages-"))
            staged = self._staged / page.uri
            staged.parent.mkdir(parents=True, exist_ok=True)
            front = yaml.safe_dump(page.meta, allow_unicode=True, sort_keys=False, width=10_000)
            staged.write_text(f"---\n{front}---\n{page.body}", encoding="utf-8")
            files.append(File.generated(config, page.uri, abs_src_path=str(staged)))

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if is_post(page.file.src_uri):
            markdown = with_more(markdown)
        appendix = self.job.appendix.get(page.file.url.removeprefix("./"))
        if appendix:
            markdown = markdown.rstrip("\n") + "\n\n" + appendix + "\n"
        for marker, text in self.job.snippets.items():
            if marker in markdown:
                markdown = markdown.replace(marker, text)
        return markdown

    def on_env(self, env, *, config, files):
        self.theme_pages = [f.url.removeprefix("./") for f in files.documentation_pages()
                            if f.page is not None and not f.page.is_link and f.src_uri not in frame.FRAME_URIS]
        self.theme_files = frozenset(f.dest_uri for f in files if f.src_uri not in frame.FRAME_URIS)
        env.globals["disclosure_feeds"] = list(self.job.feeds)
        # the monthly archives of the bulletin list (theme/blog.html): the blog plugin adds them as generated pages
        env.globals["disclosure_archives"] = sorted(
            ((f.url.removeprefix("./"), f.page.title) for f in files.documentation_pages()
             if f.page is not None and f.url.removeprefix("./").startswith("news/archive/")), reverse=True)
        env.globals["disclosure_campaigns"] = self.job.campaigns  # theme/blog-post.html: a bulletin's campaign
        env.globals["disclosure_guides"] = frozenset(self.job.appendix)  # theme/main.html: a guide's poster
        env.filters["qr"] = qr_svg  # a guide's printed poster (theme/partials/guide-poster.html)
        env.bytecode_cache = templates.COMPILED  # the theme's templates compiled once per process
        return env

    def on_page_content(self, html: str, *, page, config, files) -> str:
        if page.file.src_uri not in self.generated and page.file.src_uri not in frame.FRAME_URIS:
            self.theme_documents.append({"url": page.file.url.removeprefix("./"), "title": page.title or "",
                                         "text": material.plain_text(html)})
        return html

    def on_post_page(self, output: str, *, page, config) -> str:
        if self.banner:
            output = serve_banner.insert(output, self.banner)
        depth = frame.FRAME_URIS.get(page.file.src_uri)
        if depth is not None:
            try:
                self.frames[depth] = frame.split(output, depth)
            except frame.FrameLost as exc:
                raise PluginError(str(exc)) from None
        return output

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.prepared.plan.site.root / self.prepared.plan.settings.data_dir))
        return server

    def on_shutdown(self) -> None:
        if getattr(self, "_staged", None):
            shutil.rmtree(self._staged, ignore_errors=True)

    @event_priority(-100)  # after every other plugin
    def on_post_build(self, *, config) -> None:
        site_dir = Path(config.site_dir)
        shutil.rmtree(site_dir / frame.FRAME_DIR, ignore_errors=True)
        for name in ("sitemap.xml", "sitemap.xml.gz"):  # written by the sitemap output, with every page
            (site_dir / name).unlink(missing_ok=True)
        material.neutralise_outside_scripts(site_dir)
        if set(self.frames) != set(frame.DEPTHS):
            raise PluginError("the record frame pages were not rendered")
        if self._bound is not None:
            # `python -m generator build` writes the outputs itself, incrementally and on all cores
            self.theme = ThemeResult(self.frames, self.theme_pages, self.theme_files,
                                     sorted(self.theme_documents, key=lambda d: d["url"]))
            return
        # `mkdocs build --dirty` keeps old files: record pages of an earlier build must not survive it
        for rtype in self.prepared.plan.registry:
            for page in (site_dir / rtype.name).glob("*/index.html"):
                if frame.RECORD_MARK in page.read_text(encoding="utf-8", errors="ignore"):
                    shutil.rmtree(page.parent)
        writer = site_writer.SiteWriter(site_dir, self.frames, self.theme_pages, self.theme_files,
                                        sorted(self.theme_documents, key=lambda d: d["url"]))
        site_writer.write(self.prepared, writer)
        (site_dir / generations.TOKEN).write_text(generations.PLAIN_TOKEN, encoding="utf-8")  # a build's folder
        finish(self.prepared)  # plain `mkdocs build`: the site is in place
