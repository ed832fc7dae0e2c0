"""The public view of a record, built from an allow-list; free text is masked of personal data.

Nothing that is not in a public view reaches a template, the search index, a download or a feed.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..core.model import Campaign, Record
from ..core.personal import mask_name, mask_text
from ..core.schema import ValueType
from ..core.settings import Settings

# A sole trader registered without a trade name carries its operator's name: 2–4 Chinese characters
# with nothing that names a business.
_BUSINESS_WORDS = re.compile(r"(店|行|部|厂|社|公司|中心|馆|所|站|坊|铺|场|院|室|吧|楼|堂|庄|园|处|队|局|会|厅|城|屋|超市|商|经营|"
                             r"Co|Ltd|LTD|Inc|INC|Shop|Store|Trading|Company)")
# A person's name in any script and spelling: 张三, 欧阳娜娜娜, 阿依古丽·吐尔逊, 司 马 青 云, John Smith, ZHANG San.
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,5}|[\u4e00-\u9fff]{1,8}(?:[·•.．・\-][\u4e00-\u9fff]{1,8}){1,2}"
                     r"|[A-Za-z]+(?:[ .\-][A-Za-z]+){1,3}\.?")


_SPACE_IN_HAN = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_NOTE = re.compile(r"[(（].*?[)）]")
_NOTE_ANY = re.compile(r"[(（\[【].*?[)）\]】]")
_SPACES = re.compile(r"\s+")


def looks_like_person(name: str) -> bool:
    """A registered name that is a person's: a sole trader without a trade name, an operator."""
    compact = _SPACE_IN_HAN.sub("", name.strip())
    compact = _NOTE.sub("", compact).strip()  # 张三（个体工商户）
    return bool(_PERSON.fullmatch(compact)) and not _BUSINESS_WORDS.search(compact)


def party_type(record: Record) -> str | None:
    """The declared party type; for a type that declares none (a blacklist entry), what the credit code says:
    92… is a 个体工商户 (GB 32100: 9 for market entities, 2 for sole traders)."""
    declared_type = record.role("party_type")
    if declared_type is None and str(record.role("code") or "").startswith("92"):
        return "个体工商户"
    return declared_type


def is_person(record: Record) -> bool:
    """A natural person, or a party whose registered name is a person's name."""
    if party_type(record) == "自然人":
        return True
    return party_type(record) in (None, "个体工商户") and looks_like_person(record.role("name", ""))


def name_forms(name: str) -> set[str]:
    """A person's name as it may appear in text: as written, without spaces, without a note in brackets."""
    name = name.strip()
    core = _NOTE_ANY.sub("", name)
    return {n for n in (name, _SPACES.sub("", name), core.strip(), _SPACES.sub("", core)) if len(n) >= 2}


NAME_ROLES = ("name", "representative", "party_type", "code")


def person_names(records) -> frozenset[str]:
    """Every natural person's name the data knows, to be masked in all free text. Reads only the records'
    NAME_ROLES (the build remembers the result by them)."""
    names = set()
    for record in records:
        if is_person(record):
            names |= name_forms(record.role("name", ""))
        legal_rep = record.role("representative")
        if legal_rep and looks_like_person(legal_rep):
            names |= name_forms(legal_rep)
    return frozenset(n for n in names if len(n) >= 2)


@dataclass
class RedactionLog:
    """How many items were masked, per field and category; reported by the build, never with the values."""

    counts: Counter = field(default_factory=Counter)

    def add(self, field_id: str, counts: Counter) -> None:
        for category, n in counts.items():
            self.counts[(field_id, category)] += n

    def total(self) -> int:
        return sum(self.counts.values())


_MASKED_MAX = 200_000
_masked: dict[tuple, tuple[str, Counter]] = {}
_masked_for: list = [None]  # the names the memo was filled for


def _mask(text: str, names: frozenset[str], keep: frozenset[str]) -> tuple[str, Counter]:
    """mask_text, remembered within a build: authorities, bases and violations repeat across thousands of
    records. The memo holds results for one set of known names only."""
    if _masked_for[0] is not names:
        _masked.clear()
        _masked_for[0] = names
    found = _masked.get((text, keep))
    if found is None:
        if len(_masked) > _MASKED_MAX:
            _masked.clear()
        found = _masked[(text, keep)] = mask_text(text, names, keep)
    return found[0], Counter(found[1])


def public_view(record: Record, settings: Settings, log: RedactionLog | None = None,
                names: frozenset[str] = frozenset()) -> dict:
    """The fields of a record that may be shown, cleaned of personal data. Personal fields are never copied."""
    person = is_person(record)
    view: dict = {}
    own = frozenset(name_forms(record.role("name", "")))
    roles = record.rtype.roles
    # the party's own name is masked too (even without a names index), unless the site chose to show it
    masked_own = own if person and settings.mask_person_names else frozenset()
    keep = own if person and not settings.mask_person_names else frozenset()
    for f in record.rtype.public_fields:
        value = record.values.get(f.id)
        if value is None:
            continue
        if f.id == roles.name and person and settings.mask_person_names:
            value = mask_name(value)
        elif f.id == roles.code and party_type(record) == "自然人":
            continue  # a person has no credit code; the column may hold an ID number
        elif f.id == roles.representative and (party_type(record) == "自然人" or not settings.show_legal_rep):
            continue
        elif f.id == roles.representative and party_type(record) == "个体工商户" and settings.mask_person_names \
                and looks_like_person(value):
            value = mask_name(value)  # a sole trader's operator is a natural person (so is the name in 张华五金店)
        elif f.value_type in (ValueType.FREE_TEXT, ValueType.TEXT):
            # an organisation's representative is shown by name, as Order 45 Art. 6 requires
            value, counts = _mask(value, frozenset() if f.id == roles.representative else names, keep)
            for name in masked_own:
                if len(name) >= 2 and name in value:
                    counts["name"] += value.count(name)
                    value = value.replace(name, mask_name(name))
            if log is not None and counts:
                log.add(f.id, counts)
        view[f.id] = value
    return view


def public_campaign(campaign: Campaign, names: frozenset[str]) -> Campaign:
    """A campaign as published: its texts masked like record texts, names known from the data included."""
    def clean(text: str) -> str:
        return mask_text(text, names)[0]

    return replace(campaign, title=clean(campaign.title), authority=clean(campaign.authority),
                   authorities=tuple(clean(a) for a in campaign.authorities),
                   region=clean(campaign.region), summary=clean(campaign.summary),
                   products=tuple(clean(p) for p in campaign.products),
                   stats=tuple(replace(s, label=clean(s.label), unit=clean(s.unit)) for s in campaign.stats))
