"""Typical cases in bulletins and guides: an editor writes <!-- disclosure:case 示例市监处罚〔2026〕11号 --> where a
case belongs, and the page shows that record's card while it is public and a neutral line once it has left
the site (expired, withdrawn): a hand-written page never keeps a record public past its time."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import jinja2

from .base import Output
from .context import SiteContent

MARKER = re.compile(r"<!--\s*disclosure:case\s+(?P<number>[^>]+?)\s*-->")
TEMPLATE = "case_card.html"


def markers_in(text: str) -> list[str]:
    """The case markers a page holds, exactly as written."""
    return [m.group(0) for m in MARKER.finditer(text)]


class CaseCards(Output):
    name = "case cards"

    def snippets(self, site: SiteContent, env: jinja2.Environment) -> dict[str, str]:
        template = env.get_template(TEMPLATE)
        root = urlparse(site.site_url).path or "/"
        found = {}
        for marker in site.markers:
            number = MARKER.match(marker).group("number")
            found[marker] = template.render(entry=site.entry_by_code(number), root=root, site=site)
        return found
