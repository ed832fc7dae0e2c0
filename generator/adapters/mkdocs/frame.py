"""The frame: one hidden page MkDocs renders with the theme, split at its body and filled per record, so
record pages carry the exact header, search, footer and scripts without going through MkDocs one by one.
"""
from __future__ import annotations

from ...build.writer import Frame

FRAME_URI = "_frame/record.md"
FRAME_URL = "_frame/record/"
FRAME_DIR = "_frame"
TITLE_MARKER = "@@RECORD-TITLE@@"
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

{BODY_MARKER}
"""


class FrameLost(Exception):
    """The theme's page template dropped the body marker (an override in theme/main.html?)."""


def split(output: str) -> Frame:
    body = f"<p>{BODY_MARKER}</p>"
    if output.count(body) != 1:
        raise FrameLost("the record frame lost its body marker; check theme/main.html overrides")
    head, tail = output.split(body)
    return Frame(head, tail, TITLE_MARKER, FRAME_URL)
