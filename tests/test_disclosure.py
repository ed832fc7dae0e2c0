"""Visibility rules at their boundaries: the day before, the day of, and the day after each change."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from generator.core.settings import Settings
from generator.core.model import Record, Source, Visibility
from generator.rules.cases import case_revocations

from conftest import BLACKLIST, CASES as CASE, case_row, decide, uscc

SETTINGS = Settings(lower_fine_threshold=Decimal("5000"))
D = date.fromisoformat
DAY = timedelta(days=1)


def case(**values) -> Record:
    base = {"decision_no": "测试罚〔2026〕1号", "party_name": "测试公司", "party_type": "法人及非法人组织",
            "penalty_kind": ("罚款",), "fine": Decimal("20000"), "decision_date": D("2026-03-02"),
            "publish_date": D("2026-03-05")}
    base.update(values)
    return Record(CASE, base, Source("t.csv", "", 2))


def entry(**values) -> Record:
    base = {"party_name": "测试公司", "uscc": "91110000123450001X", "reason": "r", "authority": "a",
            "listed_date": D("2024-05-10")}
    base.update(values)
    return Record(BLACKLIST, base, Source("b.csv", "", 2))


def revoked_decision_numbers(cases, as_of):
    return frozenset(k for k, day in case_revocations(cases).items() if day is None or day <= as_of)


def visible(record, on, settings=SETTINGS, revoked=frozenset()):
    return decide(record, D(on) if isinstance(on, str) else on, settings, revoked).visibility


# (description, record, as-of date, expected visibility, expected reason)
TABLE = [
    ("embargoed the day before publication", case(), "2026-03-04", Visibility.EMBARGOED, "embargoed"),
    ("public on the publish date", case(), "2026-03-05", Visibility.PUBLIC, "public"),
    ("publish date defaults to decision date", case(publish_date=None), "2026-03-02", Visibility.PUBLIC, "public"),
    ("3-year window: last day", case(), "2029-03-04", Visibility.PUBLIC, "public"),
    ("3-year window: gone on the anniversary", case(), "2029-03-05", Visibility.EXPIRED, "expired"),
    ("low fine: 3 months, last day", case(fine=Decimal("5000")), "2026-06-04", Visibility.PUBLIC, "public"),
    ("low fine: gone after 3 months", case(fine=Decimal("5000")), "2026-06-05", Visibility.EXPIRED, "expired"),
    ("fine above threshold: 3 years", case(fine=Decimal("5000.01")), "2026-06-05", Visibility.PUBLIC, "public"),
    ("public criticism only: 3 months", case(penalty_kind=("通报批评",), fine=None), "2026-06-05",
     Visibility.EXPIRED, "expired"),
    ("criticism plus confiscation: 3 years", case(penalty_kind=("通报批评", "没收违法所得")), "2026-06-05",
     Visibility.PUBLIC, "public"),
    ("warning only: never", case(penalty_kind=("警告",), fine=None), "2026-03-05", Visibility.NEVER, "warning-only"),
    ("warning and low fine: 3 months", case(penalty_kind=("警告", "罚款"), fine=Decimal("1000")), "2026-06-05",
     Visibility.EXPIRED, "expired"),
    ("summary procedure: never", case(procedure="简易程序"), "2026-03-05", Visibility.NEVER, "summary-procedure"),
    ("minor: never", case(minor="是", party_type="自然人"), "2026-03-05", Visibility.NEVER, "minor"),
    ("restriction longer than 3 years: last restricted day", case(penalty_kind=("罚款", "限制从业"),
     restriction_until=D("2031-06-30")), "2031-06-30", Visibility.PUBLIC, "public"),
    ("restriction longer than 3 years: gone the day after", case(penalty_kind=("罚款", "限制从业"),
     restriction_until=D("2031-06-30")), "2031-07-01", Visibility.EXPIRED, "expired"),
    ("a restriction date without a restricting penalty changes nothing", case(penalty_kind=("通报批评",), fine=None,
     restriction_until=D("2030-01-01")), "2026-06-05", Visibility.EXPIRED, "expired"),
    ("an indefinite restriction keeps a restricting case public", case(penalty_kind=("限制从业",), fine=None,
     restriction_until=D("9999-12-31")), "2040-01-01", Visibility.PUBLIC, "public"),
    ("restriction shorter than window changes nothing", case(restriction_until=D("2027-01-01")), "2029-03-04",
     Visibility.PUBLIC, "public"),
    ("revoked: public the day before", case(status="已撤销", status_date=D("2026-05-10"), status_reason="复议撤销"),
     "2026-05-09", Visibility.PUBLIC, "public"),
    ("revoked: withdrawn on its date", case(status="已撤销", status_date=D("2026-05-10"), status_reason="复议撤销"),
     "2026-05-10", Visibility.WITHDRAWN, "revoked"),
    ("early stop: withdrawn on its date", case(status="提前停止公示", status_date=D("2026-07-01"), status_reason="申请"),
     "2026-07-01", Visibility.WITHDRAWN, "early-stop"),
    ("changed record stays at its address", case(status="已变更", status_date=D("2026-04-01"), status_reason="更正"),
     "2026-04-02", Visibility.PUBLIC, "public"),
    ("blacklist: public from listing", entry(), "2024-05-10", Visibility.PUBLIC, "public"),
    ("blacklist: not before listing", entry(), "2024-05-09", Visibility.EMBARGOED, "embargoed"),
    ("blacklist: last day of 3 years", entry(), "2027-05-09", Visibility.PUBLIC, "public"),
    ("blacklist: removed automatically after 3 years", entry(), "2027-05-10", Visibility.EXPIRED, "expired"),
    ("blacklist: credit repair, day before", entry(removed_date=D("2025-06-01"), removal_reason="信用修复"),
     "2025-05-31", Visibility.PUBLIC, "public"),
    ("blacklist: credit repair, on its date", entry(removed_date=D("2025-06-01"), removal_reason="信用修复"),
     "2025-06-01", Visibility.WITHDRAWN, "credit-repair"),
    ("blacklist: listing revoked", entry(removed_date=D("2024-08-01"), removal_reason="决定撤销"),
     "2024-08-01", Visibility.WITHDRAWN, "removal-revoked"),
]


@pytest.mark.parametrize("description,record,on,expected,reason", TABLE, ids=[t[0] for t in TABLE])
def test_visibility_table(description, record, on, expected, reason):
    decision = decide(record, D(on), SETTINGS)
    assert (decision.visibility, decision.reason) == (expected, reason)


@pytest.mark.parametrize("written", ["测试罚〔2026〕1号", "测试罚[2026]1号", "测试罚（2026）1号", "测试罚 〔２０２６〕1号"])
def test_blacklist_entry_goes_when_its_penalty_is_revoked(written):
    listed = entry(penalty_no=written)
    revoked_case = case(status="已撤销", status_date=D("2026-05-10"), status_reason="复议撤销")
    assert visible(listed, "2026-05-09", revoked=revoked_decision_numbers([revoked_case], D("2026-05-09"))
                   ) is Visibility.PUBLIC
    assert visible(listed, "2026-05-10", revoked=revoked_decision_numbers([revoked_case], D("2026-05-10"))
                   ) is Visibility.WITHDRAWN


def id_born(born: str) -> str:
    """A valid resident ID number (GB 11643 check digit computed here) of someone born on that day."""
    body = "110105" + born.replace("-", "") + "123"
    return body + "10X98765432"[sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(body)) % 11]


def person(born: str, decided: str) -> Record:
    """A natural person's case, identified only by the ID number (no 是否未成年人 flag), decided that day."""
    return case(party_type="自然人", party_name="张某", id_number=id_born(born), decision_date=D(decided),
                publish_date=D(decided) + 3 * DAY)


# Age in 周岁 as the courts reckon it: 18 only from the day AFTER the 18th birthday. A decision made on the
# birthday itself is a minor's case. Born on 29 February: in a common year the later reading (birthday
# 1 March, adult from 2 March). (description, born, decided, expected reason)
MINORS = [
    ("the day before the 18th birthday: minor", "2008-03-07", "2026-03-06", "minor"),
    ("on the 18th birthday: still a minor", "2008-03-07", "2026-03-07", "minor"),
    ("the day after the 18th birthday: adult", "2008-03-07", "2026-03-08", "public"),
    ("29 February: 28 February of a common year is a minor", "2008-02-29", "2026-02-28", "minor"),
    ("29 February: 1 March of a common year is still a minor", "2008-02-29", "2026-03-01", "minor"),
    ("29 February: adult from 2 March of a common year", "2008-02-29", "2026-03-02", "public"),
    ("born at the turn of a year: on the birthday", "2007-12-31", "2025-12-31", "minor"),
    ("born at the turn of a year: the day after", "2007-12-31", "2026-01-01", "public"),
    ("decided before the ID number's birth date: withheld", "2030-01-01", "2026-03-02", "minor"),
]


@pytest.mark.parametrize("description,born,decided,reason", MINORS, ids=[m[0] for m in MINORS])
def test_minor_is_recognised_from_the_id_number_even_without_the_flag(description, born, decided, reason):
    decision = decide(person(born, decided), D(decided) + 10 * DAY, SETTINGS)
    assert decision.reason == reason
    assert decision.visibility is (Visibility.NEVER if reason == "minor" else Visibility.PUBLIC)


def test_a_case_decided_on_the_18th_birthday_is_on_no_page_and_in_no_download(fixture_site):
    """What a reader would see: the birthday case nowhere on the site, the next day's case published."""
    fixture_site.cases_csv([
        case_row(1, 当事人名称="王小明", 当事人类型="自然人", 统一社会信用代码="", 证件号码=id_born("2008-03-07"),
                 处罚决定日期="2026-03-07", 公示日期="2026-03-09"),
        case_row(2, 当事人名称="李大明", 当事人类型="自然人", 统一社会信用代码="", 证件号码=id_born("2008-03-06"),
                 处罚决定日期="2026-03-07", 公示日期="2026-03-09")])
    assert fixture_site.run("build", "--as-of", "2026-04-01") == 0
    site_text = "\n".join(p.read_text(encoding="utf-8", errors="ignore") for p in fixture_site.site.rglob("*")
                          if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml"))
    assert "测试市监罚〔2026〕1号" not in site_text and "王" not in site_text.replace("王*", "")
    assert "测试市监罚〔2026〕2号" in site_text and "李*" in site_text


def test_stricter_local_window_is_honoured():
    strict = Settings(lower_fine_threshold=Decimal("5000"), long_window_years=2)
    assert visible(case(), "2028-03-05", strict) is Visibility.EXPIRED
    assert visible(case(), "2028-03-04", strict) is Visibility.PUBLIC


def test_public_until_and_next_change_are_reported():
    decision = decide(case(), D("2026-04-01"), SETTINGS)
    assert decision.public_until == D("2029-03-05")
    assert decision.next_change == D("2029-03-05")
    assert decide(case(), D("2026-03-01"), SETTINGS).next_change == D("2026-03-05")


def test_leap_day_window_ends_on_last_day_of_february():
    leap = case(publish_date=D("2028-02-29"), decision_date=D("2028-02-27"))
    assert visible(leap, "2031-02-27") is Visibility.PUBLIC
    assert visible(leap, "2031-02-28") is Visibility.EXPIRED


def _valid(y, m, d) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
kinds = st.lists(st.sampled_from(["警告", "通报批评", "罚款", "没收违法所得", "吊销许可证件", "限制从业"]),
                 min_size=1, max_size=3, unique=True)


@st.composite
def any_case(draw):
    decided = draw(dates)
    values = {
        "penalty_kind": tuple(draw(kinds)),
        "fine": Decimal(draw(st.integers(0, 500000))),
        "decision_date": decided,
        "publish_date": decided + timedelta(days=draw(st.integers(0, 40))),
        "minor": draw(st.sampled_from([None, "是", "否"])),
        "procedure": draw(st.sampled_from([None, "普通程序", "简易程序"])),
        "status": draw(st.sampled_from([None, "有效", "已撤销", "已变更", "提前停止公示"])),
        "status_date": decided + timedelta(days=draw(st.integers(0, 2000))),
        "restriction_until": draw(st.one_of(st.none(), dates)),
    }
    if draw(st.booleans()):  # a natural person's ID number: 18 within a few days of the decision, or older
        eighteen_before = date(decided.year - 18, decided.month, min(decided.day, 28 if decided.month == 2 else 31))
        born = eighteen_before + timedelta(days=draw(st.one_of(st.integers(-3, 3), st.integers(-20000, -4))))
        values.update(party_type="自然人", id_number=id_born(born.isoformat()))
    return case(**values)


def _adult_on(born: date, day: date) -> bool:
    """18 周岁 on `day`: strictly after the 18th birthday (a 29 February birthday is 1 March in a common year)."""
    year = born.year + 18
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    birthday = (year, 3, 1) if (born.month, born.day) == (2, 29) and not leap else (year, born.month, born.day)
    return (day.year, day.month, day.day) > birthday


def test_no_forbidden_case_is_ever_public():
    shown = []

    @hsettings(max_examples=400, deadline=None)
    @given(record=any_case(), on=dates)
    def check(record, on):
        visibility = visible(record, on)
        if not visibility.is_public:
            return
        shown.append(record)
        start = record.get("publish_date")
        kinds_ = set(record.get("penalty_kind"))
        assert record.get("minor") != "是"
        if record.get("id_number"):
            number = record.get("id_number")
            born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
            assert _adult_on(born, record.get("decision_date")), "a minor's case shown"
        assert record.get("procedure") != "简易程序"
        assert kinds_ - {"警告"}, "warning-only case shown"
        assert on >= start, "shown before its publish date"
        # the window, computed here independently of the generator
        short = kinds_ - {"警告"} <= {"通报批评", "罚款"} and ("罚款" not in kinds_ or record.get("fine") <= 5000)
        years, months = (0, 3) if short else (3, 0)
        month_index = start.month - 1 + months
        y, m = start.year + years + month_index // 12, month_index % 12 + 1
        end = next(date(y, m, d) for d in (start.day, 30, 29, 28) if _valid(y, m, d))
        restriction = record.get("restriction_until")
        if restriction and kinds_ & {"限制从业", "限制开展生产经营活动"}:
            end = max(end, restriction + DAY if restriction < date.max else date.max)
        assert on < end, "shown after its window"
        if record.get("status") in ("已撤销", "提前停止公示"):
            assert on < record.get("status_date"), "shown after withdrawal"

    check()
    # the property means something only if it saw public cases, among them withdrawn-later and restricted ones
    assert len(shown) >= 20, f"only {len(shown)} public cases were generated"
    assert any(r.get("status") in ("已撤销", "提前停止公示") for r in shown)
    assert any(r.get("id_number") for r in shown), "no adult identified by an ID number was seen"


def test_no_removed_blacklist_entry_is_ever_public():
    shown = []

    @hsettings(max_examples=300, deadline=None)
    @given(listed=dates, on=dates, removed_after=st.one_of(st.none(), st.integers(0, 2000)),
           reason=st.sampled_from(["期满移出", "信用修复", "决定撤销"]))
    def check(listed, on, removed_after, reason):
        values = {"listed_date": listed}
        if removed_after is not None:
            values.update(removed_date=listed + timedelta(days=removed_after), removal_reason=reason)
        record = entry(**values)
        if visible(record, on).is_public:
            shown.append(record)
            assert listed <= on
            assert on < listed.replace(year=listed.year + 3) if not (listed.month == 2 and listed.day == 29) else True
            if removed_after is not None:
                assert on < record.get("removed_date")

    check()
    assert len(shown) >= 20, f"only {len(shown)} public entries were generated"
    assert any(r.get("removed_date") for r in shown), "no entry removed later was seen while still public"


# --- the 20-working-day publication deadline (Order 45 Art. 9) -------------------------------------------
# Working days follow the State Council's schedule: holidays are not counted, adjusted working days (调休, a
# Saturday or Sunday worked in exchange) are. 2025: Spring Festival 28 Jan - 4 Feb off, Sun 26 Jan and Sat
# 8 Feb worked; National Day and Mid-Autumn 1-8 Oct off, Sun 28 Sep and Sat 11 Oct worked.

@pytest.mark.parametrize("start, days, expected", [
    ("2025-01-24", 1, "2025-01-26"),  # Friday -> the 调休 Sunday before Spring Festival
    ("2025-01-27", 1, "2025-02-05"),  # the eve of the holiday -> the first day back
    ("2025-02-07", 1, "2025-02-08"),  # Friday -> the 调休 Saturday after Spring Festival
    ("2025-01-20", 20, "2025-02-21"),  # Mondays to Fridays alone would say 2025-02-17
    ("2025-09-26", 1, "2025-09-28"),  # Friday -> the 调休 Sunday before National Day
    ("2025-09-30", 1, "2025-10-09"),  # National Day and Mid-Autumn skipped
    ("2025-10-10", 1, "2025-10-11"),  # Friday -> the 调休 Saturday after National Day
    ("2025-09-22", 20, "2025-10-24"),
    ("2026-03-02", 20, "2026-03-30"),  # no holiday in between: four plain weeks
])
def test_working_days_follow_the_state_council_schedule(start, days, expected):
    from generator.core.dates import add_working_days

    counted = add_working_days(D(start), days)
    assert counted.day == D(expected)
    assert counted.unscheduled_years == ()


def test_a_year_whose_schedule_is_not_known_is_named_not_guessed():
    from generator.core.dates import SCHEDULED_YEARS, add_working_days

    unknown = max(SCHEDULED_YEARS) + 1
    counted = add_working_days(date(unknown - 1, 12, 20), 20)
    assert counted.unscheduled_years == (unknown,)
    assert counted.day.year == unknown
    assert add_working_days(date(unknown - 1, 11, 2), 5).unscheduled_years == ()  # ends in a known year


def _problems(site, capsys, as_of="2026-11-20"):
    import json

    site.run("check", "--json", "--as-of", as_of)
    return json.loads(capsys.readouterr().out)["problems"]


def test_late_publication_counts_spring_festival_and_national_day(fixture_site, capsys):
    fixture_site.cases_csv([
        case_row(1, 处罚决定日期="2025-01-20", 公示日期="2025-02-21"),  # the 20th working day: on time
        case_row(2, 处罚决定日期="2025-01-20", 公示日期="2025-02-24"),
        case_row(3, 处罚决定日期="2025-09-22", 公示日期="2025-10-24"),  # on time, 9 days of holiday later
        case_row(4, 处罚决定日期="2025-09-22", 公示日期="2025-10-27")])
    late = [p for p in _problems(fixture_site, capsys) if p["code"] == "late-publication"]
    assert [p["row"] for p in late] == [3, 5]
    assert "应不晚于 2025-02-21" in late[0]["message"] and "应不晚于 2025-10-24" in late[1]["message"]
    assert "节假日和调休" in late[0]["message"] and "未收录" not in late[0]["message"]


def test_a_listing_first_shown_more_than_20_working_days_after_it_is_reported(fixture_site, capsys):
    # The blacklist has no publication-date column: the build that first shows an entry publishes it
    # (Order 44 Art. 14). The first build shows everything at once and reports nothing.
    entry = {"当事人名称": "测试市第1消防器材有限公司", "作出决定机关": "测试市市场监督管理局", "列入事由": "拒不履行行政处罚决定"}
    fixture_site.blacklist_csv([dict(entry, 统一社会信用代码=uscc("9111000012345" "0001"), 列入日期="2026-01-05")])
    assert fixture_site.run("build", "--as-of", "2026-10-09") == 0
    fixture_site.blacklist_csv([
        dict(entry, 统一社会信用代码=uscc("9111000012345" "0001"), 列入日期="2026-01-05"),
        dict(entry, 当事人名称="测试市第2消防器材有限公司", 统一社会信用代码=uscc("9111000012345" "0002"),
             列入日期="2026-09-28"),  # 20 working days after it, with National Day, is 2026-11-05: on time
        dict(entry, 当事人名称="测试市第3消防器材有限公司", 统一社会信用代码=uscc("9111000012345" "0003"),
             列入日期="2026-08-03"),  # due by 2026-08-31
    ])
    capsys.readouterr()
    late = [p for p in _problems(fixture_site, capsys, as_of="2026-10-09") if p["code"] == "late-publication"]
    assert [(p["row"], p["value"]) for p in late] == [(4, "2026-08-03")]
    assert "首次公开" in late[0]["message"] and "应不晚于 2026-08-31" in late[0]["message"]


def test_late_publication_into_an_unknown_year_says_it_was_counted_without_holidays(fixture_site, capsys):
    from generator.core.dates import SCHEDULED_YEARS

    unknown = max(SCHEDULED_YEARS) + 1
    fixture_site.cases_csv([case_row(1, 处罚决定日期=f"{unknown - 1}-12-21", 公示日期=f"{unknown}-02-01")])
    [late] = [p for p in _problems(fixture_site, capsys, as_of=f"{unknown}-03-01") if p["code"] == "late-publication"]
    assert f"未收录 {unknown} 年的法定节假日安排" in late["message"]
    assert "未扣除节假日" in late["message"] and "核对" in late["message"]


def test_working_days_agree_with_the_package_on_every_scheduled_day():
    import chinese_calendar

    from generator.core.dates import SCHEDULED_YEARS, is_working_day

    day, checked = date(min(SCHEDULED_YEARS), 1, 1), 0
    while day.year <= max(SCHEDULED_YEARS):
        assert is_working_day(day) == chinese_calendar.is_workday(day), day
        day, checked = day + DAY, checked + 1
    assert {2024, 2025, 2026} <= SCHEDULED_YEARS and checked > 365 * 3
