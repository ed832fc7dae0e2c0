"""Every public record of each type as lists a person can browse with no script and no search: all records,
and the same per region and per year, newest first, at most PER_PAGE rows a page, with page links.

The first page of the full list is Markdown the theme engine renders (it is in the navigation); every other
page is written into the frame, like record pages, at plain-template speed.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterator

import jinja2

from ..core.schema import RecordType
from ..core.text import slugify
from ..rules.publication import Entry
from .base import Output, Sink, share
from .context import SiteContent

PER_PAGE = 50


@dataclass(frozen=True)
class Paging:
    base: str  # the list's address from the site root: cases/, cases/region/示例市东城区/
    number: int
    pages: int
    total: int

    def url(self, n: int) -> str:
        return self.base if n == 1 else f"{self.base}page/{n}/"

    def window(self) -> list[int]:
        """Page numbers to link: the first, the last, and two either side of this one; 0 marks a gap."""
        shown = sorted({1, self.pages, *range(max(1, self.number - 2), min(self.pages, self.number + 2) + 1)})
        out: list[int] = []
        for n in shown:
            if out and n > out[-1] + 1:
                out.append(0)
            out.append(n)
        return out


@dataclass(frozen=True)
class Subset:
    name: str
    url: str
    count: int


@dataclass(frozen=True)
class Browsing:
    all_url: str
    total: int
    years: list[Subset]
    regions: list[Subset]
    current: str = ""

    def at(self, url: str) -> "Browsing":
        return Browsing(self.all_url, self.total, self.years, self.regions, url)


REGION_BYTES = 90  # a region's address segment at most: 30 CJK characters


def region_addresses(regions) -> dict[str, str]:
    """Each region's address segment: its slug, bounded in length; where that is empty, too long, or the
    same as another region's (示例市 东城区 and 示例市/东城区, letter case aside), the slug (cut) with a short
    digest of the region's own text, so every region has an address of its own, the same on every build."""
    base = {r: slugify(r) for r in regions}
    shared: dict[str, int] = {}
    for slug in base.values():
        shared[slug.casefold()] = shared.get(slug.casefold(), 0) + 1
    found = {}
    for region, slug in base.items():
        if slug and shared[slug.casefold()] == 1 and len(slug.encode("utf-8")) <= REGION_BYTES:
            found[region] = slug
        else:
            cut = slug.encode("utf-8")[:REGION_BYTES - 12].decode("utf-8", "ignore").strip("-")
            digest = hashlib.sha1(region.encode("utf-8")).hexdigest()[:8]
            found[region] = f"{cut}-{digest}" if cut else digest
    return found


def _root(url: str) -> str:
    """The way back to the site root from a page at url (cases/page/2/ -> ../../../)."""
    return "../" * url.count("/")


def lists(site: SiteContent, rtype: RecordType) -> tuple[Browsing, list[tuple[str, str, list[list[Entry]]]]]:
    """How the type's records can be browsed, and (address, scope in words, rows) of every list."""
    groups = list(site.pages[rtype.name].values())
    base = f"{rtype.name}/"
    by_year: dict[str, list[list[Entry]]] = {}
    by_region: dict[str, list[list[Entry]]] = {}
    for group in groups:
        v = group[0].view
        dated = v.get(rtype.date_field)
        if dated:
            by_year.setdefault(str(dated.year), []).append(group)
        if group[0].role("region"):
            by_region.setdefault(group[0].role("region"), []).append(group)
    addresses = region_addresses(by_region)
    years = [Subset(f"{y} 年", f"{base}year/{y}/", len(g)) for y, g in sorted(by_year.items(), reverse=True)]
    regions = [Subset(r, f"{base}region/{addresses[r]}/", len(g)) for r, g in sorted(by_region.items())]
    browsing = Browsing(base, len(groups), years, regions)
    found = [(base, "全部", groups)]
    found += [(f"{base}year/{y}/", f"{y} 年", by_year[y]) for y in sorted(by_year, reverse=True)]
    found += [(f"{base}region/{addresses[r]}/", r, by_region[r]) for r in sorted(by_region)]
    return browsing, found


def _pages(rows: list[list[Entry]]) -> int:
    return max(1, -(-len(rows) // PER_PAGE))


class ListPages(Output):
    name = "list pages"
    parts = True
    weight = 20

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        for index, rtype in enumerate(site.registry):
            browsing, found = lists(site, rtype)
            base, _, rows = found[0]
            yield f"{rtype.name}/index.md", env.get_template(rtype.templates.index).render(
                rtype=rtype, type_index=index, rows=rows[:PER_PAGE], total=len(rows), as_of=site.as_of,
                settings=site.settings, root="../", browsing=browsing,
                paging=Paging(base, 1, _pages(rows), len(rows)), caption=f"{rtype.label}（按日期从新到旧）")

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        template = env.get_template("list_page.html")
        work = []
        for rtype in site.registry:
            browsing, found = lists(site, rtype)
            for base, scope, rows in found:
                pages = _pages(rows)
                for number in range(1, pages + 1):
                    if base != f"{rtype.name}/" or number != 1:  # page 1 of all is the theme engine's page
                        work.append((rtype, browsing, base, scope, rows, number, pages))
        for rtype, browsing, base, scope, rows, number, pages in share(work, part, parts):
            paging = Paging(base, number, pages, len(rows))
            url = paging.url(number)
            heading = f"{rtype.label}：{scope}" + (f"（第 {number} 页）" if number > 1 else "")
            shown = rows[(number - 1) * PER_PAGE:number * PER_PAGE]
            inputs = site.digest("list", rtype.name, heading, site.as_of, paging, browsing.at(base), *shown)
            if sink.reuse(url, inputs):
                continue
            with site.recording() as lookups:
                body = template.render(
                    rtype=rtype, heading=heading, scope=scope, as_of=site.as_of, root=_root(url), rows=shown,
                    paging=paging, browsing=browsing.at(base), caption=f"{rtype.label}：{scope}（按日期从新到旧）")
            sink.page(url, heading, body, inputs, lookups)
