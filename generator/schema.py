"""One declaration per record type. It drives reading, validation, redaction, downloads and docs.

Every field says how to read it (kind), whether it is required, and whether it may
ever be shown (public). Personal fields are read so they can be validated, but the
redaction step drops them before anything renders.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

PARTY_TYPES = ("法人及非法人组织", "个体工商户", "自然人")
PENALTY_KINDS = (
    "警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件",
    "降低资质等级", "吊销许可证件", "吊销营业执照", "限制开展生产经营活动",
    "责令停产停业", "责令关闭", "限制从业", "行政拘留", "其他",
)
PROCEDURES = ("普通程序", "简易程序")
CASE_STATUSES = ("有效", "已撤销", "已变更", "提前停止公示")
REMOVAL_REASONS = ("期满移出", "信用修复", "决定撤销")
FLAGS = ("是", "否")


@dataclass(frozen=True)
class Field:
    id: str
    headers: tuple[str, ...]
    kind: str = "text"  # text | free_text | date | amount | uscc | id_number | code | choice | choices | flag
    required: bool = False
    public: bool = True  # False: never leaves the generator (personal data)
    choices: tuple[str, ...] = ()
    doc: str = ""

    @property
    def label(self) -> str:
        return self.headers[0]


@dataclass(frozen=True)
class RecordType:
    name: str  # folder under data/ and the public path
    label: str
    fields: tuple[Field, ...]
    key: str  # the field that identifies a record on the site

    def field(self, field_id: str) -> Field:
        return self._by_id[field_id]

    @cached_property
    def _by_id(self) -> dict[str, Field]:
        return {f.id: f for f in self.fields}

    @cached_property
    def public_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.public)


REGION = Field("region", ("地区", "行政区划", "所属区域"), doc="作出决定的机关所在地区")
PRODUCT = Field("product", ("产品类别", "涉案产品"), doc="涉及的产品类别，用于关联消费提示")
CAMPAIGN = Field("campaign", ("专项行动",), kind="code", doc="所属专项行动的编号（data/campaigns 中的 id）")
REMARKS = Field("remarks", ("备注", "備註"), kind="free_text", doc="备注（如复议、诉讼情况）")

CASE = RecordType(
    name="cases",
    label="行政处罚信息",
    key="decision_no",
    fields=(
        Field("decision_no", ("行政处罚决定书文号", "决定书文号", "处罚决定书文号", "文号"), kind="code",
              required=True, doc="行政处罚决定书文号，本站唯一，页面地址由其生成"),
        Field("party_name", ("行政相对人名称", "当事人名称", "当事人", "企业名称"), required=True,
              doc="当事人名称；自然人姓名仅显示姓氏"),
        Field("party_type", ("行政相对人类别", "相对人类别", "当事人类型"), kind="choice", required=True,
              choices=PARTY_TYPES, doc="法人及非法人组织 / 个体工商户 / 自然人"),
        Field("uscc", ("统一社会信用代码",), kind="uscc", doc="18 位统一社会信用代码（法人和个体工商户必填）"),
        Field("legal_rep", ("法定代表人", "负责人", "经营者"), doc="法定代表人或负责人"),
        Field("id_number", ("证件号码", "身份证号码"), kind="id_number", public=False,
              doc="证件号码，仅用于核对，永不公开"),
        Field("violation", ("违法行为类型", "案由"), kind="free_text", required=True, doc="违法行为类型"),
        Field("facts", ("违法事实", "主要违法事实"), kind="free_text", doc="主要违法事实"),
        Field("basis", ("处罚依据",), kind="free_text", required=True, doc="处罚依据"),
        Field("penalty_kind", ("处罚类别",), kind="choices", required=True, choices=PENALTY_KINDS,
              doc="处罚类别，可多项，以 ；或 、分隔"),
        Field("penalty", ("处罚内容", "处罚结果"), kind="free_text", required=True, doc="处罚内容"),
        Field("fine", ("罚款金额", "罚没金额", "罚没款金额"), kind="amount", doc="罚款金额（元）"),
        Field("confiscated", ("没收违法所得金额", "没收金额"), kind="amount", doc="没收违法所得金额（元）"),
        Field("authority", ("处罚机关", "作出处罚决定的机关名称", "决定机关"), required=True, doc="处罚机关"),
        Field("decision_date", ("处罚决定日期", "决定日期", "作出处罚决定的日期"), kind="date", required=True,
              doc="处罚决定日期"),
        Field("procedure", ("适用程序", "程序类型"), kind="choice", choices=PROCEDURES,
              doc="普通程序（默认）/ 简易程序（不公示）"),
        Field("publish_date", ("公示日期",), kind="date", doc="公示日期，默认为处罚决定日期"),
        Field("restriction_until", ("处罚有效期", "限制期限截止"), kind="date",
              doc="限制期限截止日期，晚于一般公示期时延长公示期"),
        Field("status", ("状态", "公示状态"), kind="choice", choices=CASE_STATUSES,
              doc="有效（默认）/ 已撤销 / 已变更 / 提前停止公示"),
        Field("status_date", ("状态日期",), kind="date", doc="状态生效日期"),
        Field("status_reason", ("状态说明", "撤销原因", "变更原因"), kind="free_text", doc="状态变化原因"),
        Field("minor", ("是否未成年人", "是否未成年", "未成年人"), kind="flag", choices=FLAGS, public=False,
              doc="是：未成年人案件，永不公示"),
        REGION, PRODUCT, CAMPAIGN, REMARKS,
    ),
)

BLACKLIST = RecordType(
    name="blacklist",
    label="严重违法失信名单",
    key="uscc",
    fields=(
        Field("party_name", ("当事人名称", "市场主体名称", "企业名称"), required=True, doc="市场主体名称"),
        Field("uscc", ("统一社会信用代码",), kind="uscc", required=True, doc="18 位统一社会信用代码"),
        Field("legal_rep", ("法定代表人", "负责人"), doc="法定代表人或负责人"),
        Field("domain", ("领域", "失信领域"), doc="失信领域"),
        Field("reason", ("列入事由", "列入原因", "严重违法失信行为"), kind="free_text", required=True,
              doc="列入严重违法失信名单的事由"),
        Field("basis", ("列入依据",), kind="free_text", doc="列入依据"),
        Field("penalty_no", ("所依据行政处罚决定书文号",), kind="code", doc="所依据的行政处罚决定书文号"),
        Field("listing_no", ("列入决定书文号",), kind="code", doc="列入决定书文号"),
        Field("authority", ("作出决定机关", "列入机关"), required=True, doc="作出列入决定的机关"),
        Field("listed_date", ("列入日期",), kind="date", required=True, doc="列入日期"),
        Field("removed_date", ("移出日期",), kind="date", doc="移出日期"),
        Field("removal_reason", ("移出原因",), kind="choice", choices=REMOVAL_REASONS,
              doc="期满移出 / 信用修复 / 决定撤销"),
        REGION, PRODUCT, CAMPAIGN, REMARKS,
    ),
)

RECORD_TYPES = {CASE.name: CASE, BLACKLIST.name: BLACKLIST}
