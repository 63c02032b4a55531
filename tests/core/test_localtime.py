"""Times are stored in UTC and shown in the display zone (Europe/Amsterdam), across DST."""

from __future__ import annotations

from datetime import UTC, datetime

from art28.core.localtime import local_input, local_minute, local_time

WINTER = datetime(2026, 1, 15, 11, 5, 9, tzinfo=UTC)
SUMMER = datetime(2026, 7, 15, 11, 5, 9, tzinfo=UTC)


def test_it_shows_the_second_and_names_the_zone():
    assert local_time(WINTER) == "15-01-2026 12:05:09 (Europe/Amsterdam)"
    assert local_time(SUMMER) == "15-07-2026 13:05:09 (Europe/Amsterdam)"
    assert local_time(None) == ""


def test_it_shows_the_minute_for_lists_and_exports():
    assert local_minute(WINTER) == "2026-01-15 12:05"
    assert local_minute(SUMMER) == "2026-07-15 13:05"


def test_it_fills_a_datetime_local_input(time_machine):
    assert local_input(SUMMER) == "2026-07-15T13:05"
    time_machine.move_to(WINTER, tick=False)
    assert local_input() == "2026-01-15T12:05"
