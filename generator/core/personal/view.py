"""The text the detectors read: the same length as the original, one character for one, so a match's
positions are positions in the original text.

Disguises that only change how a character looks are undone here: full-width letters and digits, digits of
other scripts, every
kind of space and dash, invisible characters (zero-width spaces, bidi controls, soft hyphens) that split a
number or a name, and traditional characters (電話, 張三), which become simplified.
"""
from __future__ import annotations

import functools
import itertools
import sys
import unicodedata

INVISIBLE = ("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u034f\u180e"
             "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\u2e3a\u2e3b\u30fc\uff70"
DOTS = "\u00b7\u2027\u30fb\u2219\u22c5\uff65\u2022"
CHECK_X = "\u00d7\u03a7\u0425\u2715\u2716"  # ×, Greek Chi, Cyrillic Kha, ✕, ✖: an ID's check character X
CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


@functools.cache
def _traditional_to_simplified() -> dict[int, str]:
    """Every CJK character OpenCC's t2s turns into one other character."""
    import opencc

    chars = [chr(c) for c in itertools.chain(*(range(a, b) for a, b in CJK_RANGES))]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never seen: fall back to one call per character
        converted = [opencc.OpenCC("t2s").convert(c) for c in chars]
    return {ord(a): b for a, b in zip(chars, converted) if len(b) == 1 and b != a}


@functools.cache
def table() -> dict[int, str]:
    t = dict(_traditional_to_simplified())
    # digits of every script (١٣٨, ১৩৮) read as 0-9, and circled digits (④⑤⓪); str.isdigit picks every
    # character with a digit value out of all of Unicode in C, the few hundred it finds are looked at here
    for char in filter(str.isdigit, map(chr, range(0x80, sys.maxunicode + 1))):
        value = unicodedata.decimal(char, None)
        if value is None and unicodedata.category(char) == "No" and "CIRCLED" in unicodedata.name(char, ""):
            value = unicodedata.digit(char, None)
        if value is not None:
            t[ord(char)] = str(value)
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII
        t[code] = chr(code - 0xFEE0)
    for c in INVISIBLE + SPACES:
        t[ord(c)] = " "
    for c in DASHES:
        t[ord(c)] = "-"
    for c in DOTS:
        t[ord(c)] = "."
    for c in CHECK_X:
        t[ord(c)] = "X"
    t[0x03C7], t[0x0445] = "x", "x"  # Greek and Cyrillic small x
    t[0xFE6B] = "@"  # ﹫
    t[ord("【")], t[ord("】")] = "[", "]"
    return t


def view(text: str) -> str:
    """The text as the detectors read it; len(view(text)) == len(text)."""
    return text.translate(table())
