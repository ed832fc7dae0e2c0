"""Settings of the law that differ by province and by authority: the lower amount of a fine (set per province
and per party type), and which rules each authority publishes under (SAMR Orders 45/44 for market
regulation, the credit-portal rules of NDRC Order 58 for fire rescue and other authorities)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

PERSON, ORGANISATION, SOLE_TRADER = "自然人", "法人及非法人组织", "个体工商户"
MARKET, CREDIT = "market", "credit"
RULE_NAMES = {MARKET: "市场监管", CREDIT: "信用中国"}
RULE_BASIS = {MARKET: "市场监管规则（总局45号令）", CREDIT: "信用中国规则（行政处罚法第四十八条、发改委58号令）"}
# Fields where NDRC Order 58 sets the shortest period before credit repair at one year, not three months.
KEY_FIELDS = ("食品", "药品", "特种设备", "安全生产", "消防")
MARKET_KEY_FIELDS = ("食品", "药品", "特种设备")  # a year before market regulation's early stop


def amount(value) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise ValueError("应为金额数字（元）")
    try:
        number = Decimal(str(value).replace(",", ""))
    except ArithmeticError:
        raise ValueError("应为金额数字（元）") from None
    if not number.is_finite() or number < 0:
        raise ValueError("应为不小于 0 的金额（元）")
    return number


@dataclass(frozen=True)
class LowerFine:
    """较低数额罚款 (Order 45 Art. 13), as a province sets it: a threshold per party type, the amount itself
    counted or not (不含本数). A sole trader follows the type its setting names."""

    person: Decimal = Decimal("5000")
    organisation: Decimal = Decimal("50000")
    sole_trader: str = PERSON  # 自然人 or 法人及非法人组织
    inclusive: bool = False  # False: "below 5,000" (不含本数); True: "5,000 or less"

    def threshold(self, party_type: str | None) -> Decimal:
        if party_type == SOLE_TRADER:
            party_type = self.sole_trader
        return self.person if party_type == PERSON else self.organisation

    def is_lower(self, fine: Decimal, party_type: str | None) -> bool:
        limit = self.threshold(party_type)
        return fine <= limit if self.inclusive else fine < limit

    def words(self) -> str:
        """The rule as a page states it: 自然人罚款不足 5,000 元、法人及非法人组织罚款不足 50,000 元（个体工商户按自然人）."""
        below = "不超过" if self.inclusive else "不足"
        return (f"自然人罚款{below} {self.person:,.0f} 元、法人及非法人组织罚款{below} {self.organisation:,.0f} 元"
                f"（个体工商户按{self.sole_trader}）")

    @classmethod
    def parse(cls, raw) -> "LowerFine":
        if not isinstance(raw, dict):
            raise ValueError("应写成 {自然人: 5000, 法人及非法人组织: 50000, 个体工商户: 自然人, 含本数: false}")
        unknown = set(map(str, raw)) - {PERSON, ORGANISATION, SOLE_TRADER, "含本数"}
        if unknown:
            raise ValueError(f"不认识的项「{'、'.join(sorted(unknown))}」，可用：自然人、法人及非法人组织、个体工商户、含本数")
        follows = str(raw.get(SOLE_TRADER, PERSON))
        if follows not in (PERSON, ORGANISATION):
            raise ValueError("个体工商户应写“自然人”或“法人及非法人组织”（按哪一类的数额）")
        inclusive = raw.get("含本数", False)
        if not isinstance(inclusive, bool):
            raise ValueError("含本数应为 true 或 false")
        return cls(amount(raw.get(PERSON, cls.person)), amount(raw.get(ORGANISATION, cls.organisation)), follows,
                   inclusive)

    @classmethod
    def single(cls, threshold: Decimal) -> "LowerFine":
        """The older one-number setting (lower_fine_threshold): every party type, the amount itself included."""
        return cls(threshold, threshold, PERSON, True)


@dataclass(frozen=True)
class Authority:
    """What the site knows of one authority, matched by a part of its name (消防救援 matches 示例市消防救援支队)."""

    name: str
    rules: str = MARKET  # MARKET or CREDIT
    field: str = ""  # 消防, 食品 …: the field its decisions are in (one year before credit repair)
    credit_code: str = ""  # 处罚机关统一社会信用代码 (双公示)
    data_source: str = ""  # 数据来源单位 (双公示); its own name when empty
    data_source_code: str = ""  # 数据来源单位统一社会信用代码

    def matches(self, authority: str) -> bool:
        return self.name in authority

    @classmethod
    def parse(cls, raw) -> tuple["Authority", ...]:
        if not isinstance(raw, list):
            raise ValueError("应为列表，每项写 name（机关名称中的字样）和 rules（market 或 credit）")
        found = []
        for item in raw:
            if not isinstance(item, dict) or not str(item.get("name") or "").strip():
                raise ValueError("每一项都应写 name（机关名称中的字样，如 消防救援）")
            unknown = set(map(str, item)) - {"name", "rules", "field", "credit_code", "data_source", "data_source_code"}
            if unknown:
                raise ValueError(f"不认识的项「{'、'.join(sorted(unknown))}」")
            rules = str(item.get("rules") or MARKET)
            if rules not in RULE_NAMES:
                raise ValueError(f"rules 应为 market（市场监管，总局45号令、44号令）或 credit（信用中国，发改委58号令），不是「{rules}」")
            field = str(item.get("field") or "")
            found.append(cls(str(item["name"]).strip(), rules, field, str(item.get("credit_code") or "").strip(),
                             str(item.get("data_source") or "").strip(), str(item.get("data_source_code") or "").strip()))
        return tuple(found)


@functools.lru_cache(maxsize=4096)  # a province has some hundred authorities and decides each record three times
def authority_of(name: str, authorities: tuple[Authority, ...]) -> Authority:
    """The settings of the authority named (the longest matching entry); market regulation when none matches."""
    matching = [a for a in authorities if a.matches(name)]
    return max(matching, key=lambda a: len(a.name)) if matching else Authority(name)
