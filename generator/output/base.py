"""What an output is: one job, in up to three steps the build runs for every output in the list."""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, ContextManager, Iterator, Protocol

import jinja2

from .context import SiteContent


class Sink(Protocol):
    """Where outputs write (build.writer.SiteWriter). A path is never written twice."""

    def page(self, url: str, title: str, body: str, inputs: str | None = None, lookups: list | None = None,
             heading: str | None = None) -> None:
        """A themed page at url (`cases/x/`): the theme's header, search and footer around body (HTML), with
        `title` in the browser's title and `heading` (the title if not given) as the page's H1.
        `inputs` (a digest of what the page was made from) and `lookups` (SiteContent.recording) let a later
        build take the page as it is when neither changed."""

    def reuse(self, url: str, inputs: str) -> bool:
        """True when the page at url, made from these inputs, would come out as it did: it is then in place."""

    def file(self, path: str, data: str | bytes) -> None:
        """A file at path, as is."""

    def written(self, path: str) -> str:
        """The content digest of the file this build wrote (or kept) at path."""

    def previous(self, path: str, digest: str) -> Path | None:
        """Where a file with this content digest, written at path by an earlier build, can be read now (the
        folder being written or the live site); None if neither holds it."""

    def keep(self, path: str, digest: str) -> bool:
        """True when the site being written or the live one holds a file with this content digest (SHA-1, hex)
        at path: it is then in place, as if written with file()."""

    def recall(self, name: str):
        """What the output called `name` kept with remember() in an earlier build of this site by this program
        and these settings; None if nothing."""

    def remember(self, name: str, value) -> None:
        """Keep a value (picklable) for recall() in a later build: what saves work then, never what decides
        what is published (a build without it must write the same files)."""

    def stream(self, path: str) -> ContextManager[BinaryIO]:
        """A file at path written bit by bit (`with sink.stream(path) as f: f.write(…)`); seekable."""

    @property
    def theme_documents(self) -> list[dict]:
        """The hand-written pages the theme engine built: url, title and plain text, for the search index."""

    @property
    def page_urls(self) -> list[str]:
        """Every page of the site so far: the theme's own, then those written with page(), in order."""


class Output:
    """Subclasses override the steps they need; the defaults do nothing.

    `parts`: write() can do part k of n of its work (the build spreads the parts over processes); `weight`:
    how much work it is, to start the largest first; `lists_pages`: it lists every page written by the others
    (the sitemap), so it runs after them; `reads_all`: what it writes may show anything the SiteContent holds
    (record, list and company pages), so its inputs are all of it; `every_entry`: one job goes through every
    public entry (the search index, the downloads), so the largest such job runs in the build's own process
    beside the workers: a worker doing it would copy the memory that holds them all (reading an object writes
    its reference count, and a page written is a page copied), 200 MB at 100,000 records."""

    name = ""
    parts = False
    weight = 1
    lists_pages = False
    reads_all = False
    every_entry = False

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        """(path under content/, Markdown) of pages the theme engine renders like hand-written ones."""
        return iter(())

    def snippets(self, site: SiteContent, env: jinja2.Environment) -> dict[str, str]:
        """Marker -> Markdown, replaced where a hand-written page contains the marker."""
        return {}

    def inputs(self, site: SiteContent, sink: Sink) -> str | None:
        """A digest of everything a whole output reads, when it can say: a later build whose digest is the same
        takes its files as they are instead of running it. None: always run."""
        return site.content_digest() if self.reads_all else None

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        """Files and themed pages, written after the theme engine has built its pages (part `part` of
        `parts` when the output can be split)."""


def share(items: list, part: int, parts: int) -> list:
    """Part `part` of `parts` of the items, contiguous, so the parts in order are the items in order."""
    size = -(-len(items) // parts)
    return items[part * size:(part + 1) * size]
