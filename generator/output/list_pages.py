"""The list of every public record of each type, newest first (Markdown the theme engine renders)."""
from __future__ import annotations

from typing import Iterator

import jinja2

from .base import Output
from .context import SiteContent


class ListPages(Output):
    name = "list pages"

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        for rtype in site.registry:
            yield f"{rtype.name}/index.md", env.get_template(rtype.templates.index).render(
                rtype=rtype, entries=site.entries[rtype.name], pages=list(site.pages[rtype.name].items()),
                as_of=site.as_of, settings=site.settings)
