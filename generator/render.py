"""Jinja2 templates (from theme/disclosure) -> record pages and the generated Markdown pages."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import jinja2
import yaml
from markupsafe import escape

from .model import Campaign
from .pipeline import Entry, Publication
from .schema import BLACKLIST, CASE, Field

TEMPLATE_DIR = "disclosure"


def environment(theme_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(theme_dir / TEMPLATE_DIR)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # Markdown pages are also HTML inside; escaping keeps data from becoming markup
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["show"] = show_value
    return env


def format_amount(value: Decimal) -> str:
    text = f"{value:,.2f}".removesuffix(".00")
    return f"{text} 元"


def show_value(value, f: Field) -> str:
    """A field value as the site shows it."""
    if value is None:
        return ""
    if f.kind == "amount":
        return format_amount(value)
    if f.kind == "choices":
        return "、".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Guide:
    title: str
    url: str
    products: tuple[str, ...]


@dataclass(frozen=True)
class Post:
    title: str
    date: str
    link: str  # Markdown link from a campaign page to the post's source file
    campaign: str


_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_H1 = re.compile(r"^#\s+(.+)$", re.M)


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    match = _FRONT.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        meta = {}
    return (meta if isinstance(meta, dict) else {}), text[match.end():]


def _title(meta: dict, body: str, fallback: str) -> str:
    if meta.get("title"):
        return str(meta["title"])
    match = _H1.search(body)
    return match.group(1).strip() if match else fallback


def scan_guides(docs_dir: Path) -> list[Guide]:
    guides = []
    for path in sorted(p for p in (docs_dir / "guides").glob("*.md") if p.is_file()):
        if path.name == "index.md":
            continue
        meta, body = front_matter(path)
        guides.append(Guide(_title(meta, body, path.stem), f"guides/{path.stem}/",
                            tuple(str(p) for p in meta.get("products") or ())))
    return guides


def scan_posts(docs_dir: Path) -> list[Post]:
    posts = []
    for path in sorted(p for p in (docs_dir / "news" / "posts").rglob("*.md") if p.is_file()):
        meta, body = front_matter(path)
        if meta.get("campaign"):
            rel = path.relative_to(docs_dir).as_posix()
            posts.append(Post(_title(meta, body, path.stem), str(meta.get("date", ""))[:10],
                              f"../{rel}", str(meta["campaign"])))
    return sorted(posts, key=lambda p: p.date)


@dataclass
class SiteContent:
    """Everything the templates may see: public entries only, never records."""

    pub: Publication
    campaigns: list[Campaign]
    guides: list[Guide]
    posts: list[Post]

    def __post_init__(self):
        self.cases = sorted(self.pub.entries.get(CASE.name, []),
                            key=lambda e: (e.view["decision_date"], e.slug), reverse=True)
        groups: dict[str, list[Entry]] = {}
        for entry in sorted(self.pub.entries.get(BLACKLIST.name, []), key=lambda e: e.public_from, reverse=True):
            groups.setdefault(entry.slug, []).append(entry)
        self.blacklist_groups = groups
        self.case_urls = {e.view["decision_no"]: e.url for e in self.cases}
        self.cases_by_code: dict[str, list[Entry]] = {}
        for e in self.cases:
            if e.view.get("uscc"):
                self.cases_by_code.setdefault(e.view["uscc"], []).append(e)
        self.campaigns_by_id = {c.id: c for c in self.campaigns}


def generated_pages(env: jinja2.Environment, content: SiteContent) -> dict[str, str]:
    """src_uri -> Markdown of the pages MkDocs renders with the theme (lists, campaigns, downloads)."""
    as_of = content.pub.as_of
    pages = {
        "cases/index.md": env.get_template("cases_index.html").render(entries=content.cases, as_of=as_of),
        "blacklist/index.md": env.get_template("blacklist_index.html").render(
            groups=list(content.blacklist_groups.items()), as_of=as_of),
        "campaigns/index.md": env.get_template("campaigns_index.html").render(
            campaigns=sorted(content.campaigns, key=lambda c: c.start, reverse=True)),
    }
    campaign_page = env.get_template("campaign.html")
    for c in content.campaigns:
        pages[f"campaigns/{c.id}.md"] = campaign_page.render(
            c=c,
            posts=[p for p in content.posts if p.campaign == c.id],
            cases=[e for e in content.cases if e.view.get("campaign") == c.id],
            blacklist=[g[0] for g in content.blacklist_groups.values()
                       if any(e.view.get("campaign") == c.id for e in g)],
        )
    return pages


def summary(env: jinja2.Environment, content: SiteContent) -> str:
    return env.get_template("summary.html").render(
        as_of=content.pub.as_of, blacklist_count=len(content.blacklist_groups), case_count=len(content.cases),
        campaign_count=len(content.campaigns), latest=content.cases[:5])


@dataclass
class Frame:
    """The themed page around a record, split at the body. Filled by string replacement: fast at any scale."""

    head: str
    tail: str
    title_marker: str
    path_marker: str

    def page(self, title: str, path: str, body: str) -> str:
        safe_title = str(escape(title))
        return (self.head.replace(self.title_marker, safe_title).replace(self.path_marker, path)
                + body + self.tail.replace(self.title_marker, safe_title).replace(self.path_marker, path))


def record_pages(env: jinja2.Environment, content: SiteContent, frame: Frame):
    """(site path, HTML) of every public record page."""
    case_template = env.get_template("case.html")
    blacklisted = set(content.blacklist_groups)
    case_fields = CASE.public_fields
    guides_for = {}
    for guide in content.guides:
        for product in guide.products:
            guides_for.setdefault(product, []).append(guide)
    for e in content.cases:
        v = e.view
        body = case_template.render(
            entry=e, v=v, fields=case_fields, root="../../",
            blacklisted=v.get("uscc") in blacklisted,
            guides=guides_for.get(v.get("product"), []),
            campaign=content.campaigns_by_id.get(v.get("campaign")),
        )
        title = f"{v['party_name']}（{v['decision_no']}）"
        yield e.url, frame.page(title, e.url, body)
    blacklist_template = env.get_template("blacklist.html")
    for code, entries in content.blacklist_groups.items():
        body = blacklist_template.render(
            entries=entries, fields=BLACKLIST.public_fields, root="../../",
            case_urls=content.case_urls, cases=content.cases_by_code.get(code, []),
        )
        url = entries[0].url
        yield url, frame.page(entries[0].view["party_name"], url, body)

