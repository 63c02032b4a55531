"""How times are shown: stored in UTC, shown in Europe/Amsterdam (or TIME_ZONE)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone


def local_time(value: datetime | None) -> str:
    """``value`` to the second in the display zone, named: ``31-03-2026 14:05:00 (Europe/Amsterdam)``."""
    if value is None:
        return ""
    zone = ZoneInfo(settings.TIME_ZONE)
    return f"{value.astimezone(zone):%d-%m-%Y %H:%M:%S} ({settings.TIME_ZONE})"


def local_minute(value: datetime) -> str:
    """``value`` to the minute in the display zone, for lists and exports: ``2026-03-31 14:05``."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def local_input(value: datetime | None = None) -> str:
    """``value`` (default: now) in the display zone as an ``<input type="datetime-local">`` value."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def local_deadline(value: datetime | None) -> str:
    """``value`` to the minute in the current time zone, in the active language, for people:
    ``30 March 2026, 14:00`` or ``30 maart 2026, 14:00``; never seconds."""
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "j F Y, H:i")
