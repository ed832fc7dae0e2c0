"""The campaign index and one page per campaign: its figures, bulletins, and the records that name it."""
from __future__ import annotations

from typing import Iterator

import jinja2

from .base import Output
from .context import SiteContent


class CampaignPages(Output):
    name = "campaign pages"

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        yield "campaigns/index.md", env.get_template("campaigns_index.html").render(
            campaigns=sorted(site.campaigns, key=lambda c: c.start, reverse=True))
        page = env.get_template("campaign.html")
        for c in site.campaigns:
            yield f"campaigns/{c.id}.md", page.render(c=c, site=site)
