"""Hand-written pages (content/*.md) as the generator reads them before the theme engine does.

Their front matter is text, not HTML: markup in a title, a description or a category is refused (the theme
prints these as HTML). Whatever becomes an address, a title or a feed item (title, slug, categories, tags,
the file's own name) must carry no personal data: an address cannot be masked once it is public, so that is
an error with the file and line. A description is masked and reported. Dates are read as the dates they say
(quoted or not), invisible characters are removed, and the theme engine reads the page as normalised here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable


from ..core import codes
from ..core.dates import parse_date
from ..core.personal import labels, mask_text, personal_words
from ..core.problems import Invalid, Report, Unreadable
from .limits import Limits, invisible_problem, load_yaml, visible
from .paths import display_path
from .validate import MAX_ADDRESS_BYTES

FRONT = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
TEXT_KEYS = ("title", "description", "categories", "tags", "slug", "authors", "source", "authority")
SHOWN_KEYS = ("description", "source", "authority")  # shown on the page as written, personal data masked
ADDRESS_KEYS = ("title", "slug", "categories", "tags")  # become addresses, page titles, feed items
MARKUP = re.compile(r"[<>]")
POSTS = "news/posts/"


@dataclass(frozen=True)
class Page:
    uri: str  # the path under content/, as the theme engine names it (news/posts/x.md)
    meta: dict  # the front matter as the theme engine is to read it
    body: str
    body_line: int  # the file's line number of the body's first line
    title: str  # front-matter title, else the first heading, else the file name
    changed: bool  # meta differs from the file: the theme engine reads a normalised copy
    broken: bool  # the front matter cannot be read: a preview leaves the page out

    @property
    def is_post(self) -> bool:
        return self.uri.startswith(POSTS)

    @property
    def day(self) -> date | None:
        created = self.meta.get("date")
        created = created.get("created") if isinstance(created, dict) else created
        return created if isinstance(created, date) else None


def read_pages(docs_dir: Path, root: Path, names: frozenset[str], report: Report,
               slugs: dict[str, Callable[[str], str]] | None = None) -> list[Page]:
    """Every Markdown page under docs_dir, checked and normalised; problems go to the report.

    slugs: how the theme engine makes addresses of a post's title and of a category ("post", "category")."""
    pages = [_page(path, docs_dir, root, names, report) for path in sorted(docs_dir.rglob("*.md")) if path.is_file()]
    _check_addresses([p for p in pages if p.is_post and not p.broken and p.meta.get("draft") is not True],
                     docs_dir, root, report, slugs or {})
    return pages


def _page(path: Path, docs_dir: Path, root: Path, names: frozenset[str], report: Report) -> Page:
    uri = path.relative_to(docs_dir).as_posix()
    name = display_path(path, root)
    text, cleaned = _visible_text(path.read_text(encoding="utf-8-sig", errors="replace"), name, report)
    found = personal_words(uri.removesuffix(".md"), names)
    if found:
        report.error(codes.PERSONAL_DATA_IN_ADDRESS, f"文件名中有疑似{found}的内容。文件名会成为网页地址，发布后无法遮蔽，请改名",
                     file=name)
    match = FRONT.match(text)
    if not match:
        return Page(uri, {}, text, 1, _title({}, text, path.stem), cleaned, False)
    body, body_line = text[match.end():], match.group(0).count("\n") + 1
    try:
        meta, node = load_yaml(match.group(1), Limits.of(None))
    except Unreadable as exc:
        row = getattr(exc, "row", None)
        report.error(codes.FRONT_MATTER_INVALID, f"页面开头 --- 之间的设置（front matter）写法有误：{exc}",
                     file=name, row=None if row is None else row + 1)
        return Page(uri, {}, body, body_line, path.stem, False, True)
    if meta is None:
        return Page(uri, {}, body, body_line, _title({}, body, path.stem), False, False)
    if not isinstance(meta, dict):
        report.error(codes.FRONT_MATTER_INVALID, "页面开头 --- 之间的设置（front matter）应为“键: 值”的形式", file=name, row=2)
        return Page(uri, {}, body, body_line, path.stem, False, True)
    lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value}
    clean, ok = _normalised(meta, lines, name, names, report)
    title = _title(clean, body, path.stem)
    if "title" not in clean:
        ok = _heading_title(title, body, body_line, name, names, report) and ok
    return Page(uri, clean, body, body_line, title, cleaned or clean != meta, not ok)


def _visible_text(text: str, name: str, report: Report) -> tuple[str, bool]:
    """The page without characters no page or feed may hold (controls, U+FFFF …), each line's removal noted."""
    if text.isprintable():
        return text, False
    lines, removed_any = [], False
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line, removed = visible(line)
        if removed:
            report.add(invisible_problem(removed, name, "", number, ""))
            removed_any = True
        lines.append(line)
    return "\n".join(lines), removed_any


def _heading_title(title: str, body: str, body_line: int, name: str, names: frozenset[str], report: Report) -> bool:
    """A page without a front-matter title takes its first heading as its title: the same rules hold."""
    at = body.find(title)
    if at < 0:
        return True
    row = body_line + body[:at].count("\n")
    if MARKUP.search(title):
        report.error(codes.FRONT_MATTER_MARKUP, "标题是纯文字，不能含 < 或 >（网页会把它当作代码执行）。请改用全角的＜＞或书名号《》",
                     file=name, row=row, column="title", value=title[:80])
        return False
    found = personal_words(title, names)
    if found:
        report.error(codes.PERSONAL_DATA_IN_ADDRESS, f"标题中有疑似{found}的内容。标题会出现在网页地址、订阅和搜索中，"
                     "发布后无法遮蔽，请删除", file=name, row=row, column="title")
        return False
    return True


def _texts(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def _normalised(meta: dict, lines: dict[str, int], name: str, names: frozenset[str], report: Report
                ) -> tuple[dict, bool]:
    """(front matter as the theme engine is to read it, whether it may be published at all)."""
    clean, ok = {}, True
    for key, value in meta.items():
        row = lines.get(str(key))
        value, removed = visible(value) if isinstance(value, (str, list)) else (value, "")
        if removed:
            report.add(invisible_problem(removed, name, "", row, str(key)))
        if key in TEXT_KEYS:
            for text in _texts(value):
                if MARKUP.search(text):
                    report.error(codes.FRONT_MATTER_MARKUP, f"「{key}」是纯文字，不能含 < 或 >（网页会把它当作代码执行）。"
                                 "请改用全角的＜＞或书名号《》", file=name, row=row, column=str(key), value=text[:80])
                    ok = False
        if key in ADDRESS_KEYS:
            for text in _texts(value):
                found = personal_words(text, names)
                if found:
                    report.error(codes.PERSONAL_DATA_IN_ADDRESS, f"「{key}」中有疑似{found}的内容。它会成为网页地址、标题、"
                                 "订阅或搜索中的文字，发布后无法遮蔽，请删除", file=name, row=row, column=str(key))
                    ok = False
        elif key in SHOWN_KEYS and isinstance(value, str):
            masked, counts = mask_text(value, names)
            if counts:
                what = labels(sorted(counts))
                report.warning(codes.PERSONAL_DATA_MASKED, f"「{key}」中有疑似{what}，网页中已遮蔽；请核对并从原文删除",
                               file=name, row=row, column=str(key))
                value = masked
        elif key == "date":
            try:
                value = _date(value)
            except Invalid as exc:
                report.error(exc.code, f"「date」{exc.message}", file=name, row=row, column="date", value=str(value))
                ok = False
        clean[key] = value
    return clean, ok


def _date(value):
    """A post's date as a date, however it was written (quoted or not); {created: …, updated: …} too."""
    if isinstance(value, dict):
        return {k: _date(v) for k, v in value.items()}
    if isinstance(value, date):
        return value
    return parse_date(value, allow_roc=False)


def _title(meta: dict, body: str, fallback: str) -> str:
    if meta.get("title"):
        return str(meta["title"])
    match = _H1.search(body)
    return match.group(1).strip() if match else fallback


def _check_addresses(posts: list[Page], docs_dir: Path, root: Path, report: Report,
                     slugs: dict[str, Callable[[str], str]]) -> None:
    """Every published post and category gets an address of its own: not empty, not too long, not shared."""
    seen: dict[str, tuple[str, str]] = {}  # address -> (text, file) of the first that made it
    for page in posts:
        name = display_path(docs_dir / page.uri, root)
        categories = page.meta.get("categories")
        categories = categories if isinstance(categories, list) else [categories] if categories else []
        own = ("slug", str(page.meta["slug"])) if page.meta.get("slug") else ("title", page.title)
        for key, text in [own] + [("categories", str(c)) for c in categories]:
            make = None if key == "slug" else slugs.get("category" if key == "categories" else "post")
            slug = make(text) if make else text
            what = "分类" if key == "categories" else "文章"
            if not slug.strip("-"):
                report.error(codes.ADDRESS_EMPTY, f"{what}「{text}」生成的网页地址是空的（只有标点符号），请加上文字",
                             file=name, column=key)
                continue
            if len(slug.encode("utf-8")) > MAX_ADDRESS_BYTES:
                report.error(codes.ADDRESS_TOO_LONG, f"{what}「{text[:30]}…」生成的网页地址超过 {MAX_ADDRESS_BYTES} 字节，请改短",
                             file=name, column=key)
                continue
            year = page.day.year if page.day else ""
            address = f"category/{slug.casefold()}" if key == "categories" else f"{year}/{slug.casefold()}"
            first = seen.setdefault(address, (text, name))
            if key == "categories" and first[0] != text:
                report.error(codes.DUPLICATE_ADDRESS, f"分类「{text}」与「{first[0]}」（{first[1]}）生成相同的网页地址，"
                             "请改写其中一个", file=name, column=key)
            elif key != "categories" and first[1] != name:
                report.error(codes.DUPLICATE_ADDRESS, f"文章「{text}」与 {first[1]} 的网页地址相同，请用 slug 改写其中一个",
                             file=name, column=key)




def check_setting_texts(texts: dict[str, str], source: str, names: frozenset[str], report: Report) -> None:
    """Settings the theme prints on every page are text, not HTML; personal data in the site's name (every
    page's title) is an error, elsewhere (a footer's contact line) a warning to look at."""
    for key, text in texts.items():
        if MARKUP.search(text):
            report.error(codes.CONFIG_INVALID, f"设置项「{key}」是纯文字，不能含 < 或 >（网页会把它当作代码执行）",
                         file=source, column=key, value=text[:80])
        what = personal_words(text, names, private_only=True)
        if what:
            if key in ("site_name", "site_description"):
                report.error(codes.PERSONAL_DATA_IN_ADDRESS, f"设置项「{key}」中有疑似{what}，它会出现在每个网页的标题中，请删除",
                             file=source, column=key)
            else:
                report.warning(codes.PERSONAL_DATA_IN_CONTENT, f"设置项「{key}」中有疑似{what}，它会出现在每个网页上，请核对",
                               file=source, column=key)
