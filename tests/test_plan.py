"""build.plan and build.pipeline: which day, which folder, whether the build may go live."""
from __future__ import annotations

from datetime import date

from conftest import TODAY, case_row
from generator.adapters.mkdocs.config import read_site_config
from generator.assemble.pipeline import make_plan
from generator.recordtypes import REGISTRY


def plan(site, **kw):
    return make_plan(read_site_config(site.config), REGISTRY, today=TODAY, **kw)


def test_the_day_comes_from_the_command_line_then_the_settings_then_the_clock(fixture_site):
    fixture_site.cases_csv([case_row(1)])
    assert plan(fixture_site).as_of == TODAY
    assert plan(fixture_site, as_of=date(2026, 1, 1)).as_of == date(2026, 1, 1)
    text = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(text.replace("lower_fine_threshold: 5000", "lower_fine_threshold: 5000\n"
                                                "      as_of: 2026-02-02"), encoding="utf-8")
    assert plan(fixture_site).as_of == date(2026, 2, 2)
    assert plan(fixture_site, as_of=date(2026, 1, 1)).as_of == date(2026, 1, 1)


def test_only_the_configured_site_folder_is_live(fixture_site, tmp_path):
    fixture_site.cases_csv([case_row(1)])
    assert plan(fixture_site).live and plan(fixture_site).output_dir == fixture_site.site.resolve()
    elsewhere = plan(fixture_site, output_dir=tmp_path / "preview")
    assert not elsewhere.live and elsewhere.refusal() is None


def test_a_future_day_may_not_go_live_and_an_earlier_one_is_a_caution(fixture_site, tmp_path):
    fixture_site.cases_csv([case_row(1)])
    future = plan(fixture_site, as_of=date(2027, 1, 1))
    assert "晚于今天" in future.refusal() and "-d" in future.refusal()
    assert plan(fixture_site, as_of=date(2027, 1, 1), output_dir=tmp_path / "p").refusal() is None
    past = plan(fixture_site, as_of=date(2026, 1, 1))
    assert past.refusal() is None and "较早的日期" in past.caution()
    assert plan(fixture_site).caution() is None


def test_strict_turns_warnings_into_failure(fixture_site):
    fixture_site.cases_csv([case_row(1, 罚款金额="")])  # fine-missing: a warning
    assert not plan(fixture_site).failed()
    assert plan(fixture_site, strict=True).failed()


def test_a_missing_theme_folder_is_reported_by_check(fixture_site):
    fixture_site.cases_csv([case_row(1)])
    text = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(text.replace("custom_dir: theme", "custom_dir: nowhere"), encoding="utf-8")
    (fixture_site.root / "nowhere").mkdir()
    problems = [(p.code, p.column) for p in plan(fixture_site).report.errors()]
    assert ("config-invalid", "theme.custom_dir") in problems


def test_front_matter_errors_are_reported_with_their_line(fixture_site):
    fixture_site.cases_csv([case_row(1)])
    guides = fixture_site.root / "content" / "guides"
    guides.mkdir()
    (guides / "a.md").write_text("---\ntitle: 指南\nproducts: [灭火器\n---\n\n# 指南\n", encoding="utf-8")
    (guides / "b.md").write_text("---\n- 列表\n---\n\n# 指南\n", encoding="utf-8")
    found = {(p.code, p.file) for p in plan(fixture_site).report.errors()}
    assert found == {("front-matter-invalid", "content/guides/a.md"), ("front-matter-invalid", "content/guides/b.md")}
