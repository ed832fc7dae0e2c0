"""Addresses from Chinese titles: pinyin syllables joined by hyphens, cut at a word boundary.

电动自行车 -> dian-dong-zi-xing-che. A title is cut after whole words (jieba's dictionary) so a slug never
ends in the middle of a word, and stays short enough to read in an address bar.
"""
from __future__ import annotations

import re
import unicodedata

from ..core.segmenter import jieba_ready

MAX_SYLLABLES = 10
MAX_CHARS = 48
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_SLUG = re.compile(r"[^0-9a-z]+")


def words(text: str) -> list[str]:
    """Words of a Chinese text as jieba's dictionary has them (no guessed new words)."""
    return list(jieba_ready().cut(text, HMM=False))


def _syllables(word: str) -> list[str]:
    from pypinyin import lazy_pinyin

    parts = []
    for chunk in lazy_pinyin(word, errors="default", v_to_u=False):
        chunk = _NOT_SLUG.sub("-", unicodedata.normalize("NFKC", chunk).lower()).strip("-")
        parts += [p for p in chunk.split("-") if p]
    return parts


def pinyin_slug(title: str, max_syllables: int = MAX_SYLLABLES, max_chars: int = MAX_CHARS) -> str:
    """The title's pinyin, whole words only, at most `max_syllables` syllables and `max_chars` characters.

    A first word longer than that is cut by syllables. Letters and digits in the title are kept; everything
    else separates. Empty when the title has no letters, digits or Chinese characters.
    """
    taken: list[str] = []
    for word in words(unicodedata.normalize("NFKC", title)):
        parts = _syllables(word)
        if not parts:
            continue
        if taken and (len(taken) + len(parts) > max_syllables or len("-".join(taken + parts)) > max_chars):
            break
        taken += parts
        if len(taken) >= max_syllables:
            break
    while len(taken) > 1 and (len(taken) > max_syllables or len("-".join(taken)) > max_chars):
        taken.pop()  # one long first word: cut it by syllables
    return "-".join(taken)[:max_chars].strip("-")


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))
