"""Bulletins and buying guides in the theme engine: the bulletin list shows each post's opening, not the whole
article (a post without a `<!-- more -->` marker gets one after its first paragraph); a guide ends with the box
of records about its products (output/guide_records.py)."""
from __future__ import annotations

import re

from ...intake.content import MORE

POSTS_DIR = "news/posts/"
_BLOCKS = re.compile(r"\n\s*\n")


def is_guide(src_uri: str) -> bool:
    """A buying guide (content/guides/<name>.md): its page ends with the box of related records."""
    return src_uri.startswith("guides/") and src_uri.count("/") == 1 and not src_uri.endswith("index.md")


def is_post(src_uri: str) -> bool:
    return src_uri.startswith(POSTS_DIR)


def with_more(markdown: str) -> str:
    """The post's Markdown with the excerpt marker after its first paragraph, unless it has one."""
    if MORE in markdown:
        return markdown
    blocks = _BLOCKS.split(markdown)
    for i, block in enumerate(blocks):
        if block.strip() and not block.lstrip().startswith(("#", "<", "!")):
            return "\n\n".join(blocks[:i + 1] + [MORE] + blocks[i + 1:])
    return markdown
