"""Passages garbled by decoding with the wrong codec: found by rules, listed for a person, never repaired.

Each rule names one thing that does not happen in Chinese text read correctly:

- `replacement`: U+FFFD (bytes a decoder could not read), and 锟斤拷 / 烫烫 / 屯屯 (U+FFFD's bytes, or
  uninitialised memory, read as GBK);
- `foreign-script`: kana, hangul, bopomofo, half-width katakana, private-use characters or C1 control
  characters among Chinese characters (GBK bytes read as Big5, EUC-KR, Shift-JIS…);
- `latin`: two or more Latin-1 or Windows-1252 characters in a row, one of them an accented letter
  (UTF-8 or GBK bytes read as Latin-1: æ¶ˆé˜², Ïû·À);
- `rare`: two characters outside GB 2312 (as simplified characters) within eight characters of each other
  (UTF-8 read as GBK: 娑堥槻);
- `no-words`: eight or more Chinese characters in a row of which jieba's dictionary finds no word of two
  characters or more; five or more when a rare character or a stray ASCII ; or ? is among them.

A passage takes in the characters on either side that make no words either; it is listed with a few
characters of context, and left as found (no conversion to simplified characters either).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

REASONS = {"replacement": "含无法解码的字符（�、锟斤拷）", "foreign-script": "夹杂日文、韩文、注音或控制字符",
           "latin": "夹杂西文字母乱码（如 æ¶ˆé˜²）", "rare": "生僻字密集", "no-words": "连续多字不成词语"}
_CLASSIC = re.compile(r"\ufffd+|锟斤拷|烫烫+|屯屯+")
_FOREIGN = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff61-\uff9f\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"
                      r"\u3100-\u312f\u31a0-\u31bf\ue000-\uf8ff\u0080-\u009f]+")
_CP1252 = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e" \
          "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_LATIN_RUN = re.compile(f"[\u00a1-\u00ff{_CP1252}]{{2,}}")
_LATIN_LETTER = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
RARE_WINDOW, NO_WORDS, NO_WORDS_WITH_SIGN = 8, 8, 5
CONTEXT, MAX_EXCERPT = 6, 60


@dataclass(frozen=True)
class Suspect:
    start: int  # the suspect characters: [start, end)
    end: int
    reasons: tuple[str, ...]
    excerpt: str  # with a few characters of context


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def is_rare(char: str) -> bool:
    """A Chinese character outside GB 2312 (the 6,763 characters of everyday simplified text)."""
    if not _HAN.match(char):
        return False
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def _words_view(text: str) -> list[bool]:
    """For each character: whether it is a Chinese character in no dictionary word of two or more."""
    from .slugs import words

    alone = [False] * len(text)
    pos = 0
    for word in words(text):
        if len(word) == 1 and _HAN.match(word):
            alone[pos] = True
        pos += len(word)
    return alone


def find_garbled(line: str) -> list[Suspect]:
    """Suspect passages of one line, in order, with a few characters of context each."""
    view = _t2s().convert(line)
    if len(view) != len(line):  # never seen with t2s; read the line as written
        view = line
    spans: list[tuple[int, int, str]] = []
    spans += [(m.start(), m.end(), "replacement") for m in _CLASSIC.finditer(line)]
    spans += [(m.start(), m.end(), "foreign-script") for m in _FOREIGN.finditer(line)]
    spans += [(m.start(), m.end(), "latin") for m in _LATIN_RUN.finditer(line) if _LATIN_LETTER.search(m.group())]
    rare = [i for i, c in enumerate(view) if is_rare(c)]
    for a, b in zip(rare, rare[1:]):
        if b - a < RARE_WINDOW:
            spans.append((a, b + 1, "rare"))
    alone = _words_view(view)
    i = 0
    while i < len(view):
        if not alone[i]:
            i += 1
            continue
        j = i
        while j < len(view) and alone[j]:
            j += 1
        signs = any(is_rare(view[k]) for k in range(i, j)) or _stray(line, i, j)
        if j - i >= NO_WORDS or (j - i >= NO_WORDS_WITH_SIGN and signs):
            spans.append((i, j, "no-words"))
        i = j
    return _merge(line, [_widen(line, alone, start, end, reason) for start, end, reason in spans])


def _widen(line: str, alone: list[bool], start: int, end: int, reason: str) -> tuple[int, int, str]:
    """A passage takes in the characters beside it that make no words either: garbage seldom ends exactly where
    a rule sees it, and what is left as found must be all of it."""
    def loose(i: int) -> bool:
        return alone[i] or bool(_CLASSIC.match(line[i]) or _FOREIGN.match(line[i]))

    while start > 0 and loose(start - 1):
        start -= 1
    while end < len(line) and loose(end):
        end += 1
    return start, end, reason


def _stray(line: str, start: int, end: int) -> bool:
    """An ASCII ; or ? inside or touching a run of characters that make no words."""
    return any(c in ";?" for c in line[max(start - 1, 0):end + 1])


def _merge(line: str, spans: list[tuple[int, int, str]]) -> list[Suspect]:
    """Spans whose context overlaps become one passage."""
    merged: list[list] = []
    for start, end, reason in sorted(spans):
        if merged and start - CONTEXT <= merged[-1][1] + CONTEXT:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(reason)
        else:
            merged.append([start, end, [reason]])
    found = []
    for start, end, reasons in merged:
        excerpt = line[max(start - CONTEXT, 0):end + CONTEXT]
        if len(excerpt) > MAX_EXCERPT:
            excerpt = excerpt[:MAX_EXCERPT] + "…"
        found.append(Suspect(start, end, tuple(r for r in REASONS if r in reasons), excerpt))
    return found


def spans_outside(text: str) -> list[tuple[int, int, bool]]:
    """The text cut into (start, end, suspect) pieces, so a conversion can leave garbled passages as found."""
    pieces, pos = [], 0
    for suspect in find_garbled(text):
        if suspect.start > pos:
            pieces.append((pos, suspect.start, False))
        pieces.append((suspect.start, suspect.end, True))
        pos = suspect.end
    if pos < len(text):
        pieces.append((pos, len(text), False))
    return pieces
