"""Runs the outputs: their Markdown sources and snippets for the theme engine, then their files and themed
pages into the build's own folder. A path is never written twice, and never over a page the theme built.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from ..output import OUTPUTS
from ..output.base import Output
from .pipeline import Prepared


@dataclass(frozen=True)
class Frame:
    """The themed page around a body, split at the body. Filled by string replacement: fast at any scale."""

    head: str
    tail: str
    title_marker: str
    path_marker: str

    def page(self, title: str, path: str, body: str) -> str:
        safe_title = str(escape(title))
        return (self.head.replace(self.title_marker, safe_title).replace(self.path_marker, path)
                + body + self.tail.replace(self.title_marker, safe_title).replace(self.path_marker, path))


class DuplicatePath(Exception):
    """Two outputs, or an output and the theme engine, want the same file: a bug or a content clash."""


class SiteWriter:
    """The Sink the outputs write to (output.base.Sink)."""

    def __init__(self, site_dir: Path, frames: dict[int, Frame], theme_pages: list[str],
                 theme_files: frozenset[str] = frozenset(), theme_documents: list[dict] | None = None):
        """frames: the themed page around a body, for each depth a page can have (cases/x/ is 2);
        theme_pages: addresses of the pages the theme engine built, in order; theme_files: every path it wrote
        in this build (never overwritten); theme_documents: the hand-written ones' url, title and text. Files
        left by an earlier build (`mkdocs build --dirty`) are replaced."""
        self.site_dir = site_dir
        self.frames = frames
        self.written: set[str] = set(theme_files)
        self._page_urls = list(theme_pages)
        self._documents = list(theme_documents or [])

    def file(self, path: str, data: str | bytes) -> None:
        target = self.site_dir / path
        if path in self.written:
            raise DuplicatePath(f"two outputs want the same path: {path}")
        self.written.add(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    def page(self, url: str, title: str, body: str) -> None:
        frame = self.frames.get(url.count("/"))
        if frame is None:
            raise DuplicatePath(f"no frame for a page {url.count('/')} folders deep: {url}")
        self.file(url + "index.html", frame.page(title, url, body))
        self._page_urls.append(url)

    @property
    def theme_documents(self) -> list[dict]:
        return self._documents

    @property
    def page_urls(self) -> list[str]:
        return list(self._page_urls)


def sources(prepared: Prepared, outputs: tuple[Output, ...] = OUTPUTS) -> dict[str, str]:
    """Path under content/ -> Markdown of every generated page the theme engine renders."""
    pages: dict[str, str] = {}
    for output in outputs:
        for uri, text in output.sources(prepared.site, prepared.env):
            if uri in pages:
                raise DuplicatePath(f"two outputs want the same page: {uri}")
            pages[uri] = text
    return pages


def snippets(prepared: Prepared, outputs: tuple[Output, ...] = OUTPUTS) -> dict[str, str]:
    found: dict[str, str] = {}
    for output in outputs:
        found.update(output.snippets(prepared.site, prepared.env))
    return found


def write(prepared: Prepared, writer: SiteWriter, outputs: tuple[Output, ...] = OUTPUTS) -> None:
    for output in outputs:
        output.write(prepared.site, prepared.env, writer)
