"""The record-type registry: the shipped types are declared consistently, and a new type (tests/toytype.py,
product recalls) added to the registry goes through every step and every output with no other change.
"""
from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import TODAY, case_row, uscc, write_csv
from generator.adapters.mkdocs.build import render
from generator.adapters.mkdocs.config import read_site_config
from generator.assemble.pipeline import make_plan, prepare
from generator.assemble.summary import summary
from generator.core.schema import UnknownField
from generator.recordtypes import REGISTRY
from toytype import RECALLS, TEMPLATES

PHONE = "13912345678"


@pytest.mark.parametrize("rtype", REGISTRY, ids=lambda t: t.name)
def test_every_declared_name_is_a_field_of_the_type(rtype):
    named = {rtype.key, rtype.date_field, *rtype.search.title, *rtype.search.codes, *rtype.search.text,
             rtype.search.subtitle, rtype.search.summary, *rtype.locked, *rtype.placeholder_companions}
    for field_id in named:
        rtype.field(field_id)  # raises for a misspelt id
    assert rtype.field(rtype.key).required and rtype.field(rtype.date_field).required
    assert len({f.id for f in rtype.fields}) == len(rtype.fields)


def test_a_type_naming_a_field_it_lacks_or_without_a_name_role_is_refused_when_declared():
    from dataclasses import replace

    from generator.core.schema import RegistryError, Roles

    with pytest.raises(RegistryError, match="roles.region='district'"):
        replace(REGISTRY[0], roles=Roles(name="party_name", region="district"))
    with pytest.raises(RegistryError, match="roles.name"):
        replace(REGISTRY[0], roles=Roles(name=""))


def test_a_misspelt_field_id_is_an_error_not_none():
    with pytest.raises(UnknownField):
        REGISTRY[0].field("decison_no")


@pytest.fixture
def recall_site(fixture_site):
    for name, text in TEMPLATES.items():
        (fixture_site.root / "theme" / "disclosure" / name).write_text(text, encoding="utf-8")
    rows = [
        {"召回编号": "召〔2026〕1号", "企业名称": "测试市安心电器有限公司", "统一社会信用代码": uscc("91110000123456001"),
         "召回产品": "电热水壶", "召回原因": "温控器失效可能导致干烧起火", "召回日期": "2026-05-10", "联系人手机": PHONE,
         "所在地区": "测试市东城区"},
        {"召回编号": "召〔2024〕7号", "企业名称": "测试市旧日电器有限公司", "召回产品": "取暖器",
         "召回原因": "倾倒开关失灵", "召回日期": "2024-01-15"},
        {"召回编号": "召〔2026〕9号", "企业名称": "测试市未来电器有限公司", "召回产品": "电饭煲",
         "召回原因": "内胆涂层脱落", "召回日期": "2026-09-01"},
        {"召回编号": "召〔2026〕3号", "企业名称": "测试市错误电器有限公司", "召回产品": "电吹风",
         "召回原因": "短", "召回日期": "2026-02-30"},
    ]
    write_csv(fixture_site.root / "data" / "recalls" / "recalls.csv", rows)
    fixture_site.cases_csv([case_row(1)])
    return fixture_site


def test_a_new_record_type_goes_through_every_output(recall_site, tmp_path):
    site = read_site_config(recall_site.config)
    plan = make_plan(site, REGISTRY + (RECALLS,), today=TODAY, as_of=date(2026, 6, 1))
    # read and checked: the impossible date is refused with its place; the type's own check warns
    places = {(p.code, p.place()) for p in plan.report.problems}
    assert ("invalid-date", "data/recalls/recalls.csv:5:召回日期") in places
    assert ("recall-reason-short", "data/recalls/recalls.csv:5:召回原因") in places  # every problem at once
    assert [p.file for p in plan.report.errors()] == ["data/recalls/recalls.csv"]
    # decided: one public, one expired, one not yet, one rejected; every row accounted for
    prepared = prepare(plan)
    counts = summary(prepared)["records"]["recalls"]
    assert counts == {"read": 4, "published": 1, "withheld": 2, "rejected": 1,
                      "withheld_by_reason": {"expired": 1, "embargoed": 1}}
    # published through the real theme engine
    out = tmp_path / "site"
    render(prepared, out)
    page = (out / "recalls" / "召-2026-1号" / "index.html").read_text(encoding="utf-8")
    assert "电热水壶" in page and "测试市安心电器有限公司" in page and 'class="md-header' in page
    assert "<title>电热水壶（召〔2026〕1号）" in page
    assert not (out / "recalls" / "召-2024-7号").exists() and not (out / "recalls" / "召-2026-9号").exists()
    listing = (out / "recalls" / "index.html").read_text(encoding="utf-8")
    assert 'href="../recalls/召-2026-1号/"' in listing and "取暖器" not in listing
    # downloaded: one row, the personal column never
    csv_text = (out / "data" / "recalls.csv").read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("召回编号,企业名称") and len(csv_text.strip().splitlines()) == 2
    records = json.loads((out / "data" / "recalls.json").read_text(encoding="utf-8"))["records"]
    assert [r["recall_no"] for r in records] == ["召〔2026〕1号"] and "contact" not in records[0]
    assert "产品召回信息" in (out / "data" / "index.html").read_text(encoding="utf-8")
    # found in search, listed in the sitemap and the change log
    from search_files import Index

    index = Index(out / "search")
    assert [d[0] for d in index.find(uscc("91110000123456001"))] == ["recalls/召-2026-1号/"]
    assert [d[0] for d in index.find("电热水壶") if d[0]] == ["recalls/召-2026-1号/"]  # and the home page's latest
    assert "https://test.example.gov.cn/recalls/召-2026-1号/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "recalls:召〔2026〕1号" in prepared.manifest["records"]
    # its own field ids, asked by role: the company page, the list per region, the feed, search's facets
    code = uscc("91110000123456001")
    assert "电热水壶" in (out / "entity" / code / "index.html").read_text(encoding="utf-8")
    assert "召-2026-1号" in (out / "recalls" / "region" / "测试市东城区" / "index.html").read_text(encoding="utf-8")
    assert "电热水壶（召〔2026〕1号）" in (feed := (out / "feeds" / "recalls.xml").read_text(encoding="utf-8")) \
        and "测试市东城区" in feed
    assert "测试市东城区" in index.meta["regions"] and "电热水壶" in index.meta["products"]
    # and the personal field reaches no file at all
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml"):
            assert PHONE not in path.read_text(encoding="utf-8", errors="ignore"), path


def test_without_the_type_in_the_registry_its_folder_is_reported_not_read(recall_site):
    plan = make_plan(read_site_config(recall_site.config), REGISTRY, today=TODAY, as_of=date(2026, 6, 1))
    assert any(p.code == "file-format" and p.file == "data/recalls" for p in plan.report.problems)
    assert "recalls" not in summary(prepare(plan))["records"]


def test_the_words_the_rules_compare_against_are_declared_choices():
    from generator.recordtypes.blacklist import REMOVAL_REASONS as LISTED_REASONS
    from generator.recordtypes.cases import CASE_STATUSES, PENALTY_KINDS, PROCEDURES
    from generator.rules import blacklist, cases

    assert cases.RESTRICTIONS <= set(PENALTY_KINDS) and cases.NO_EARLY_STOP <= set(PENALTY_KINDS)
    assert {"警告", "通报批评", "罚款"} <= set(PENALTY_KINDS)
    assert set(cases.WITHDRAWING_STATUSES) <= set(CASE_STATUSES) and "简易程序" in PROCEDURES
    assert set(blacklist.REMOVAL_REASONS) <= set(LISTED_REASONS)
