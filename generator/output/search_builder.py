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

import numpy as np

from .search_format import (BIG, CODE, DOCS_PER_CHUNK, FACETS_PER_CHUNK, FIELD_BITS, LEAD, LEAD_CHARS, LENGTH_BITS,
                            NUMBER_SHIFT, OTHER, SHARDS, TITLE, bigrams, characters, description, fnv1a, normalise,
                            number_key)

STOP_SHARE = 0.25  # a bigram or character in more records than this finds nothing: 示例, 有限, 公司, 市 …
STOP_MIN = 500  # … on a site large enough for it to matter
SHARD_BLOCK = 64  # shards whose postings are sorted at once (of SHARDS)
MEMORY_VERSION = 1  # of what a builder keeps for the next (IndexBuilder.memory)


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


def gzipped(data: bytes) -> bytes:
    """A gzip file of the index: the same bytes for the same data (no time in the header). Level 6, not 9: at
    100,000 records 2.7 s instead of 7.2 s for 0.9 % more bytes."""
    return gzip.compress(data, compresslevel=6, mtime=0)


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
    """Documents are added newest first; their terms go at once into one flat table (a term number and the
    fields' bits per posting, document after document), so the builder holds what results show and the
    postings, not the documents' text. The posting lists are then made from that table in a few array
    operations, not term by term.

    `memory`: what an earlier builder kept (`memory()`): the terms of each document by its key, so that a
    document whose key is as last time is not segmented again."""

    def __init__(self, types: list[dict], campaigns: dict[str, str] | None = None, memory: dict | None = None):
        self.types = types  # [{"name": "cases", "label": ..., "gravity": 0}], in id order; pages last
        self.campaigns = campaigns or {}  # campaign id -> title
        self.docs: list[Document] = []
        memory = memory if isinstance(memory, dict) and memory.get("version") == MEMORY_VERSION else None
        self.vocabulary: list[str] = list(memory["vocabulary"]) if memory else []
        self.term_ids: dict[str, int] = {term: number for number, term in enumerate(self.vocabulary)}
        self.hashes = array("I", memory["hashes"]) if memory else array("I")  # fnv1a of each term
        self.terms = array("I")  # term numbers, document after document
        self.bits = array("B")  # the fields each holds the term in, likewise
        self.starts = array("Q", [0])  # where each document's terms begin
        self.lengths = array("B")  # each document's name length (at most 31)
        self.keys: dict[str, int] = {}  # a document's key -> its number, for the next builder
        self._before = memory

    def knows(self, key: str) -> bool:
        """Whether the earlier builder had a document with this key: add() takes its terms from there."""
        return bool(key) and self._before is not None and key in self._before["keys"]

    def add(self, doc: Document, key: str = "") -> None:
        """key: what the document was made from (a digest); a document with the same key as one the earlier
        builder had takes its terms from there."""
        number = len(self.docs)
        before = self._before
        old = before["keys"].get(key) if before is not None and key else None
        if old is not None:
            start, stop = before["starts"][old], before["starts"][old + 1]
            self.terms.extend(before["terms"][start:stop])  # the vocabulary begins as the earlier one: same numbers
            self.bits.extend(before["bits"][start:stop])
        else:
            found = terms_of(doc)
            ids = self.term_ids
            for term in [term for term in found if term not in ids]:  # new terms, numbered as they come
                ids[term] = len(self.vocabulary)
                self.vocabulary.append(term)
                self.hashes.append(fnv1a(term))
            self.terms.extend([ids[term] for term in found])
            self.bits.extend(found.values())
        if key:
            self.keys[key] = number
        self.starts.append(len(self.terms))
        self.lengths.append(min(len(normalise(doc.lead or doc.title)), (1 << LENGTH_BITS) - 1))
        doc.fields, doc.codes = [], []
        self.docs.append(doc)

    def memory(self) -> dict:
        """What a later builder needs to take the terms of unchanged documents (see `memory` above); when many
        terms of the vocabulary are no document's any more, only those in use, renumbered."""
        terms = np.frombuffer(self.terms, dtype=np.uint32)
        used = np.flatnonzero(np.bincount(terms, minlength=len(self.vocabulary)))
        if len(used) > 0.8 * len(self.vocabulary):  # as it is: a copy renumbered would cost as much memory again
            return {"version": MEMORY_VERSION, "vocabulary": self.vocabulary, "hashes": self.hashes,
                    "keys": self.keys, "starts": self.starts, "terms": self.terms, "bits": self.bits}
        renumbered = np.zeros(len(self.vocabulary), dtype=np.uint32)
        renumbered[used] = np.arange(len(used), dtype=np.uint32)
        return {"version": MEMORY_VERSION, "vocabulary": [self.vocabulary[t] for t in used.tolist()],
                "hashes": array("I", np.frombuffer(self.hashes, dtype=np.uint32)[used].tobytes()), "keys": self.keys,
                "starts": self.starts, "terms": array("I", renumbered[terms].tobytes()), "bits": self.bits}

    def files(self) -> Iterator[tuple[str, bytes, bool]]:
        """(path under search/, bytes, whether the file is gzip) of every index file, made one by one; the
        bytes of a gzip file are given uncompressed (`gzipped` makes the file)."""
        docs = self.docs
        terms = np.frombuffer(self.terms, dtype=np.uint32)
        counts = np.bincount(terms, minlength=len(self.vocabulary))
        records = sum(1 for d in docs if self.types[d.type_index]["name"] != "pages")
        limit = max(STOP_SHARE * records, STOP_MIN)
        stop = sorted(self.vocabulary[t] for t in np.flatnonzero(counts > limit) if len(self.vocabulary[t]) <= 2)
        listed = counts > 0
        listed[[self.term_ids[t] for t in stop]] = False
        rank = np.zeros(len(self.vocabulary), dtype=np.uint32)  # a term's place in the sorted order
        ordered = sorted(np.flatnonzero(listed).tolist(), key=self.vocabulary.__getitem__)
        rank[ordered] = np.arange(len(ordered), dtype=np.uint32)
        # of each document, its postings as stored but for the gap: (number << NUMBER_SHIFT) | (name length << FIELD_BITS)
        heads = ((np.arange(len(docs), dtype=np.uint32) << NUMBER_SHIFT)
                 | (np.frombuffer(self.lengths, dtype=np.uint8).astype(np.uint32) << FIELD_BITS))
        starts = np.frombuffer(self.starts, dtype=np.uint64).astype(np.int64)
        bits = np.frombuffer(self.bits, dtype=np.uint8)
        shard_of_term = (np.frombuffer(self.hashes, dtype=np.uint32) % SHARDS).astype(np.uint16)
        block_of_term = (shard_of_term // SHARD_BLOCK).astype(np.uint8)
        block_of_term[~listed] = SHARDS // SHARD_BLOCK  # stopwords and terms no document has: in no block
        block_of_posting = block_of_term[terms]
        for block in range(SHARDS // SHARD_BLOCK):  # a block of shards at a time: what is sorted stays small
            chosen = np.flatnonzero(block_of_posting == block)
            owners = np.searchsorted(starts, chosen, side="right") - 1  # each posting's document
            yield from self._shards(block, terms[chosen], heads[owners] | bits[chosen], rank, shard_of_term)
        del block_of_posting
        regions, products, classes = Values(), Values(), Values()
        parties: dict[str, int] = {}  # the party's page, or the record's own address: its group's number
        for c in range(0, len(docs), DOCS_PER_CHUNK):
            chunk = [[d.url, d.title, d.subtitle, d.date, d.type_index, d.summary, float(d.fine) if d.fine else 0,
                      d.region, d.entity, d.product] for d in docs[c:c + DOCS_PER_CHUNK]]
            yield f"d/{c // DOCS_PER_CHUNK:04d}.bin", json.dumps(chunk, ensure_ascii=False,
                                                                 separators=(",", ":")).encode(), True
        ranks = [0] * len(docs)
        for place, number in enumerate(sorted(range(len(docs)), key=lambda n: docs[n].title)):
            ranks[number] = place
        scale = 65535 / max(len(docs) - 1, 1)
        for c in range(0, len(docs), FACETS_PER_CHUNK):
            facets, order = bytearray(), bytearray()
            for number in range(c, min(c + FACETS_PER_CHUNK, len(docs))):
                d = docs[number]
                party = parties.setdefault(d.entity or d.url, len(parties))
                facets += bytes((regions.id(d.region), products.id(d.product), classes.id(d.klass)))
                facets += party.to_bytes(3, "big")
                order += bytes((fine_bucket(d.fine),)) + struct.pack(">H", int(ranks[number] * scale))
            yield f"f/{c // FACETS_PER_CHUNK:03d}.bin", bytes(facets), True
            yield f"o/{c // FACETS_PER_CHUNK:03d}.bin", bytes(order), True
        yield "meta.json", json.dumps(self._meta(stop, regions, products, classes), ensure_ascii=False,
                                      separators=(",", ":")).encode(), False

    def _shards(self, block: int, terms, values, rank, shard_of_term) -> Iterator[tuple[str, bytes, bool]]:
        """The files of shards block*SHARD_BLOCK … +SHARD_BLOCK-1: their terms' postings, terms in sorted order."""
        order = np.argsort(rank[terms], kind="stable")  # by term; a term's postings stay in document order
        terms, values = terms[order], values[order]
        del order
        numbers = values >> NUMBER_SHIFT
        starts = np.flatnonzero(np.diff(terms, prepend=np.uint32(0xFFFFFFFF)) != 0) if len(terms) else np.zeros(0, int)
        gaps = numbers.copy()  # gap to the previous document of the same term, less one; the first: its number
        gaps[1:] -= numbers[:-1] + 1
        gaps[starts] = numbers[starts]
        stored = ((gaps << NUMBER_SHIFT) | (values & ((1 << NUMBER_SHIFT) - 1))).astype("<u4").tobytes()
        ends = np.append(starts[1:], len(terms)).tolist()
        shards: dict[int, dict[str, list]] = {s: {} for s in range(block * SHARD_BLOCK, (block + 1) * SHARD_BLOCK)}
        blobs: dict[int, list[bytes]] = {s: [] for s in shards}
        offsets: dict[int, int] = dict.fromkeys(shards, 0)
        vocabulary = self.vocabulary
        for start, end, term_id in zip(starts.tolist(), ends, terms[starts].tolist()):
            term, count, shard = vocabulary[term_id], end - start, int(shard_of_term[term_id])
            encoded = stored[start * 4:end * 4]
            if count > BIG:
                yield f"b/{self.hashes[term_id]:08x}.bin", encoded, True
                shards[shard][term] = [count]
            else:
                shards[shard][term] = [count, offsets[shard]]
                blobs[shard].append(encoded)
                offsets[shard] += len(encoded)
        for shard, header in shards.items():
            yield f"t/{shard:03d}.bin", (json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
                                         + b"\n" + b"".join(blobs[shard])), True

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
