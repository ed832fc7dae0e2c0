"""One page per public record (or per key, for a grouped type), rendered by the type's own template."""
from __future__ import annotations

import jinja2

from .base import Output, Sink, share
from .context import SiteContent

ROOT = "../../"  # record pages live at /<type>/<page>/


class RecordPages(Output):
    name = "record pages"
    parts = True
    reads_all = True
    weight = 100

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        work = [(rtype, entries) for rtype in site.registry for entries in site.pages[rtype.name].values()]
        templates = {rtype.name: env.get_template(rtype.templates.page) for rtype in site.registry}
        for rtype, entries in share(work, part, parts):
            first = entries[0]
            inputs = site.digest(rtype.name, rtype.templates.page, *entries)
            if sink.reuse(first.url, inputs):
                continue
            with site.recording() as lookups:
                body = templates[rtype.name].render(entries=entries, entry=first, v=first.view,
                                                    fields=rtype.public_fields, rtype=rtype, site=site, root=ROOT,
                                                    settings=site.settings)
            # the party as the H1 (a long decision number cannot fit a phone at heading size: the body shows it
            # on its own line); the browser's title names both
            sink.page(first.url, rtype.page_title.format_map(first.view), body, inputs, lookups,
                      heading=first.role("name"))
