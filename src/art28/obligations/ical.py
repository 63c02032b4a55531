"""A small iCalendar (RFC 5545) writer for the deadline feed: one VEVENT per dated obligation."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from art28.obligations.collect import Obligation


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> str:
    """Lines of at most 75 octets; continuation lines start with a space (RFC 5545 3.1)."""
    out: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar(rows: list[Obligation], *, name: str, now: datetime | None = None) -> str:
    """The feed: deadlines as zero-length events in UTC (calendars show them in local time)."""
    now = now or timezone.now()
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//art28//obligations//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape(name)}"]
    for o in rows:
        if o.due is None:
            continue
        lines += ["BEGIN:VEVENT", f"UID:{o.uid}@art28", f"DTSTAMP:{_stamp(now)}",
                  f"DTSTART:{_stamp(o.due)}", f"DTEND:{_stamp(o.due)}",
                  f"SUMMARY:{_escape(f'{o.kind_label}: {o.what}')}",
                  f"DESCRIPTION:{_escape(o.controller)}", f"URL:{settings.BASE_URL}{o.url}",
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
