"""One page per party with public records (`/entity/<credit code>/`): its name and former names seen in the
data, its credit code and region, and every public record of every type about it, newest first. A party
whose records are all withheld has no page, and a natural person never has one (output.context.entity_url).
"""
from __future__ import annotations

import jinja2

from .base import Output, Sink, share
from .context import ENTITY_FOLDER, SiteContent

ROOT = "../../"
TEMPLATE = "entity.html"


def entity_summary(site: SiteContent, code: str) -> dict:
    """Name (newest first seen), former names, region and the records by type, for one credit code."""
    by_type = site.entities[code]
    newest = sorted((e for entries in by_type.values() for e in entries),
                    key=lambda e: e.view[e.rtype.date_field], reverse=True)
    names: list[str] = []
    for e in newest:
        name = e.role("name")
        if name and name not in names:
            names.append(name)
    return {
        "code": code, "name": names[0] if names else code, "former": names[1:],
        "region": next((e.role("region") for e in newest if e.role("region")), ""),
        "groups": [{"rtype": rtype, "entries": by_type[rtype.name], "reference": reference_field(rtype)}
                   for rtype in sorted(site.registry, key=lambda t: -t.gravity) if rtype.name in by_type],
    }


def reference_field(rtype) -> str:
    """The field a record of this type is cited by on a party's page: its first code that is not the party's
    own credit code (a decision number, a listing number)."""
    return next((f for f in rtype.search.codes if f != rtype.roles.code), rtype.key)


class EntityPages(Output):
    name = "entity pages"
    parts = True
    reads_all = True
    weight = 40

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        template = env.get_template(TEMPLATE)
        for code in share(sorted(site.entities), part, parts):
            url = f"{ENTITY_FOLDER}/{code}/"
            entries = [e for entries in site.entities[code].values() for e in entries]
            inputs = site.digest(TEMPLATE, *entries)
            if sink.reuse(url, inputs):
                continue
            facts = entity_summary(site, code)
            with site.recording() as lookups:
                body = template.render(**facts, site=site, root=ROOT, settings=site.settings)
            sink.page(url, facts["name"], body, inputs, lookups)
