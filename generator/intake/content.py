"""Hand-written pages in content/: their front matter (guides' products, posts' campaigns), and personal data
written into them by hand, pointed out line by line before anything is published.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..core.model import Guide, Post
from ..core.personal import CATEGORY_LABELS, mask_text
from ..core.problems import Report, Unreadable
from .limits import Limits, load_yaml
from .paths import display_path

_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_H1 = re.compile(r"^#\s+(.+)$", re.M)
# Pointed out in hand-written pages. Landlines and addresses are not: a bureau publishes its own.
CONTENT_CATEGORIES = {c: CATEGORY_LABELS[c] for c in ("id", "mobile", "bank", "email", "account", "permit", "name")}


def front_matter(path: Path, report: Report, root: Path) -> tuple[dict, str]:
    """(front matter, body) of a Markdown page; front matter that is not a YAML mapping is an error."""
    text = path.read_text(encoding="utf-8")
    match = _FRONT.match(text)
    if not match:
        return {}, text
    try:
        meta, _ = load_yaml(match.group(1), Limits.of(None))
    except (yaml.YAMLError, Unreadable) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        line = getattr(exc, "row", None) if line is None else line + 1
        report.error("front-matter-invalid", f"页面开头 --- 之间的设置（front matter）写法有误：{exc}",
                     file=display_path(path, root), row=None if line is None else line + 1)
        return {}, text[match.end():]
    if meta is None:
        return {}, text[match.end():]
    if not isinstance(meta, dict):
        report.error("front-matter-invalid", "页面开头 --- 之间的设置（front matter）应为“键: 值”的形式",
                     file=display_path(path, root), row=2)
        return {}, text[match.end():]
    return meta, text[match.end():]


def _title(meta: dict, body: str, fallback: str) -> str:
    if meta.get("title"):
        return str(meta["title"])
    match = _H1.search(body)
    return match.group(1).strip() if match else fallback


def read_guides(docs_dir: Path, report: Report, root: Path) -> list[Guide]:
    guides = []
    for path in sorted(p for p in (docs_dir / "guides").glob("*.md") if p.is_file()):
        if path.name == "index.md":
            continue
        meta, body = front_matter(path, report, root)
        guides.append(Guide(_title(meta, body, path.stem), f"guides/{path.stem}/",
                            tuple(str(p) for p in meta.get("products") or ())))
    return guides


MORE = "<!-- more -->"
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"<[^>]+>|[*_`>#]+")


def excerpt(body: str, limit: int = 160) -> str:
    """Plain text of a post's opening: up to the <!-- more --> marker, else its first paragraph, cut at
    `limit` characters with an ellipsis."""
    head = body.split(MORE, 1)[0] if MORE in body else ""
    if not head.strip():
        blocks = [b for b in re.split(r"\n\s*\n", body) if b.strip() and not b.lstrip().startswith(("#", "!", "<"))]
        head = blocks[0] if blocks else ""
    lines = [line for line in head.splitlines() if not line.lstrip().startswith("#")]
    text = " ".join(_MARKUP.sub("", _LINK.sub(r"\1", line)).strip() for line in lines).strip()
    return text if len(text) <= limit else text[:limit].rstrip() + "……"


def read_posts(docs_dir: Path, report: Report, root: Path) -> list[Post]:
    """Every post that is not a draft: a draft is not published, so nothing links it or lists it."""
    posts = []
    for path in sorted(p for p in (docs_dir / "news" / "posts").rglob("*.md") if p.is_file()):
        meta, body = front_matter(path, report, root)
        if meta.get("draft") is True:
            continue
        rel = path.relative_to(docs_dir).as_posix()
        categories = meta.get("categories") or ()
        posts.append(Post(_title(meta, body, path.stem), str(meta.get("date", ""))[:10], f"../{rel}",
                          str(meta.get("campaign") or ""), str(meta.get("slug") or ""),
                          tuple(str(c) for c in categories) if isinstance(categories, list) else (str(categories),),
                          excerpt(body)))
    return sorted(posts, key=lambda p: p.date)


def check_content(docs_dir: Path, root: Path, names: frozenset[str], report: Report) -> None:
    """Hand-written pages are published as written: personal data in them is pointed out, line by line."""
    for path in sorted(p for p in docs_dir.rglob("*.md") if p.is_file()):
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            _, counts = mask_text(line, names)
            found = [c for c in counts if c in CONTENT_CATEGORIES]
            if found:
                what = "、".join(CONTENT_CATEGORIES[c] for c in found)
                report.warning("personal-data-in-content", f"手写页面中有疑似个人信息（{what}），发布前请核对",
                               file=display_path(path, root), row=number)
