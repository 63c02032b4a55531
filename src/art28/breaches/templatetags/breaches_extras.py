"""Template filters of the breach pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def duration(seconds: float) -> str:
    """Seconds as '5 h 03 min' (absolute; the page says whether it is overdue)."""
    total = int(abs(seconds)) // 60
    hours, minutes = divmod(total, 60)
    return _("%(h)s h %(m)02d min") % {"h": hours, "m": minutes}
