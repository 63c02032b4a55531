"""How a row of the list reads: the deadline in local time and the time left in words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from art28.core.localtime import local_deadline
from art28.obligations.collect import Obligation


def time_left_text(seconds: float | None) -> str:
    """'2 days 3 hours', '45 minutes', 'overdue by 5 hours' or 'no deadline'."""
    if seconds is None:
        return _("no deadline")
    minutes = int(abs(seconds) // 60)
    days, hours, mins = minutes // 1440, minutes % 1440 // 60, minutes % 60
    if days:
        text = ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
        if hours:
            text += " " + ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    elif hours:
        text = ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    else:
        text = ngettext("%(n)d minute", "%(n)d minutes", mins) % {"n": mins}
    return _("overdue by %(left)s") % {"left": text} if seconds < 0 else text


def as_rows(rows: list[Obligation], now: datetime | None = None) -> list[dict[str, Any]]:
    now = now or timezone.now()
    return [{"o": o, "kind": o.kind_label, "due": local_deadline(o.due) or _("no deadline"),
             "left": time_left_text(o.seconds_left(now)), "css": o.urgency(now)} for o in rows]
