"""Serious-violation blacklist entries (严重违法失信名单): fields, checks, and where the rules and templates are."""
from __future__ import annotations

import hashlib
from collections import defaultdict

from ..core import codes
from ..core.dates import add_years
from ..core.schema import Field, RecordType, Roles, Search, Templates, ValueType as V
from ..rules.blacklist import blacklist_window, decide_blacklist
from .common import CAMPAIGN, PRODUCT, REGION, REMARKS

REMOVAL_REASONS = ("期满移出", "信用修复", "决定撤销")

FIELDS = (
    Field("party_name", ("当事人名称", "市场主体名称", "企业名称"), required=True, doc="市场主体名称"),
    Field("uscc", ("统一社会信用代码",), V.USCC, required=True, doc="18 位统一社会信用代码"),
    Field("legal_rep", ("法定代表人", "负责人"), doc="法定代表人或负责人"),
    Field("domain", ("领域", "失信领域"), doc="失信领域"),
    Field("reason", ("列入事由", "列入原因", "严重违法失信行为"), V.FREE_TEXT, required=True,
          doc="列入严重违法失信名单的事由"),
    Field("basis", ("列入依据",), V.FREE_TEXT, doc="列入依据"),
    Field("penalty_no", ("所依据行政处罚决定书文号",), V.CODE, doc="所依据的行政处罚决定书文号"),
    Field("listing_no", ("列入决定书文号",), V.CODE, doc="列入决定书文号"),
    Field("authority", ("作出决定机关", "列入机关"), required=True, doc="作出列入决定的机关"),
    Field("listed_date", ("列入日期",), V.DATE, required=True, doc="列入日期"),
    Field("removed_date", ("移出日期",), V.DATE, doc="移出日期"),
    Field("removal_reason", ("移出原因",), V.CHOICE, choices=REMOVAL_REASONS, doc="期满移出 / 信用修复 / 决定撤销"),
    Field("measures", ("管理措施", "惩戒措施"), V.FREE_TEXT, doc="列入名单后实施的管理措施"),
    Field("restriction_until", ("限制期限截止", "限制开展生产经营活动期限至", "限制从业期限至"), V.DATE, open_ended=True,
          doc="限制开展生产经营活动、限制从业的截止日期；晚于列入满三年时，在名单上公示到限制期满（总局44号令第二十一条）"),
    REGION, PRODUCT, CAMPAIGN, REMARKS,
)


def check_removal(values, err, warn, settings):
    listed, removed, reason = values.get("listed_date"), values.get("removed_date"), values.get("removal_reason")
    if removed and not reason:
        yield err(codes.REQUIRED_MISSING, "填写了移出日期时须填写「移出原因」", "removal_reason")
    if reason and not removed:
        yield err(codes.REQUIRED_MISSING, "填写了移出原因时须填写「移出日期」", "removed_date")
    if listed and removed and removed < listed:
        yield err(codes.DATE_ORDER, "移出日期早于列入日期", "removed_date", removed.isoformat())
    years = settings.credit_repair_min_years
    if listed and removed and reason == "信用修复" and removed < add_years(listed, years):
        yield err(codes.CREDIT_REPAIR_TOO_EARLY,
                  f"信用修复须在列入满{years}年后申请（最早 {add_years(listed, years)}），请核对移出日期",
                  "removed_date", removed.isoformat())


def no_overlapping_listings(across, settings):
    """One party cannot be on the list twice at once; a relisting after removal is a new entry (Art. 20)."""
    by_code: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(across.records):
        by_code[rec.key].append(i)
    for indexes in by_code.values():
        for a_pos, a in enumerate(indexes):
            for b in indexes[a_pos + 1:]:
                if _overlap(across.records[a], across.records[b], settings):
                    across.reject(b, across.records[a], codes.DUPLICATE, "同一统一社会信用代码的列入期间重叠")
                    across.reject(a, across.records[b], codes.DUPLICATE, "同一统一社会信用代码的列入期间重叠")


def _overlap(a, b, settings) -> bool:
    (a_start, a_end), (b_start, b_end) = blacklist_window(a, settings), blacklist_window(b, settings)
    return a_start < b_end and b_start < a_end


def entry_id(values) -> str:
    """A listing in the change log: its listing decision number, or a stable id from code and date."""
    if values.get("listing_no"):
        return values["listing_no"]
    digest = hashlib.sha1(f"{values['uscc']}|{values['listed_date']}".encode()).hexdigest()[:10].upper()
    return f"BL-{digest}"


BLACKLIST = RecordType(
    name="blacklist",
    label="严重违法失信名单",
    short_label="失信名单",
    fields=FIELDS,
    key="uscc",
    date_field="listed_date",
    deadline_from="listed_date",  # published within 20 working days of the listing (Order 44 Art. 14)
    templates=Templates(page="blacklist.html", index="blacklist_index.html", rows="blacklist_rows.html"),
    search=Search(title=("party_name",), codes=("uscc", "listing_no", "penalty_no"),
                  text=("reason", "domain", "product", "region", "authority"), subtitle="uscc", summary="reason"),
    page_title="{party_name}",
    until_label="预计移出日期",
    until_doc="到期自动移出名单的日期，即不再公示的第一天（信用修复等可提前）",
    until="public_until",
    decide=decide_blacklist,
    entry_id=entry_id,
    roles=Roles(name="party_name", code="uscc", representative="legal_rep", region="region", product="product",
                campaign="campaign", authority="authority"),
    checks=(check_removal,),
    across=(no_overlapping_listings,),
    grouped=True,
    count_label="严重违法失信主体",
    count_unit="个",
    gravity=1,
    locked=frozenset({"party_name", "listed_date"}),
    placeholder_companions=frozenset({"remarks"}),
)
