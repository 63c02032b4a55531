"""How times are shown: stored in UTC, shown in Europe/Amsterdam (or TIME_ZONE)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings


def local_time(value: datetime | None) -> str:
    if value is None:
        return ""
    zone = ZoneInfo(settings.TIME_ZONE)
    return f"{value.astimezone(zone):%d-%m-%Y %H:%M:%S} ({settings.TIME_ZONE})"
