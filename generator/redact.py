"""The public view of a record, built from an allow-list; free text is scanned and personal data masked.

Nothing that is not in a public view reaches a template, the search index, a download or a feed.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .config import Settings
from .identifiers import is_resident_id
from .model import Record

COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "端木", "申屠", "澹台", "呼延", "南宫", "西门", "百里", "独孤",
)

MASKS = {
    "id": "[身份证号已隐去]",
    "mobile": "[手机号已隐去]",
    "phone": "[电话已隐去]",
    "bank": "[账号已隐去]",
    "email": "[邮箱已隐去]",
    "number": "[号码已隐去]",
}

# Full-width digits, letters and the signs that join phone numbers and e-mail addresses; other
# full-width punctuation (，（）) is Chinese text and stays as written.
_HALF = str.maketrans({chr(c): chr(c - 0xFEE0) for c in (*range(0xFF10, 0xFF1B), *range(0xFF20, 0xFF3B),
                                                        *range(0xFF41, 0xFF5B), 0xFF0B, 0xFF0D, 0xFF0E)})
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_ID_X = re.compile(r"\d{17}[Xx]")
_SPACED_CARD = re.compile(r"\d{4}(?:[ -]\d{4}){3,4}\d{0,3}")
_SPACED_MOBILE = re.compile(r"(?:\+?86[- ]?)?1[3-9]\d[- ]\d{4}[- ]\d{4}")
_LANDLINE = re.compile(r"(?:[(（]0\d{2,3}[)）]|0\d{2,3}[- ])\s?\d{7,8}(?:[-转]\d{1,5})?")
_LABELLED = re.compile(r"(电话|联系电话|固话|手机|联系方式|Tel|TEL|tel)([:：]?\s*)(\d{7,8})")
_LONG_DIGITS = re.compile(r"\d{11,}")  # any run this long is a phone, ID, card or account number


def _classify(digits: str) -> str:
    if len(digits) in (15, 18) and is_resident_id(digits):
        return "id"
    if len(digits) == 11 and digits[0] == "1" or len(digits) == 13 and digits.startswith("861"):
        return "mobile"
    if 16 <= len(digits) <= 19:
        return "bank"
    return "number"


def scan(text: str) -> tuple[str, Counter]:
    """Text with personal data masked, and how many of each kind were masked."""
    counts: Counter = Counter()

    def sub(pattern, kind_of, text):
        def repl(match):
            kind = kind_of(match)
            counts[kind] += 1
            return MASKS[kind]
        return pattern.sub(repl, text)

    text = text.translate(_HALF)
    text = sub(_EMAIL, lambda m: "email", text)
    text = sub(_ID_X, lambda m: "id", text)
    text = sub(_SPACED_CARD, lambda m: "bank", text)
    text = sub(_SPACED_MOBILE, lambda m: "mobile", text)
    text = sub(_LONG_DIGITS, lambda m: _classify(m.group()), text)
    text = sub(_LANDLINE, lambda m: "phone", text)

    def labelled(match):
        counts["phone"] += 1
        return match.group(1) + match.group(2) + MASKS["phone"]
    text = _LABELLED.sub(labelled, text)
    return text, counts


def mask_name(name: str) -> str:
    """A natural person's name as surname + '*'."""
    name = name.strip()
    surname = next((s for s in COMPOUND_SURNAMES if name.startswith(s) and len(name) > len(s)), name[:1])
    return surname + "*"


@dataclass
class RedactionLog:
    """How many items were masked, per field and kind; reported by the build, never with the values."""

    counts: Counter = field(default_factory=Counter)

    def add(self, field_id: str, kinds: Counter) -> None:
        for kind, n in kinds.items():
            self.counts[(field_id, kind)] += n

    def total(self) -> int:
        return sum(self.counts.values())


def public_view(record: Record, settings: Settings, log: RedactionLog | None = None) -> dict:
    """The fields of a record that may be shown, cleaned of personal data. Personal fields are never copied."""
    person = record.get("party_type") == "自然人"
    view: dict = {}
    full_name = record.get("party_name", "")
    for f in record.rtype.public_fields:
        value = record.values.get(f.id)
        if value is None:
            continue
        if f.id == "party_name" and person and settings.mask_person_names:
            value = mask_name(value)
        elif f.id == "legal_rep" and (person or not settings.show_legal_rep):
            continue
        elif f.kind == "free_text" or f.kind == "text":
            if person and settings.mask_person_names and len(full_name) >= 2:
                value = value.replace(full_name, mask_name(full_name))
            value, kinds = scan(value)
            if log is not None and kinds:
                log.add(f.id, kinds)
        view[f.id] = value
    return view
