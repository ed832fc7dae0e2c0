"""Which law a record is published under, and what that law implies. The deciding authority chooses: market
regulation publishes under SAMR Orders 45/44; fire rescue and other authorities under 《行政处罚法》 Art. 48 and
the credit-portal rules of NDRC Order 58 (《失信行为纠正后的信用信息修复管理办法（试行）》, in force 2023-05-01):
- the window starts with the decision and lasts at most three years from the decision date;
- the shortest period before the party may apply for credit repair (through 信用中国) is three months, one
  year in the fields of food, drugs, special equipment, work safety and fire safety; where one decision has
  several kinds of penalty, the longest period applies (no kind has its own here, so the field decides);
- Order 45's three months for a lower-amount fine does not apply.
Settings choose the authorities (settings.authorities) and may tighten every period. Pure: no clock, no I/O.
"""
from __future__ import annotations

from datetime import date
from typing import Mapping

from ..core.dates import add_months
from ..core.lawsettings import CREDIT, KEY_FIELDS, MARKET, MARKET_KEY_FIELDS, authority_of
from ..core.settings import Settings

OVERRIDES = {"市场监管": MARKET, "信用中国": CREDIT}  # the value of a record's own `rule_set` column

# Functions of a record's clean values (Record.values, or the values a record-level check sees).


def rule_set(values: Mapping, settings: Settings) -> str:
    """MARKET or CREDIT: the record's own column where it has one, else its authority's setting."""
    own = values.get("rule_set")
    if own:
        return OVERRIDES[own]
    return authority_of(str(values.get("authority") or ""), settings.authorities).rules


def field_of(values: Mapping, settings: Settings) -> str:
    """The field a decision is in (食品, 消防 …): the record's own column, else its authority's setting."""
    return str(values.get("domain") or "") or authority_of(str(values.get("authority") or ""),
                                                            settings.authorities).field


def in_key_field(values: Mapping, settings: Settings, keys: tuple[str, ...] = KEY_FIELDS) -> bool:
    """Food, drugs, special equipment, work safety, fire safety (the credit portal's longer shortest period)."""
    field = field_of(values, settings)
    return any(key in field for key in keys)


def market_repair_months(values: Mapping, settings: Settings) -> int:
    """Months a market-regulation penalty is public before the party may apply to stop early (SAMR's credit
    repair measures of 2021, Art. 6: six months, one year for food, drugs and special equipment)."""
    return (settings.market_repair_months_key_fields if in_key_field(values, settings, MARKET_KEY_FIELDS)
            else settings.market_repair_months)


def shortest_months(values: Mapping, settings: Settings) -> int:
    """Months a credit-portal record stays public before the party may apply for credit repair."""
    return settings.credit_min_months_key_fields if in_key_field(values, settings) else settings.credit_min_months


def credit_window(values: Mapping, settings: Settings) -> tuple[date, date]:
    """(first public day, first day no longer public) under the credit-portal rules: at most
    credit_max_years from the decision date, never shown before its publish date."""
    decided = values["decision_date"]
    start = values.get("publish_date") or decided
    return start, add_months(decided, 12 * settings.credit_max_years)


def credit_repair_from(values: Mapping, settings: Settings) -> date:
    """The first day the party may apply for credit repair under the credit-portal rules."""
    return add_months(values["decision_date"], shortest_months(values, settings))
