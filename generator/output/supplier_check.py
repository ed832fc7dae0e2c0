"""The supplier check (进货查验): a page where a shop pastes the credit codes or names of its suppliers and sees,
in the browser, which of them have public records here. The page looks each line up in a static table of the
parties with public records (those with a company page), split into shards by a hash of the key, so a list of
any length fetches only the shards its lines fall in; what is pasted never leaves the browser (a shard's
address says no more than a hash bucket shared by many parties).

A party is found by its credit code or by a name it had in the public records (written the same once spaces,
full-width forms and brackets are folded); natural persons have no company page and are never in the table.
"""
from __future__ import annotations

import json
import unicodedata
from typing import Iterator

import jinja2

from .base import Output, Sink
from .context import ENTITY_FOLDER, SiteContent
from .entity_pages import entity_summary
from .search_format import fnv1a

FOLDER = "check"
VERSION = 1
KEYS_PER_SHARD = 400  # about 20 KB of JSON a shard


def key(text: str) -> str:
    """A credit code or a name as the table keys it: NFKC (full-width forms), no spaces, upper case, （）→()."""
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def shard_count(keys: int) -> int:
    count = 1
    while count * KEYS_PER_SHARD < keys:
        count *= 2
    return count


def table(site: SiteContent) -> dict[str, dict]:
    """key -> what the page shows about the party: its name, its company page, its public records by type."""
    found: dict[str, dict] = {}
    for code in sorted(site.entities):
        facts = entity_summary(site, code)
        party = {"n": facts["name"], "c": code, "u": f"{ENTITY_FOLDER}/{code}/",
                 "r": [[g["rtype"].label, len(g["entries"]), g["rtype"].gravity] for g in facts["groups"]]}
        for name in [code, facts["name"], *facts["former"]]:
            found.setdefault(key(name), party)
    return found


class SupplierCheck(Output):
    name = "supplier check"

    def sources(self, site: SiteContent, env: jinja2.Environment) -> Iterator[tuple[str, str]]:
        yield f"{FOLDER}/index.md", env.get_template("supplier_check.html").render(as_of=site.as_of, site=site)

    def inputs(self, site: SiteContent, sink: Sink) -> str | None:
        return site.digest(self.name, VERSION, site.as_of, *(e for code in sorted(site.entities)
                                                 for entries in site.entities[code].values() for e in entries))

    def write(self, site: SiteContent, env: jinja2.Environment, sink: Sink, part: int = 0, parts: int = 1) -> None:
        found = table(site)
        shards = shard_count(len(found))
        buckets: list[dict] = [{} for _ in range(shards)]
        for k, party in sorted(found.items()):
            buckets[fnv1a(k) % shards][k] = party
        sink.file(f"{FOLDER}/meta.json", json.dumps({"version": VERSION, "shards": shards, "as_of": str(site.as_of)}))
        for number, bucket in enumerate(buckets):
            sink.file(f"{FOLDER}/p/{number:04d}.json",
                      json.dumps(bucket, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
