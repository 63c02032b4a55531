"""Template filters of the breach pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from art28.breaches.models import Stage

register = template.Library()


@register.filter
def duration(seconds: float) -> str:
    """Seconds as '5 h 03 min' (absolute; the page says whether it is overdue)."""
    total = int(abs(seconds)) // 60
    hours, minutes = divmod(total, 60)
    return _("%(h)s h %(m)02d min") % {"h": hours, "m": minutes}


@register.filter
def notice_heading(item: Any) -> str:
    """A breach notice's name in the reader's language, from the facts it was sent with.

    The e-mail's subject stays in the language the notice was sent in (the agreement's); a
    page names the notice in the language of whoever reads it.
    """
    facts = item.facts or {}
    values = {"reference": facts.get("reference", ""), "number": item.number}
    if item.stage == Stage.INITIAL:
        name = _("Personal data breach %(reference)s") % values
    elif item.stage == Stage.FINAL:
        name = _("Final report on personal data breach %(reference)s") % values
    else:
        name = _("Update %(number)s on personal data breach %(reference)s") % values
    title = facts.get("title", "")
    return f"{name}: {title}" if title else name
