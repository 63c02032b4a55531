"""The next 30 days as a server-rendered SVG: one column a day, one mark per deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import formats, timezone

from art28.obligations.collect import DueList, Obligation

DAYS = 30
DAY_WIDTH = 30
LEFT = 8
BASE = 96  # y of the day axis
MARK = 9  # height of one deadline's mark
PER_DAY = 8  # marks drawn in one day's column


@dataclass(frozen=True)
class Mark:
    x: int
    y: int
    css: str
    title: str


@dataclass(frozen=True)
class Day:
    x: int
    label: str
    weekend: bool
    month: str  # under the first day and under each 1st: "november", "december"


def timeline(rows: list[Obligation], now: datetime | None = None) -> dict[str, object]:
    """Marks and day labels for ``web/obligations/_timeline.html``; overdue rows stack on day 0."""
    now = now or timezone.now()
    zone = timezone.get_default_timezone()
    today = now.astimezone(zone).date()
    dates = [today + timedelta(days=i) for i in range(DAYS)]
    # The month's name under the first day and under each 1st; under the first day only its
    # short name when the next day is a 1st, so that the two names do not overlap.
    months = {i: formats.date_format(d, "F") for i, d in enumerate(dates) if d.day == 1}
    months.setdefault(0, formats.date_format(today, "b" if 1 in months else "F"))
    days = [Day(x=LEFT + i * DAY_WIDTH, label=f"{d.day}", weekend=d.weekday() >= 5,
                month=months.get(i, "")) for i, d in enumerate(dates)]
    stack: dict[int, int] = {}
    marks: list[Mark] = []
    hidden = 0
    for o in rows:
        if o.due is None:
            continue
        index = max(0, (o.due.astimezone(zone).date() - today).days)
        if index >= DAYS:
            continue
        n = stack.get(index, 0)
        stack[index] = n + 1
        if n >= PER_DAY:  # the column is full; the list below still has them all
            hidden += 1
            continue
        marks.append(Mark(x=LEFT + index * DAY_WIDTH + 3, y=BASE - (n + 1) * (MARK + 1),
                          css=o.urgency(now), title=f"{o.kind_label}: {o.what} ({o.controller})"))
    return {"days": days, "marks": marks, "hidden": hidden,
            "width": LEFT * 2 + DAYS * DAY_WIDTH, "height": BASE + 18, "base": BASE,
            "mark_width": DAY_WIDTH - 6, "mark_height": MARK}


def list_timeline(rows: DueList, now: datetime | None = None) -> dict[str, object]:
    """The timeline of a whole list, read from the database a day's column at a time: only
    the marks drawn are built, the rest counted."""
    now = now or timezone.now()
    today = now.astimezone(timezone.get_default_timezone()).date()
    zone = timezone.get_default_timezone()
    ends = [timezone.make_aware(datetime.combine(today + timedelta(days=i), time.min), zone)
            for i in range(1, DAYS + 1)]
    shown, more = rows.by_day(ends, PER_DAY)
    drawn = timeline(shown, now)
    drawn["hidden"] = int(drawn["hidden"]) + more  # type: ignore[call-overload]
    return drawn
