"""The frame: one hidden page MkDocs renders with the theme, split at its body and filled per record, so
record pages carry the exact header, search, footer and scripts without going through MkDocs one by one.
"""
from __future__ import annotations

from ...assemble.writer import Frame

FRAME_DIR = "_frame"
# One frame per depth a generated page can have (cases/x/ is 2, cases/region/x/page/3/ is 5): MkDocs writes
# every link of a page relative to where the page is, so each depth needs its own. The deepest: a page of a
# region and year list, cases/region/x/year/2026/page/2/ (7).
DEPTHS = range(2, 8)


def frame_url(depth: int) -> str:
    return FRAME_DIR + "/" + "d/" * (depth - 2) + "record/"


def frame_uri(depth: int) -> str:
    return frame_url(depth)[:-1] + ".md"


FRAME_URIS = {frame_uri(d): d for d in DEPTHS}
TITLE_MARKER = "@@RECORD-TITLE@@"
HEADING_MARKER = "@@RECORD-HEADING@@"  # the page's own H1 (Material adds none when the content has one)
BODY_MARKER = "@@RECORD-BODY@@"
RECORD_MARK = 'class="record record--'  # in every record page body (theme/disclosure/*.html)
FRAME_SOURCE = f"""---
title: "{TITLE_MARKER}"
search:
  exclude: true
hide:
  - toc
  - navigation
---

<h1>{HEADING_MARKER}</h1>

{BODY_MARKER}
"""


class FrameLost(Exception):
    """The theme's page template dropped the body marker (an override in theme/main.html?)."""


def split(output: str, depth: int) -> Frame:
    body = f"<p>{BODY_MARKER}</p>"
    if output.count(body) != 1:
        raise FrameLost("the record frame lost its body marker; check theme/main.html overrides")
    head, tail = output.split(body)
    return Frame(head, tail, TITLE_MARKER, frame_url(depth), HEADING_MARKER)
