"""The site's one search: every public record (from its public view) and every hand-written page, written as
the static index of output/search_index.py, and the search page that reads it."""
from __future__ import annotations

import hashlib
from typing import Callable, Iterator

import jinja2

from .base import Output, Sink
from .context import SiteContent, all_entries, entity_url
from .search_builder import Document, IndexBuilder, gzipped
from .search_format import CODE, OTHER, TITLE, region_parts
from .templates import show_value

FOLDER = "search/"
BODY_CHARS = 2000  # of a long text (a decision document), the start is searched: what a summary would say
PAGES = {"name": "pages", "label": "网站页面", "short": "页面", "gravity": -1}


def without_region(name: str, region: str) -> str:
    """A party's name without the region it starts with (示例市东城区宏安消防… → 宏安消防…): what begins with
    the trade name (字号). The page's script strips a query the same way, with every region the index knows."""
    for part in region_parts(region):
        if name.startswith(part):
            name = name[len(part):]
    return name


def record_documents(site: SiteContent, known: Callable[[str], bool] = lambda key: False
                     ) -> Iterator[tuple[str, Document]]:
    """(key, document) of each record page (a grouped type's page is found by its newest entry), newest first;
    the key is the digest of the entry it is made from. known(key): the builder has the terms of that document
    already, so its searched text (fields, codes) is left empty."""
    for type_index, rtype in enumerate(site.registry):
        spec = rtype.search
        for entries in site.pages[rtype.name].values():
            entry = entries[0]
            v = entry.view
            key = site.digest(entry)
            if known(key):
                fields, codes = [], []
            else:
                fields = ([(TITLE, v[f]) for f in spec.title if v.get(f)]
                          + [(CODE, str(v[f])) for f in spec.codes if v.get(f)]
                          + [(OTHER, show_value(v[f], rtype.field(f))) for f in spec.text if v.get(f)]
                          + [(OTHER, str(v[f])[:BODY_CHARS]) for f in spec.body if v.get(f)])
                codes = [str(v[f]) for f in spec.codes if v.get(f)]
            dated = v.get(rtype.date_field)
            yield key, Document(
                url=entry.url, title=" ".join(str(v[f]) for f in spec.title if v.get(f)),
                subtitle=str(v.get(spec.subtitle, "")), date=dated.isoformat() if dated else "", type_index=type_index,
                summary=str(v.get(spec.summary, "")), fine=float(entry.role("amount", 0)),
                region=str(entry.role("region", "")), product=str(entry.role("product", "")),
                klass=str(v.get(spec.summary, "")), campaign=str(entry.role("campaign", "")),
                year=dated.year if dated else 0, fields=fields, codes=codes,
                entity=entity_url(entry) or "",
                lead=without_region(str(v.get(spec.title[0], "")), str(entry.role("region", ""))),
            )


class SearchIndex(Output):
    name = "search index"
    weight = 30
    every_entry = True

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        types = [{"name": t.name, "label": t.label} for t in site.registry]
        yield FOLDER + "index.md", env.get_template("search.html").render(types=types, settings=site.settings)

    def inputs(self, site: SiteContent, sink: Sink) -> str | None:
        """Every public entry, the campaigns and the hand-written pages' text."""
        return site.digest(self.name, site.as_of, site.campaigns, *all_entries(site),
                           [(d["url"], d["title"], d["text"]) for d in sink.theme_documents])

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        types = [{"name": t.name, "label": t.label, "short": t.short_label, "gravity": t.gravity,
                  "class": t.field(t.search.summary).label} for t in site.registry] + [PAGES]
        before = sink.recall(self.name) or {}
        builder = IndexBuilder(types, {c.id: c.title for c in site.campaigns}, before.get("terms"))
        for key, doc in record_documents(site, builder.knows):
            builder.add(doc, key)
        for page in sink.theme_documents:
            builder.add(Document(url=page["url"], title=page["title"], subtitle="", date="", type_index=len(types) - 1,
                                 summary=page["text"][:80], fields=[(TITLE, page["title"]), (OTHER, page["text"])]))
        # a gzip file whose data is as last time is the same file: kept, not compressed again
        compressed, made = before.get("compressed", {}), {}
        for path, data, packed in builder.files():
            if not packed:
                sink.file(FOLDER + path, data)
                continue
            source = hashlib.sha1(data).hexdigest()
            last = compressed.get(path)
            if last is not None and last[0] == source and sink.keep(FOLDER + path, last[1]):
                made[path] = last
                continue
            sink.file(FOLDER + path, gzipped(data))
            made[path] = (source, sink.written(FOLDER + path))
        sink.remember(self.name, {"terms": builder.memory(), "compressed": made})
