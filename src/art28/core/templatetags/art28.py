"""Template filters: local times and readable change lines."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from art28.core.localtime import local_deadline, local_time

register = template.Library()


@register.filter
def localtime(value: datetime | None) -> str:
    return local_time(value)


@register.filter
def minute(value: datetime | None) -> str:
    """For people, in the portal: date and time to the minute in the reader's language."""
    return local_deadline(value)


def _show(value: Any) -> str:
    if value in (None, "", []):
        return _("(not stated)")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


@register.filter
def change_line(change: Any) -> str:
    """One entry of a version's ``changes`` list as 'what: old → new'."""
    if not isinstance(change, dict):
        return str(change)
    lang = "nl" if get_language() == "nl" else "en"
    what = change.get(f"label_{lang}") or change.get("label") or change.get("path") or "?"
    old = change.get("old", change.get("before"))
    new = change.get("new", change.get("after"))
    return f"{what}: {_show(old)} → {_show(new)}"
