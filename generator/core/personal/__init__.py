"""Personal data in free text: found and masked. Pure text functions, used by intake (to refuse personal data
in codes and point it out in hand-written pages) and by the rules (to mask it in what is published).

The detectors read a normalised view of the text (view.py) of the same length, so what they find is masked
in the text as written. They run in order and never overlap: e-mail addresses, labelled values (电话：…),
identity numbers of Hong Kong, Macau and Taiwan residents, numbers however disguised, addresses, names after
words that introduce a person, and names the data knows. Each is linear in the length of the text.
"""
from __future__ import annotations

import importlib
from collections import Counter

from .addresses import find_addresses
from .labels import find_emails, find_labelled, find_permits
from .names import NameIndex, find_role_names, mask_name, surname_of
from .names import _dictionary as names_dictionary
from .numbers import find_numbers
from .view import table as view_table, view as normalised

MASKS = {
    "id": "[身份证号已隐去]",
    "mobile": "[手机号已隐去]",
    "phone": "[电话已隐去]",
    "bank": "[账号已隐去]",
    "email": "[邮箱已隐去]",
    "account": "[账号已隐去]",
    "permit": "[证件号已隐去]",
    "address": "[地址已隐去]",
    "number": "[号码已隐去]",
}
CATEGORIES = (*MASKS, "name")
# What a clerk reads for each category, in messages and reports.
CATEGORY_LABELS = {"id": "身份证号", "mobile": "手机号", "phone": "电话号码", "bank": "银行卡号", "email": "邮箱",
                   "account": "QQ、微信等账号", "permit": "港澳台证件号、护照号", "address": "个人住址",
                   "number": "一长串数字（像证件号、电话或账号）", "name": "自然人姓名"}
# What a bureau's own hand-written text must not hold. Landlines and addresses may: a bureau publishes its own.
PRIVATE_CATEGORIES = ("id", "mobile", "bank", "email", "account", "permit", "name")


def labels(categories) -> str:
    """The categories found, in a clerk's words, each once: 手机号、自然人姓名."""
    return "、".join(dict.fromkeys(CATEGORY_LABELS[c] for c in categories))

__all__ = ["CATEGORIES", "CATEGORY_LABELS", "MASKS", "PRIVATE_CATEGORIES", "find", "labels", "mask_name", "mask_text",
           "personal_words", "surname_of"]


def ready(dictionary: bool = True) -> None:
    """Load what the detectors load on first use (the table of characters read as others, the word segmenter
    and its dictionary), so that processes forked from this one find it there instead of each making its own.
    Without the dictionary (100 MB): only what is small."""
    view_table()
    if dictionary:
        names_dictionary()
    else:
        importlib.import_module("jieba")  # the module, its dictionary not loaded


def find(text: str, names: frozenset[str] = frozenset(), keep: frozenset[str] = frozenset()
         ) -> list[tuple[int, int, str]]:
    """(start, end, category) of each piece of personal data in text, in order, never overlapping.

    `names` are natural persons' names known from the data (parties, representatives): each is found wherever
    it stands as a name, whichever record's text it is in, except those in `keep`.
    """
    v = normalised(text)
    taken = [False] * (len(v) + 1)
    spans: list[tuple[int, int, str]] = []

    def add(found):
        for start, end, category in found:
            if start < end and not any(taken[start:end]):
                spans.append((start, end, category))
                for i in range(start, end):
                    taken[i] = True

    add(find_emails(v, taken))
    add(find_labelled(v, taken))
    add(find_permits(v, taken))
    add(find_numbers(v, taken))
    add(find_addresses(v, taken))
    add(find_role_names(v, taken))
    if names:
        add(NameIndex.of(names).find(v, taken, keep))
    return sorted(spans)


def mask_text(text: str, names: frozenset[str] = frozenset(), keep: frozenset[str] = frozenset()
              ) -> tuple[str, Counter]:
    """Text with personal data masked, and how many of each category were masked."""
    counts: Counter = Counter()
    out, pos = [], 0
    for start, end, category in find(text, names, keep):
        out.append(text[pos:start])
        out.append(mask_name(text[start:end]) if category == "name" else MASKS[category])
        counts[category] += 1
        pos = end
    out.append(text[pos:])
    return "".join(out), counts


def personal_words(text: str, names: frozenset[str] = frozenset(), private_only: bool = False) -> str:
    """What personal data the scanner finds in a text, in a clerk's words ("" if none); private_only: only the
    categories never published (PRIVATE_CATEGORIES: not a landline, which a business may print)."""
    found = mask_text(text, names)[1]
    return labels(sorted(c for c in found if not private_only or c in PRIVATE_CATEGORIES))
