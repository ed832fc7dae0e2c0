"""What an output is: one job, in up to three steps the build runs for every output in the list."""
from __future__ import annotations

from typing import Iterator, Protocol

import jinja2

from .context import SiteContent


class Sink(Protocol):
    """Where outputs write (build.writer.SiteWriter). A path is never written twice."""

    def page(self, url: str, title: str, body: str) -> None:
        """A themed page at url (`cases/x/`): the theme's header, search and footer around body (HTML)."""

    def file(self, path: str, data: str | bytes) -> None:
        """A file at path, as is."""

    @property
    def theme_documents(self) -> list[dict]:
        """The hand-written pages the theme engine built: url, title and plain text, for the search index."""

    @property
    def page_urls(self) -> list[str]:
        """Every page of the site so far: the theme's own, then those written with page(), in order."""


class Output:
    """Subclasses override the steps they need; the defaults do nothing."""

    name = ""

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        """(path under content/, Markdown) of pages the theme engine renders like hand-written ones."""
        return iter(())

    def snippets(self, site: SiteContent, env: jinja2.Environment) -> dict[str, str]:
        """Marker -> Markdown, replaced where a hand-written page contains the marker."""
        return {}

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink) -> None:
        """Files and themed pages, written after the theme engine has built its pages."""
