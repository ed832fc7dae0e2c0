"""core.settings: typed settings from the plugin's options; the law's bounds can only be tightened."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator.core.lawsettings import LowerFine
from generator.core.settings import LEGAL_BOUNDS, Settings, settings_doc, settings_from_dict


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def test_no_options_means_the_legal_defaults():
    settings, problems = settings_from_dict(None)
    assert problems == []
    assert settings == Settings()
    assert (settings.short_window_months, settings.long_window_years, settings.blacklist_years) == (3, 3, 3)
    assert settings.credit_repair_min_years == 1 and settings.publish_deadline_working_days == 20
    assert settings.lower_fine == LowerFine(Decimal("5000"), Decimal("50000"), "自然人", False) and settings.as_of is None


def test_values_are_typed():
    settings, problems = settings_from_dict({"lower_fine_threshold": "5000.50", "short_window_months": "2",
                                             "mask_person_names": False, "data_dir": "数据"})
    assert problems == []
    assert settings.lower_fine == LowerFine.single(Decimal("5000.50")) and settings.short_window_months == 2
    assert settings.mask_person_names is False and settings.data_dir == "数据"


@pytest.mark.parametrize("key, value", [
    ("blacklist_years", 4), ("long_window_years", 5), ("short_window_months", 6), ("blacklist_years", 0),
    ("credit_repair_min_years", 0), ("publish_deadline_working_days", 30),
])
def test_a_setting_beyond_the_law_is_an_error_and_the_legal_value_stays(key, value):
    settings, problems = settings_from_dict({key: value})
    assert codes(problems) == ["config-loosened"]
    assert problems[0].column == key and str(value) in problems[0].value
    assert getattr(settings, key) == getattr(Settings(), key)


@pytest.mark.parametrize("key", sorted(LEGAL_BOUNDS))
def test_tightening_within_the_bounds_is_accepted(key):
    lowest, highest = LEGAL_BOUNDS[key]
    tighter = highest if getattr(Settings(), key) == lowest else lowest
    settings, problems = settings_from_dict({key: tighter})
    assert problems == [] and getattr(settings, key) == tighter


@pytest.mark.parametrize("key, value", [
    ("lower_fine_threshold", "很多"), ("lower_fine_threshold", -1), ("lower_fine_threshold", True),
    ("mask_person_names", "是"), ("blacklist_years", "三"), ("blacklist_years", True), ("as_of", "明天"),
])
def test_invalid_values_are_errors_naming_the_setting(key, value):
    _, problems = settings_from_dict({key: value})
    assert codes(problems) == ["config-invalid"] and problems[0].column == key


def test_unknown_settings_are_warnings_and_a_fixed_day_is_pointed_out():
    settings, problems = settings_from_dict({"as_of": "2026-05-01", "blacklsit_years": 2, "enabled": True})
    assert sorted(codes(problems)) == ["config-as-of", "config-unknown"]
    assert settings.as_of == date(2026, 5, 1) and settings.blacklist_years == 3


def test_every_setting_has_a_description():
    docs = settings_doc()
    assert [name for name, _, _ in docs] == list(Settings.__dataclass_fields__)
    assert all(doc for _, _, doc in docs)
