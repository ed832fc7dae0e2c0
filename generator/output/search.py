"""Search-index entries for every public record page, from public views only.

Chinese runs are cut into words with jieba and joined by zero-width spaces, as Material's search expects.
Material inserts a document's title and text into the results as HTML: every value is HTML-escaped here, as
Material's own search plugin escapes the text of the pages it indexes, so that a party named
<img src=x onerror=…> shows as those characters and runs nothing.
"""
from __future__ import annotations

import functools
import html
import re

import jinja2

from .base import Output, Sink
from .context import SiteContent

_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


@functools.lru_cache(maxsize=65536)
def segment(text: str) -> str:
    """Cached: authorities, regions, violations and penalties repeat across thousands of records."""
    import jieba

    return _CJK_RUN.sub(lambda m: "\u200b" + "\u200b".join(jieba.cut(m.group())) + "\u200b", text).strip("\u200b")


def _segment_all(parts) -> str:
    """Values segmented and HTML-escaped (quotes kept: the text is element content, never an attribute)."""
    return " ".join(html.escape(segment(str(p)), quote=False) for p in parts if p)


class SearchEntries(Output):
    name = "search index"

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink) -> None:
        docs = []
        for rtype in site.registry:
            spec = rtype.search
            for entries in site.pages[rtype.name].values():
                v = entries[0].view
                title = [v.get(f) for f in spec.title] + ([rtype.label] if spec.title_label else [])
                docs.append({"location": entries[0].url, "title": _segment_all(title),
                             "text": _segment_all(v.get(f) for f in spec.text)})
        sink.search_documents(docs)
