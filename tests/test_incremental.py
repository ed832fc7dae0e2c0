"""Incremental builds: a build that reuses what an earlier one made gives the very bytes a build from nothing
gives, after any kind of change; and it does reuse: an unchanged page is not made again.
"""
from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from conftest import TODAY, FixtureSite, case_row, uscc
from generator.assemble import generations
from search_files import Index

PARTY = uscc("9111000012345" "0001")
BLACKLIST_ROW = {"当事人名称": "测试市第1消防器材有限公司", "统一社会信用代码": PARTY, "列入事由": "拒不履行行政处罚决定",
                 "作出决定机关": "测试市市场监督管理局", "列入日期": "2026-04-01",
                 "所依据行政处罚决定书文号": "测试市监罚〔2026〕1号"}
DAY = date(2026, 6, 1)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and p.name != generations.TOKEN}


def _build(site: FixtureSite, capsys, day: date = DAY) -> tuple[int, int]:
    """(pages made, pages reused) of one build."""
    capsys.readouterr()
    assert site.run("build", "--as-of", day.isoformat(), today=max(day, TODAY)) == 0
    made, reused = re.search(r"重新生成 (\d+) 个页面，沿用 (\d+) 个", capsys.readouterr().err).groups()
    return int(made), int(reused)


def _as_from_nothing(site: FixtureSite, tmp_path: Path, capsys, day: date = DAY) -> dict[str, bytes]:
    """The site the same sources give when built with no cache and no earlier site (the change log kept)."""
    fresh = tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}"
    shutil.copytree(site.root, fresh, ignore=shutil.ignore_patterns("site", ".site.generations", "cache"))
    clone = FixtureSite.__new__(FixtureSite)
    clone.root = fresh
    made, reused = _build(clone, capsys, day)
    assert reused == 0
    return _tree(fresh / "site")


def _step(site: FixtureSite, tmp_path: Path, capsys, day: date = DAY) -> tuple[int, int]:
    expected = _as_from_nothing(site, tmp_path, capsys, day)
    counts = _build(site, capsys, day)
    assert _tree(site.site) == expected
    return counts


def test_every_kind_of_change_gives_what_a_build_from_nothing_gives(fixture_site, tmp_path, capsys):
    site = fixture_site
    site.cases_csv([case_row(n) for n in range(1, 6)])
    site.blacklist_csv([BLACKLIST_ROW])
    made, reused = _step(site, tmp_path, capsys)
    assert reused == 0 and made >= 6

    # nothing changed: nothing is made (and the live site stays live: see the quiet-day test)
    for _ in range(2):
        assert _step(site, tmp_path, capsys) == (0, made)
    before = site.page("cases/测试市监罚-2026-3号/")

    # one record's text: its page and the list pages showing it, not the other records' pages
    site.cases_csv([case_row(n) for n in range(1, 5)] + [case_row(5, 违法事实="当事人销售的灭火器压力不足。")])
    made_now, reused_now = _step(site, tmp_path, capsys)
    assert 1 <= made_now < 4 and "压力不足" in site.page("cases/测试市监罚-2026-5号/")
    assert site.page("cases/测试市监罚-2026-3号/") == before

    # a record another page looks up: the blacklist page links the case it rests on, and lists the party's cases
    assert "测试市监罚〔2026〕1号" in site.page("blacklist/" + _only(site, "blacklist") + "/")
    site.cases_csv([case_row(n) for n in range(2, 6)] + [case_row(6, 统一社会信用代码=PARTY)])
    _step(site, tmp_path, capsys)
    listed = site.page("blacklist/" + _only(site, "blacklist") + "/")
    assert 'href="../../cases/测试市监罚-2026-1号/"' not in listed and "测试市监罚-2026-6号" in listed

    # a record gone: its page is gone from the live site
    assert not (site.site / "cases" / "测试市监罚-2026-1号").exists()

    # a template: every page is made again
    template = site.root / "theme" / "disclosure" / "case.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n<p>模板已更新</p>\n", encoding="utf-8")
    made_now, reused_now = _step(site, tmp_path, capsys)
    assert "模板已更新" in site.page("cases/测试市监罚-2026-3号/")
    assert reused_now == 0

    # a setting
    config = site.config.read_text(encoding="utf-8")
    site.config.write_text(config.replace("lower_fine_threshold: 5000", "lower_fine_threshold: 3000"), encoding="utf-8")
    assert _step(site, tmp_path, capsys)[1] == 0

    # a hand-written page, which a record page does not show: what a build from nothing gives
    (site.root / "content" / "about.md").write_text("# 关于本站\n\n本站公开行政处罚信息。\n", encoding="utf-8")
    _step(site, tmp_path, capsys)

    # the theme's footer (mkdocs.yml, no setting of ours): the frame around every page changes, so no page and
    # no whole output is kept
    config = site.config.read_text(encoding="utf-8")
    site.config.write_text(config.replace("contact: 测试路 9 号", "contact: 测试路 10 号"), encoding="utf-8")
    assert _step(site, tmp_path, capsys)[1] == 0 and "测试路 10 号" in site.page("cases/测试市监罚-2026-3号/")

    # another day: records come down on their own
    _step(site, tmp_path, capsys, date(2029, 12, 1))
    assert not (site.site / "cases" / "测试市监罚-2026-3号").exists()


def test_a_site_folder_changed_by_hand_is_put_right(fixture_site, tmp_path, capsys):
    site = fixture_site
    site.cases_csv([case_row(n) for n in range(1, 4)])
    expected = _as_from_nothing(site, tmp_path, capsys)
    page = Path("cases") / "测试市监罚-2026-2号" / "index.html"

    def spoil(token: bool) -> None:
        (site.site / page).write_text("改坏了", encoding="utf-8")
        (site.site / "stray.html").write_text("x", encoding="utf-8")
        if token:  # anything that cleans the folder (a plain `mkdocs build` into site/) drops the token
            (site.site / generations.TOKEN).write_text("other", encoding="utf-8")

    _build(site, capsys)
    _build(site, capsys)  # both generations written
    spoil(token=False)
    site.run("build", "--as-of", DAY.isoformat(), "--clean")  # what the user guide says to do after hand edits
    assert _tree(site.site) == expected
    spoil(token=True)
    _build(site, capsys)
    _build(site, capsys)  # back in the spoilt folder: nothing in it was trusted
    assert _tree(site.site) == expected


def _only(site: FixtureSite, type_name: str) -> str:
    (page,) = [p.parent.name for p in (site.site / type_name).glob("*/index.html") if p.parent.name != "page"]
    return page


def test_a_page_kept_from_the_live_site_is_never_written_through(fixture_site, capsys):
    # A page an unchanged build keeps is the live site's own file (a hard link); a later build that changes the
    # page writes a new file, and the site that was live keeps what its readers were shown.
    site = fixture_site
    site.cases_csv([case_row(n) for n in range(1, 4)])
    _build(site, capsys)
    site.cases_csv([case_row(n, 罚款金额="4万") if n == 3 else case_row(n) for n in range(1, 4)])
    _build(site, capsys)  # both generations written, the second keeping the first's other pages
    page = Path("cases") / "测试市监罚-2026-2号" / "index.html"
    shown = (site.site / page).read_bytes()
    was_live = generations.folder_of(site.site) / generations.live_name(site.site)
    fines = {2: "3万", 3: "4万"}
    site.cases_csv([case_row(n, 罚款金额=fines[n]) if n in fines else case_row(n) for n in range(1, 4)])
    _build(site, capsys)
    assert "30,000" in (site.site / page).read_text(encoding="utf-8")
    assert (was_live / page).read_bytes() == shown


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file of a folder, by which file it is and when it was last written."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.rglob("*")
            if p.is_file()}


def test_a_rebuild_with_nothing_changed_leaves_the_live_site_as_it_is(fixture_site, tmp_path, capsys):
    # A daily build on a quiet day: the site readers see is not swapped and no file of it is touched; the
    # other generation keeps what was written into it, trusted, so later changes are still made incrementally
    # and come out right (the sitemap written aside on a quiet day, then wanted back as it was).
    site = fixture_site
    site.cases_csv([case_row(n) for n in range(1, 4)])
    made, _ = _build(site, capsys)

    def quiet_day() -> None:
        live, stamps = generations.live_name(site.site), _stamps(site.site)
        assert _build(site, capsys)[0] == 0
        assert generations.live_name(site.site) == live and _stamps(site.site) == stamps

    quiet_day()
    quiet_day()
    site.cases_csv([case_row(n) for n in range(1, 5)])
    _step(site, tmp_path, capsys)
    quiet_day()
    site.cases_csv([case_row(n) for n in range(1, 4)])
    _step(site, tmp_path, capsys)
    site.cases_csv([case_row(n, 罚款金额="3万") if n == 2 else case_row(n) for n in range(1, 4)])
    made_now, reused_now = _step(site, tmp_path, capsys)
    assert "30,000" in site.page("cases/测试市监罚-2026-2号/") and made_now < made and reused_now > 0
    quiet_day()


def test_a_party_name_that_turns_out_a_persons_is_masked_everywhere_in_the_next_build(fixture_site, tmp_path,
                                                                                      capsys):
    # The names masked in every text are remembered between builds by the records' names, representatives,
    # party types and codes: a corrected party turns the name into a person's at the next build.
    site = fixture_site
    mention = case_row(2, 违法事实="当事人销售的灭火器由王建国供货，经检验不合格。")
    site.cases_csv([case_row(1), mention])
    _build(site, capsys)  # the first build is one from nothing
    site.cases_csv([case_row(1, 当事人名称="王建国", 当事人类型="个体工商户", 统一社会信用代码=uscc("92110000123450001")),
                    mention])
    _step(site, tmp_path, capsys)
    assert "王建国" not in site.page("cases/测试市监罚-2026-2号/")


def test_a_revocation_takes_down_the_listing_resting_on_it_at_the_next_build(fixture_site, tmp_path, capsys):
    # A listing's decision depends on another file (the penalty it rests on): the decisions remembered between
    # builds are keyed by the build's revoked decisions too, not only by the listing's own row.
    site = fixture_site
    site.cases_csv([case_row(1), case_row(2)])
    site.blacklist_csv([BLACKLIST_ROW])
    _build(site, capsys)  # the first build is one from nothing
    assert (site.site / "blacklist" / PARTY).exists()
    site.cases_csv([case_row(1, 状态="已撤销", 状态日期="2026-05-20", 状态说明="复议撤销"), case_row(2)])
    _step(site, tmp_path, capsys)
    assert not (site.site / "blacklist" / PARTY).exists()


def test_a_decision_document_changed_alone_reaches_its_page_at_the_next_build(fixture_site, tmp_path, capsys):
    # Records take their document's text from data/decisions/: what is remembered of a type's records
    # between builds (decisions, views) is keyed by that folder too, not only by the spreadsheets.
    site = fixture_site
    site.cases_csv([case_row(1), case_row(2)])
    folder = site.root / "data" / "decisions"
    folder.mkdir()
    document = folder / "测试市监罚〔2026〕1号.txt"
    document.write_text("当事人销售不合格灭火器。第一稿。", encoding="utf-8")
    _build(site, capsys)  # the first build is one from nothing
    document.write_text("当事人销售不合格灭火器。第二稿。", encoding="utf-8")
    _step(site, tmp_path, capsys)
    assert "第二稿" in site.page("cases/测试市监罚-2026-1号/")


def test_a_name_learnt_from_the_data_is_masked_in_a_bulletins_description_at_the_next_build(fixture_site,
                                                                                           tmp_path, capsys):
    # With no record public (a warning only is never published), nothing but the known names says that a
    # hand-written page must be rendered again: the theme engine's result is remembered by them too.
    site = fixture_site
    warning = {"处罚类别": "警告", "罚款金额": "", "处罚内容": "警告。"}
    site.cases_csv([case_row(1, **warning)])
    about = site.root / "content" / "about.md"
    about.write_text("---\ndescription: 本站由欧阳明月维护。\n---\n# 关于本站\n\n本站公开行政处罚信息。\n", encoding="utf-8")
    _build(site, capsys)  # the first build is one from nothing
    site.cases_csv([case_row(1, **warning), case_row(2, 当事人名称="欧阳明月", 当事人类型="个体工商户",
                                                     统一社会信用代码=uscc("92110000123450002"), **warning)])
    _step(site, tmp_path, capsys)
    assert "欧阳明月" not in (site.site / "about" / "index.html").read_text(encoding="utf-8")


def test_a_second_build_with_the_same_records_decides_and_redacts_none_again(fixture_site, capsys, monkeypatch):
    # What the first build decided and redacted is remembered (written once the records are released) and taken
    # as it is by the next build of the same records.
    from generator.assemble import pipeline

    calls = {"decide": 0, "redact": 0}

    def counting(name, real):
        def counted(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return counted

    monkeypatch.setattr(pipeline, "decide_each", counting("decide", pipeline.decide_each))
    monkeypatch.setattr(pipeline, "views_of", counting("redact", pipeline.views_of))
    fixture_site.cases_csv([case_row(n) for n in range(1, 4)])
    _build(fixture_site, capsys)
    assert calls["decide"] > 0 and calls["redact"] > 0
    calls.update(decide=0, redact=0)
    _build(fixture_site, capsys)
    assert calls == {"decide": 0, "redact": 0}


def test_a_rebuild_makes_the_index_entries_and_download_rows_of_the_changed_record_only(
        fixture_site, tmp_path, capsys, monkeypatch):
    # The search index remembers each record's terms and each file's data: a record whose page is as it was is
    # not segmented again, and an index file whose data is as it was is kept, not compressed again. The
    # downloads copy the row of each unchanged record from the file the last build wrote. What they write is
    # what a build from nothing writes (that build has no cache to remember anything from).
    from generator.output import downloads, search, search_builder

    calls = {"terms": [], "gzip": 0, "rows": []}
    real_terms, real_gzip = search_builder.terms_of, search.gzipped

    def terms_of(doc):
        calls["terms"].append(doc.url)
        return real_terms(doc)

    def gzipped(data):
        calls["gzip"] += 1
        return real_gzip(data)

    def row_maker(fmt):
        real = getattr(downloads, fmt)

        def made(cols, row):
            if hasattr(row, "url"):  # a record (the campaigns' figures are made each time)
                calls["rows"].append((fmt, row.url))
            return real(cols, row)
        return made

    monkeypatch.setattr(search_builder, "terms_of", terms_of)
    monkeypatch.setattr(search, "gzipped", gzipped)
    for fmt in ("csv_row", "json_row", "xlsx_row"):
        monkeypatch.setattr(downloads, fmt, row_maker(fmt))
    site = fixture_site
    site.cases_csv([case_row(n) for n in range(1, 6)])
    _build(site, capsys)
    records = [url for url in calls["terms"] if url.startswith("cases/")]
    assert len(records) == 5 and calls["gzip"] > 5
    assert {url for _, url in calls["rows"]} >= set(records) and len(calls["rows"]) >= 3 * 2 * 5  # and 双公示
    everything = calls["gzip"]

    site.cases_csv([case_row(n) for n in range(1, 5)] + [case_row(5, 当事人名称="测试市第5宏远消防器材有限公司")])
    expected = _as_from_nothing(site, tmp_path, capsys)
    calls.update(terms=[], gzip=0, rows=[])
    _build(site, capsys)
    assert _tree(site.site) == expected
    assert [url for url in calls["terms"] if url.startswith("cases/")] == ["cases/测试市监罚-2026-5号/"]
    assert 0 < calls["gzip"] < everything / 2
    assert sorted(calls["rows"]) == sorted((fmt, "cases/测试市监罚-2026-5号/") for fmt in ("csv_row", "json_row", "xlsx_row")
                                           for _ in ("cases", "cases_shuanggongshi"))
    found = Index(site.site / "search").find("宏远")  # the record (and the home page, which shows the newest)
    assert [address for address, *_ in found if address.startswith("cases/")] == ["cases/测试市监罚-2026-5号/"]


def test_a_changed_file_decides_and_redacts_only_the_records_that_changed(fixture_site, capsys, monkeypatch):
    # Each record's decision and view is remembered by its own values: a clerk's file with one fine corrected
    # decides and redacts that one record again, not every record of the type.
    from generator.assemble import pipeline

    decided, redacted = [], []

    def decide_each(rtype, records, ctx):
        decided.extend(r.values["decision_no"] for r in records)
        return real_decide(rtype, records, ctx)

    def views_of(records, *args):
        redacted.extend(r.values["decision_no"] for r in records)
        return real_views(records, *args)

    real_decide, real_views = pipeline.decide_each, pipeline.views_of
    monkeypatch.setattr(pipeline, "decide_each", decide_each)
    monkeypatch.setattr(pipeline, "views_of", views_of)
    fixture_site.cases_csv([case_row(n) for n in range(1, 5)])
    _build(fixture_site, capsys)
    assert len(decided) == 4 and len(redacted) == 4
    decided.clear(), redacted.clear()
    fixture_site.cases_csv([case_row(n) for n in range(1, 4)] + [case_row(4, 罚款金额="3万")])
    _build(fixture_site, capsys)
    assert decided == redacted == ["测试市监罚〔2026〕4号"]
    assert "30,000" in fixture_site.page("cases/测试市监罚-2026-4号/")
