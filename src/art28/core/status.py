"""Statuses on the page: which badge colour each status of each ``TextChoices`` gets.

A status enum is registered with ``@status_tones(...)`` next to its definition; the
``{% status_badge %}`` tag (``core/templatetags/art28_status.py``) then shows the member's
translated label in the badge of its tone. Nothing here knows a domain app.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models


class Tone(StrEnum):
    """A badge colour: the value is the ``badge-<value>`` class of the stylesheet."""

    NEUTRAL = "draft"
    WAITING = "sent"
    ACTIVE = "accepted"
    DONE = "signed"
    ENDED = "superseded"
    PROBLEM = "missing"


C = TypeVar("C", bound=type[models.TextChoices])

_TONES: dict[type[models.TextChoices], dict[str, Tone]] = {}
_BY_FIELD: dict[Any, type[models.TextChoices]] = {}


def status_tones(default: Tone = Tone.NEUTRAL, **by_name: Tone) -> Callable[[C], C]:
    """Class decorator: register a status enum, its members' tones by member name."""

    def register(choices: C) -> C:
        unknown = set(by_name) - set(choices.names)
        if unknown:
            raise ImproperlyConfigured(f"{choices.__name__} has no member {sorted(unknown)}")
        _TONES[choices] = {member.value: by_name.get(member.name, default) for member in choices}
        return choices

    return register


def registered() -> list[type[models.TextChoices]]:
    """Every registered status enum."""
    return list(_TONES)


def choices_named(name: str) -> type[models.TextChoices]:
    """The registered status enum called ``name`` (for a value that is not a model field)."""
    for choices in _TONES:
        if choices.__name__ == name:
            return choices
    raise LookupError(f"no status enum {name!r} is registered")


def choices_of(field: Any) -> type[models.TextChoices]:
    """The registered status enum whose members are a model field's choices."""
    if field not in _BY_FIELD:
        pairs = [(value, str(label)) for value, label in field.choices or ()]
        found = [c for c in _TONES if [(m.value, str(m.label)) for m in c] == pairs]
        if not found:
            raise LookupError(f"{field} has no registered status enum")
        _BY_FIELD[field] = found[0]
    return _BY_FIELD[field]


def tone(choices: type[models.TextChoices], value: str) -> Tone:
    return _TONES.get(choices, {}).get(value, Tone.NEUTRAL)
