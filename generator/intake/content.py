"""Hand-written pages in content/ (read and checked by intake/pages.py): guides and their products, posts and
their campaigns and excerpts, and personal data written into their text by hand, pointed out line by line
before anything is published.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..core import codes
from ..core.model import Guide, Post
from ..core.personal import mask_text, personal_words
from ..core.problems import Report
from .pages import Page
from .paths import display_path



def read_guides(pages: list[Page]) -> list[Guide]:
    """Buying guides (content/guides/<name>.md): the product categories they cover link them to records."""
    guides = []
    for page in pages:
        folder, _, file = page.uri.rpartition("/")
        if folder != "guides" or file == "index.md" or page.broken:
            continue
        products = page.meta.get("products") or ()
        products = products if isinstance(products, list) else [products]
        guides.append(Guide(page.title, f"guides/{file.removesuffix('.md')}/", tuple(str(p) for p in products)))
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


def read_posts(pages: list[Page], names: frozenset[str] = frozenset()) -> list[Post]:
    """Every post that is not a draft: a draft is not published, so nothing links it or lists it. The excerpt
    (what feeds and search show) is masked of personal data; the page itself is pointed out by check_content."""
    posts = []
    for page in pages:
        if not page.is_post or page.broken or page.meta.get("draft") is True:
            continue
        categories = page.meta.get("categories") or ()
        posts.append(Post(page.title, page.day.isoformat() if page.day else "", f"../{page.uri}",
                          str(page.meta.get("campaign") or ""), str(page.meta.get("slug") or ""),
                          tuple(str(c) for c in categories) if isinstance(categories, list) else (str(categories),),
                          mask_text(excerpt(page.body), names)[0]))
    return sorted(posts, key=lambda p: p.date)


def check_content(pages: list[Page], docs_dir: Path, root: Path, names: frozenset[str], report: Report) -> None:
    """Hand-written pages are published as written: personal data in them is pointed out, line by line."""
    for page in pages:
        for number, line in enumerate(page.body.splitlines(), start=page.body_line):
            what = personal_words(line, names, private_only=True)
            if what:
                report.warning(codes.PERSONAL_DATA_IN_CONTENT, f"手写页面中有疑似个人信息（{what}），发布前请核对",
                               file=display_path(docs_dir / page.uri, root), row=number)
