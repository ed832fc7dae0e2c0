"""Every public record of each type as lists a person can browse with no script and no search: all records,
and the same per year, per region and per region in a year, newest first, at most PER_PAGE rows a page, with
page links above and below.

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
    """What a list page offers to narrow it: years and regions (within the year or region the page is
    already narrowed to, so that region and year combine), and the links that widen it again."""

    all_url: str
    total: int
    years: list[Subset]
    regions: list[Subset]
    year: str = ""  # the page's year ("2025 年"), if narrowed to one
    region: str = ""  # the page's region, if narrowed to one
    any_year_url: str = ""  # the same region in every year
    any_region_url: str = ""  # the same year in every region
    current: str = ""  # the page's own address


@dataclass(frozen=True)
class ListOf:
    """One list: its address, its scope in words, its rows (groups of entries, newest first) and browsing."""

    url: str
    scope: str
    rows: list
    browsing: Browsing
    feed: str = ""  # the feed that follows it (output/feeds.py): the type's, or its region's
    feed_label: str = ""


SEGMENT_BYTES = 90  # a region's (or product's) address segment at most: 30 CJK characters


def segments(names) -> dict[str, str]:
    """Each name's address segment (a region's list, a region's or a product's feed): its slug, bounded in
    length; where that is empty, too long, or the same as another name's (示例市 东城区 and 示例市/东城区, letter
    case aside), the slug (cut) with a short digest of the name itself, so every name has an address of its
    own, the same on every build."""
    base = {r: slugify(r) for r in names}
    shared: dict[str, int] = {}
    for slug in base.values():
        shared[slug.casefold()] = shared.get(slug.casefold(), 0) + 1
    found = {}
    for region, slug in base.items():
        if slug and shared[slug.casefold()] == 1 and len(slug.encode("utf-8")) <= SEGMENT_BYTES:
            found[region] = slug
        else:
            cut = slug.encode("utf-8")[:SEGMENT_BYTES - 12].decode("utf-8", "ignore").strip("-")
            digest = hashlib.sha1(region.encode("utf-8")).hexdigest()[:8]
            found[region] = f"{cut}-{digest}" if cut else digest
    return found


def feed_name(type_name: str, role: str, segment: str) -> str:
    """The file stem under feeds/ of the feed of one region (or product) of a type (output/feeds.py)."""
    return f"{type_name}-{role}-{segment}"


def _root(url: str) -> str:
    """The way back to the site root from a page at url (cases/page/2/ -> ../../../)."""
    return "../" * url.count("/")


def lists(site: SiteContent, rtype: RecordType) -> list[ListOf]:
    """Every list of the type: all records, each year, each region, and each region in each year."""
    groups = list(site.pages[rtype.name].values())
    base = f"{rtype.name}/"
    by_year: dict[str, list] = {}
    by_region: dict[str, list] = {}
    by_both: dict[tuple[str, str], list] = {}
    for group in groups:
        dated = group[0].view.get(rtype.date_field)
        year = str(dated.year) if dated else ""
        region = group[0].role("region") or ""
        if year:
            by_year.setdefault(year, []).append(group)
        if region:
            by_region.setdefault(region, []).append(group)
        if year and region:
            by_both.setdefault((region, year), []).append(group)
    addresses = segments(by_region)

    def region_url(region: str, year: str = "") -> str:
        return f"{base}region/{addresses[region]}/" + (f"year/{year}/" if year else "")

    def year_url(year: str) -> str:
        return f"{base}year/{year}/"

    years_all = [Subset(f"{y} 年", year_url(y), len(g)) for y, g in sorted(by_year.items(), reverse=True)]
    regions_all = [Subset(r, region_url(r), len(g)) for r, g in sorted(by_region.items())]
    found = [ListOf(base, "全部", groups, Browsing(base, len(groups), years_all, regions_all, current=base))]
    for y in sorted(by_year, reverse=True):
        regions = [Subset(r, region_url(r, y), len(by_both[r, y])) for r in sorted(by_region) if (r, y) in by_both]
        found.append(ListOf(year_url(y), f"{y} 年", by_year[y],
                            Browsing(base, len(groups), years_all, regions, year=f"{y} 年", any_region_url=year_url(y),
                                     current=year_url(y))))
    for r in sorted(by_region):
        years = [Subset(f"{y} 年", region_url(r, y), len(by_both[r, y]))
                 for y in sorted(by_year, reverse=True) if (r, y) in by_both]
        feed = dict(feed=feed_name(rtype.name, "region", addresses[r]), feed_label=f"{r}{rtype.label}")
        found.append(ListOf(region_url(r), r, by_region[r],
                            Browsing(base, len(groups), years, regions_all, region=r, any_year_url=region_url(r),
                                     current=region_url(r)), **feed))
        for y in sorted((y for (rr, y) in by_both if rr == r), reverse=True):
            regions = [Subset(o, region_url(o, y), len(by_both[o, y])) for o in sorted(by_region) if (o, y) in by_both]
            found.append(ListOf(region_url(r, y), f"{r}，{y} 年", by_both[r, y],
                                Browsing(base, len(groups), years, regions, year=f"{y} 年", region=r,
                                         any_year_url=region_url(r), any_region_url=year_url(y),
                                         current=region_url(r, y)), **feed))
    return found


def _pages(rows: list[list[Entry]]) -> int:
    return max(1, -(-len(rows) // PER_PAGE))


class ListPages(Output):
    name = "list pages"
    parts = True
    reads_all = True
    weight = 20

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        for index, rtype in enumerate(site.registry):
            first = lists(site, rtype)[0]
            rows = first.rows
            yield f"{rtype.name}/index.md", env.get_template(rtype.templates.index).render(
                rtype=rtype, type_index=index, rows=rows[:PER_PAGE], total=len(rows), as_of=site.as_of,
                settings=site.settings, root="../", browsing=first.browsing,
                paging=Paging(first.url, 1, _pages(rows), len(rows)), caption=f"{rtype.label}（按日期从新到旧）")

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        template = env.get_template("list_page.html")
        work = []
        for rtype in site.registry:
            for one in lists(site, rtype):
                pages = _pages(one.rows)
                for number in range(1, pages + 1):
                    if one.url != f"{rtype.name}/" or number != 1:  # page 1 of all is the theme engine's page
                        work.append((rtype, one, number, pages))
        for rtype, one, number, pages in share(work, part, parts):
            paging = Paging(one.url, number, pages, len(one.rows))
            url = paging.url(number)
            heading = f"{rtype.label}：{one.scope}" + (f"（第 {number} 页）" if number > 1 else "")
            shown = one.rows[(number - 1) * PER_PAGE:number * PER_PAGE]
            feed, feed_label = one.feed or rtype.name, one.feed_label or rtype.label
            inputs = site.digest("list", rtype.name, heading, site.as_of, paging, one.browsing, feed, feed_label, *shown)
            if sink.reuse(url, inputs):
                continue
            with site.recording() as lookups:
                body = template.render(
                    rtype=rtype, heading=heading, scope=one.scope, as_of=site.as_of, root=_root(url), rows=shown,
                    paging=paging, browsing=one.browsing, caption=f"{rtype.label}：{one.scope}（按日期从新到旧）",
                    feed=feed, feed_label=feed_label)
            sink.page(url, heading, body, inputs, lookups)
