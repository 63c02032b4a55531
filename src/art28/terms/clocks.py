"""Deadline arithmetic shared by every clock in art28.

* Hours run continuously, weekends and holidays included; a deadline is computed on
  UTC instants, so a clock that crosses a DST change is still exactly N hours long.
* Days are calendar days or Dutch business days (no weekends, no Dutch public holidays:
  New Year, Easter Monday, King's Day, Liberation Day, Ascension, Whit Monday, Christmas),
  counted in Europe/Amsterdam, and end at the same local time of day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from art28.terms.facts import DISPLAY_TIMEZONE

AMSTERDAM = ZoneInfo(DISPLAY_TIMEZONE)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("deadlines need timezone-aware datetimes")
    return moment


def add_hours(start: datetime, hours: int | float) -> datetime:
    """``start`` plus exactly ``hours`` elapsed hours (UTC arithmetic)."""
    return (_aware(start).astimezone(UTC) + timedelta(hours=hours))


@lru_cache(maxsize=64)
def _dutch_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def add_days(start: datetime, days: int, *, business: bool = False) -> datetime:
    """``days`` calendar or Dutch business days after ``start``, same local time of day."""
    local = _aware(start).astimezone(AMSTERDAM)
    day = local.date()
    if not business:
        day += timedelta(days=days)
    else:
        remaining = days
        while remaining > 0:
            day += timedelta(days=1)
            remaining -= is_business_day(day)
    return datetime.combine(day, local.timetz().replace(tzinfo=None), AMSTERDAM).astimezone(UTC)


def next_business_day_end(start: datetime) -> datetime:
    """The end (23:59:59 Amsterdam) of the first business day after ``start``."""
    day = _aware(start).astimezone(AMSTERDAM).date() + timedelta(days=1)
    while not is_business_day(day):
        day += timedelta(days=1)
    return datetime.combine(day, time(23, 59, 59), AMSTERDAM).astimezone(UTC)


def days_between(start: datetime, end: datetime, *, business: bool = False) -> int:
    """Whole calendar or business days from ``start``'s local date to ``end``'s."""
    a = _aware(start).astimezone(AMSTERDAM).date()
    b = _aware(end).astimezone(AMSTERDAM).date()
    if not business:
        return (b - a).days
    step = 1 if b >= a else -1
    count, day = 0, a
    while day != b:
        day += timedelta(days=step)
        count += step * is_business_day(day)
    return count


def add_months(start: datetime, months: int) -> datetime:
    """Calendar months in Amsterdam (Art. 12(3)): 31 Jan + 1 month is the last day of Feb."""
    local = _aware(start).astimezone(AMSTERDAM)
    month_index = local.month - 1 + months
    year, month = local.year + month_index // 12, month_index % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    moved = local.replace(tzinfo=None, year=year, month=month, day=min(local.day, last))
    return moved.replace(tzinfo=AMSTERDAM).astimezone(UTC)
