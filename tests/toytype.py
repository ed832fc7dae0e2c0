"""A record type the generator does not ship: product recalls (产品召回). Declared here, in one module, with its
three templates, to prove that adding a type needs nothing else: the tests add it to the registry and see it
read, checked, published, listed, downloaded, on company pages and feeds, and found in search. Its field ids
are its own (maker, maker_code, goods, district): every output asks the type's roles, never a field id.
"""
from __future__ import annotations

from generator.core.dates import add_years
from generator.core.model import Decision
from generator.core.schema import Field, RecordType, Roles, Search, Templates, ValueType as V
from generator.intake.validate import distinct_pages, unique_keys
from generator.rules.windows import window

FIELDS = (
    Field("recall_no", ("召回编号",), V.CODE, required=True, doc="召回公告编号"),
    Field("maker", ("企业名称",), required=True, doc="实施召回的企业"),
    Field("maker_code", ("统一社会信用代码",), V.USCC, doc="企业的统一社会信用代码"),
    Field("goods", ("召回产品",), required=True, doc="召回的产品"),
    Field("district", ("所在地区",), doc="企业所在地区"),
    Field("reason", ("召回原因",), V.FREE_TEXT, required=True, doc="缺陷及可能造成的危害"),
    Field("recall_date", ("召回日期",), V.DATE, required=True, doc="召回公告日期"),
    Field("contact", ("联系人手机",), public=False, doc="企业联系人手机，仅供核对"),
)


def decide_recall(record, ctx) -> Decision:
    """A recall stays public for one year after its notice; a notice dated ahead is not shown yet."""
    start = record.get("recall_date")
    return window(start, add_years(start, 1), ctx.as_of)


def check_reason_length(values, err, warn, settings):
    if len(values.get("reason", "")) < 4:
        yield warn("recall-reason-short", "召回原因过短，请写明缺陷及危害", "reason")


TEMPLATES = {
    "recall.html": (
        '<div class="record record--recall">\n<p class="record-kind">产品召回</p>\n'
        "<table><tbody>\n"
        "{% for f in fields if f.id in v %}<tr><th>{{ f.label }}</th><td>{{ v[f.id] | show(f) }}</td></tr>\n{% endfor %}"
        "</tbody></table>\n<p>召回公告公示一年，至 {{ entry.last_day }}。</p>\n</div>\n"),
    "recalls_index.html": "# 产品召回\n\n{% include rtype.templates.rows %}\n",
    "recalls_rows.html": (
        "<ul>\n{% for group in rows %}{% set e = group[0] %}<li><a href=\"{{ root }}{{ e.url }}\">{{ e.view.goods }}"
        "</a>（{{ e.role('name') }}）</li>\n{% endfor %}</ul>\n"),
}

RECALLS = RecordType(
    name="recalls",
    label="产品召回信息",
    short_label="产品召回",
    fields=FIELDS,
    key="recall_no",
    date_field="recall_date",
    templates=Templates(page="recall.html", index="recalls_index.html", rows="recalls_rows.html"),
    search=Search(title=("maker",), codes=("recall_no", "maker_code"), text=("goods", "reason"),
                  subtitle="recall_no", summary="goods"),
    page_title="{goods}（{recall_no}）",
    until_label="公示截止",
    until_doc="召回公告在本站公示的最后一天",
    decide=decide_recall,
    entry_id=lambda values: values["recall_no"],
    roles=Roles(name="maker", code="maker_code", product="goods", region="district"),
    checks=(check_reason_length,),
    across=(unique_keys, distinct_pages),
    locked=frozenset({"recall_no", "recall_date"}),
)

