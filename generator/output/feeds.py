"""RSS 2.0 and Atom feeds (feedgen): bulletins, and the newest public records of each type. Every item links
to a page of this site that exists; records come from public views only, so nothing withheld and no personal
data reaches a feed. Text is escaped for readers that show an item's description as HTML."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

import jinja2
from feedgen.feed import FeedGenerator

from .base import Output, Sink
from .context import SiteContent
from .list_pages import feed_name, segments

FOLDER = "feeds"
ITEMS = 50  # newest items in each feed
BEIJING = timezone(timedelta(hours=8))
_TAGS = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Feed:
    name: str  # file stem under feeds/
    title: str
    page: str  # the page the feed follows
    type_name: str = ""  # the record type it follows ("" for the bulletins)
    role: str = ""  # a narrower feed: only the records whose role (region, product) has this value
    value: str = ""

    def paths(self) -> tuple[str, str]:
        return f"{FOLDER}/{self.name}.xml", f"{FOLDER}/{self.name}.atom"


def feeds_of(registry) -> list[Feed]:
    """The site's feeds: bulletins, then one per record type (named in every page's head)."""
    return [Feed("news", "工作动态", "news/")] + [Feed(rtype.name, f"新公示的{rtype.label}", f"{rtype.name}/",
                                                     rtype.name) for rtype in registry]


NARROWER = (("region", "地区"), ("product", "产品"))  # roles a reader may follow one value of


def narrower_feeds(site: SiteContent) -> list[Feed]:
    """One feed per record type and region, and per record type and product, for the values public records
    have: a district's shops follow their district, a shop or a buyer the products it sells."""
    found = []
    for rtype in site.registry:
        for role, _ in NARROWER:
            values = sorted({e.role(role) for group in site.pages[rtype.name].values() for e in group[:1]
                             if e.role(role)})
            addresses = segments(values)
            for value in values:
                page = f"{rtype.name}/region/{addresses[value]}/" if role == "region" else f"{rtype.name}/"
                found.append(Feed(feed_name(rtype.name, role, addresses[value]), f"{value}新公示的{rtype.label}", page,
                                  rtype.name, role, value))
    return found


def _moment(day: str | date) -> datetime:
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return datetime.combine(day, time(0, 0), BEIJING)


def _plain(text: str) -> str:
    """Text with anything shaped like markup removed: a feed title is shown as text or as HTML, by reader."""
    return _TAGS.sub("", str(text)).replace("<", "").replace(">", "")


def newest_entries(site: SiteContent, rtype) -> dict[tuple[str, str], list]:
    """A type's public entries newest first, all of them under ("", "") and those of each region and product
    under (role, value): sorted once and shared out in one pass, for every feed of the type."""
    ordered = sorted((group[0] for group in site.pages[rtype.name].values()),
                     key=lambda e: (e.public_from, e.page), reverse=True)
    found: dict[tuple[str, str], list] = {("", ""): ordered}
    for e in ordered:
        for role, _ in NARROWER:
            value = e.role(role)
            if value:
                found.setdefault((role, value), []).append(e)
    return found


def _items(site: SiteContent, feed: Feed, documents: dict[str, str], newest: dict | None = None) -> list[dict]:
    if feed.name == "news":
        found = []
        for post in sorted(site.posts, key=lambda p: p.date, reverse=True):
            url = documents.get(post.title)
            if url and post.date:  # a post the theme engine did not publish (a draft) has no address
                found.append({"title": post.title, "url": url, "day": post.date, "text": post.excerpt,
                              "categories": post.categories})
        return found[:ITEMS]
    rtype = site.types[feed.type_name]
    newest = newest if newest is not None else newest_entries(site, rtype)
    entries = newest.get((feed.role, feed.value), [])[:ITEMS]
    summary = rtype.search.summary
    return [{"title": rtype.page_title.format_map(e.view), "url": e.url, "day": e.public_from,
             "text": "；".join(str(x) for x in (e.view.get(summary), e.role("region"), e.role("authority")) if x),
             "categories": tuple(c for c in (e.role("product"),) if c)} for e in entries]


def render(site: SiteContent, feed: Feed, documents: dict[str, str], newest: dict | None = None
           ) -> tuple[bytes, bytes]:
    """(RSS, Atom) of one feed; `newest`: the type's newest_entries(), when the caller has them."""
    fg = FeedGenerator()
    base = site.site_url.rstrip("/") + "/"
    fg.id(base + feed.paths()[1])
    fg.title(f"{site.site_name}：{feed.title}" if site.site_name else feed.title)
    fg.link(href=base + feed.paths()[1], rel="self")
    fg.link(href=site.permalink(feed.page), rel="alternate")  # RSS's channel link: the last one given
    fg.description(f"{feed.title}（信息截至 {site.as_of}）")
    fg.language("zh-CN")
    fg.generator("disclosure-site")
    stamp = _moment(site.as_of)
    fg.lastBuildDate(stamp)
    fg.updated(stamp)
    for item in reversed(_items(site, feed, documents, newest)):  # feedgen puts the last added first
        entry = fg.add_entry()
        address = site.permalink(item["url"])
        entry.id(address)
        entry.guid(address, permalink=True)
        entry.title(_plain(item["title"]))
        entry.link(href=address)
        entry.description(html.escape(str(item["text"])) or html.escape(_plain(item["title"])))
        entry.published(_moment(item["day"]))
        entry.updated(_moment(item["day"]))
        for category in item["categories"]:
            entry.category(term=_plain(category))
    return fg.rss_str(pretty=True), fg.atom_str(pretty=True)


class Feeds(Output):
    name = "feeds"

    def inputs(self, site: SiteContent, sink: Sink) -> str | None:
        """All the SiteContent holds, and the bulletins' addresses as the theme engine made them."""
        return site.digest(self.name, site.content_digest(), sorted(_bulletins(sink).items()))

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        documents = _bulletins(sink)
        newest = {rtype.name: newest_entries(site, rtype) for rtype in site.registry}
        for feed in feeds_of(site.registry) + narrower_feeds(site):
            rss, atom = render(site, feed, documents, newest.get(feed.type_name))
            rss_path, atom_path = feed.paths()
            sink.file(rss_path, rss)
            sink.file(atom_path, atom)


def _bulletins(sink: Sink) -> dict[str, str]:
    """Title -> address of each bulletin the theme engine built."""
    return {d["title"]: d["url"] for d in sink.theme_documents if d["url"].startswith("news/")}
