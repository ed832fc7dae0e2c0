"""The site's search index, built from the record fields (and the text of hand-written pages), as static files a
small script in the page reads a few at a time: a query never downloads the whole index. The format (terms,
postings, version) is search_format.py's.

Documents are numbered newest first, records of each type in one range, so a posting list is already in date
order and a document's type and year follow from its number. Terms are character bigrams of names, codes and
other short fields (宏安 finds 示例市宏安消防器材有限公司 whatever the prefix; 〔2025〕, [2025] and 2025 write the
same bigrams), single characters of the name, product and violation, a credit code or number as one exact term
(and once more without leading zeros), and `~campaign` terms. Each posting carries which fields hold the term
(name, code, other) and the length of the name, which the script uses to rank.

Files under search/ (all but meta.json are gzip; the script inflates them with DecompressionStream):
- meta.json: counts, id ranges, facet names, stopwords (bigrams in more than a quarter of the records);
- t/NNN.bin: the terms whose hash falls in shard NNN, a JSON header line then uint32 postings;
- b/HHHHHHHH.bin: one large posting list (more than BIG postings) in a file of its own;
- d/NNNN.bin: the records of 16 documents as JSON, what a result shows: [address, name, number or code, date,
  type, summary, fine, region, the party's page or "", product];
- f/NNN.bin: per document, FACET_BYTES of facets (region, product, class, party) for 1024 documents; results
  are grouped by party (the party's page, or the record alone where it has none);
- o/NNN.bin: per document, 3 bytes of sort keys (fine bucket, name rank) for 1024 documents.
"""
from __future__ import annotations

import gzip
import json
import math
import struct
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator

from .search_format import (BIG, CODE, DOCS_PER_CHUNK, FACETS_PER_CHUNK, LEAD, LEAD_CHARS, OTHER, SHARDS, TITLE,
                            bigrams, characters, description, encode, fnv1a, normalise, number_key, posting,
                            shard_of)

STOP_SHARE = 0.25  # a bigram or character in more records than this finds nothing: 示例, 有限, 公司, 市 …
STOP_MIN = 500  # … on a site large enough for it to matter


def fine_bucket(amount) -> int:
    """0 for none, then 1-255 on a log scale from 1 元 to 10^10 元: enough to sort a page, exact order after."""
    if not amount or amount <= 0:
        return 0
    return max(1, min(255, 1 + int(math.log10(float(amount)) * 25)))


@dataclass
class Document:
    """One search result: a record page or a hand-written page, and what its terms and facets are."""

    url: str
    title: str
    subtitle: str  # decision number, credit code …
    date: str
    type_index: int  # index into IndexBuilder.types
    summary: str = ""
    fine: float = 0
    region: str = ""
    product: str = ""
    klass: str = ""  # violation type of a case, reason of a listing
    campaign: str = ""
    year: int = 0
    fields: list[tuple[int, str]] = field(default_factory=list)  # (field bit, text)
    codes: list[str] = field(default_factory=list)  # exact terms: credit codes
    entity: str = ""  # address of the party's page, if it has one
    lead: str = ""  # the name without its region prefix (示例市东城区宏安消防… → 宏安消防…)


def terms_of(doc: Document) -> dict[str, int]:
    """Term -> the bits of the fields it occurs in."""
    found: dict[str, int] = defaultdict(int)
    for bit, text in doc.fields:
        for term in set(bigrams(text)):
            found[term] |= bit
        if bit == TITLE:
            for term in characters(text):
                found[term] |= bit
    for text in (doc.product, doc.klass):
        for term in characters(text):
            found[term] |= OTHER
    if doc.lead:
        for term in set(bigrams(normalise(doc.lead)[:LEAD_CHARS])):
            found[term] |= LEAD
    for code in doc.codes:
        found["#" + normalise(code)] |= CODE
        found["#" + number_key(code)] |= CODE
    if doc.campaign:
        found["~" + doc.campaign] |= OTHER
    return found


class Values:
    """Facet values numbered in order of first use; 0 is 'none'."""

    def __init__(self):
        self.names: list[str] = [""]
        self.index: dict[str, int] = {"": 0}

    def id(self, name: str) -> int:
        if name not in self.index:
            if len(self.names) >= 256:
                return 255  # more than 254 values: the rest share one, named 其他
            self.index[name] = len(self.names)
            self.names.append(name)
        return self.index[name]


class IndexBuilder:
    """Documents are added newest first; their terms go into compact posting lists at once (4 bytes a
    posting), so the builder holds what results show and the postings, not the documents' text."""

    def __init__(self, types: list[dict], campaigns: dict[str, str] | None = None):
        self.types = types  # [{"name": "cases", "label": ..., "gravity": 0}], in id order; pages last
        self.campaigns = campaigns or {}  # campaign id -> title
        self.docs: list[Document] = []
        self.postings: dict[str, array] = {}

    def add(self, doc: Document) -> None:
        number = len(self.docs)
        length = len(normalise(doc.lead or doc.title))
        postings = self.postings
        for term, bits in terms_of(doc).items():
            found = postings.get(term)
            if found is None:
                found = postings[term] = array("I")
            found.append(posting(number, length, bits))
        doc.fields, doc.codes = [], []
        self.docs.append(doc)

    def files(self) -> Iterator[tuple[str, bytes]]:
        """(path under search/, bytes) of every index file, made one by one."""
        docs, postings = self.docs, self.postings
        records = sum(1 for d in docs if self.types[d.type_index]["name"] != "pages")
        stop = sorted(t for t, p in postings.items()
                      if len(t) <= 2 and len(p) > max(STOP_SHARE * records, STOP_MIN))
        for term in stop:
            del postings[term]
        shards: dict[int, dict[str, list]] = defaultdict(dict)
        blobs: dict[int, list[bytes]] = defaultdict(list)
        offsets: dict[int, int] = defaultdict(int)
        for term in sorted(postings):
            found = postings[term]
            encoded = encode(found)
            shard = shard_of(term)
            if len(found) > BIG:
                yield f"b/{fnv1a(term):08x}.bin", gzip.compress(encoded, mtime=0)
                shards[shard][term] = [len(found)]
            else:
                shards[shard][term] = [len(found), offsets[shard]]
                blobs[shard].append(encoded)
                offsets[shard] += len(encoded)
        for shard in range(SHARDS):
            header = json.dumps(shards.get(shard, {}), ensure_ascii=False, separators=(",", ":")).encode()
            yield f"t/{shard:03d}.bin", gzip.compress(header + b"\n" + b"".join(blobs.pop(shard, [])), mtime=0)
        regions, products, classes = Values(), Values(), Values()
        parties: dict[str, int] = {}  # the party's page, or the record's own address: its group's number
        for c in range(0, len(docs), DOCS_PER_CHUNK):
            chunk = [[d.url, d.title, d.subtitle, d.date, d.type_index, d.summary, float(d.fine) if d.fine else 0,
                      d.region, d.entity, d.product] for d in docs[c:c + DOCS_PER_CHUNK]]
            yield f"d/{c // DOCS_PER_CHUNK:04d}.bin", gzip.compress(
                json.dumps(chunk, ensure_ascii=False, separators=(",", ":")).encode(), mtime=0)
        ranks = [0] * len(docs)
        for rank, number in enumerate(sorted(range(len(docs)), key=lambda n: docs[n].title)):
            ranks[number] = rank
        scale = 65535 / max(len(docs) - 1, 1)
        for c in range(0, len(docs), FACETS_PER_CHUNK):
            facets, order = bytearray(), bytearray()
            for number in range(c, min(c + FACETS_PER_CHUNK, len(docs))):
                d = docs[number]
                party = parties.setdefault(d.entity or d.url, len(parties))
                facets += bytes((regions.id(d.region), products.id(d.product), classes.id(d.klass)))
                facets += party.to_bytes(3, "big")
                order += bytes((fine_bucket(d.fine),)) + struct.pack(">H", int(ranks[number] * scale))
            yield f"f/{c // FACETS_PER_CHUNK:03d}.bin", gzip.compress(bytes(facets), mtime=0)
            yield f"o/{c // FACETS_PER_CHUNK:03d}.bin", gzip.compress(bytes(order), mtime=0)
        yield "meta.json", json.dumps(self._meta(stop, regions, products, classes), ensure_ascii=False,
                                      separators=(",", ":")).encode()

    def _meta(self, stop, regions: Values, products: Values, classes: Values) -> dict:
        docs = self.docs
        ranges, years, counts = [], [], []
        for type_index, spec in enumerate(self.types):
            numbers = [n for n, d in enumerate(docs) if d.type_index == type_index]
            ranges.append([numbers[0], numbers[-1] + 1] if numbers else [0, 0])
            by_year: dict[int, list[int]] = {}
            for n in numbers:
                by_year.setdefault(docs[n].year, [n, n])[1] = n + 1
            years.append([[y, a, b] for y, (a, b) in sorted(by_year.items(), reverse=True) if y])
            tally = {"region": defaultdict(int), "product": defaultdict(int), "class": defaultdict(int),
                     "campaign": defaultdict(int)}
            for n in numbers:
                d = docs[n]
                for facet, value in (("region", d.region), ("product", d.product), ("class", d.klass),
                                     ("campaign", d.campaign)):
                    if value:
                        tally[facet][value] += 1
            counts.append({k: dict(v) for k, v in tally.items()})
        campaigns = [[c, self.campaigns.get(c, c)] for c in sorted({d.campaign for d in docs if d.campaign})]
        return {"version": description()["version"], "format": description(), "docs": len(docs), "stop": stop, "types": self.types, "ranges": ranges,
                "years": years, "counts": counts, "regions": regions.names, "products": products.names,
                "classes": classes.names, "campaigns": campaigns}
