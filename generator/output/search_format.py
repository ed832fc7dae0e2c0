"""The search index's format, defined once. The builder (search_builder.py) writes it, the tests read it with these
functions, and the page's engine (theme/assets/javascripts/search-engine.js) reads the description this
module puts into meta.json; the engine refuses an index of another VERSION. tests/test_search_format.py feeds
the same strings through this module and through the engine in Node and compares what comes out.

Terms are character bigrams of the NFKC, upper-cased text with everything but CJK letters, digits and Latin
letters removed, and single characters of the short fields (name, product, violation), so that one character
(灯) finds something; a credit code or decision number is also one exact term ("#" + its normalised text), and
a number once more with the leading zeros of each run of digits dropped ("#" + number_key: 〔2026〕0029号 and
〔2026〕29号 are one). A posting is one uint32, little-endian: (gap to the previous document number <<
NUMBER_SHIFT) | (name length << FIELD_BITS) | field bits. Per document the facet files hold FACET_BYTES bytes:
region, product, class, and the party (3 bytes, big-endian), by which results are grouped.
"""
from __future__ import annotations

import re
import struct
import sys
import unicodedata
from array import array

VERSION = 3
NOT_INDEXED = "[^0-9A-Z\\u3400-\\u9fff\\uf900-\\ufaff]"
TITLE, CODE, OTHER, LEAD = 1, 2, 4, 8  # LEAD: in the first characters of the name after its region (the 字号)
FIELD_BITS = 4
LENGTH_BITS = 5  # the name's length (after its region), up to 31
NUMBER_SHIFT = FIELD_BITS + LENGTH_BITS
LEAD_CHARS = 3  # a trade name's bigrams: 宏安 in 宏安消防…, 宏安达 in 宏安达电器…
SHARDS = 512
BIG = 4096  # postings; a longer list gets a file of its own
DOCS_PER_CHUNK = 16
FACETS_PER_CHUNK = 1024
FACET_BYTES = 6  # region, product, class (one byte each), party (three)
REGION_PART = ".+?(?:自治州|自治县|地区|盟|省|市|区|县|旗)"  # 示例市东城区 -> 示例市, 东城区

_NOT_INDEXED = re.compile(NOT_INDEXED)
_REGION_PART = re.compile(REGION_PART)


def description() -> dict:
    """What the page's engine reads from meta.json to decode this index."""
    return {"version": VERSION, "notIndexed": NOT_INDEXED, "fieldBits": FIELD_BITS, "lengthBits": LENGTH_BITS,
            "numberShift": NUMBER_SHIFT, "title": TITLE, "code": CODE, "other": OTHER, "lead": LEAD,
            "leadChars": LEAD_CHARS, "shards": SHARDS, "chunk": DOCS_PER_CHUNK, "facetChunk": FACETS_PER_CHUNK,
            "facetBytes": FACET_BYTES, "regionPart": REGION_PART}


def normalise(text: str) -> str:
    """What is indexed and searched: NFKC, upper case, only CJK letters, digits and Latin letters."""
    return _NOT_INDEXED.sub("", unicodedata.normalize("NFKC", text).upper())


def bigrams(text: str) -> list[str]:
    """The bigrams of the normalised text, in order (a one-character text is its own term)."""
    text = normalise(text)
    if len(text) < 2:
        return [text] if text else []
    return [text[i:i + 2] for i in range(len(text) - 1)]


def characters(text: str) -> list[str]:
    """The distinct characters of the normalised text, in order of first use: one-character terms."""
    return list(dict.fromkeys(normalise(text)))


_DIGITS = re.compile(r"[0-9]+")


def number_key(text: str) -> str:
    """A number as typed any way: each run of digits without its leading zeros, then normalised
    (示例南市监罚字〔2026〕0029号 and 示例南市监罚字[2026]29号 give one key)."""
    return normalise(_DIGITS.sub(lambda m: m.group(0).lstrip("0") or "0", unicodedata.normalize("NFKC", text)))


def fnv1a(term: str) -> int:
    """32-bit FNV-1a of the term's UTF-8 bytes."""
    h = 0x811C9DC5
    for byte in term.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def shard_of(term: str) -> int:
    return fnv1a(term) % SHARDS


def region_parts(region: str) -> list[str]:
    """示例市东城区 → [示例市, 东城区]: the pieces a company name may start with."""
    return _REGION_PART.findall(region)


def posting(number: int, length: int, bits: int) -> int:
    return (number << NUMBER_SHIFT) | (min(length, (1 << LENGTH_BITS) - 1) << FIELD_BITS) | bits


def encode(postings: array) -> bytes:
    """A posting list (ascending document numbers) as stored: document numbers as gaps, little-endian."""
    out, previous = array("I"), -1
    low = (1 << NUMBER_SHIFT) - 1
    for value in postings:
        number = value >> NUMBER_SHIFT
        out.append(((number - previous - 1) << NUMBER_SHIFT) | (value & low))
        previous = number
    if sys.byteorder != "little":
        out.byteswap()
    return out.tobytes()


def decode(data: bytes, offset: int, count: int) -> list[tuple[int, int, int]]:
    """(document number, name length, field bits) of each of `count` postings at `offset`."""
    found, number = [], -1
    for value in struct.unpack_from(f"<{count}I", data, offset):
        number += 1 + (value >> NUMBER_SHIFT)
        found.append((number, (value >> FIELD_BITS) & ((1 << LENGTH_BITS) - 1), value & ((1 << FIELD_BITS) - 1)))
    return found
