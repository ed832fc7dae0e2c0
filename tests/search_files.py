"""Reading the static search index (generator/output/search_builder.py) from Python, for tests of its files.

The search itself runs in the page (theme/assets/javascripts/search.js) and is tested in Chromium; this reads
only what a test needs to check the files: which documents a term lists, and what a document record says.
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from generator.output.search_format import SHARDS, decode, fnv1a, normalise


class Index:
    def __init__(self, folder: Path):
        self.folder = folder
        self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))

    def _shard(self, term: str) -> tuple[dict, bytes]:
        data = gzip.decompress((self.folder / "t" / f"{fnv1a(term) % SHARDS:03d}.bin").read_bytes())
        cut = data.index(b"\n")
        return json.loads(data[:cut]), data[cut + 1:]

    def postings(self, term: str) -> list[tuple[int, int]]:
        """(document number, field bits) of every document the term is in."""
        header, body = self._shard(term)
        if term not in header:
            return []
        count = header[term][0]
        if len(header[term]) == 1:
            body = gzip.decompress((self.folder / "b" / f"{fnv1a(term):08x}.bin").read_bytes())
            offset = 0
        else:
            offset = header[term][1]
        return [(number, bits) for number, _, bits in decode(body, offset, count)]

    def document(self, number: int) -> list:
        chunk = self.meta["format"]["chunk"]
        data = gzip.decompress((self.folder / "d" / f"{number // chunk:04d}.bin").read_bytes())
        return json.loads(data)[number % chunk]

    def find(self, query: str) -> list[list]:
        """Documents holding every bigram of the query (stopwords left out), as the page's script finds them."""
        text = normalise(query)
        if len(text) == 18 and text.isalnum() and any(c.isdigit() for c in text):
            hits = self.postings("#" + text)
            return [self.document(n) for n, _ in hits]
        words = [text] if re.search(r"[0-9]\s*号|[〔［\[（(【]\s*[0-9]{4}", query) else query.split()
        terms = {w[i:i + 2] for w in map(normalise, words) for i in range(len(w) - 1)} - set(self.meta["stop"])
        found: set[int] | None = None
        for term in terms:
            numbers = {n for n, _ in self.postings(term)}
            found = numbers if found is None else found & numbers
        return [self.document(n) for n in sorted(found or ())]

    def all_text(self) -> str:
        """Everything the index holds that a person could read (records, terms), for leak checks."""
        chunks = [json.dumps(self.meta, ensure_ascii=False)]
        for path in sorted(self.folder.rglob("*.bin")):
            chunks.append(gzip.decompress(path.read_bytes()).decode("utf-8", errors="ignore"))
        return "\n".join(chunks)
