"""One imported bulletin: the cleaning rules run over a source's text, what they removed recorded, and the
draft composed: front matter (date, slug, categories, source, authority, region, review, stats) and the body.

Nothing is repaired by guessing: a garbled passage, personal data, a missing title or date becomes a
`review` item (line and excerpt or category), and a draft with review items carries `draft: true`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..core.personal import find as find_personal
from . import frontmatter
from .facts import all_authorities, authority_in, dates_in, labelled_date, latest_date
from .figures import Figure, figures
from .garbled import REASONS as GARBLED_REASONS
from .garbled import find_garbled
from .importer import (ENUMERATED, LINE_RULES, Removal, convert, ends_sentence, headlines, remove_invisible,
                       remove_pinyin, signature, simplified_view)
from .scaffold import DEFAULT_CATEGORY
from .slugs import has_chinese, pinyin_slug
from .sources import Source

PLACEHOLDER_TITLE = "（请填写标题）"
TITLE_MAX = 60
PERSONAL_LABELS = {"id": "身份证号", "mobile": "手机号", "phone": "固定电话", "bank": "银行卡号", "email": "邮箱",
                   "account": "QQ、微信等账号", "permit": "港澳台证件号、护照号", "address": "详细地址",
                   "number": "证件或账号号码", "name": "自然人姓名"}
_TITLE_STOP = re.compile(r"[。！？!?；;，,：:…]$")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class Review:
    """One thing a person must look at: at a body line (index) or at a front matter key."""

    issue: str
    body_index: int | None = None
    key: str | None = None
    details: dict = field(default_factory=dict)


@dataclass
class Imported:
    name: str
    extracted: str  # the text the rules ran on
    title: str
    title_found: bool
    body: list[str]  # body lines after the title, one paragraph or list item each
    meta: dict
    removals: list[Removal]
    converted: int
    kept_passages: int
    reviews: list[Review]
    stats: list[Figure]
    notes: list[str]
    facts: dict[str, str]  # where date, authority came from, for the summary
    slug: str

    @property
    def draft(self) -> bool:
        return bool(self.meta.get("draft"))

    def removed_by(self) -> dict[str, list[Removal]]:
        grouped: dict[str, list[Removal]] = {}
        for removal in self.removals:
            grouped.setdefault(removal.rule, []).append(removal)
        return grouped


@dataclass
class _Line:
    text: str
    origin: int  # 1-based line of the extracted text
    kept: bool = False  # holds text kept in traditional characters


def clean(source: Source, today: date, *, keep_traditional: bool = False, categories: list[str] | None = None,
          campaign: str | None = None, draft: bool = False) -> Imported:
    removals: list[Removal] = []
    notes = list(source.notes)
    if source.dropped:
        notes.append("网页中未读取的部分：" + "、".join(f"<{tag}> {n} 处" for tag, n in sorted(source.dropped.items())))
    meta_found: dict[str, str] = {}
    lines, converted, kept_passages = _characters(source.text, keep_traditional, removals, notes)
    lines = _furniture(lines, removals, meta_found)
    title, title_found, lines = _title(lines, notes)
    lines = _tail(lines, removals, notes)
    body = _paragraphs(lines)
    return _compose(source, today, title, title_found, body, removals, converted, kept_passages, meta_found,
                    notes, categories, campaign, draft)


def _characters(text: str, keep_all: bool, removals: list[Removal], notes: list[str]
                ) -> tuple[list[_Line], int, int]:
    lines, converted, kept_passages, keeping = [], 0, 0, False
    for number, raw in enumerate(text.splitlines(), start=1):
        line, invisible = remove_invisible(raw)
        removals += [Removal("invisible", number, piece) for piece in invisible]
        line, pinyin = remove_pinyin(line.strip())
        removals += [Removal("pinyin", number, piece) for piece in pinyin]
        line, keeping, markers, changed, kept = convert(line, keeping, keep_all)
        removals += [Removal("keep-marker", number, marker) for marker in markers]
        kept_passages += sum(1 for m in markers if "/" not in m)
        converted += changed
        line = line.strip()
        if line:
            lines.append(_Line(line, number, kept))
    if keeping and not keep_all:
        notes.append("【保留繁体】之后没有【/保留繁体】：其后全文都保留了繁体字")
    return lines, converted, kept_passages


def _furniture(lines: list[_Line], removals: list[Removal], found: dict) -> list[_Line]:
    """Every line rule, in order, until none applies; a partly cut line goes on with what is left."""
    kept = []
    for line in lines:
        text = line.text
        changed = True
        while text and changed:
            changed = False
            view = simplified_view(text) if line.kept else text
            for rule, function in LINE_RULES:
                cut = function(view)
                if cut is None:
                    continue
                if (cut.start, cut.end) != (0, len(view)) and len(view) != len(text):
                    continue  # a partial cut needs positions that mean the same in the line as written
                removals.append(Removal(rule, line.origin, text[cut.start:cut.end]))
                for key, value in cut.meta.items():
                    found.setdefault(key, value)
                text = (text[:cut.start] + text[cut.end:]).strip()
                changed = True
                break
        if text:
            kept.append(_Line(text, line.origin, line.kept))
    return kept


def _title(lines: list[_Line], notes: list[str]) -> tuple[str, bool, list[_Line]]:
    """The first level-1 heading; else the first line when it reads as a title (short, no sentence)."""
    for index, line in enumerate(lines):
        if line.text.startswith("# "):
            if index:
                notes.append(f"标题前有 {index} 行文字，已保留在正文开头，请核对")
            return line.text[2:].strip(), True, lines[:index] + lines[index + 1:]
    if len(lines) > 1:
        first = lines[0].text
        if len(first) <= TITLE_MAX and has_chinese(first) and not _TITLE_STOP.search(first) \
                and not first.startswith(("- ", "#")) and not ENUMERATED.match(first):
            return first, True, lines[1:]
    return PLACEHOLDER_TITLE, False, lines


def _tail(lines: list[_Line], removals: list[Removal], notes: list[str]) -> list[_Line]:
    """The headlines rule: short non-sentences after the article's last sentence."""
    last = max((i for i, line in enumerate(lines) if ends_sentence(line.text)), default=None)
    if last is None or last == len(lines) - 1:
        return lines
    tail = lines[last + 1:]
    furniture = [r.line for r in removals if r.line >= lines[last].origin
                 and r.rule not in ("invisible", "pinyin", "keep-marker")]
    # after furniture that follows the article, the list starts after the last of it
    keep = sum(1 for line in tail if furniture and line.origin <= max(furniture))
    start = headlines([line.text for line in tail[keep:]], bool(furniture))
    if start is None:
        if not all(signature(line.text) for line in tail):
            notes.append(f"文末有 {len(tail)} 行不成句的短行，不符合“无关标题列表”规则，已保留，请核对")
        return lines
    for line in tail[keep + start:]:
        removals.append(Removal("headlines", line.origin, line.text))
    return lines[:last + 1] + tail[:keep + start]


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Body lines as Markdown: later level-1 headings become level 2; < is escaped."""
    body = []
    for line in lines:
        text = line.text.replace("<", "&lt;")
        if text.startswith("# "):
            text = "#" + text
        body.append(text)
    return body


def _compose(source: Source, today: date, title: str, title_found: bool, body: list[str],
             removals: list[Removal], converted: int, kept_passages: int, found: dict, notes: list[str],
             categories: list[str] | None, campaign: str | None, draft: bool) -> Imported:
    reviews: list[Review] = []
    facts: dict[str, str] = {}
    if not title_found:
        reviews.append(Review("缺少标题", body_index=-1, details={"note": "原文没有标题行，已填占位标题，请改写"}))
    meta: dict = {"date": _date(found, body, today, facts, reviews)}
    slug = pinyin_slug(title) if title_found else ""
    if not slug:
        stem = Path(source.name).stem
        slug = "import-" + (pinyin_slug(stem) or re.sub(r"[^0-9a-z]+", "-", stem.lower()).strip("-") or "post")
    meta["slug"] = slug
    if campaign:
        meta["campaign"] = campaign
    meta["categories"] = categories or [DEFAULT_CATEGORY]
    if found.get("source"):
        meta["source"] = found["source"]
    named = _authority(found.get("source", ""), title if title_found else "", body, facts)
    if named:
        meta["authority"], meta["region"] = named
    meta["imported_from"] = source.name
    for index, line in [(-1, title), *enumerate(body)]:
        for suspect in find_garbled(line):
            reasons = "；".join(GARBLED_REASONS[r] for r in suspect.reasons)
            reviews.append(Review("疑似乱码", body_index=index, details={"reason": reasons, "excerpt": suspect.excerpt}))
        for _, _, category in find_personal(line):
            reviews.append(Review("个人信息", body_index=index, details={"category": PERSONAL_LABELS[category]}))
    if reviews or draft:
        meta["draft"] = True
    return Imported(source.name, source.text, title, title_found, body, meta, removals, converted, kept_passages,
                    reviews, figures(body), notes, facts, slug)


def _date(found: dict, body: list[str], today: date, facts: dict, reviews: list[Review]) -> date:
    """The page's own publication date; else the latest full date the text states (not after today); else
    today, as a review item."""
    if found.get("date_text"):
        day = labelled_date("日期：" + found["date_text"])
        if day:
            facts["date"] = "页面上的发布时间"
            return day
    latest = latest_date(body, today)
    if latest:
        facts["date"] = f"正文中最晚的日期（第 {latest[1] + 1} 段）"
        return latest[0]
    years = sorted({d.year for line in body for d in dates_in(line)} | set(_years(body)))
    said = f"（原文只提到 {'、'.join(map(str, years))} 年）" if years else ""
    reviews.append(Review("缺少日期", key="date", details={"note": f"原文未写明日期{said}，暂填导入当天，请改为原发布日期"}))
    facts["date"] = "原文未写明，暂填导入当天"
    return today


def _authority(source: str, title: str, body: list[str], facts: dict) -> tuple[str, str] | None:
    """(authority, region): named by the source line, else the title, else the text; a source the text names
    in full (高新区市场监管局 -> 珠海市高新区市场监管局) by its full name."""
    for where, text in (("来源", source), ("标题", title), ("正文", "\n".join(body))):
        named = authority_in(text)
        if named:
            facts["authority"] = where
            break
    else:
        return None
    if where == "来源":
        fuller = [m for m in all_authorities("\n".join([title, *body])) if m[0].endswith(named[0]) and m[0] != named[0]]
        if fuller:
            named, facts["authority"] = fuller[0], "正文中来源的全称"
    return named


def _years(lines: list[str]) -> list[int]:
    return [int(y) for line in lines for y in re.findall(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\d{1,2}月)", line)]


# --- the page ------------------------------------------------------------------------------------------------

def body_text(imported: Imported) -> tuple[str, dict[int, int]]:
    """The Markdown below the front matter, and for each body index (-1 = the title) its line in that text."""
    out = [f"# {imported.title}", ""]
    where = {-1: 1}
    previous_item = False
    for index, line in enumerate(imported.body):
        item = line.startswith("- ")
        if out[-1] != "" and not (item and previous_item):
            out.append("")
        if item and previous_item and out[-1] == "":
            out.pop()
        out.append(line)
        where[index] = len(out)
        previous_item = item
    return "\n".join(out).rstrip("\n") + "\n", where


def _meta(imported: Imported, where: dict[int, int], offset: int, key_lines: dict[str, int]) -> dict:
    order = ["date", "slug", "campaign", "categories", "draft", "source", "authority", "region", "imported_from"]
    meta = {key: imported.meta[key] for key in order if key in imported.meta}
    if imported.reviews:
        items = []
        for review in imported.reviews:
            line = key_lines.get(review.key, 0) if review.key else offset + where[review.body_index]
            items.append({"line": line, "issue": review.issue, **review.details})
        meta["review"] = items
    if imported.stats:
        meta["stats"] = [figure.as_stat() for figure in imported.stats]
    return meta


def render(imported: Imported) -> tuple[str, list[dict]]:
    """The draft as a page, and its review items; their lines are lines of this very text.

    One review item is one line whatever its numbers, so a first rendering tells where the body starts."""
    body, where = body_text(imported)
    first = frontmatter.render(_meta(imported, where, 0, {}))
    key_lines = {line.split(":", 1)[0]: number for number, line in enumerate(first, start=2)
                 if not line.startswith((" ", "#"))}
    meta = _meta(imported, where, len(first) + 2, key_lines)  # + the two --- lines
    return frontmatter.page(frontmatter.render(meta), body), meta.get("review", [])


def chinese_characters(text: str) -> int:
    return len(_HAN.findall(text))
