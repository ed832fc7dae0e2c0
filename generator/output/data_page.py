"""The downloads page: what can be downloaded, and the data dictionary, both from the record types."""
from __future__ import annotations

from typing import Iterator

import jinja2

from .base import Output
from .context import SiteContent
from .downloads import listing


def dictionary(site: SiteContent) -> list[dict]:
    return [{"label": rtype.label, "fields": rtype.fields, "extra": [(rtype.until_label, "public_until", rtype.until_doc)]}
            for rtype in site.registry]


class DataPage(Output):
    name = "data page"

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        yield "data/index.md", env.get_template("data_index.html").render(
            as_of=site.as_of, downloads=listing(site), dictionary=dictionary(site))
