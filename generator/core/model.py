"""Records after validation, campaigns, and the visibility a record has on a given day."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from types import MappingProxyType
from typing import Mapping

from .figures import Figure
from .schema import RecordType
from .text import slugify


class Visibility(Enum):
    """Whether a record is on the site on the as-of date, and if not, why not."""

    PUBLIC = "public"
    EMBARGOED = "embargoed"  # publish date still ahead
    EXPIRED = "expired"  # its window has ended
    WITHDRAWN = "withdrawn"  # revoked, early stop, credit repair, removal
    NEVER = "never"  # the law forbids publishing it at all

    @property
    def is_public(self) -> bool:
        return self is Visibility.PUBLIC


@dataclass(frozen=True)
class Source:
    file: str
    sheet: str
    row: int

    def __str__(self) -> str:
        return f"{self.file}:{self.sheet}!{self.row}" if self.sheet else f"{self.file}:{self.row}"


@dataclass(frozen=True)
class Record:
    """A validated record: clean values by field id, and where it came from."""

    rtype: RecordType
    values: Mapping[str, object]
    source: Source
    headers: Mapping[str, str] = field(default_factory=dict)  # field id -> column header as the user wrote it

    def __post_init__(self):
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))

    def header(self, field_id: str) -> str:
        return self.headers.get(field_id) or self.rtype.field(field_id).label

    def get(self, field_id: str, default=None):
        """The value of a declared field, or `default` when the cell was empty. A misspelt field id raises."""
        self.rtype.field(field_id)
        value = self.values.get(field_id)
        return default if value is None else value

    def role(self, role: str, default=None):
        """The value of the field that plays `role` (core.schema.Roles) for this type; default without one."""
        field_id = getattr(self.rtype.roles, role)
        value = self.values.get(field_id) if field_id else None
        return default if value is None else value

    @property
    def key(self) -> str:
        return self.values[self.rtype.key]

    @property
    def page(self) -> str:
        """The record's address segment: /<type>/<page>/."""
        return slugify(self.key)


@dataclass(frozen=True)
class Decision:
    visibility: Visibility
    reason: str  # a code, see rules.REASONS
    public_from: date | None = None
    public_until: date | None = None  # first day the record is no longer public
    next_change: date | None = None  # next day after as-of on which this decision changes
    rules: str = ""  # the law it was decided under: "market" or "credit" (core.lawsettings); "" for one law only
    repair_from: date | None = None  # first day the party may apply to end publication early (credit repair)


@dataclass(frozen=True)
class Campaign:
    id: str
    title: str
    authority: str
    region: str
    start: date
    end: date
    products: tuple[str, ...]
    summary: str
    stats: tuple["Figure", ...]
    source: str
    authorities: tuple[str, ...] = ()  # a joint campaign has several; `authority` joins them with 、


@dataclass(frozen=True)
class Guide:
    """A buying guide in content/guides/: the product categories it covers link it to records."""

    title: str
    url: str
    products: tuple[str, ...]


@dataclass(frozen=True)
class Post:
    """A published bulletin in content/news/posts/ (drafts are not read)."""

    title: str
    date: str
    link: str  # Markdown link from a campaign page to the post's source file
    campaign: str  # "" when it names none
    slug: str = ""
    categories: tuple[str, ...] = ()
    excerpt: str = ""  # plain text up to the <!-- more --> marker, or its first paragraph


@dataclass
class Dataset:
    """Everything read from data/: valid records per type, campaigns, and the row accounting."""

    records: dict[str, list[Record]] = field(default_factory=dict)
    campaigns: list[Campaign] = field(default_factory=list)
    read: dict[str, int] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)
    released: bool = False  # see release()
    # type name -> a digest of all its records were made from (files, mapping, documents, settings, program)
    keys: dict[str, str] = field(default_factory=dict)

    def all_records(self):
        if self.released:
            raise RuntimeError("the records were released after publishing; only the counts remain")
        for records in self.records.values():
            yield from records

    def release(self) -> None:
        """Forget the records, keeping the counts: after publishing, pages are made from public views only,
        and at province scale the records are hundreds of megabytes."""
        self.records = {name: [] for name in self.records}
        self.released = True
