"""Everything the outputs may see: the public entries (never records), sorted and grouped the way the site
shows them, the hand-written content they link to, and lookups the templates use to link types together.
"""
from __future__ import annotations

import hashlib
from urllib.parse import quote
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from ..core.model import Campaign, Guide, Post
from ..core.schema import RecordType
from ..core.settings import Settings
from ..rules.publication import Entry, Publication
from ..rules.windows import code_key


ENTITY_FOLDER = "entity"


def entity_url(entry: Entry) -> str | None:
    """The address of the page of the party an entry is about: by its credit code, never for a natural person
    (who has no credit code, and whose page would be a profile of a person)."""
    code = entry.role("code")
    if not code or entry.role("party_type") == "自然人":
        return None
    return f"{ENTITY_FOLDER}/{code}/"


def all_entries(site: "SiteContent") -> list[Entry]:
    """Every public entry of every type, in page order (as downloads and the search index list them)."""
    return [e for rtype in site.registry for group in site.pages[rtype.name].values() for e in group]


@dataclass
class SiteContent:
    pub: Publication
    registry: tuple[RecordType, ...]
    settings: Settings
    site_url: str
    guides: list[Guide] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)  # the public change log, newest first
    site_name: str = ""
    markers: tuple[str, ...] = ()  # record markers hand-written pages hold (<!-- disclosure:case … -->)

    def __post_init__(self):
        self.types = {rtype.name: rtype for rtype in self.registry}
        # entries[type]: newest first; pages[type]: page -> its entries (several for a grouped type)
        self.entries: dict[str, list[Entry]] = {}
        self.pages: dict[str, dict[str, list[Entry]]] = {}
        self._by_key: dict[str, dict[str, Entry]] = {}
        self._by_party: dict[str, dict[str, list[Entry]]] = {}
        self._by_campaign: dict[str, dict[str, list[Entry]]] = {}
        # entities[code][type]: a party's public entries of each type, newest first
        self.entities: dict[str, dict[str, list[Entry]]] = {}
        for rtype in self.registry:
            entries = sorted(self.pub.entries.get(rtype.name, []),
                             key=lambda e: (e.view[rtype.date_field], e.page), reverse=True)
            self.entries[rtype.name] = entries
            pages: dict[str, list[Entry]] = {}
            by_party: dict[str, list[Entry]] = {}
            by_campaign: dict[str, list[Entry]] = {}
            for e in entries:
                pages.setdefault(e.page, []).append(e)
                code = e.role("code")
                if code:
                    by_party.setdefault(code, []).append(e)
                    if entity_url(e):
                        self.entities.setdefault(code, {}).setdefault(rtype.name, []).append(e)
                if e.role("campaign"):
                    by_campaign.setdefault(e.role("campaign"), []).append(e)
            self.pages[rtype.name] = pages
            self._by_key[rtype.name] = {e.view[rtype.key]: e for e in reversed(entries)}
            self._by_party[rtype.name] = by_party
            self._by_campaign[rtype.name] = by_campaign
        self.campaigns: list[Campaign] = self.pub.campaigns
        self._campaigns = {c.id: c for c in self.campaigns}
        self._guides: dict[str, list[Guide]] = {}
        for guide in self.guides:
            for product in guide.products:
                self._guides.setdefault(product, []).append(guide)
        self._recorded: list | None = None
        self._entry_digests: dict[int, str] = {}
        self._content_digest: str | None = None

    # What a page was made from, so a build can tell that a page it made before would come out the same.
    @contextmanager
    def recording(self):
        """Lookups the templates make while this block runs: [(method, arguments)]."""
        self._recorded = []
        try:
            yield self._recorded
        finally:
            self._recorded = None

    def _note(self, method: str, *args) -> None:
        if self._recorded is not None:
            self._recorded.append((method, args))

    def digest(self, *parts) -> str:
        """A digest of entries, lists of them, and plain values (dates, strings, numbers, dataclasses)."""
        h = hashlib.sha1()
        for part in parts:
            h.update(self._digest_value(part).encode())
            h.update(b"\x00")
        return h.hexdigest()

    def _digest_value(self, value) -> str:
        if isinstance(value, Entry):
            found = self._entry_digests.get(id(value))
            if found is None:  # the view by the digest of what made it, where there is one (a repr is slow)
                found = self._entry_digests[id(value)] = hashlib.sha1(repr(
                    (value.rtype.name, value.page, value.view_digest or tuple(value.view.items()),
                     value.public_from, value.public_until, value.rules, value.repair_from)).encode()).hexdigest()
            return found
        if isinstance(value, (list, tuple)):
            return "[" + ",".join(self._digest_value(v) for v in value) + "]"
        return repr(value)  # dates, strings, numbers, dataclasses: repr says all they hold

    def content_digest(self) -> str:
        """A digest of all a page can show from here: every public entry, the campaigns, guides, bulletins,
        change log, the day and the site's address. Computed once, before the outputs fork: the entries'
        digests are then inherited by every worker."""
        if self._content_digest is None:
            self._content_digest = self.digest("content", self.as_of, self.site_url, self.site_name, self.campaigns,
                                               self.guides, self.posts, self.events, self.markers,
                                               *all_entries(self))
        return self._content_digest

    def lookups_digest(self, recorded: list) -> str:
        """The digest of what these lookups give now."""
        return self.digest(*[getattr(self, method)(*args) for method, args in recorded])

    def permalink(self, url: str) -> str:
        """The full public address of a page of this site (percent-encoded, as printed in a QR code)."""
        return self.site_url.rstrip("/") + "/" + quote(url)

    @property
    def as_of(self) -> date:
        return self.pub.as_of

    # Lookups for the templates: they name types by their registry name and never see a record.
    def url_for(self, type_name: str, key: str) -> str | None:
        """The address of the public page of a record of `type_name` whose key is `key`, if there is one."""
        self._note("url_for", type_name, key)
        entry = self._by_key[type_name].get(key)
        return entry.url if entry else None

    def of_party(self, type_name: str, code: str | None) -> list[Entry]:
        """Public entries of `type_name` about the party with this credit code, newest first."""
        self._note("of_party", type_name, code)
        return self._by_party[type_name].get(code, []) if code else []

    def for_campaign(self, type_name: str, campaign_id: str) -> list[Entry]:
        self._note("for_campaign", type_name, campaign_id)
        return self._by_campaign[type_name].get(campaign_id, [])

    def pages_for_campaign(self, type_name: str, campaign_id: str) -> list[list[Entry]]:
        self._note("pages_for_campaign", type_name, campaign_id)
        return [g for g in self.pages[type_name].values() if any(e.role("campaign") == campaign_id for e in g)]

    def entry_by_code(self, number: str) -> Entry | None:
        """The public record whose key is this number, whatever its brackets and spacing (a decision number)."""
        if not hasattr(self, "_by_code"):
            self._by_code = {code_key(e.view[rtype.key]): e for rtype in self.registry
                             for e in self.entries[rtype.name]}
        return self._by_code.get(code_key(number))

    def guides_for(self, product: str | None) -> list[Guide]:
        self._note("guides_for", product)
        return self._guides.get(product, []) if product else []

    def campaign(self, campaign_id: str | None) -> Campaign | None:
        self._note("campaign", campaign_id)
        return self._campaigns.get(campaign_id) if campaign_id else None

    def posts_for(self, campaign_id: str) -> list[Post]:
        self._note("posts_for", campaign_id)
        return [p for p in self.posts if p.campaign == campaign_id]
