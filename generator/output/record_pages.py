"""One page per public record (or per key, for a grouped type), rendered by the type's own template."""
from __future__ import annotations

import jinja2

from .base import Output, Sink
from .context import SiteContent

ROOT = "../../"  # record pages live at /<type>/<page>/


class RecordPages(Output):
    name = "record pages"

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink) -> None:
        for rtype in site.registry:
            template = env.get_template(rtype.templates.page)
            for entries in site.pages[rtype.name].values():
                first = entries[0]
                body = template.render(entries=entries, entry=first, v=first.view, fields=rtype.public_fields,
                                       rtype=rtype, site=site, root=ROOT, settings=site.settings)
                sink.page(first.url, rtype.page_title.format_map(first.view), body)
