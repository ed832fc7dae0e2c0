"""Penalty cases (行政处罚信息): fields, checks between fields, and where the rules and templates are."""
from __future__ import annotations

import re

from ..core import codes
from ..core.dates import WorkingDays, add_working_days
from ..core.schema import Documents, Field, RecordType, Roles, Search, Templates, ValueType as V
from ..core.text import cell_text, fold
from ..intake.validate import distinct_pages, unique_keys
from ..core.lawsettings import CREDIT, MARKET
from ..rules.cases import NO_EARLY_STOP, case_revocations, decide_case, repair_from
from ..rules.rulesets import OVERRIDES, rule_set
from .shuanggongshi import EXPORT as SHUANGGONGSHI
from .common import CAMPAIGN, FLAGS, PARTY_TYPES, PRODUCT, REGION, REMARKS

PENALTY_KINDS = (
    "警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件",
    "降低资质等级", "吊销许可证件", "吊销营业执照", "限制开展生产经营活动",
    "责令停产停业", "责令关闭", "限制从业", "行政拘留", "其他",
)
PROCEDURES = ("普通程序", "简易程序")
CASE_STATUSES = ("有效", "已撤销", "已变更", "提前停止公示", "信用修复")

FIELDS = (
    Field("decision_no", ("行政处罚决定书文号", "决定书文号", "处罚决定书文号", "文号"), V.CODE, required=True,
          doc="行政处罚决定书文号，本站唯一，页面地址由其生成"),
    Field("party_name", ("行政相对人名称", "当事人名称", "当事人", "企业名称"), required=True,
          doc="当事人名称；自然人姓名仅显示姓氏"),
    Field("party_type", ("行政相对人类别", "相对人类别", "当事人类型"), V.CHOICE, required=True, choices=PARTY_TYPES,
          doc="法人及非法人组织 / 个体工商户 / 自然人"),
    Field("uscc", ("统一社会信用代码",), V.USCC, doc="18 位统一社会信用代码（法人和个体工商户必填）"),
    Field("legal_rep", ("法定代表人", "负责人", "经营者"), doc="法定代表人或负责人"),
    Field("id_number", ("证件号码", "身份证号码"), V.ID_NUMBER, public=False, doc="证件号码，仅用于核对，永不公开"),
    Field("violation", ("违法行为类型", "案由"), V.FREE_TEXT, required=True, doc="违法行为类型"),
    Field("facts", ("违法事实", "主要违法事实"), V.FREE_TEXT, doc="主要违法事实"),
    Field("basis", ("处罚依据",), V.FREE_TEXT, required=True, doc="处罚依据"),
    Field("penalty_kind", ("处罚类别",), V.CHOICES, required=True, choices=PENALTY_KINDS,
          doc="处罚类别，可多项，以 ；或 、分隔"),
    Field("penalty", ("处罚内容", "处罚结果"), V.FREE_TEXT, required=True, doc="处罚内容"),
    Field("fine", ("罚款金额", "罚没金额", "罚没款金额"), V.AMOUNT, doc="罚款金额（元）"),
    Field("confiscated", ("没收违法所得金额", "没收金额"), V.AMOUNT, doc="没收违法所得金额（元）"),
    Field("authority", ("处罚机关", "作出处罚决定的机关名称", "决定机关"), required=True, doc="处罚机关"),
    Field("decision_date", ("处罚决定日期", "决定日期", "作出处罚决定的日期"), V.DATE, required=True, doc="处罚决定日期"),
    Field("procedure", ("适用程序", "程序类型"), V.CHOICE, choices=PROCEDURES, doc="普通程序（默认）/ 简易程序（不公示）"),
    Field("publish_date", ("公示日期",), V.DATE, doc="公示日期，默认为处罚决定日期"),
    Field("restriction_until", ("处罚有效期", "限制期限截止"), V.DATE, open_ended=True,
          doc="限制期限截止日期，晚于一般公示期时延长公示期"),
    Field("status", ("状态", "公示状态"), V.CHOICE, choices=CASE_STATUSES,
          doc="有效（默认）/ 已撤销 / 已变更 / 提前停止公示 / 信用修复（信用中国规则下修复后停止公示）"),
    Field("status_date", ("状态日期",), V.DATE, doc="状态生效日期"),
    Field("status_reason", ("状态说明", "撤销原因", "变更原因"), V.FREE_TEXT, doc="状态变化原因"),
    Field("minor", ("是否未成年人", "是否未成年", "未成年人"), V.FLAG, choices=FLAGS, public=False,
          doc="是：未成年人案件，永不公示"),
    Field("decision_doc", ("决定书文件", "决定书文件名"), public=False,
          doc="data/decisions 中本案决定书的文件名；不填时按文件名中的文号对应"),
    Field("decision_text", ("决定书全文",), V.FREE_TEXT,
          doc="行政处罚决定书全文（来自 data/decisions 中的文件），已遮蔽个人信息；下载文件中每段以换行分隔"),
    Field("rule_set", ("公示规则", "适用公示规则"), V.CHOICE, choices=tuple(OVERRIDES),
          doc="市场监管（总局45号令）或 信用中国（发改委58号令）；不填时按处罚机关的设置（mkdocs.yml 的 authorities）"),
    Field("domain", ("领域", "所属领域", "行业领域"),
          doc="所属领域；食品、药品、特种设备、安全生产、消防领域在信用中国规则下最短公示一年"),
    REGION, PRODUCT, CAMPAIGN, REMARKS,
)


def natural_person_cells(cells: dict) -> dict:
    """A natural person has no credit code: what stands in that column is treated as an ID number."""
    party_type = cells.get("party_type")
    if party_type and fold(cell_text(party_type.value)) == "自然人" and "uscc" in cells:
        moved = cells.pop("uscc")
        if "id_number" not in cells or not cell_text(cells["id_number"].value):
            cells["id_number"] = moved
    return cells


def check_party(values, err, warn, settings):
    if values.get("party_type") in ("法人及非法人组织", "个体工商户") and "uscc" not in values:
        yield err(codes.REQUIRED_MISSING, "法人及非法人组织、个体工商户须填写「统一社会信用代码」", "uscc")


def check_dates(values, err, warn, settings):
    decided, published = values.get("decision_date"), values.get("publish_date")
    days = settings.publish_deadline_working_days
    if decided and published:
        deadline = add_working_days(decided, days)
        if published < decided:
            yield err(codes.DATE_ORDER, "公示日期早于处罚决定日期", "publish_date", published.isoformat())
        elif published > deadline.day:
            yield warn(codes.LATE_PUBLICATION, _late_message(days, deadline), "publish_date", published.isoformat())
    status_date = values.get("status_date")
    if decided and status_date and status_date < decided:
        yield err(codes.DATE_ORDER, "状态日期早于处罚决定日期", "status_date", status_date.isoformat())


def _late_message(days: int, deadline: WorkingDays) -> str:
    message = f"公示日期晚于决定日期后 {days} 个工作日（应不晚于 {deadline.day}"
    if not deadline.unscheduled_years:
        return message + "，已按国务院公布的节假日和调休安排计算）。请核对公示日期是否填写正确"
    years = "、".join(str(y) for y in deadline.unscheduled_years)
    return (message + f"）。注意：本程序未收录 {years} 年的法定节假日安排，该年只按周一至周五计算、未扣除节假日和调休，"
            f"实际期限可能更晚。请对照国务院办公厅公布的 {years} 年放假安排核对；生成器更新收录该年安排后，重新检查即按实际安排计算")


def check_status(values, err, warn, settings):
    status = values.get("status", "有效")
    # A withdrawal must never be blocked by a missing detail: without its date it takes effect at once.
    if status != "有效" and "status_date" not in values:
        yield warn(codes.STATUS_INCOMPLETE, f"状态为「{status}」但未填写「状态日期」，按今日起生效处理，请补填", "status_date")
    if status != "有效" and "status_reason" not in values:
        yield warn(codes.STATUS_INCOMPLETE, f"状态为「{status}」但未填写「状态说明」，请补填", "status_reason")
    if status == "有效" and ("status_date" in values or "status_reason" in values):
        yield warn(codes.STATUS_INCOMPLETE, "填写了状态日期或状态说明，但状态为「有效」，是否漏填了状态？", "status")
    if status in ("提前停止公示", "信用修复") and values.get("decision_date"):
        rules = rule_set(values, settings)
        forbidden = NO_EARLY_STOP.intersection(values.get("penalty_kind", ()))
        if rules == MARKET and forbidden:
            yield err(codes.EARLY_STOP_FORBIDDEN, f"处罚类别含「{'、'.join(sorted(forbidden))}」，依法不得提前停止公示",
                      "status", status)
            return
        earliest, status_date = repair_from(values, settings), values.get("status_date")
        if earliest and status_date and status_date < earliest:
            law = "信用中国规则（发改委58号令）下最短公示期" if rules == CREDIT else "提前停止公示须公示满规定时限"
            yield err(codes.CREDIT_REPAIR_TOO_EARLY, f"{law}未满（最早 {earliest}），不能在 {status_date} {status}，"
                      "请核对状态日期", "status_date", status_date.isoformat())


# 机关代字〔年份〕序号号, as intake writes it (intake.normalise.parse_decision_no): 示例市监处罚〔2026〕11号
DECISION_NO = re.compile(r"^(?P<prefix>\S.*?)〔(?P<year>\d{4})〕第?(?P<serial>\d+(?:[-－]\d+)?)\s*号$")


def check_decision_no(values, err, warn, settings):
    number, decided = values.get("decision_no"), values.get("decision_date")
    if not number:
        return
    match = DECISION_NO.match(number)
    if match is None:
        yield warn(codes.DECISION_NO_FORM, "决定书文号不是常见的“机关代字〔年份〕序号号”形式（如 示例市监处罚〔2026〕11号），"
                   "请核对是否填错列或漏字", "decision_no", number)
    elif decided and int(match["year"]) != decided.year:
        yield warn(codes.DECISION_NO_YEAR, f"决定书文号中的年份 {match['year']} 与处罚决定日期 {decided} 的年份不同，"
                   "请核对文号或决定日期", "decision_no", number)


def check_amounts(values, err, warn, settings):
    if "罚款" in values.get("penalty_kind", ()) and "fine" not in values:
        yield warn(codes.FINE_MISSING, "处罚类别含「罚款」但未填写罚款金额", "fine")


CASES = RecordType(
    name="cases",
    label="行政处罚信息",
    short_label="行政处罚",
    fields=FIELDS,
    key="decision_no",
    date_field="decision_date",
    templates=Templates(page="case.html", index="cases_index.html", rows="cases_rows.html"),
    search=Search(title=("party_name",), codes=("decision_no", "uscc"),
                  text=("violation", "product", "region", "authority"), subtitle="decision_no", summary="violation",
                  body=("decision_text",)),
    documents=Documents(folder="decisions", field="decision_text", file_field="decision_doc", label="行政处罚决定书"),
    exports=(SHUANGGONGSHI,),
    page_title="{party_name}（{decision_no}）",
    until_label="公示截止",
    until_doc="该条信息在本站公示的最后一天",
    decide=decide_case,
    entry_id=lambda values: values["decision_no"],
    roles=Roles(name="party_name", code="uscc", party_type="party_type", representative="legal_rep", region="region",
                product="product", amount="fine", campaign="campaign", authority="authority"),
    checks=(check_party, check_dates, check_status, check_amounts, check_decision_no),
    across=(unique_keys, distinct_pages),
    prepare_cells=natural_person_cells,
    revocations=case_revocations,
    locked=frozenset({"decision_no", "party_name", "party_type", "penalty_kind", "decision_date"}),
    placeholder_companions=frozenset({"publish_date", "decision_date", "remarks"}),
)
