"""Bulletins in the theme engine: the bulletin list shows each post's opening, not the whole article (a post
without a `<!-- more -->` marker gets one after its first paragraph)."""
from __future__ import annotations

import re

from ...intake.content import MORE

POSTS_DIR = "news/posts/"
_BLOCKS = re.compile(r"\n\s*\n")


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
