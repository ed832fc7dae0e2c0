"""The campaign index and one page per campaign: its figures, bulletins, and the records that name it."""
from __future__ import annotations

from typing import Iterator

import jinja2

from .base import Output
from .context import SiteContent


def totals(site: SiteContent, campaign_id: str) -> dict[str, int]:
    """Public records naming the campaign, per type: what this site counts itself."""
    return {rtype.name: len(site.for_campaign(rtype.name, campaign_id)) for rtype in site.registry}


class CampaignPages(Output):
    name = "campaign pages"

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        campaigns = sorted(site.campaigns, key=lambda c: c.start, reverse=True)
        counted = {c.id: totals(site, c.id) for c in campaigns}
        yield "campaigns/index.md", env.get_template("campaigns_index.html").render(
            campaigns=campaigns, counted=counted, registry=site.registry,
            sums={rtype.name: sum(n[rtype.name] for n in counted.values()) for rtype in site.registry})
        page = env.get_template("campaign.html")
        for c in site.campaigns:
            yield f"campaigns/{c.id}.md", page.render(c=c, site=site, counted=counted[c.id])
