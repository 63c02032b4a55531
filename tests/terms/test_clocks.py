from datetime import UTC, date, datetime

import pytest

from art28.terms.clocks import (
    AMSTERDAM,
    add_days,
    add_hours,
    add_months,
    days_between,
    is_business_day,
    next_business_day_end,
)


def ams(*args) -> datetime:
    return datetime(*args, tzinfo=AMSTERDAM)


def test_it_counts_exactly_24_hours_across_the_spring_dst_change():
    start = ams(2026, 3, 28, 12, 0)  # Saturday; clocks go forward on Sunday 29 March
    end = add_hours(start, 24)
    assert (end - start.astimezone(UTC)).total_seconds() == 24 * 3600
    assert end.astimezone(AMSTERDAM) == ams(2026, 3, 29, 13, 0)


def test_it_counts_exactly_48_hours_across_the_autumn_dst_change():
    start = ams(2026, 10, 24, 9, 30)
    end = add_hours(start, 48)
    assert end.astimezone(AMSTERDAM) == ams(2026, 10, 26, 8, 30)


def test_it_refuses_naive_datetimes():
    with pytest.raises(ValueError):
        add_hours(datetime(2026, 1, 1), 1)


@pytest.mark.parametrize("day,expected", [
    (date(2026, 4, 27), False),   # King's Day (Monday)
    (date(2025, 4, 26), False),   # King's Day moved to Saturday when 27 April is a Sunday
    (date(2026, 4, 6), False),    # Easter Monday
    (date(2026, 12, 25), False), (date(2026, 12, 26), False), (date(2027, 1, 1), False),
    (date(2026, 12, 28), True), (date(2026, 11, 21), False),  # a Saturday
])
def test_it_knows_dutch_business_days(day, expected):
    assert is_business_day(day) is expected


def test_it_skips_christmas_and_new_year_in_business_days():
    start = ams(2026, 12, 23, 10, 0)  # Wednesday
    # 24th (Thu), 28th (Mon), 29th, 30th, 31st, 4 Jan (Mon): the 25th, 26th (Sat), 1 Jan off
    assert add_days(start, 6, business=True).astimezone(AMSTERDAM) == ams(2027, 1, 4, 10, 0)


def test_it_skips_kings_day_and_the_weekend():
    start = ams(2026, 4, 24, 16, 0)  # Friday; Monday 27 April is King's Day
    assert add_days(start, 1, business=True).astimezone(AMSTERDAM) == ams(2026, 4, 28, 16, 0)


def test_it_keeps_the_local_time_across_dst_in_calendar_days():
    start = ams(2026, 10, 20, 9, 0)
    end = add_days(start, 14)
    assert end.astimezone(AMSTERDAM) == ams(2026, 11, 3, 9, 0)
    assert (end - start).total_seconds() == 14 * 24 * 3600 + 3600  # one hour longer: DST ended


def test_it_finds_the_end_of_the_next_business_day():
    end = next_business_day_end(ams(2026, 4, 24, 16, 0))
    assert end.astimezone(AMSTERDAM) == ams(2026, 4, 28, 23, 59, 59)


def test_it_counts_days_between_both_ways():
    a, b = ams(2026, 12, 23, 10), ams(2027, 1, 4, 9)
    assert days_between(a, b) == 12 and days_between(a, b, business=True) == 6
    assert days_between(b, a, business=True) == -6


def test_it_adds_calendar_months_clamping_the_day():
    assert add_months(ams(2026, 1, 31, 12), 1).astimezone(AMSTERDAM) == ams(2026, 2, 28, 12)
    assert add_months(ams(2026, 11, 30, 12), 3).astimezone(AMSTERDAM) == ams(2027, 2, 28, 12)
