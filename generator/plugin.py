"""The thin MkDocs adapter: runs the pipeline, hands MkDocs the generated pages, writes record pages after.

Everything here is glue; rules live in the pipeline modules so a move away from MkDocs stays small.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import changes, compose, render, write
from .normalise import PLAUSIBLE_YEARS, Invalid, parse_date
from .pipeline import check, publish

FRAME_URI = "_frame/record.md"
FRAME_URL = "_frame/record/"
TITLE_MARKER = "@@RECORD-TITLE@@"
BODY_MARKER = "@@RECORD-BODY@@"
SUMMARY_TOKEN = "<!-- disclosure:summary -->"
RECORD_MARK = 'class="record record--'  # in every record page body (theme/disclosure/case.html, blacklist.html)
FRAME_SOURCE = f"""---
title: "{TITLE_MARKER}"
search:
  exclude: true
hide:
  - toc
  - navigation
---

{BODY_MARKER}
"""


def _env_as_of():
    """`python -m generator serve --as-of` passes its date to each rebuild through the environment."""
    text = os.environ.get("DISCLOSURE_AS_OF")
    if not text:
        return None
    try:
        day = parse_date(text, allow_roc=False)
    except Invalid as exc:
        raise PluginError(f"DISCLOSURE_AS_OF={text}：{exc.message}") from None
    if not PLAUSIBLE_YEARS[0] <= day.year <= PLAUSIBLE_YEARS[1]:
        raise PluginError(f"DISCLOSURE_AS_OF={text}：日期超出合理范围")
    return day


class DisclosurePlugin(BasePlugin):
    """`plugins: [disclosure: {...}]` in mkdocs.yml; the options are generator.config.Settings."""

    def load_config(self, options, config_file_path=None):
        self.options = dict(options or {})
        self.config = {}
        # Set by `python -m generator build` before the build starts; plain `mkdocs build` uses the defaults.
        self.as_of_override = _env_as_of()
        self.strict = False
        self.prepared = None  # (settings, dataset, publication) already computed by the command line
        return [], []

    def on_startup(self, *, command, dirty):
        self.command = command

    def save_history(self) -> None:
        """Called once the new site is in place: the next build compares against this one."""
        self.history.save(self.manifest, self.events)

    def on_config(self, config):
        root = Path(config.config_file_path).parent
        publication = None
        if self.prepared is not None:
            settings, dataset, publication = self.prepared
        else:  # plain `mkdocs build` / `mkdocs serve`: the same checks as `python -m generator build`
            settings, dataset, report = check(root, Path(config.config_file_path))
            if report.has_errors(self.strict or config.strict):
                raise PluginError("数据检查未通过，网站未生成：\n" + report.text())
        as_of = settings.today(self.as_of_override)
        # `python -m generator build` decides this itself (a future date may go to a -d preview folder)
        if self.prepared is None and getattr(self, "command", None) == "build" and as_of > settings.today():
            raise PluginError(f"判断日期 {as_of} 晚于今天：会提前公开尚未到公示日期的信息。预览请用 "
                              "python -m generator build --as-of … -d 其他目录")
        self.settings = settings
        self.publication = publication or publish(dataset, settings, as_of)
        self.history = changes.History.load(root / settings.history_dir)
        self.manifest, self.events = self.history.compare(self.publication)
        docs_dir = Path(config.docs_dir)
        self.content = render.SiteContent(self.publication, self.publication.campaigns,
                                          render.scan_guides(docs_dir), render.scan_posts(docs_dir))
        if not config.theme.custom_dir or not (Path(config.theme.custom_dir) / render.TEMPLATE_DIR).is_dir():
            raise PluginError(f"mkdocs.yml 的 theme.custom_dir 应指向含有 {render.TEMPLATE_DIR}/ 模板的主题目录（示例为 theme）")
        self.env = render.environment(Path(config.theme.custom_dir))
        self.frame = None
        return config

    def on_files(self, files: Files, *, config) -> Files:
        events = changes.public_events(self.events, self.manifest["records"])
        pages, downloads = compose.site_sources(self.env, self.content, events)
        pages[FRAME_URI] = FRAME_SOURCE
        for uri, text in {**pages, **downloads}.items():
            existing = files.get_file_from_path(uri)
            if existing is not None:
                raise PluginError(f"content/{uri} 与自动生成的页面冲突，请改名或删除该文件")
            files.append(File.generated(config, uri, content=text))
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if SUMMARY_TOKEN in markdown:
            markdown = markdown.replace(SUMMARY_TOKEN, render.summary(self.env, self.content))
        return markdown

    def on_post_page(self, output: str, *, page, config) -> str:
        if page.file.src_uri == FRAME_URI:
            body = f"<p>{BODY_MARKER}</p>"
            if output.count(body) != 1:
                raise PluginError("the record frame lost its body marker; check theme/main.html overrides")
            head, tail = output.split(body)
            self.frame = render.Frame(head, tail, TITLE_MARKER, FRAME_URL)
        return output

    def on_serve(self, server, *, config, builder):
        server.watch(str(Path(config.config_file_path).parent / self.settings.data_dir))
        return server

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config) -> None:
        site_dir = Path(config.site_dir)
        shutil.rmtree(site_dir / "_frame", ignore_errors=True)
        # `mkdocs build --dirty` keeps old files: record pages of an earlier build must not survive it
        for kind in ("cases", "blacklist"):
            for page in (site_dir / kind).glob("*/index.html"):
                if RECORD_MARK in page.read_text(encoding="utf-8", errors="ignore"):
                    shutil.rmtree(page.parent)
        if self.frame is None:
            raise PluginError("the record frame page was not rendered")
        writer = write.SiteWriter(site_dir)
        urls = []
        for url, html in render.record_pages(self.env, self.content, self.frame):
            writer.write_page(url, html)
            urls.append(url)
        write.extend_search_index(site_dir, write.search_entries(self.content), "_frame/")
        write.extend_sitemap(site_dir, config.site_url or "", urls, FRAME_URL)
        write.neutralise_outside_scripts(site_dir)
        if getattr(self, "command", None) == "build" and self.prepared is None:
            self.save_history()  # plain `mkdocs build`; `python -m generator build` saves after its swap
