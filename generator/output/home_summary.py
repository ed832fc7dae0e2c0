"""The home page's summary of what is public, put where content/index.md says <!-- disclosure:summary -->."""
from __future__ import annotations

import jinja2

from .base import Output
from .context import SiteContent

MARKER = "<!-- disclosure:summary -->"


class HomeSummary(Output):
    name = "home summary"

    def snippets(self, site: SiteContent, env: jinja2.Environment) -> dict[str, str]:
        return {MARKER: env.get_template("summary.html").render(site=site, as_of=site.as_of)}
