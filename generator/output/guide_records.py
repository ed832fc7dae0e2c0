"""The box at the end of every buying guide: the newest public cases and blacklist entries about the products
the guide names (front matter `products`), linking to them. The theme engine's adapter puts the guide's
marker at the end of the page; this output fills it."""
from __future__ import annotations

import jinja2

from .base import Output
from .context import SiteContent
from .feeds import narrower_feeds

SHOWN = 8  # newest records of each type in a guide's box


def marker(guide_url: str) -> str:
    return f"<!-- disclosure:guide-records:{guide_url} -->"


class GuideRecords(Output):
    name = "guide records"

    def snippets(self, site: SiteContent, env: jinja2.Environment) -> dict[str, str]:
        template = env.get_template("guide_records.html")
        feeds = {(f.type_name, f.value): f for f in narrower_feeds(site) if f.role == "product"}
        found = {}
        for guide in site.guides:
            products = set(guide.products)
            groups = []
            for rtype in site.registry:
                entries = [group[0] for group in site.pages[rtype.name].values()
                           if group[0].role("product") in products]
                if entries:
                    groups.append({"rtype": rtype, "entries": entries[:SHOWN], "total": len(entries),
                                   "feeds": [feeds[rtype.name, p] for p in guide.products if (rtype.name, p) in feeds]})
            found[marker(guide.url)] = template.render(guide=guide, groups=groups, root="../../", site=site)
        return found
