"""``{% status_badge %}``: one badge for every status on every page."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString

from art28.core.status import choices_named, choices_of, tone

register = template.Library()


def _choices_and_value(obj: Any, choices: Any, field: str) -> tuple[type[models.TextChoices], Any]:
    if isinstance(obj, models.Model):
        value = getattr(obj, field)  # a field, or a property that returns an enum member
        if not isinstance(value, models.TextChoices):
            return choices_of(obj._meta.get_field(field)), value
        obj = value
    if isinstance(obj, models.TextChoices):  # every status enum is a TextChoices
        return type(obj), obj.value
    if isinstance(choices, str):
        return choices_named(choices), obj
    return choices, obj


@register.simple_tag
def status_badge(obj: Any, choices: Any = None, field: str = "status") -> SafeString:
    """The translated label of a status in the badge of its tone.

    ``obj`` is a model instance (its ``field``, ``status`` by default), a ``TextChoices``
    member, or a plain value with ``choices``: the enum or its registered name.
    """
    enum, value = _choices_and_value(obj, choices, field)
    if value in (None, ""):
        return format_html('<span class="badge">{}</span>', "—")
    try:
        label = enum(value).label
    except ValueError:
        label = value
    return format_html('<span class="badge badge-{}">{}</span>', tone(enum, value), label)
