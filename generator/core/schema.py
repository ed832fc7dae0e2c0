"""How a record type is declared: its fields (headers, value types, public or personal) and everything the
rest of the generator needs to know about it. One declaration per type lives in generator/recordtypes/;
everything else iterates over the registry there and never names a type.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Callable


class ValueType(str, Enum):
    """What a cell holds, and so how it is cleaned, checked, shown and typed in downloads."""

    TEXT = "text"
    FREE_TEXT = "free_text"  # scanned for personal data before it is published
    DATE = "date"
    AMOUNT = "amount"  # in 元
    USCC = "uscc"  # unified social credit code, GB 32100
    ID_NUMBER = "id_number"  # resident ID, GB 11643: never public
    CODE = "code"  # decision numbers and other identifiers that become addresses
    CHOICE = "choice"
    CHOICES = "choices"  # several of the choices in one cell
    FLAG = "flag"  # 是 / 否


class UnknownField(KeyError):
    """A field id that the record type does not declare: a bug in the caller, never a silent None."""


@dataclass(frozen=True)
class Field:
    id: str
    headers: tuple[str, ...]  # the first is the label the site shows
    value_type: ValueType = ValueType.TEXT
    required: bool = False
    public: bool = True  # False: never leaves the generator (personal data)
    choices: tuple[str, ...] = ()
    open_ended: bool = False  # a date that may lie far ahead: a restriction "until further notice" (9999)
    doc: str = ""

    @property
    def label(self) -> str:
        return self.headers[0]


@dataclass(frozen=True)
class Templates:
    page: str  # one record's page (or one key's page, for grouped types)
    index: str  # the first page of the list of all public records (in the navigation)
    rows: str  # the table of a list page's records


@dataclass(frozen=True)
class Search:
    """What the site's search finds a record by, and what a result shows of it."""

    title: tuple[str, ...]  # the name fields: ranked first when a query matches them
    codes: tuple[str, ...]  # decision numbers and credit codes (a credit code is also one exact term)
    text: tuple[str, ...]  # other short fields searched: violation, product, region, authority
    subtitle: str  # shown under the name in a result: the decision number, the credit code
    summary: str  # shown in a result, and the type's own filter: the violation, the reason for listing
    body: tuple[str, ...] = ()  # long texts (a decision document): searched too, their start only, ranked last


@dataclass(frozen=True)
class Roles:
    """What the outputs need of a record by what it is, not by a field id: every output asks a type for the
    field that plays a role (`rtype.roles.region`), so a type with other field ids goes through every output.
    Only `name` is required; a role a type does not have is None, and the outputs do without it."""

    name: str  # the party's name: titles, company pages, the change log
    code: str | None = None  # the party's credit code: company pages, "all records of this party"
    party_type: str | None = None  # 自然人 / 法人及非法人组织 / 个体工商户: a natural person has no company page
    representative: str | None = None  # the legal representative or operator (a natural person)
    region: str | None = None  # lists per region, search facets
    product: str | None = None  # buying guides, search facets
    amount: str | None = None  # the fine: sorted by in search
    campaign: str | None = None  # the campaign a record belongs to
    authority: str | None = None  # who decided


class RegistryError(ValueError):
    """A record type declared inconsistently: found when the type is made, not when a build runs into it."""


@dataclass(frozen=True)
class Documents:
    """Documents that belong to a type's records (decision documents, data/decisions/): each is attached to
    the record whose key its file name says, or that names the file in `file_field`; its text is the
    record's `field` (free text, redacted like every other) and leaves with it."""

    folder: str  # under data/
    field: str  # the field its text becomes
    file_field: str  # a column naming the document's file, where a record does
    label: str  # 行政处罚决定书


@dataclass(frozen=True)
class Export:
    """A download of a type's public records in another layout (the national 双公示 format): its file stem,
    label and description, and `columns(settings)` -> [(id, header, data type, doc, value of an entry)]."""

    stem: str
    label: str
    doc: str
    columns: Callable


@dataclass(frozen=True)
class RecordType:
    """Everything about one kind of published record, in one place.

    Functions are declared here and defined in the type's module, which may use intake and rules helpers:
    `checks` yield problems of one record (values, err, warn, settings); `across` compare the records of the
    type (an intake.validate.Across, settings); `decide` is the disclosure rule (record, RuleContext) ->
    Decision; `prepare_cells` may move cells before cleaning; `entry_id` names a record in the public change
    log; `revocations` tells which records other types' rules must treat as revoked.
    """

    name: str  # folder under data/, first segment of its addresses, stem of its downloads
    label: str  # 行政处罚信息
    short_label: str  # 行政处罚
    fields: tuple[Field, ...]
    key: str  # field identifying a record; its slug is the page address
    date_field: str  # lists are newest first by this date
    templates: Templates
    search: Search
    page_title: str  # str.format of the public view: "{party_name}（{decision_no}）"
    until_label: str  # the column downloads add: the last public day, or the day it leaves (see `until`)
    until_doc: str
    decide: Callable
    entry_id: Callable
    roles: Roles
    checks: tuple[Callable, ...] = ()
    across: tuple[Callable, ...] = ()
    prepare_cells: Callable | None = None
    revocations: Callable | None = None  # (records) -> {code_key: day the revocation takes effect or None}
    grouped: bool = False  # records sharing a key (a party listed again) share one page
    # which day the "until" column holds: "last_day" (公示截止, the last day shown) or "public_until" (移出日期,
    # the first day off the list): one meaning per word, on every page and in every download
    until: str = "last_day"
    documents: Documents | None = None
    count_label: str = ""  # what the home page counts: 严重违法失信主体 (the label when empty)
    count_unit: str = "条"  # 条 for records, 个 for parties
    gravity: int = 0  # where several types are shown together, the gravest first (the blacklist before cases)
    # a type with no publication-date column is published when a build first shows a record: the field whose
    # date starts the publication deadline then (the blacklist's listing date; "" for a type that has the column)
    deadline_from: str = ""
    exports: tuple[Export, ...] = ()
    locked: frozenset[str] = frozenset()  # required fields a site's mapping may never make optional
    placeholder_companions: frozenset[str] = frozenset()  # may stand beside 无 in a placeholder row
    extra: dict = field(default_factory=dict, compare=False, hash=False)  # free for the type's own templates

    def __post_init__(self):
        """Every field id the declaration names is a field of the type; the name role is there."""
        if not self.roles.name:
            raise RegistryError(f"record type {self.name}: roles.name (the party's name) is required")
        named = {"key": self.key, "date_field": self.date_field, "search.subtitle": self.search.subtitle,
                 **({"deadline_from": self.deadline_from} if self.deadline_from else {}),
                 "search.summary": self.search.summary, **{f"roles.{k}": v for k, v in vars(self.roles).items() if v}}
        named.update({f"search.{i}": f for i, f in enumerate(self.search.title + self.search.codes
                                                             + self.search.text + self.search.body)})
        ids = {f.id for f in self.fields}
        wrong = {where: field_id for where, field_id in named.items() if field_id not in ids}
        if wrong:
            raise RegistryError(f"record type {self.name} names fields it does not declare: "
                                + ", ".join(f"{where}={field_id!r}" for where, field_id in sorted(wrong.items())))

    def field(self, field_id: str) -> Field:
        try:
            return self._by_id[field_id]
        except KeyError:
            raise UnknownField(f"{self.name} has no field {field_id!r}") from None

    def has_field(self, field_id: str) -> bool:
        return field_id in self._by_id

    @cached_property
    def _by_id(self) -> dict[str, Field]:
        return {f.id: f for f in self.fields}

    @cached_property
    def public_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.public)
