"""Fields and choices several record types share."""
from __future__ import annotations

from ..core.schema import Field, ValueType

PARTY_TYPES = ("法人及非法人组织", "个体工商户", "自然人")
FLAGS = ("是", "否")

REGION = Field("region", ("地区", "行政区划", "所属区域"), doc="作出决定的机关所在地区")
PRODUCT = Field("product", ("产品类别", "涉案产品"), doc="涉及的产品类别，用于关联消费提示")
CAMPAIGN = Field("campaign", ("专项行动",), ValueType.CODE, doc="所属专项行动的编号（data/campaigns 中的 id）")
REMARKS = Field("remarks", ("备注", "備註"), ValueType.FREE_TEXT, doc="备注（如复议、诉讼情况）")
