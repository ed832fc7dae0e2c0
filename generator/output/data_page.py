"""The downloads page: what can be downloaded, and the data dictionary, both from the record types."""
from __future__ import annotations

from typing import Iterator

import jinja2

from .base import Output
from .context import SiteContent
from .downloads import listing, tables
from .feeds import NARROWER, feeds_of, narrower_feeds


def dictionary(site: SiteContent) -> list[dict]:
    """Per type: the downloads' columns (what a journalist reads), then the fields never published."""
    withheld = {rtype.name: [f for f in rtype.fields if not f.public] for rtype in site.registry}
    return [{"label": t.label, "columns": t.columns, "withheld": withheld.get(t.stem, [])} for t in tables(site)]


class DataPage(Output):
    name = "data page"

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        yield "data/index.md", env.get_template("data_index.html").render(
            as_of=site.as_of, downloads=listing(site), dictionary=dictionary(site), settings=site.settings,
            feeds=feeds_of(site.registry), narrower=_narrower(site))


def _narrower(site: SiteContent) -> list[tuple[str, list]]:
    """The narrower feeds by what they follow: (按地区, feeds), (按产品, feeds)."""
    feeds = narrower_feeds(site)
    return [(f"按{words}", [f for f in feeds if f.role == role]) for role, words in NARROWER]
